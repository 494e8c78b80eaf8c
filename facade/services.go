package facade

import (
	"errors"
	"fmt"
	"iter"
	"net/http"
)

// ErrNoResult is matched by the error of a service call whose answer was a
// success without the body its description documents (another content
// type, or nothing the generated types could hold).
var ErrNoResult = errors.New("intercom: success answer without the documented body")

// NoResult is the error of a generated service call answered 2xx without
// its documented JSON body: it matches ErrNoResult.
func NoResult(resp *http.Response, body []byte) error {
	if resp == nil || resp.Request == nil || resp.Request.URL == nil {
		return ErrNoResult
	}
	return fmt.Errorf("%w: %s %s answered %d with Content-Type %q and %d bytes",
		ErrNoResult, resp.Request.Method, redactedPath(resp.Request.URL), resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
}

// Operation is one method of a client's services and the request it sends,
// as Client.Operations lists them: for tools that walk the whole API (a
// conformance run, a command-line dispatcher, documentation).
type Operation struct {
	// Service and Method name it: c.Contacts.Get is {"Contacts", "Get"}.
	Service, Method string
	// HTTPMethod and Path are the operation's, as the description gives
	// them ("GET", "/contacts/{contact_id}").
	HTTPMethod, Path string
	// Kind is "result" (the decoded answer and an error), "error" (an
	// error only), "raw" (the response, for a non-JSON answer), "paged" or
	// "search" (an iterator), or one of those two with "-pages" (an
	// iterator of pages).
	Kind string
	// Status is the success status whose JSON a "result" method decodes.
	Status int
}

// FirstNonNil returns the first of optional arguments, or nil: a generated
// service method takes its optional params as a trailing variadic.
func FirstNonNil[T any](opts []*T) *T {
	for _, o := range opts {
		if o != nil {
			return o
		}
	}
	return nil
}

// ErrSeq is an iterator that yields err once: a generated service's search whose
// query is refused before anything is sent.
func ErrSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
