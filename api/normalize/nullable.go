package normalize

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/internal/schemas"
)

// dropResponseOnlyNullable removes nullable from schemas that no request can
// carry. The generator turns nullable into nullable.Nullable[T], a map that
// costs an allocation per field on every decode and is awkward to read; in
// data that is only received, a pointer tells null from a value as well.
// But the generator makes a pointer only of an optional property: a required
// one is a plain value, where null would read as 0 or "" (2.11's
// contact.last_seen_at as 1970). So a required property whose schema is
// nullable is first made optional (its pointer holds null as nil), and only
// then is nullable dropped. Schemas reachable from a request body or
// parameter keep nullable so that a caller can send an explicit null (e.g.
// parent_id: null moves a collection to the top level).
func dropResponseOnlyNullable(doc *openapi3.T, log *Log) {
	sent := requestSchemas(doc)
	received := func(ptr string) bool {
		if name, ok := componentOf(ptr); ok && sent[name] {
			return false
		}
		return !strings.Contains(ptr, "/requestBody/") && !strings.Contains(ptr, "/parameters/")
	}
	// First, while every nullable is still in place: required properties
	// that can be null become optional. The struct the generator writes
	// for an allOf merges its members, whose required lists may name a
	// property only the outer schema declares (2.11's article requires,
	// through article_list_item, its own nullable statistics).
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || !received(ptr) {
			return
		}
		merged := schemas.Properties(s)
		unrequire := func(owner *openapi3.Schema, where string) {
			if len(owner.Required) == 0 {
				return
			}
			kept := owner.Required[:0:0]
			for _, name := range owner.Required {
				own := owner.Properties[name]
				p := merged[name]
				if own != nil {
					p = own
				}
				if p != nil && (own != nil || owner != s) && nullableRef(p) {
					log.add("nullable-response-only", join(where, "required"), "%s is nullable: made optional so that its pointer holds null", name)
					continue
				}
				kept = append(kept, name)
			}
			owner.Required = kept
		}
		unrequire(s, ptr)
		for i, m := range s.AllOf {
			if m == nil || m.Value == nil {
				continue
			}
			where := join(ptr, "allOf", itoa(i))
			if name, ok := strings.CutPrefix(m.Ref, schemaPrefix); ok {
				if sent[name] {
					continue
				}
				where = pointer("components", "schemas", name)
			}
			unrequire(m.Value, where)
		}
	})
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || !s.Nullable {
			return
		}
		if !received(ptr) {
			return
		}
		s.Nullable = false
		log.add("nullable-response-only", join(ptr, "nullable"), "dropped: only ever received")
	})
}

// nullableRef reports whether a property can be null: its schema is
// nullable (see canBeNull), or it is a $ref with nullable written beside
// it, which OpenAPI 3.0 ignores and so does the generator, but which says
// what Intercom sends (2.11's ticket.ticket_type, article.statistics).
func nullableRef(p *openapi3.SchemaRef) bool {
	if p == nil {
		return false
	}
	if p.Ref != "" {
		raw, err := json.Marshal(p)
		if err == nil {
			var sib struct {
				Nullable bool `json:"nullable"`
			}
			if json.Unmarshal(raw, &sib) == nil && sib.Nullable {
				return true
			}
		}
	}
	return canBeNull(p.Value, 0)
}

// canBeNull reports whether a schema admits null as the generator sees it:
// nullable itself, or through a member of its allOf.
func canBeNull(s *openapi3.Schema, depth int) bool {
	if s == nil || depth > 32 {
		return false
	}
	if s.Nullable {
		return true
	}
	for _, m := range s.AllOf {
		if m != nil && canBeNull(m.Value, depth+1) {
			return true
		}
	}
	return false
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
