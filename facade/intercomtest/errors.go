package intercomtest

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// apiError is an answer in Intercom's error.list shape.
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

// writeError writes e as an error.list carrying the request id.
func writeError(w http.ResponseWriter, reqID string, e *apiError) {
	item := v2_16.Error_Errors{Code: e.code, Message: facade.Ptr(e.msg)}
	if e.field != "" {
		item.Field = facade.Ptr(e.field)
	}
	writeJSON(w, e.status, v2_16.Error{Type: "error.list", RequestId: facade.Ptr(reqID), Errors: []v2_16.Error_Errors{item}})
}

// writeJSON writes v as the JSON body; a nil v writes no body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	if v == nil {
		w.WriteHeader(status)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// nval reads a nullable.Nullable field (a map[bool]T): its value and
// whether one was given (an explicit null reports false).
func nval[T any](n map[bool]T) (T, bool) {
	v, ok := n[true]
	return v, ok
}

// nset makes a nullable.Nullable value holding v.
func nset[T any](v T) map[bool]T { return map[bool]T{true: v} }
