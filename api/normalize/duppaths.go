package normalize

import (
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// mergeDuplicatePaths repairs one path declared twice with different
// parameter names (POST /contacts/{id}/companies beside GET
// /contacts/{contact_id}/companies), which OpenAPI forbids and validation
// rejects as conflicting paths. When the two declarations share no method,
// the operations of the later one (in template order) move to the first,
// with their path parameters renamed to the first's names; the request on
// the wire is the same. Declarations whose methods overlap are left alone
// for validation to report: which one Intercom serves cannot be told.
func mergeDuplicatePaths(doc *openapi3.T, log *Log) {
	if doc.Paths == nil {
		return
	}
	groups := map[string][]string{}
	for _, p := range sortedKeys(doc.Paths.Map()) {
		shape := templateParam.ReplaceAllString(p, "{}")
		groups[shape] = append(groups[shape], p)
	}
	for _, shape := range sortedKeys(groups) {
		paths := groups[shape]
		if len(paths) < 2 {
			continue
		}
		sort.Strings(paths)
		keep := paths[0]
		target := doc.Paths.Value(keep)
		for _, other := range paths[1:] {
			src := doc.Paths.Value(other)
			if overlap(target, src) {
				continue
			}
			renames := paramRenames(other, keep)
			for _, m := range methods {
				op := opOf(src, m)
				if op == nil {
					continue
				}
				// Path-level parameters of the moved item become the
				// operation's own, since the target item has its own.
				for _, p := range src.Parameters {
					if p != nil && p.Value != nil && findNamed(op.Parameters, p.Value.Name, p.Value.In) < 0 {
						op.Parameters = append(op.Parameters, p)
					}
				}
				for i, p := range op.Parameters {
					if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInPath {
						continue
					}
					if to, ok := renames[p.Value.Name]; ok && to != p.Value.Name {
						fixed := *p.Value
						fixed.Name = to
						op.Parameters[i] = &openapi3.ParameterRef{Value: &fixed}
					}
				}
				target.SetOperation(strings.ToUpper(m), op)
				log.add("duplicate-path-template", pointer("paths", other, m),
					"moved to %s (the same path with other parameter names), parameters renamed %s", keep, describeRenames(renames))
			}
			doc.Paths.Delete(other)
		}
	}
}

// overlap reports whether two path items declare an operation for the
// same method.
func overlap(a, b *openapi3.PathItem) bool {
	for _, m := range methods {
		if opOf(a, m) != nil && opOf(b, m) != nil {
			return true
		}
	}
	return false
}

// paramRenames maps the parameter names of template from to those in the
// same positions of template to.
func paramRenames(from, to string) map[string]string {
	a := templateParam.FindAllStringSubmatch(from, -1)
	b := templateParam.FindAllStringSubmatch(to, -1)
	out := map[string]string{}
	for i := range a {
		if i < len(b) && a[i][1] != b[i][1] {
			out[a[i][1]] = b[i][1]
		}
	}
	return out
}

func describeRenames(r map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(r) {
		parts = append(parts, k+" -> "+r[k])
	}
	return strings.Join(parts, ", ")
}

func findNamed(params openapi3.Parameters, name, in string) int {
	for i, p := range params {
		if p != nil && p.Value != nil && p.Value.Name == name && p.Value.In == in {
			return i
		}
	}
	return -1
}
