package normalize

import "github.com/getkin/kin-openapi/openapi3"

// WireOnly removes from doc the properties normalisation adds for the Go
// types alone (marked x-go-json-ignore: the Undeclared and SentAsString
// fields), and returns how many it removed. They are not members Intercom
// sends, so a description for a tool that mocks or checks the wire, such as
// Prism, must not carry them: Prism's generated answers filled every
// undeclared_members with {}, and its generator (json-schema-faker) then
// failed with a TypeError on arrays of unions, about half the time on
// Preview's searchContent. Generation keeps them; only `intercomgen
// normalize` writes this form.
func WireOnly(doc *openapi3.T) int {
	removed := 0
	eachSchema(doc, func(_ string, ref *openapi3.SchemaRef) {
		if ref.Ref != "" || ref.Value == nil {
			return
		}
		for name, p := range ref.Value.Properties {
			if p != nil && p.Value != nil && p.Value.Extensions[extGoOnly] == true {
				delete(ref.Value.Properties, name)
				removed++
			}
		}
	})
	return removed
}
