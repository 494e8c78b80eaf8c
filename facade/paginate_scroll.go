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
func (p *pager) advanceScroll(m *pageMeta, items int) (bool, error) {
	if items == 0 {
		return false, nil
	}
	next := pagingDeref(m.ScrollParam)
	if next == "" {
		return false, p.stalled("a scroll page came without scroll_param")
	}
	p.cursor = next
	return true, nil
}

// scrollExpired reports whether a failed scroll request means the scroll
// is over: the documented 500 "Please restart the scroll operation", or,
// once a scroll_param was sent, a client error about the scroll (the
// parameter expired after a minute unused, or is unknown).
func scrollExpired(err error, sentParam bool) bool {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return false
	}
	body := strings.ToLower(string(apiErr.Body))
	switch code := apiErr.StatusCode; {
	case code == http.StatusInternalServerError:
		return strings.Contains(body, "restart the scroll")
	case code == http.StatusUnauthorized, code == http.StatusForbidden, code == http.StatusTooManyRequests:
		return false
	case code >= 400 && code < 500:
		return sentParam && strings.Contains(body, "scroll")
	}
	return false
}
