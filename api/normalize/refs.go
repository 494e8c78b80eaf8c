package normalize

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

const schemaPrefix = "#/components/schemas/"

// defineDanglingSchemas gives every schema that is referenced but not defined
// a free-form object definition. Free-form is the only safe guess: it decodes
// whatever Intercom sends, and the only such schema seen upstream,
// custom_attributes, is a free-form map.
func defineDanglingSchemas(doc *openapi3.T, log *Log) {
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	missing := map[string]bool{}
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		name, ok := strings.CutPrefix(ref.Ref, schemaPrefix)
		if !ok {
			return
		}
		if _, defined := doc.Components.Schemas[name]; defined && !missing[name] {
			return
		}
		missing[name] = true
		log.add("dangling-schema-ref", ptr, "$ref %s has no target", ref.Ref)
	})
	for _, name := range sortedKeys(missing) {
		doc.Components.Schemas[name] = openapi3.NewSchemaRef("", freeFormObject())
		log.add("dangling-schema-ref", pointer("components", "schemas", name), "defined as a free-form object")
	}
}

func freeFormObject() *openapi3.Schema {
	s := openapi3.NewObjectSchema()
	s.AdditionalProperties = openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", &openapi3.Schema{})}
	return s
}

// eachRef visits every schema $ref string in the document, so renames can
// rewrite them.
func eachRef(doc *openapi3.T, fn func(ptr string, ref *openapi3.SchemaRef)) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		if ref.Ref != "" {
			fn(ptr, ref)
		}
	})
}
