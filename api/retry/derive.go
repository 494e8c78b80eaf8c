package retry

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/internal/schemas"
	"github.com/intercom-go/intercom/api/overrides"
)

// Reasons the derivation gives; the YAML tables quote them.
const (
	reasonMethod   = "method"
	reasonSearch   = "a POST to a search or list path whose 200 answer is a list: Intercom takes the query in the body and changes nothing"
	reasonDryRun   = "the description calls it a dry run that changes nothing"
	reasonScroll   = "a GET whose answer carries scroll_param: every arrival advances a server-side cursor, so re-sending one whose answer was lost would return the page after the lost one"
	reasonQuotaDoc = "the description says a 429 answers a limit of pending or concurrent jobs"
)

var (
	// readPathSegments are last path segments under which Intercom puts
	// reads that need a body for their query.
	readPathSegments = map[string]bool{"search": true, "list": true}
	// dryRunText is how a description says an operation only previews.
	dryRunText = regexp.MustCompile(`(?i)\bdry[- ]run\b.*\b(without modifying|without applying|read[- ]only)\b|\b(read[- ]only)\b.*\bdry[- ]run\b`)
	// quotaText is how a description says its 429 counts jobs, not requests.
	quotaText = regexp.MustCompile(`(?i)\b429\b[^.]*\b(pending|concurrent|active)\b[^.]*\bjobs?\b`)
)

// listMeta are response fields that describe a list rather than hold it;
// any of them also marks the answer as a list.
var listMeta = []string{"pages", "total_count", "scroll_param", "next_cursor", "has_more"}

// Derive builds the retry table of a normalised description. version is
// the Intercom-Version value; overrides apply where they name the version.
// Every POST and PATCH gets an entry, and every other operation whose
// derivation or an override differs from its method.
func Derive(doc *openapi3.T, version string, ovList []Override) *Table {
	t := &Table{Version: version}
	for it := range schemas.Operations(doc) {
		op := it.Op
		e := derive(strings.ToUpper(it.Method), it.Path, op)
		var why []string
		overridden := false
		for _, o := range overrides.For(ovList, op.OperationID, version) {
			overridden = true
			if o.Class != "" {
				e.Class = o.Class
			}
			if o.Quota != nil {
				e.Quota = *o.Quota
			}
			why = append(why, "override: "+o.Reason())
		}
		if len(why) > 0 {
			e.Reason = strings.Join(why, "; ")
		}
		if e.Method == http.MethodPost || e.Method == http.MethodPatch || e.Exceptional() || overridden {
			t.Entries = append(t.Entries, e)
		}
	}
	return t
}

// derive classes one operation from its description alone.
func derive(method, path string, op *openapi3.Operation) Entry {
	e := Entry{Operation: op.OperationID, Method: method, Path: path, Class: ByMethod(method), Reason: reasonMethod}
	text := op.Summary + "\n" + op.Description
	resp := schemas.ResponseProperties(op)
	var why []string
	switch {
	case method == http.MethodGet && resp["scroll_param"] != nil:
		e.Class = Write
		why = append(why, reasonScroll)
	case method == http.MethodPost && readPathSegments[lastSegment(path)] && isList(resp):
		e.Class = Safe
		why = append(why, reasonSearch)
	case method == http.MethodPost && dryRunText.MatchString(text):
		e.Class = Safe
		why = append(why, reasonDryRun)
	}
	if quotaText.MatchString(text) {
		e.Quota = true
		why = append(why, reasonQuotaDoc)
	}
	if len(why) > 0 {
		e.Reason = strings.Join(why, "; ")
	}
	return e
}

// lastSegment is the last literal segment of a path template ("" when it
// ends in a parameter).
func lastSegment(path string) string {
	s := path[strings.LastIndex(path, "/")+1:]
	if strings.HasPrefix(s, "{") {
		return ""
	}
	return s
}

// isList reports whether a 200 answer is a list: it has list metadata, or
// an array of items at its top level or inside a data object.
func isList(resp openapi3.Schemas) bool {
	for _, k := range listMeta {
		if resp[k] != nil {
			return true
		}
	}
	if hasArray(resp) {
		return true
	}
	if d := resp["data"]; d != nil && d.Value != nil {
		return hasArray(schemas.Properties(d.Value))
	}
	return false
}

func hasArray(p openapi3.Schemas) bool {
	for _, s := range p {
		if s != nil && s.Value != nil && s.Value.Type.Is(openapi3.TypeArray) {
			return true
		}
	}
	return false
}
