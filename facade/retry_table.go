package facade

import (
	"net/http"
	"net/url"
	"strings"
)

// retryClass says how far a request may be re-sent after a failure.
type retryClass uint8

const (
	// classWrite is a request that may create or change something on
	// every arrival: it is re-sent only when it provably never reached
	// Intercom, or after a 429 (which Intercom answers without acting).
	// It is the zero value, so anything unknown is treated this way.
	classWrite retryClass = iota
	// classSafe is a request that may be re-sent after any transient
	// failure: an idempotent method, or a POST that only reads.
	classSafe
)

func (c retryClass) String() string {
	if c == classSafe {
		return "safe"
	}
	return "write"
}

// route is one entry of bodyRoutes: an operation whose method alone does
// not say whether it is safe to repeat.
type route struct {
	method string
	// path is the operation's path template; a {name} segment matches
	// any one non-empty segment.
	path  string
	class retryClass
	// quota marks operations whose 429 may mean "too many jobs pending"
	// rather than "too many requests this window": waiting for the
	// window to reset does not help, so such a 429 is returned unless its
	// headers show the window itself is exhausted.
	quota bool

	segs []string // path split on "/", filled by init
}

// bodyRoutes classifies every POST and PATCH operation of every
// generated API version (TestRetryTableCoversEveryOperation fails when a
// new version adds one that is missing). GET, HEAD, PUT, DELETE and
// OPTIONS are safe by method and need no entry, except the few listed
// here whose every arrival changes something on Intercom's side.
//
// An operation is classSafe only when Intercom documents it as a pure
// read (search, list, dry-run preview). Upserts, attaches and anything
// that starts a job, sends a message or may create a user stay classWrite:
// repeating them can duplicate conversation parts, events, webhooks or
// jobs even where the stored result would be the same.
var bodyRoutes = []route{
	// A GET that moves a server-side cursor: Intercom advances the scroll
	// on every request that reaches it, and the scroll_param may stay the
	// same from page to page. Re-sending one whose answer was lost (a
	// 5xx, a dropped connection, a timeout, a damaged body) would return
	// the page after the lost one: companies skipped without an error.
	{method: http.MethodGet, path: "/companies/scroll", class: classWrite},

	// Reads that take their query in a body.
	{method: http.MethodPost, path: "/admins/activity_logs/search", class: classSafe},
	{method: http.MethodPost, path: "/calls/search", class: classSafe},
	{method: http.MethodPost, path: "/companies/list", class: classSafe},
	{method: http.MethodPost, path: "/companies/search", class: classSafe},
	{method: http.MethodPost, path: "/contacts/merge/preview", class: classSafe}, // documented dry run
	{method: http.MethodPost, path: "/contacts/search", class: classSafe},
	{method: http.MethodPost, path: "/conversations/search", class: classSafe},
	{method: http.MethodPost, path: "/tickets/search", class: classSafe},

	// Jobs with a pending-job quota answered by 429.
	{method: http.MethodPost, path: "/export/content/data", class: classWrite, quota: true},
	{method: http.MethodPost, path: "/export/reporting_data/enqueue", class: classWrite, quota: true},

	// Everything else creates, changes, sends or starts something.
	{method: http.MethodPost, path: "/ai/content_import_sources"},
	{method: http.MethodPost, path: "/ai/external_pages"},
	{method: http.MethodPost, path: "/articles"},
	{method: http.MethodPost, path: "/articles/{id}/draft/publish"},
	{method: http.MethodPost, path: "/articles/{id}/tags"},
	{method: http.MethodPost, path: "/audiences"},
	{method: http.MethodPost, path: "/companies"},
	{method: http.MethodPost, path: "/companies/bulk"},
	{method: http.MethodPost, path: "/companies/bulk/delete"},
	{method: http.MethodPost, path: "/companies/{id}/notes"},
	{method: http.MethodPost, path: "/contacts"},
	{method: http.MethodPost, path: "/contacts/bulk"},
	{method: http.MethodPost, path: "/contacts/bulk/delete"},
	{method: http.MethodPost, path: "/contacts/merge"},
	{method: http.MethodPost, path: "/contacts/{id}/archive"},
	{method: http.MethodPost, path: "/contacts/{id}/banners/{view_id}/dismiss"},
	{method: http.MethodPost, path: "/contacts/{id}/block"},
	{method: http.MethodPost, path: "/contacts/{id}/companies"},
	{method: http.MethodPost, path: "/contacts/{id}/notes"},
	{method: http.MethodPost, path: "/contacts/{id}/subscriptions"},
	{method: http.MethodPost, path: "/contacts/{id}/tags"},
	{method: http.MethodPost, path: "/contacts/{id}/unarchive"},
	{method: http.MethodPost, path: "/content/bulk_actions"},
	{method: http.MethodPost, path: "/content_snippets"},
	{method: http.MethodPost, path: "/content_snippets/{id}/tags"},
	{method: http.MethodPost, path: "/conversations"},
	{method: http.MethodPost, path: "/conversations/attributes"},
	{method: http.MethodPost, path: "/conversations/attributes/{id}/options"},
	{method: http.MethodPost, path: "/conversations/redact"},
	{method: http.MethodPost, path: "/conversations/{id}/convert"},
	{method: http.MethodPost, path: "/conversations/{id}/customers"},
	{method: http.MethodPost, path: "/conversations/{id}/merge"},
	{method: http.MethodPost, path: "/conversations/{id}/parts"},
	{method: http.MethodPost, path: "/conversations/{id}/reply"},
	{method: http.MethodPost, path: "/conversations/{id}/run_assignment_rules"},
	{method: http.MethodPost, path: "/conversations/{id}/tags"},
	{method: http.MethodPost, path: "/custom_object_instances/{type}"},
	{method: http.MethodPost, path: "/data_attributes"},
	{method: http.MethodPost, path: "/data_connectors"},
	{method: http.MethodPatch, path: "/data_connectors/{id}"},
	{method: http.MethodPost, path: "/ecommerce/connectors/{id}/catalog"},
	{method: http.MethodPost, path: "/events"},
	{method: http.MethodPost, path: "/events/summaries"},
	{method: http.MethodPost, path: "/export/cancel/{job}"},
	{method: http.MethodPost, path: "/fin/ask"},
	{method: http.MethodPost, path: "/fin/capabilities"}, // creates or updates the user it is given
	{method: http.MethodPost, path: "/fin/csat"},
	{method: http.MethodPost, path: "/fin/escalate"},
	{method: http.MethodPost, path: "/fin/procedures/{id}/run"},
	{method: http.MethodPost, path: "/fin/reply"},
	{method: http.MethodPost, path: "/fin/start"},
	{method: http.MethodPost, path: "/fin_voice/register"},
	{method: http.MethodPost, path: "/folders"},
	{method: http.MethodPost, path: "/help_center/collections"},
	{method: http.MethodPost, path: "/help_center/help_centers/{id}/redirects"},
	{method: http.MethodPost, path: "/internal_articles"},
	{method: http.MethodPost, path: "/internal_articles/{id}/tags"},
	{method: http.MethodPost, path: "/messages"},
	{method: http.MethodPost, path: "/news/news_items"},
	{method: http.MethodPost, path: "/office_hours_schedules"},
	{method: http.MethodPost, path: "/office_hours_schedules/{id}/office_hours_exceptions"},
	{method: http.MethodPost, path: "/phone_call_redirects"},
	{method: http.MethodPost, path: "/procedures/{id}/collect_agent_input"},
	{method: http.MethodPost, path: "/secure_mode_secrets"},
	{method: http.MethodPost, path: "/tags"},
	{method: http.MethodPost, path: "/ticket_types"},
	{method: http.MethodPost, path: "/ticket_types/{id}/attributes"},
	{method: http.MethodPost, path: "/tickets"},
	{method: http.MethodPost, path: "/tickets/enqueue"},
	{method: http.MethodPost, path: "/tickets/{id}/change_type"},
	{method: http.MethodPost, path: "/tickets/{id}/linked_conversations"},
	{method: http.MethodPost, path: "/tickets/{id}/reply"},
	{method: http.MethodPost, path: "/tickets/{id}/tags"},
	{method: http.MethodPost, path: "/visitors/convert"},
}

