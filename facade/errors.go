package facade

import (
	"fmt"
	"io"
	"net/http"
)

// Error is a non-2xx answer from Intercom.
type Error struct {
	StatusCode int
	Method     string
	Path       string
	Body       []byte
}

func (e *Error) Error() string {
	return fmt.Sprintf("intercom: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
}

// maxErrorBody caps how much of an error body is kept.
const maxErrorBody = 1 << 20

func newError(req *http.Request, resp *http.Response) *Error {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	return &Error{StatusCode: resp.StatusCode, Method: req.Method, Path: req.URL.Path, Body: body}
}
