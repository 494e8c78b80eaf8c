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

// noResult is the error of a service call answered 2xx without its
// documented JSON body.
func noResult(resp *http.Response, body []byte) error {
	if resp == nil || resp.Request == nil || resp.Request.URL == nil {
		return ErrNoResult
	}
	return fmt.Errorf("%w: %s %s answered %d with Content-Type %q and %d bytes",
		ErrNoResult, resp.Request.Method, redactedPath(resp.Request.URL), resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
}

// serviceOp is one row of the generated operations tables
// (services_<package>.gen.go): which request a service method sends.
type serviceOp struct {
	Service, Method, HTTPMethod, Path string
	// Kind is "result" (decoded answer and error), "error" (error only),
	// "raw" (the response, for a non-JSON answer), "paged" or "search"
	// (iterators), or those with "-pages" (page iterators).
	Kind string
	// Status is the success status whose JSON a "result" method decodes.
	Status int
}

// first returns the first of optional arguments, or nil.
func first[T any](opts []*T) *T {
	for _, o := range opts {
		if o != nil {
			return o
		}
	}
	return nil
}

// failed is an iterator that yields err once: a service's search whose
// query is refused before anything is sent.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
