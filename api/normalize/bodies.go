package normalize

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// hoistUnionBodies moves inline oneOf/anyOf request body schemas into
// components/schemas. oapi-codegen declares an inline union body as
// "type XJSONRequestBody XJSONBody", a new type that loses the union's
// MarshalJSON and From/As methods, so the generated client sends {} and
// callers cannot fill it. A $ref body becomes an alias that keeps them.
func hoistUnionBodies(doc *openapi3.T, log *Log) {
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		rb := op.RequestBody
		if rb == nil || rb.Ref != "" || rb.Value == nil || op.OperationID == "" {
			return
		}
		for _, mt := range sortedKeys(rb.Value.Content) {
			m := rb.Value.Content[mt]
			if m == nil || m.Schema == nil || m.Schema.Ref != "" || m.Schema.Value == nil || !strings.Contains(mt, "json") {
				continue
			}
			s := m.Schema.Value
			if len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
				continue
			}
			name := snake(op.OperationID) + "_request_body"
			for base, n := name, 2; doc.Components.Schemas[name] != nil; n++ {
				name = base + itoa(n)
			}
			doc.Components.Schemas[name] = openapi3.NewSchemaRef("", s)
			m.Schema = openapi3.NewSchemaRef(schemaPrefix+name, s)
			log.add("inline-union-request-body", join(ptr, "requestBody", "content", mt, "schema"), "moved to #/components/schemas/%s", name)
		}
	})
}

// snake turns an operationId (camelCase or PascalCase) into snake_case.
func snake(id string) string {
	var b strings.Builder
	for i, r := range id {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
