package normalize

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// keepUndeclaredMembers gives every object schema that responses carry a
// place for the members Intercom sends and the schema does not declare
// (contacts carried 43 such members in recorded traffic before overlays
// declared them, and Intercom adds members before its descriptions do):
// an Undeclared field, map[string]json.RawMessage and json:"-", that the
// generated decoders fill and the generated MarshalJSON writes back, so
// that decoding then encoding a response loses nothing
// (api/cmd/intercomgen/codec_lenient.go). Schemas with additionalProperties
// already keep them; unions and allOf compositions get the field through
// their members.
func keepUndeclaredMembers(doc *openapi3.T, log *Log) {
	sent := requestSchemas(doc)
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || len(s.Properties) == 0 || !isObject(s) {
			return
		}
		if len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 || s.AdditionalProperties.Has != nil || s.AdditionalProperties.Schema != nil {
			return
		}
		if name, ok := componentOf(ptr); ok && sent[name] {
			return
		}
		if strings.Contains(ptr, "/requestBody/") || strings.Contains(ptr, "/parameters/") {
			return
		}
		if s.Properties[undeclaredProperty] != nil {
			return
		}
		s.Properties[undeclaredProperty] = &openapi3.SchemaRef{Value: &openapi3.Schema{
			Type:        &openapi3.Types{"object"},
			Description: "Members Intercom sent that this schema does not declare, as raw JSON by name; written back when the value is encoded (see docs/divergences.md). Not a member of the object.",
			Extensions: map[string]any{
				"x-go-name":                       "Undeclared",
				"x-go-type":                       "map[string]json.RawMessage",
				"x-go-type-skip-optional-pointer": true,
				extGoOnly:                         true,
				extExtraTags:                      map[string]any{lenientTagKey: "undeclared"},
			},
		}}
		log.add("undeclared-members", ptr, "Undeclared field keeps members the schema does not declare")
	})
}

// undeclaredProperty is the name of the property keepUndeclaredMembers adds.
const undeclaredProperty = "undeclared_members"
