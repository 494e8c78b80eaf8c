package intercomtest

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// bind is the step every handler that takes a body uses: it decodes the
// JSON body into a T and runs check on it (nil checks nothing). A missing or
// malformed body is a 400 parameter_invalid, as Intercom answers; check
// answers with errMissing (400 parameter_not_found) for a required field
// that is absent and errInvalid (400 or 422 parameter_invalid) for a value
// that is unusable. Checks that need the workspace's state (a duplicate, an
// unknown id) stay in the handler, after the lookups Intercom makes first.
func bind[T any](c *call, check func(*T) error) (T, error) {
	var v T
	b := bytes.TrimSpace(c.body)
	if len(b) == 0 {
		return v, errInvalid(http.StatusBadRequest, "", "request body is missing")
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, errInvalid(http.StatusBadRequest, "", "request body is not valid: "+err.Error())
	}
	if check != nil {
		if err := check(&v); err != nil {
			return v, err
		}
	}
	return v, nil
}

// bindOptional is bind for an endpoint whose body may be left out: no body
// is the zero T, unchecked.
func bindOptional[T any](c *call, check func(*T) error) (T, error) {
	if len(bytes.TrimSpace(c.body)) == 0 {
		var zero T
		return zero, nil
	}
	return bind(c, check)
}
