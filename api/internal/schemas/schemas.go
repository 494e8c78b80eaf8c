// Package schemas holds the small readings of OpenAPI schemas that the
// normaliser and the table derivations (pagination, retry) share.
package schemas

import "github.com/getkin/kin-openapi/openapi3"

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
