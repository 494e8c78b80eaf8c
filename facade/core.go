package facade

import (
	"net/http"
)

// Core is the version-independent part of every client: it sends the
// requests the generated code builds. Each typed client embeds one.
type Core struct {
	cfg     config
	baseURL string
	version string // Intercom-Version header value sent unless a request overrides it
}

// newCore validates options and builds a Core for the given typed-package
// version (the default header value).
func newCore(typedVersion string, opts []Option) (*Core, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	c := &Core{cfg: cfg, baseURL: cfg.baseURL(), version: typedVersion}
	if cfg.version != "" {
		c.version = cfg.version
	}
	return c, nil
}

// BaseURL is the API root requests go to.
func (c *Core) BaseURL() string { return c.baseURL }

// Version is the Intercom-Version header value the client sends.
func (c *Core) Version() string { return c.version }

// Do sends one request built by the generated code. It is the
// HttpRequestDoer of every typed API. A non-2xx answer is returned as an
// error (*Error), never as a response.
func (c *Core) Do(req *http.Request) (*http.Response, error) {
	c.prepare(req)
	resp, err := c.send(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newError(req, resp)
	}
	return resp, nil
}

// prepare sets the headers every request carries.
func (c *Core) prepare(req *http.Request) {
	if req.Header.Get("Intercom-Version") == "" {
		req.Header.Set("Intercom-Version", c.version)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.token)
	req.Header.Set("Accept", "application/json")
}
