package normalize

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// dropDuplicateParams repairs an operation (or path item) that declares
// one parameter, the same name in the same place, more than once (id of
// GET /contacts/{id} listed twice in a February 2023 description), which
// validation rejects. The first declaration is kept.
func dropDuplicateParams(doc *openapi3.T, log *Log) {
	dedupe := func(ptr string, params openapi3.Parameters) openapi3.Parameters {
		seen := map[string]bool{}
		out := params[:0]
		for i, p := range params {
			if p == nil || p.Value == nil {
				out = append(out, p)
				continue
			}
			key := p.Value.In + " " + p.Value.Name
			if seen[key] {
				log.add("duplicate-parameter", join(ptr, "parameters", itoa(i)), "%s parameter %q declared again: removed", p.Value.In, p.Value.Name)
				continue
			}
			seen[key] = true
			out = append(out, p)
		}
		return out
	}
	if doc.Paths != nil {
		for _, path := range sortedKeys(doc.Paths.Map()) {
			item := doc.Paths.Value(path)
			if len(item.Parameters) > 0 {
				item.Parameters = dedupe(pointer("paths", path), item.Parameters)
			}
		}
	}
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		if len(op.Parameters) > 0 {
			op.Parameters = dedupe(ptr, op.Parameters)
		}
	})
}
