package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// addMissingItems gives arrays without items an any-value item schema, which
// oapi-codegen needs to emit a slice type at all.
func addMissingItems(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || s.Items != nil || s.Type == nil || !s.Type.Is(openapi3.TypeArray) {
			return
		}
		s.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
		log.add("array-without-items", ptr, "items set to any value")
	})
}

// looseCustomAttributes lets custom_attributes hold any JSON value. Intercom
// documents them as string maps, but workspaces define boolean, number and
// date attributes, and a string-only map fails to decode those.
func looseCustomAttributes(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil {
			return
		}
		if c := doc.Components; c != nil && c.Schemas["custom_attributes"] == ref {
			loosenMap(ptr, s, log)
		}
		if attr := s.Properties["custom_attributes"]; attr != nil && attr.Ref == "" && attr.Value != nil {
			loosenMap(join(ptr, "properties", "custom_attributes"), attr.Value, log)
		}
	})
}

func loosenMap(ptr string, s *openapi3.Schema, log *Log) {
	ap := s.AdditionalProperties.Schema
	if ap == nil || (ap.Ref == "" && ap.Value != nil && isAnyValue(ap.Value)) {
		return
	}
	s.AdditionalProperties = openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", &openapi3.Schema{})}
	log.add("custom-attributes-any-value", join(ptr, "additionalProperties"), "values may be any JSON value")
}

// isAnyValue reports whether s constrains nothing.
func isAnyValue(s *openapi3.Schema) bool {
	return (s.Type == nil || len(*s.Type) == 0) && s.Format == "" && len(s.Enum) == 0 &&
		len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.AllOf) == 0 && s.Properties == nil && s.Items == nil
}

// strictFormats are string formats whose oapi-codegen Go types validate while
// decoding. Intercom sends request ids that are not UUIDs and empty emails,
// so a response carrying them would fail to decode as a whole.
var strictFormats = map[string]bool{"uuid": true, "email": true}

func dropStrictFormats(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || !strictFormats[s.Format] {
			return
		}
		log.add("strict-string-format", join(ptr, "format"), "dropped format %q", s.Format)
		s.Format = ""
	})
}
