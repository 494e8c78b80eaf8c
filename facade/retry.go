package facade

import "net/http"

// send performs the request, with retries once a policy exists.
func (c *Core) send(req *http.Request) (*http.Response, error) {
	return c.cfg.doer.Do(req)
}
