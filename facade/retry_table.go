package facade

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/intercom-go/intercom/internal/pathtmpl"
)

// RetryClass says how far a request may be re-sent after a failure.
type RetryClass uint8

const (
	// RetryWrite is a request that may create or change something on
	// every arrival: it is re-sent only when it provably never reached
	// Intercom, or after a 429 (which Intercom answers without acting).
	// It is the zero value, so anything unknown is treated this way.
	RetryWrite RetryClass = iota
	// RetrySafe is a request that may be re-sent after any transient
	// failure: an idempotent method, or a POST that only reads.
	RetrySafe
)

func (c RetryClass) String() string {
	if c == RetrySafe {
		return "safe"
	}
	return "write"
}

// RetryRoute is one entry of a retry table: an operation whose method alone
// does not say whether it is safe to repeat.
type RetryRoute struct {
	Method string
	// Path is the operation's path template; a {name} segment matches
	// any one non-empty segment.
	Path  string
	Class RetryClass
	// Quota marks operations whose 429 may mean "too many jobs pending"
	// rather than "too many requests this window": waiting for the
	// window to reset does not help, so such a 429 is returned unless its
	// headers show the window itself is exhausted.
	Quota bool

	segs pathtmpl.Template // path parsed, filled by NewRetryTable
}

// RetryTable is one API version's retry classification, generated from
// its description (gen/<package>/retry.gen.go, derived into
// api/retry/<package>.yaml by intercomgen): the operations whose class is
// not the one their method gives. Each generated client hands its version's
// table to NewCore; a nil table classes every request by method.
type RetryTable struct {
	routes []RetryRoute
}

// NewRetryTable indexes routes; the generated retry.gen.go of each version
// calls it once.
func NewRetryTable(routes []RetryRoute) *RetryTable {
	for i := range routes {
		routes[i].segs = pathtmpl.Parse(routes[i].Path)
	}
	return &RetryTable{routes: routes}
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
func (t *RetryTable) classify(req *http.Request, basePath string) (RetryClass, *RetryRoute) {
	if r := t.lookup(req.Method, operationPath(req.URL, basePath)); r != nil {
		return r.Class, r
	}
	if safeMethods[req.Method] {
		return RetrySafe, nil
	}
	return RetryWrite, nil
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

// lookup returns the table entry matching method and path, the one with
// the most literal segments when several do, or nil.
func (t *RetryTable) lookup(method, path string) *RetryRoute {
	if t == nil {
		return nil
	}
	segs := pathtmpl.Split(path)
	var best *RetryRoute
	bestLit := -1
	for i := range t.routes {
		r := &t.routes[i]
		if r.Method != method {
			continue
		}
		if lit, ok := r.segs.Match(segs); ok && lit > bestLit {
			best, bestLit = r, lit
		}
	}
	return best
}

// basePathOf is the path of a base URL without its trailing slash.
func basePathOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.EscapedPath(), "/")
}
