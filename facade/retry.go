package facade

import "net/http"

// retryConfig holds the retry policy; no retries yet.
type retryConfig struct{}

func defaultRetryConfig() retryConfig { return retryConfig{} }

// send performs the request, with retries once a policy exists.
func (c *Core) send(req *http.Request) (*http.Response, error) {
	return c.cfg.doer.Do(req)
}
