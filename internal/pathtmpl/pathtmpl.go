// Package pathtmpl matches request paths against OpenAPI path templates
// such as "/contacts/{id}/tags/{tag_id}". The facade classes a request for
// retries by the template it matches and facade/intercomtest routes a
// request to its handler the same way, so that the two cannot disagree on
// what a path is.
//
// A "{name}" segment matches any one non-empty segment; any other segment
// only itself. Paths are compared segment by segment as given: a caller
// that wants an escaped "/" (%2F) to stay inside its segment splits the
// escaped path and unescapes the segments itself.
package pathtmpl

import "strings"

// Template is a parsed path template: its segments.
type Template []string

// Parse splits a template into its segments.
func Parse(template string) Template { return Template(Split(template)) }

// Split splits a path into its segments, ignoring a leading and a trailing
// slash: "/a/b/" has the segments a and b; "/" and "" have none.
func Split(path string) []string {
	path = strings.Trim(path, "/")
	if path == "" {
		return []string{}
	}
	return strings.Split(path, "/")
}

// Match reports whether the segments of a path match t, and how many of
// t's segments are literals: where several templates match, the one with
// the most literals is the most specific.
func (t Template) Match(segs []string) (literals int, ok bool) {
	if len(t) != len(segs) {
		return 0, false
	}
	for i, p := range t {
		if isParam(p) {
			if segs[i] == "" {
				return 0, false
			}
			continue
		}
		if p != segs[i] {
			return 0, false
		}
		literals++
	}
	return literals, true
}

// Params returns the values t's "{name}" segments take in segs, by name,
// or nil where t has none or segs does not match it.
func (t Template) Params(segs []string) map[string]string {
	if _, ok := t.Match(segs); !ok {
		return nil
	}
	var params map[string]string
	for i, p := range t {
		if isParam(p) {
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = segs[i]
		}
	}
	return params
}

func isParam(seg string) bool {
	return len(seg) >= 2 && seg[0] == '{' && seg[len(seg)-1] == '}'
}
