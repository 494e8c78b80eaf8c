package facade

import "net/http"

// buildDoer returns what sends the requests: a copy of the caller's
// *http.Client (or a new one) with the middleware around its transport and
// the redirect guard, or another Doer wrapped in the middleware.
func buildDoer(d Doer, mw []Middleware) Doer {
	hc, ok := d.(*http.Client)
	if !ok && d != nil {
		if len(mw) == 0 {
			return d
		}
		return transportDoer{wrap(doerTransport{d}, mw)}
	}
	cl := http.Client{}
	if hc != nil {
		cl = *hc // copy: the caller's client may be shared
	}
	if len(mw) > 0 {
		rt := cl.Transport
		if rt == nil {
			rt = http.DefaultTransport
		}
		cl.Transport = wrap(rt, mw)
	}
	cl.CheckRedirect = guardRedirects(cl.CheckRedirect)
	return &cl
}

// wrap applies mw to rt, mw[0] outermost.
func wrap(rt http.RoundTripper, mw []Middleware) http.RoundTripper {
	for i := len(mw) - 1; i >= 0; i-- {
		rt = mw[i](rt)
	}
	return rt
}

// doerTransport lets middleware wrap a Doer that is not an *http.Client.
type doerTransport struct{ d Doer }

func (t doerTransport) RoundTrip(req *http.Request) (*http.Response, error) { return t.d.Do(req) }

// transportDoer sends through a RoundTripper built over such a Doer.
type transportDoer struct{ rt http.RoundTripper }

func (t transportDoer) Do(req *http.Request) (*http.Response, error) { return t.rt.RoundTrip(req) }
