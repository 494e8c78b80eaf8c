package intercomtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// call is one request as a handler sees it.
type call struct {
	r      *http.Request
	params map[string]string
	body   []byte
	status int
}

func (c *call) param(name string) string { return c.params[name] }

// decode reads the JSON body into v; a missing or malformed body is a 400,
// as Intercom answers.
func (c *call) decode(v any) error {
	b := bytes.TrimSpace(c.body)
	if len(b) == 0 {
		return errInvalid(http.StatusBadRequest, "", "request body is missing")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errInvalid(http.StatusBadRequest, "", "request body is not valid: "+err.Error())
	}
	return nil
}

// decodeOptional reads the JSON body into v when there is one.
func (c *call) decodeOptional(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil
	}
	return c.decode(v)
}

// queryInt reads an integer query parameter, def when absent, and checks
// it lies in [lo, hi].
func (c *call) queryInt(name string, def, lo, hi int) (int, error) {
	s := c.r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errInvalid(http.StatusBadRequest, name, name+" must be an integer")
	}
	if n < lo || n > hi {
		return 0, errInvalid(http.StatusBadRequest, name, name+" must be between "+strconv.Itoa(lo)+" and "+strconv.Itoa(hi))
	}
	return n, nil
}

// pageNumber reads the paging of a page-numbered list: per_page (defPer
// when absent, at most maxPerPage) and page (1-based, 1 when absent).
func (c *call) pageNumber(defPer int) (per, page int, err error) {
	if per, err = c.queryInt("per_page", defPer, 1, maxPerPage); err != nil {
		return 0, 0, err
	}
	if page, err = c.queryInt("page", 1, 1, 1<<30); err != nil {
		return 0, 0, err
	}
	return per, page, nil
}

func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }
