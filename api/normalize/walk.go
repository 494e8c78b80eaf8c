package normalize

import (
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// schemaVisit is called for every schema reference in a document, with the
// JSON pointer of the node that holds it. A reference that points elsewhere
// ($ref set) is visited but not entered: its target is visited where it is
// defined, which keeps the walk finite on recursive schemas.
type schemaVisit func(ptr string, ref *openapi3.SchemaRef)

// operationVisit is called for every operation with its path and method.
type operationVisit func(ptr, path, method string, op *openapi3.Operation)

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func opOf(item *openapi3.PathItem, method string) *openapi3.Operation {
	return item.GetOperation(strings.ToUpper(method))
}

// eachOperation visits operations in a stable order (path, then method).
func eachOperation(doc *openapi3.T, fn operationVisit) {
	if doc.Paths == nil {
		return
	}
	paths := doc.Paths.Map()
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, p := range keys {
		item := paths[p]
		if item == nil {
			continue
		}
		for _, m := range methods {
			if op := opOf(item, m); op != nil {
				fn(pointer("paths", p, m), p, m, op)
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// eachSchema visits every schema of the document: components, parameters,
// request bodies, responses and headers, in a stable order.
func eachSchema(doc *openapi3.T, fn schemaVisit) {
	if c := doc.Components; c != nil {
		for _, k := range sortedKeys(c.Schemas) {
			walkSchema(pointer("components", "schemas", k), c.Schemas[k], fn)
		}
		for _, k := range sortedKeys(c.Parameters) {
			walkParameter(pointer("components", "parameters", k), c.Parameters[k], fn)
		}
		for _, k := range sortedKeys(c.RequestBodies) {
			if rb := c.RequestBodies[k]; rb != nil && rb.Ref == "" && rb.Value != nil {
				walkContent(pointer("components", "requestBodies", k, "content"), rb.Value.Content, fn)
			}
		}
		for _, k := range sortedKeys(c.Responses) {
			walkResponse(pointer("components", "responses", k), c.Responses[k], fn)
		}
		for _, k := range sortedKeys(c.Headers) {
			if h := c.Headers[k]; h != nil && h.Ref == "" && h.Value != nil {
				walkSchema(pointer("components", "headers", k, "schema"), h.Value.Schema, fn)
			}
		}
	}
	if doc.Paths == nil {
		return
	}
	for _, p := range sortedKeys(doc.Paths.Map()) {
		item := doc.Paths.Value(p)
		if item == nil {
			continue
		}
		for i, prm := range item.Parameters {
			walkParameter(pointer("paths", p, "parameters", itoa(i)), prm, fn)
		}
	}
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		for i, prm := range op.Parameters {
			walkParameter(join(ptr, "parameters", itoa(i)), prm, fn)
		}
		if rb := op.RequestBody; rb != nil && rb.Ref == "" && rb.Value != nil {
			walkContent(join(ptr, "requestBody", "content"), rb.Value.Content, fn)
		}
		if op.Responses != nil {
			for _, code := range sortedKeys(op.Responses.Map()) {
				walkResponse(join(ptr, "responses", code), op.Responses.Value(code), fn)
			}
		}
	})
}

func walkParameter(ptr string, p *openapi3.ParameterRef, fn schemaVisit) {
	if p == nil || p.Ref != "" || p.Value == nil {
		return
	}
	walkSchema(join(ptr, "schema"), p.Value.Schema, fn)
	walkContent(join(ptr, "content"), p.Value.Content, fn)
}

func walkResponse(ptr string, r *openapi3.ResponseRef, fn schemaVisit) {
	if r == nil || r.Ref != "" || r.Value == nil {
		return
	}
	walkContent(join(ptr, "content"), r.Value.Content, fn)
	for _, k := range sortedKeys(r.Value.Headers) {
		if h := r.Value.Headers[k]; h != nil && h.Ref == "" && h.Value != nil {
			walkSchema(join(ptr, "headers", k, "schema"), h.Value.Schema, fn)
		}
	}
}

func walkContent(ptr string, c openapi3.Content, fn schemaVisit) {
	for _, mt := range sortedKeys(c) {
		if m := c[mt]; m != nil {
			walkSchema(join(ptr, mt, "schema"), m.Schema, fn)
		}
	}
}

func walkSchema(ptr string, ref *openapi3.SchemaRef, fn schemaVisit) {
	if ref == nil {
		return
	}
	fn(ptr, ref)
	if ref.Ref != "" || ref.Value == nil {
		return
	}
	s := ref.Value
	for _, k := range sortedKeys(s.Properties) {
		walkSchema(join(ptr, "properties", k), s.Properties[k], fn)
	}
	walkSchema(join(ptr, "items"), s.Items, fn)
	walkSchema(join(ptr, "additionalProperties"), s.AdditionalProperties.Schema, fn)
	walkSchema(join(ptr, "not"), s.Not, fn)
	for i, sub := range s.AllOf {
		walkSchema(join(ptr, "allOf", itoa(i)), sub, fn)
	}
	for i, sub := range s.AnyOf {
		walkSchema(join(ptr, "anyOf", itoa(i)), sub, fn)
	}
	for i, sub := range s.OneOf {
		walkSchema(join(ptr, "oneOf", itoa(i)), sub, fn)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
