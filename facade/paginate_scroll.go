package facade

import (
	"errors"
	"net/http"
	"strings"
)

// advanceScroll is the rule of the companies scroll: the next request
// sends the scroll_param of the last response, and the first empty page
// ends the list (Intercom documents no other end). A scroll_param may stay
// the same from page to page, so repeats are not a stall; a non-empty page
// without one is.
func (p *pager) advanceScroll(m *PageMeta, items int) (bool, error) {
	if items == 0 {
		return false, nil
	}
	next := Deref(m.ScrollParam)
	if next == "" {
		return false, p.stalled("a scroll page came without scroll_param")
	}
	p.cursor = next
	return true, nil
}

// scrollExpired reports whether a failed scroll request leaves the scroll
// unusable, so that the listing must start again rather than go on or
// resume from a saved Page.Next. Intercom advances a scroll on every
// request that reaches it, so that is the case for every failure after
// which the request may have arrived (5xx, including the documented 500
// "Please restart the scroll operation", dropped connections, timeouts)
// and, once a scroll_param was sent, for a client error about the scroll
// (it expired after a minute unused, or is unknown). It is not for
// answers Intercom gives before acting (401, 403, 429) nor for requests
// that provably never left.
func scrollExpired(err error, sentParam bool) bool {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return !neverSent(err) && !errors.Is(err, ErrNoSlotBeforeDeadline)
	}
	switch code := apiErr.StatusCode; {
	case code == http.StatusUnauthorized, code == http.StatusForbidden, code == http.StatusTooManyRequests:
		return false
	case code >= 500, code == http.StatusRequestTimeout:
		return true
	case code >= 400:
		return sentParam && strings.Contains(strings.ToLower(string(apiErr.Body)), "scroll")
	}
	return false
}
