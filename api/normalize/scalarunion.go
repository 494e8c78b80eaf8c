package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// scalarUnionParams types a parameter whose schema is a oneOf or anyOf of
// members that are all one scalar type (the id of POST
// /conversations/{id}/reply: an id string, or the string enum "last") as
// that type. The generator otherwise makes it a union struct that builds,
// but that its runtime cannot put into a URL (it panics styling it); on
// the wire every member is the same string or number anyway.
func scalarUnionParams(doc *openapi3.T, log *Log) {
	fix := func(ptr string, params openapi3.Parameters) {
		for i, p := range params {
			if p == nil || p.Value == nil || p.Value.Schema == nil || p.Value.Schema.Value == nil {
				continue
			}
			typ, format, ok := scalarUnion(p.Value.Schema.Value)
			if !ok {
				continue
			}
			// Copy rather than edit in place: a $ref'd parameter may be shared.
			fixed := *p.Value
			old := p.Value.Schema.Value
			s := &openapi3.Schema{Type: &openapi3.Types{typ}, Format: format, Description: old.Description, Nullable: old.Nullable}
			fixed.Schema = &openapi3.SchemaRef{Value: s}
			params[i] = &openapi3.ParameterRef{Value: &fixed}
			log.add("scalar-union-param", join(ptr, "parameters", itoa(i), "schema"),
				"parameter %q: a union of %s members typed as %s", fixed.Name, typ, typ)
		}
	}
	if doc.Paths != nil {
		for _, path := range sortedKeys(doc.Paths.Map()) {
			item := doc.Paths.Value(path)
			fix(pointer("paths", path), item.Parameters)
		}
	}
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) { fix(ptr, op.Parameters) })
}

// scalarUnion reports the one scalar type all members of s's oneOf or
// anyOf share (looking through nested unions), and their common format.
func scalarUnion(s *openapi3.Schema) (typ, format string, ok bool) {
	members := append(append(openapi3.SchemaRefs{}, s.OneOf...), s.AnyOf...)
	if len(members) == 0 || len(s.Properties) > 0 {
		return "", "", false
	}
	first := true
	for _, m := range members {
		if m == nil || m.Value == nil {
			return "", "", false
		}
		var t, f string
		if len(m.Value.OneOf)+len(m.Value.AnyOf) > 0 {
			if t, f, ok = scalarUnion(m.Value); !ok {
				return "", "", false
			}
		} else {
			if m.Value.Type == nil || len(*m.Value.Type) != 1 {
				return "", "", false
			}
			t, f = (*m.Value.Type)[0], m.Value.Format
		}
		switch t {
		case openapi3.TypeString, openapi3.TypeInteger, openapi3.TypeNumber, openapi3.TypeBoolean:
		default:
			return "", "", false
		}
		if first {
			typ, format, first = t, f, false
			continue
		}
		if t != typ {
			return "", "", false
		}
		if f != format {
			format = ""
		}
	}
	return typ, format, true
}
