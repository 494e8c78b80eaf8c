package intercomtest

import (
	"encoding/json"
	"net/http"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// respond is the last step of every request: v as the JSON body with
// status; a nil v answers status with no body. serveHTTP calls it with what
// a handler returns, so handlers never write to the connection themselves.
// The X-Request-Id and X-RateLimit-* headers are already set by then.
func respond(w http.ResponseWriter, status int, v any) {
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

// respondError answers e as Intercom does: an error.list holding one error
// and the request id (the same as the X-Request-Id header).
func respondError(w http.ResponseWriter, reqID string, e *apiError) {
	item := v2_16.Error_Errors{Code: e.code, Message: facade.Ptr(e.msg)}
	if e.field != "" {
		item.Field = facade.Ptr(e.field)
	}
	respond(w, e.status, v2_16.Error{Type: "error.list", RequestId: facade.Ptr(reqID), Errors: []v2_16.Error_Errors{item}})
}
