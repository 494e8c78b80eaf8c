package oauth

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrNoCode is returned by Callback when the redirect carries no code.
var ErrNoCode = errors.New("intercom: oauth: redirect has no code")

// CallbackError is an "error" parameter on the redirect: the customer
// declined, or Intercom refused the request.
type CallbackError struct {
	Code        string
	Description string
}

func (e *CallbackError) Error() string {
	if e.Description == "" {
		return "intercom: oauth: authorization failed: " + e.Code
	}
	return fmt.Sprintf("intercom: oauth: authorization failed: %s: %s", e.Code, e.Description)
}

// Callback reads Intercom's redirect to the app: it checks the state
// against want (CheckState) and returns the code to Exchange. Errors are
// ErrStateMismatch, *CallbackError or ErrNoCode.
func Callback(r *http.Request, want string) (string, error) {
	q := r.URL.Query()
	if err := CheckState(want, q.Get("state")); err != nil {
		return "", err
	}
	if e := q.Get("error"); e != "" {
		return "", &CallbackError{Code: e, Description: q.Get("error_description")}
	}
	code := q.Get("code")
	if code == "" {
		return "", ErrNoCode
	}
	return code, nil
}
