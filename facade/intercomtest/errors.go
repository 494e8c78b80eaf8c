package intercomtest

import (
	"fmt"
	"net/http"
)

// apiError is an HTTP answer in Intercom's error.list shape (respondError
// writes it); it never reaches a Go caller.
type apiError struct {
	status int
	code   string
	msg    string
	field  string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.status, e.code, e.msg)
}

// The error kinds the handlers use, with Intercom's codes.

func errNotFound(what string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "not_found", msg: what + " Not Found"}
}

func errMissing(field string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "parameter_not_found", msg: field + " is a required parameter", field: field}
}

// errInvalid reports a value that is present but unusable: 400 when the
// request cannot be parsed, 422 when it parses but makes no sense.
func errInvalid(status int, field, msg string) *apiError {
	return &apiError{status: status, code: "parameter_invalid", msg: msg, field: field}
}

func errConflict(msg string) *apiError {
	return &apiError{status: http.StatusConflict, code: "conflict", msg: msg}
}
