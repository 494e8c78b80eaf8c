package facade

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/intercom-go/intercom/internal/pathtmpl"
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

// route is one entry of a retry table: an operation whose method alone
// does not say whether it is safe to repeat.
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

	segs pathtmpl.Template // path parsed, filled by newRetryTable
}

// retryTable is one API version's retry classification, generated from
// its description (facade/retry_<package>.gen.go, derived into
// api/retry/<package>.yaml by intercomgen): the operations whose class is
// not the one their method gives. Each typed client hands its version's
// table to its Core; a nil table classes every request by method.
type retryTable struct {
	routes []route
}

func newRetryTable(routes []route) *retryTable {
	for i := range routes {
		routes[i].segs = pathtmpl.Parse(routes[i].path)
	}
	return &retryTable{routes: routes}
}

// newTypedCore is newCore for a typed client: the Core retries as the
// version's table says.
func newTypedCore(typedVersion string, t *retryTable, opts []Option) (*Core, error) {
	c, err := newCore(typedVersion, opts)
	if err != nil {
		return nil, err
	}
	c.cfg.retry.table = t
	return c, nil
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
func (t *retryTable) classify(req *http.Request, basePath string) (retryClass, *route) {
	if r := t.lookup(req.Method, operationPath(req.URL, basePath)); r != nil {
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

// lookup returns the table entry matching method and path, the one with
// the most literal segments when several do, or nil.
func (t *retryTable) lookup(method, path string) *route {
	if t == nil {
		return nil
	}
	segs := pathtmpl.Split(path)
	var best *route
	bestLit := -1
	for i := range t.routes {
		r := &t.routes[i]
		if r.method != method {
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
