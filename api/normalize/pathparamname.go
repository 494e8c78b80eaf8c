package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// renameStrayPathParams repairs operations that declare an in: path
// parameter the path template does not name, beside a {name} of the
// template that nothing declares (DELETE /articles/{article_id} declaring
// "id" in a 2025 2.14 description), which validation rejects. The strays
// are renamed to the undeclared template names in order; one left over
// (no template name for it) cannot be sent and is removed. Template names
// still undeclared afterwards are declared by path-param-in-query.
func renameStrayPathParams(doc *openapi3.T, log *Log) {
	eachOperation(doc, func(ptr, path, _ string, op *openapi3.Operation) {
		item := doc.Paths.Value(path)
		inTemplate := map[string]bool{}
		var names []string
		for _, m := range templateParam.FindAllStringSubmatch(path, -1) {
			inTemplate[m[1]] = true
			names = append(names, m[1])
		}
		declared := map[string]bool{}
		for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
			for _, p := range params {
				if p != nil && p.Value != nil && (p.Value.In == openapi3.ParameterInPath || p.Value.In == openapi3.ParameterInQuery) {
					declared[p.Value.Name] = true
				}
			}
		}
		var missing []string
		for _, n := range names {
			if !declared[n] {
				missing = append(missing, n)
			}
		}
		out := op.Parameters[:0]
		for i, p := range op.Parameters {
			if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInPath || inTemplate[p.Value.Name] {
				out = append(out, p)
				continue
			}
			at := join(ptr, "parameters", itoa(i))
			if len(missing) == 0 {
				log.add("stray-path-param", at, "path parameter %q is not in the template %s: removed", p.Value.Name, path)
				continue
			}
			// Copy rather than edit in place: a $ref'd parameter may be shared.
			fixed := *p.Value
			fixed.Name, missing = missing[0], missing[1:]
			log.add("stray-path-param", at, "path parameter %q renamed %q, the template's name", p.Value.Name, fixed.Name)
			out = append(out, &openapi3.ParameterRef{Value: &fixed})
		}
		op.Parameters = out
	})
}
