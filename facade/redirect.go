package facade

import (
	"errors"
	"net/http"
	"strings"
)

// errTooManyRedirects mirrors net/http's default policy.
var errTooManyRedirects = errors.New("stopped after 10 redirects")

// guardRedirects returns a CheckRedirect that removes the Authorization
// header when a redirect leaves the origin (scheme, host and port) of the
// original request, then applies next (or net/http's default policy).
//
// net/http alone keeps Authorization on redirects to the same host name on
// another port and to subdomains; a signed download URL (GET
// /calls/{id}/recording answers 302 to one) must never receive the token.
func guardRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 && !sameOrigin(req, via[0]) {
			req.Header.Del(hdrAuth)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errTooManyRedirects
		}
		return nil
	}
}

func sameOrigin(a, b *http.Request) bool {
	return strings.EqualFold(a.URL.Scheme, b.URL.Scheme) && strings.EqualFold(hostPort(a), hostPort(b))
}

// hostPort is the host with its port, the default one made explicit.
func hostPort(r *http.Request) string {
	host, port := r.URL.Hostname(), r.URL.Port()
	if port == "" {
		switch strings.ToLower(r.URL.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return host + ":" + port
}
