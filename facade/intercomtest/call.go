package intercomtest

import (
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

func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }
