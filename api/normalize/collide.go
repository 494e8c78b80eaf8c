package normalize

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// renameCollisions finds Go identifiers that two things of a description
// would both be generated as, and renames one of them. It predicts names with
// oapi-codegen's own naming functions:
//
//   - component schemas become SchemaNameToTypeName(name);
//   - an inline enum at component/prop becomes ComponentProp (so a "type"
//     enum inside ticket collides with the ticket_type schema);
//   - an enum value v of type T becomes the constant T+V
//     (intercom_version's "Preview" collides with intercom_version_preview);
//   - an operation op yields OpParams, OpResponse, OpJSONBody and
//     OpJSONRequestBody (searchArticles collides with search_articles_response).
//
// Component schemas keep their names where possible, since they are the
// types users know from Intercom's docs: an inline enum that collides is given
// x-go-type-name <Name>Enum. A component that collides with a constant or an
// operation wrapper, which cannot be renamed, moves to <name>_schema, and
// every $ref to it follows.
func renameCollisions(doc *openapi3.T, log *Log) {
	if doc.Components == nil {
		return
	}
	fixed := map[string]string{} // names that cannot move -> what makes them
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		base := codegen.SchemaNameToTypeName(op.OperationID)
		for _, suffix := range []string{"Params", "Response", "JSONBody", "JSONRequestBody"} {
			fixed[base+suffix] = "operation " + ptr
		}
	})
	components := map[string]string{} // Go name -> component
	for _, name := range sortedKeys(doc.Components.Schemas) {
		components[codegen.SchemaNameToTypeName(name)] = name
	}
	// Inline enums first: renaming them can only remove collisions.
	inline := map[string]string{}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		eachInlineEnum(pointer("components", "schemas", name), []string{name}, doc.Components.Schemas[name], func(ptr string, path []string, s *openapi3.Schema) {
			goName := codegen.SchemaNameToTypeName(codegen.PathToTypeName(append([]string(nil), path...)))
			if v, ok := s.Extensions["x-go-type-name"].(string); ok {
				goName = v
			}
			_, clash := components[goName]
			if !clash && inline[goName] == "" && fixed[goName] == "" {
				inline[goName] = ptr
				addConstants(fixed, goName, s, ptr)
				return
			}
			renamed := uniqueName(goName+"Enum", components, inline, fixed)
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions["x-go-type-name"] = renamed
			inline[renamed] = ptr
			addConstants(fixed, renamed, s, ptr)
			log.add("go-name-collision", join(ptr, "x-go-type-name"), "inline enum type %s collides; named %s", goName, renamed)
		})
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		if ref := doc.Components.Schemas[name]; ref.Value != nil && len(ref.Value.Enum) > 0 {
			addConstants(fixed, codegen.SchemaNameToTypeName(name), ref.Value, pointer("components", "schemas", name))
		}
	}
	for _, name := range sortedKeys(doc.Components.Schemas) {
		goName := codegen.SchemaNameToTypeName(name)
		why := fixed[goName]
		if why == "" {
			continue
		}
		newName := name + "_schema"
		for n := 2; doc.Components.Schemas[newName] != nil; n++ {
			newName = fmt.Sprintf("%s_schema%d", name, n)
		}
		renameSchema(doc, name, newName)
		log.add("go-name-collision", pointer("components", "schemas", name),
			"Go type %s is also %s; schema renamed to %s", goName, why, newName)
	}
}

func uniqueName(name string, taken ...map[string]string) string {
	out := name
	for n := 2; ; n++ {
		free := true
		for _, m := range taken {
			if _, ok := m[out]; ok {
				free = false
			}
		}
		if free {
			return out
		}
		out = fmt.Sprintf("%s%d", name, n)
	}
}

// addConstants records the enum constants of type typeName.
func addConstants(into map[string]string, typeName string, s *openapi3.Schema, ptr string) {
	var values []string
	for _, v := range s.Enum {
		if str, ok := v.(string); ok {
			values = append(values, str)
		}
	}
	names := values
	if ext, ok := s.Extensions["x-enum-varnames"].([]any); ok && len(ext) == len(values) { // symbol-enum-names
		names = make([]string, len(ext))
		for i, n := range ext {
			names[i], _ = n.(string)
		}
	}
	for k := range codegen.SanitizeEnumNames(names, values) {
		name := k
		if name == "" {
			name = "Empty"
		}
		if _, ok := into[typeName+name]; !ok {
			into[typeName+name] = "enum constant of " + ptr
		}
	}
}

// eachInlineEnum visits inline enum schemas below a component, with the
// naming path oapi-codegen uses for them.
func eachInlineEnum(ptr string, path []string, ref *openapi3.SchemaRef, fn func(string, []string, *openapi3.Schema)) {
	if ref == nil || ref.Value == nil {
		return
	}
	s := ref.Value
	if len(path) > 1 && len(s.Enum) > 0 {
		fn(ptr, path, s)
	}
	for _, k := range sortedKeys(s.Properties) {
		if p := s.Properties[k]; p != nil && p.Ref == "" {
			eachInlineEnum(join(ptr, "properties", k), append(path[:len(path):len(path)], k), p, fn)
		}
	}
	for i, sub := range s.AllOf {
		if sub != nil && sub.Ref == "" {
			eachInlineEnum(join(ptr, "allOf", itoa(i)), path, sub, fn)
		}
	}
}

// renameSchema moves a component schema and rewrites every $ref to it.
func renameSchema(doc *openapi3.T, from, to string) {
	ref := doc.Components.Schemas[from]
	delete(doc.Components.Schemas, from)
	doc.Components.Schemas[to] = ref
	old, repl := schemaPrefix+from, schemaPrefix+to
	eachRef(doc, func(_ string, r *openapi3.SchemaRef) {
		if r.Ref == old {
			r.Ref = repl
		}
	})
}
