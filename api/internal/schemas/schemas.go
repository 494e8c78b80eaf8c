// Package schemas holds the small readings of OpenAPI schemas that the
// normaliser and the table derivations (pagination, retry) share.
package schemas

import (
	"iter"
	"maps"
	"net/http"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// Properties returns the properties of s merged with those of its allOf
// members (recursively), s's own winning: the members an object declares
// however the description composes it. s must not be nil. When s has no
// allOf, its own map is returned, not a copy.
func Properties(s *openapi3.Schema) openapi3.Schemas {
	if len(s.AllOf) == 0 {
		return s.Properties
	}
	out := openapi3.Schemas{}
	for _, sub := range s.AllOf {
		if sub != nil && sub.Value != nil {
			for k, v := range Properties(sub.Value) {
				out[k] = v
			}
		}
	}
	for k, v := range s.Properties {
		out[k] = v
	}
	return out
}

// ResponseProperties returns the properties (Properties) of op's 200
// application/json response, or nil when it declares none: the answer a
// list, a page or a retry class is read from.
func ResponseProperties(op *openapi3.Operation) openapi3.Schemas {
	if op == nil || op.Responses == nil {
		return nil
	}
	r := op.Responses.Status(http.StatusOK)
	if r == nil || r.Value == nil {
		return nil
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	return Properties(mt.Schema.Value)
}

// Operation is one operation of a description, with where it sits.
type Operation struct {
	Path   string
	Method string // as kin-openapi spells it: "GET", "POST", ...
	Item   *openapi3.PathItem
	Op     *openapi3.Operation
}

// Operations yields every operation of doc in a stable order, by path and
// then by method name, so that what is derived from them (the pagination
// and retry tables) is written the same way each time.
func Operations(doc *openapi3.T) iter.Seq[Operation] {
	return func(yield func(Operation) bool) {
		if doc == nil || doc.Paths == nil {
			return
		}
		paths := doc.Paths.Map()
		for _, path := range slices.Sorted(maps.Keys(paths)) {
			item := paths[path]
			if item == nil {
				continue
			}
			ops := item.Operations()
			for _, m := range slices.Sorted(maps.Keys(ops)) {
				if !yield(Operation{Path: path, Method: m, Item: item, Op: ops[m]}) {
					return
				}
			}
		}
	}
}
