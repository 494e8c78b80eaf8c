package normalize

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// dropResponseOnlyNullable removes nullable from schemas that no request can
// carry. The generator turns nullable into nullable.Nullable[T], a map that
// costs an allocation per field on every decode and is awkward to read; in
// data that is only received, a plain pointer already tells null from a value.
// Schemas reachable from a request body or parameter keep nullable so that a
// caller can send an explicit null (e.g. parent_id: null moves a collection
// to the top level).
func dropResponseOnlyNullable(doc *openapi3.T, log *Log) {
	sent := requestSchemas(doc)
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || !s.Nullable {
			return
		}
		if name, ok := componentOf(ptr); ok && sent[name] {
			return
		}
		if strings.Contains(ptr, "/requestBody/") || strings.Contains(ptr, "/parameters/") {
			return
		}
		s.Nullable = false
		log.add("nullable-response-only", join(ptr, "nullable"), "dropped: only ever received")
	})
}

// componentOf returns the component schema name a pointer lies in.
func componentOf(ptr string) (string, bool) {
	rest, ok := strings.CutPrefix(ptr, "/components/schemas/")
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(rest, "/")
	return strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~"), true
}

// requestSchemas returns the component schemas reachable from any request
// body or parameter, following $refs transitively.
func requestSchemas(doc *openapi3.T) map[string]bool {
	seen := map[string]bool{}
	var queue []string
	note := func(_ string, ref *openapi3.SchemaRef) {
		if name, ok := strings.CutPrefix(ref.Ref, schemaPrefix); ok && !seen[name] {
			seen[name] = true
			queue = append(queue, name)
		}
	}
	eachOperation(doc, func(ptr, path, _ string, op *openapi3.Operation) {
		for i, p := range append(op.Parameters, doc.Paths.Value(path).Parameters...) {
			walkParameter(join(ptr, "parameters", itoa(i)), p, note)
		}
		if rb := op.RequestBody; rb != nil && rb.Value != nil {
			walkContent(join(ptr, "requestBody", "content"), rb.Value.Content, note)
		}
	})
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if doc.Components != nil {
			walkSchema(pointer("components", "schemas", name), doc.Components.Schemas[name], note)
		}
	}
	return seen
}
