package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// flattenQueryObjects replaces an exploded form-style query parameter whose
// schema is an object, or a oneOf/anyOf of objects, of scalar properties by
// one optional query parameter per property. On the wire nothing changes
// (style form, explode true sends each property as its own name=value), but
// the generator turns the union into an opaque type that callers must fill
// through From/As methods, and neither Prism nor kin-openapi can validate an
// exploded union. The "exactly one of" constraint is left to the server.
// Upstream: filter on GET /events (user_id, intercom_user_id or email).
func flattenQueryObjects(doc *openapi3.T, log *Log) {
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		var out openapi3.Parameters
		changed := false
		for i, p := range op.Parameters {
			props, ok := explodedObjectProps(p)
			if !ok {
				out = append(out, p)
				continue
			}
			changed = true
			var names []string
			for _, name := range sortedKeys(props) {
				if op.Parameters.GetByInAndName(openapi3.ParameterInQuery, name) != nil {
					continue // an explicit parameter of that name wins
				}
				q := openapi3.NewQueryParameter(name).WithSchema(props[name].Value)
				q.Description = p.Value.Description
				out = append(out, &openapi3.ParameterRef{Value: q})
				names = append(names, name)
			}
			log.add("exploded-query-object", join(ptr, "parameters", itoa(i)),
				"object parameter %q split into query parameters %v", p.Value.Name, names)
		}
		if changed {
			op.Parameters = out
		}
	})
}

// explodedObjectProps returns the scalar properties of an exploded
// form-style object query parameter, merged over its oneOf/anyOf variants.
func explodedObjectProps(p *openapi3.ParameterRef) (map[string]*openapi3.SchemaRef, bool) {
	if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInQuery || p.Value.Schema == nil || p.Value.Schema.Value == nil {
		return nil, false
	}
	v := p.Value
	if (v.Style != "" && v.Style != openapi3.SerializationForm) || (v.Explode != nil && !*v.Explode) {
		return nil, false
	}
	s := v.Schema.Value
	variants := append(append(openapi3.SchemaRefs{}, s.OneOf...), s.AnyOf...)
	if len(variants) == 0 {
		if s.Type == nil || !s.Type.Is(openapi3.TypeObject) {
			return nil, false
		}
		variants = openapi3.SchemaRefs{v.Schema}
	}
	props := map[string]*openapi3.SchemaRef{}
	for _, vr := range variants {
		if vr == nil || vr.Value == nil || len(vr.Value.Properties) == 0 {
			return nil, false
		}
		for name, prop := range vr.Value.Properties {
			if prop == nil || prop.Value == nil || prop.Value.Type == nil ||
				prop.Value.Type.Is(openapi3.TypeObject) || prop.Value.Type.Is(openapi3.TypeArray) {
				return nil, false
			}
			props[name] = prop
		}
	}
	return props, true
}
