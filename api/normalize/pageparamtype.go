package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// numericPageParams are the query parameters of Intercom's page-numbered
// lists, which take whole numbers.
var numericPageParams = map[string]bool{"page": true, "per_page": true}

// integerPageParams types a page or per_page query parameter declared as a
// plain string (POST /companies/list in 2023 descriptions) as an integer.
// Intercom's pagination counts pages and items; the string form sends the
// same digits but gives the generated params, and the iterators built on
// them, a type no page number fits.
func integerPageParams(doc *openapi3.T, log *Log) {
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		for i, p := range op.Parameters {
			if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInQuery || !numericPageParams[p.Value.Name] {
				continue
			}
			s := p.Value.Schema
			if s == nil || s.Value == nil || !s.Value.Type.Is(openapi3.TypeString) || len(s.Value.Enum) > 0 || s.Value.Format != "" {
				continue
			}
			// Copy rather than edit in place: a $ref'd parameter may be shared.
			fixed := *p.Value
			typed := *s.Value
			typed.Type = &openapi3.Types{openapi3.TypeInteger}
			typed.Example, typed.Default = nil, nil
			fixed.Schema = &openapi3.SchemaRef{Value: &typed}
			op.Parameters[i] = &openapi3.ParameterRef{Value: &fixed}
			log.add("string-page-param", join(ptr, "parameters", itoa(i), "schema"), "%s typed integer instead of string", fixed.Name)
		}
	})
}
