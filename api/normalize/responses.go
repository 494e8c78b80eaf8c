package normalize

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// shareInlineResponses moves an inline success response schema that several
// operations declare identically into components/schemas, and points each
// of them at it. Intercom declares the contact that POST /contacts, GET and
// PUT /contacts/{id} answer as one inline "contact, plus
// enabled_push_messaging" schema per operation; oapi-codegen makes each a
// type of its own (CreateContact200JSONResponseBody, ...), so a value from
// one call cannot be assigned where another's is held. The shared schema is
// named after the one schema it extends (contact -> contact_response), or
// after the first operation.
func shareInlineResponses(doc *openapi3.T, log *Log) {
	type use struct {
		ptr    string
		holder *openapi3.MediaType
		op     string
	}
	groups := map[string][]use{}
	var keys []string
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		if op.Responses == nil {
			return
		}
		for _, code := range sortedKeys(op.Responses.Map()) {
			r := op.Responses.Value(code)
			if !strings.HasPrefix(code, "2") || r == nil || r.Value == nil {
				continue
			}
			for _, mt := range sortedKeys(r.Value.Content) {
				m := r.Value.Content[mt]
				if m == nil || m.Schema == nil || m.Schema.Ref != "" || m.Schema.Value == nil || !strings.Contains(mt, "json") {
					continue
				}
				s := m.Schema.Value
				if len(s.Properties) == 0 && len(s.AllOf) == 0 {
					continue // a bare array or scalar: nothing to share a name for
				}
				key, err := json.Marshal(s)
				if err != nil {
					continue
				}
				k := string(key)
				if groups[k] == nil {
					keys = append(keys, k)
				}
				groups[k] = append(groups[k], use{join(ptr, "responses", code, "content", mt, "schema"), m, op.OperationID})
			}
		}
	})
	sort.Strings(keys)
	for _, k := range keys {
		us := groups[k]
		if len(us) < 2 {
			continue
		}
		s := us[0].holder.Schema.Value
		name := snake(us[0].op) + "_response"
		if len(s.AllOf) == 1 && s.AllOf[0].Ref != "" {
			name = strings.TrimPrefix(s.AllOf[0].Ref, schemaPrefix) + "_response"
		}
		for base, n := name, 2; doc.Components.Schemas[name] != nil; n++ {
			name = base + itoa(n)
		}
		doc.Components.Schemas[name] = openapi3.NewSchemaRef("", s)
		for _, u := range us {
			u.holder.Schema = openapi3.NewSchemaRef(schemaPrefix+name, s)
			log.add("shared-inline-response", u.ptr, "moved to #/components/schemas/%s (%d operations declare it)", name, len(us))
		}
	}
}
