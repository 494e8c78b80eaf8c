package oauth

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/intercom-go/intercom/internal/scrub"
)

// Error is a non-2xx answer from the token endpoint. Code and Message come
// from Intercom's error body when it has one: an error list
// ({"type":"error.list","errors":[{"code":..,"message":..}]}) or an OAuth
// error ({"error":..,"error_description":..}).
type Error struct {
	StatusCode int
	Code       string
	Message    string
	// Body is the response body (at most Config.MaxResponseBytes of it),
	// with any echo of the client secret or the code replaced by
	// "[REDACTED]", as are Code and Message.
	Body []byte
}

func (e *Error) Error() string {
	s := fmt.Sprintf("intercom: oauth: token exchange: %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		s += ": " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// newError reads what it can of Intercom's error body, scrubbed by sc.
func newError(status int, body []byte, sc scrub.Scrubber) *Error {
	body = sc.Bytes(body)
	e := &Error{StatusCode: status, Body: body}
	defer func() { e.Code, e.Message = sc.String(e.Code), sc.String(e.Message) }()
	var b struct {
		Errors []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
		Message     string `json:"message"`
	}
	if json.Unmarshal(body, &b) != nil {
		return e
	}
	switch {
	case len(b.Errors) > 0:
		e.Code, e.Message = b.Errors[0].Code, b.Errors[0].Message
	case b.Error != "":
		e.Code, e.Message = b.Error, b.Description
	default:
		e.Message = b.Message
	}
	return e
}
