package normalize

import (
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"
)

var templateParam = regexp.MustCompile(`\{([^{}]+)\}`)

// fixPathParams makes every {name} of a path template a required path
// parameter. Upstream declares some of them in: query, which makes the
// generated client send them as ?name= and leave the literal {name} in the
// URL; others are not declared at all.
func fixPathParams(doc *openapi3.T, log *Log) {
	eachOperation(doc, func(ptr, path, _ string, op *openapi3.Operation) {
		item := doc.Paths.Value(path)
		for _, m := range templateParam.FindAllStringSubmatch(path, -1) {
			name := m[1]
			if found := findParam(op.Parameters, name); found >= 0 {
				fixParamAt(op.Parameters, found, join(ptr, "parameters", itoa(found)), log)
				continue
			}
			if found := findParam(item.Parameters, name); found >= 0 {
				// Path-level parameters are shared by the item's operations;
				// fixing them once is enough, and a second fix logs nothing.
				fixParamAt(item.Parameters, found, pointer("paths", path, "parameters", itoa(found)), log)
				continue
			}
			p := openapi3.NewPathParameter(name).WithSchema(openapi3.NewStringSchema())
			op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: p})
			log.add("path-param-in-query", join(ptr, "parameters", itoa(len(op.Parameters)-1)),
				"declared missing path parameter %q as a string", name)
		}
	})
}

// findParam returns the index of the parameter named name that is in: path,
// or failing that in: query, or -1.
func findParam(params openapi3.Parameters, name string) int {
	fallback := -1
	for i, p := range params {
		if p == nil || p.Value == nil || p.Value.Name != name {
			continue
		}
		switch p.Value.In {
		case openapi3.ParameterInPath:
			return i
		case openapi3.ParameterInQuery:
			fallback = i
		}
	}
	return fallback
}

func fixParamAt(params openapi3.Parameters, i int, ptr string, log *Log) {
	p := params[i].Value
	if p.In == openapi3.ParameterInPath && p.Required {
		return
	}
	// Copy rather than edit in place: a $ref'd parameter may be shared with
	// operations where it really is a query parameter.
	fixed := *p
	was := fixed.In
	fixed.In = openapi3.ParameterInPath
	fixed.Required = true
	params[i] = &openapi3.ParameterRef{Value: &fixed}
	log.add("path-param-in-query", ptr, "parameter %q moved from in: %s to in: path, required", fixed.Name, was)
}
