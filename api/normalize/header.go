package normalize

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// versionHeader is set by the client on every request (pinned per client,
// overridable per request), so declaring it on each operation only adds a
// Params argument to calls that otherwise need none.
const versionHeader = "Intercom-Version"

func dropVersionHeader(doc *openapi3.T, log *Log) {
	drop := func(ptr string, params openapi3.Parameters) openapi3.Parameters {
		out := params[:0]
		for i, p := range params {
			if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInHeader && strings.EqualFold(p.Value.Name, versionHeader) {
				log.add("version-header-param", join(ptr, "parameters", itoa(i)), "removed: the client sets Intercom-Version")
				continue
			}
			out = append(out, p)
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	if doc.Paths != nil {
		for _, path := range sortedKeys(doc.Paths.Map()) {
			item := doc.Paths.Value(path)
			item.Parameters = drop(pointer("paths", path), item.Parameters)
		}
	}
	eachOperation(doc, func(ptr, _, _ string, op *openapi3.Operation) {
		op.Parameters = drop(ptr, op.Parameters)
	})
}