func init() {
	for i := range bodyRoutes {
		bodyRoutes[i].segs = splitPath(bodyRoutes[i].path)
	}
}

// safeMethods are idempotent by HTTP semantics and Intercom's use of them.
var safeMethods = map[string]bool{
	http.MethodGet:     true,
	http.MethodHead:    true,
	http.MethodOptions: true,
	http.MethodPut:     true,
	http.MethodDelete:  true,
}

// classify says how req may be retried. basePath is the path part of
// the client's base URL, which prefixes every operation path.
func classify(req *http.Request, basePath string) (retryClass, *route) {
	if r := lookupRoute(req.Method, operationPath(req.URL, basePath)); r != nil {
		return r.class, r
	}
	if safeMethods[req.Method] {
		return classSafe, nil
	}
	return classWrite, nil
}

// operationPath is the request's escaped path relative to basePath, so
// that an encoded "/" inside a path parameter stays inside its segment.
func operationPath(u *url.URL, basePath string) string {
	p := u.EscapedPath()
	if basePath != "" && strings.HasPrefix(p, basePath+"/") {
		p = p[len(basePath):]
	}
	return p
}

// lookupRoute returns the table entry matching method and path, the one
// with the most literal segments when several do, or nil.
func lookupRoute(method, path string) *route {
	segs := splitPath(path)
	var best *route
	bestLit := -1
	for i := range bodyRoutes {
		r := &bodyRoutes[i]
		if r.method != method {
			continue
		}
		if lit, ok := matchSegs(r.segs, segs); ok && lit > bestLit {
			best, bestLit = r, lit
		}
	}
	return best
}

// matchSegs reports whether a concrete path matches a template, and how
// many of the template's segments are literals.
func matchSegs(tmpl, path []string) (literals int, ok bool) {
	if len(tmpl) != len(path) {
		return 0, false
	}
	for i, t := range tmpl {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if path[i] == "" {
				return 0, false
			}
			continue
		}
		if t != path[i] {
			return 0, false
		}
		literals++
	}
	return literals, true
}

func splitPath(p string) []string {
	return strings.Split(strings.Trim(p, "/"), "/")
}

// basePathOf is the path of a base URL without its trailing slash.
func basePathOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.EscapedPath(), "/")
}
