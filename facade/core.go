package facade

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// Headers the client sets.
const (
	hdrVersion = "Intercom-Version"
	hdrAuth    = "Authorization"
	hdrAccept  = "Accept"
	// defaultAccept prefers JSON but still accepts the few operations that
	// answer with something else (call transcripts as text, report
	// downloads as files), which a bare application/json would turn into 406.
	defaultAccept = "application/json, */*;q=0.5"
	hdrUserAgent  = "User-Agent"
)

// Core is the version-independent part of every client: it sends the
// requests the generated code builds, with the pinned Intercom-Version,
// credentials and User-Agent, and turns failures into errors. Each typed
// client embeds one. It is safe for concurrent use.
type Core struct {
	cfg       config // cfg.doer is the instrumented doer (observe.go)
	baseURL   string
	version   string // Intercom-Version sent unless a request overrides it
	userAgent string
	lastRate  atomic.Pointer[RateLimit]
}

// NewCore returns the version-independent part of a client, the one the
// generated clients of gen/<version> embed (their New calls it): requests
// carry Intercom-Version: version unless an option says otherwise, and are
// retried as table classes them (a nil table classes them by method: an
// unknown POST or PATCH is a write). Options are validated here, before
// anything is sent.
func NewCore(version string, t *RetryTable, opts ...Option) (*Core, error) {
	c, err := newCore(version, opts)
	if err != nil {
		return nil, err
	}
	c.cfg.retry.table = t
	return c, nil
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
	c := &Core{baseURL: cfg.baseURL(), version: typedVersion, userAgent: userAgent(cfg.userAgent)}
	if cfg.version != "" {
		c.version = cfg.version
	}
	cfg.doer = &observedDoer{next: buildDoer(cfg.doer, cfg.middleware), core: c}
	c.cfg = cfg
	return c, nil
}

// BaseURL is the API root requests go to.
func (c *Core) BaseURL() string { return c.baseURL }

// Version is the Intercom-Version header value the client sends.
func (c *Core) Version() string { return c.version }

// LastRateLimit returns the rate-limit state of the most recent response
// that reported one, successful or not; ok is false before any did.
func (c *Core) LastRateLimit() (rl RateLimit, ok bool) {
	if p := c.lastRate.Load(); p != nil {
		return *p, true
	}
	return RateLimit{}, false
}

// String describes the client without its credentials.
func (c *Core) String() string {
	return fmt.Sprintf("intercom client (Intercom-Version %s, %s)", c.version, c.baseURL)
}

// GoString is String: a %#v of a client must not dump its configuration.
func (c *Core) GoString() string { return c.String() }

// Format prints String for every verb, so that no verb reaches the fields.
func (c *Core) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue is String, for log/slog.
func (c *Core) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Do sends one request built by the generated code; it is the
// HttpRequestDoer of every typed API. It sets the client's headers, sends
// (with retries, retry_send.go) and returns a non-2xx answer as an *Error, never
// as a response. Transport failures are returned as *url.Error whose cause
// errors.Is can match (context.DeadlineExceeded, ...).
func (c *Core) Do(req *http.Request) (*http.Response, error) { return c.do(req, jsonBody) }

// do is Do with the way the retry layer reads a 2xx body it may ask for
// again (a listing reads its pages its own way, paginate_fetch.go).
func (c *Core) do(req *http.Request, rd bodyReader) (*http.Response, error) {
	if req == nil || req.URL == nil {
		return nil, errors.New("intercom: nil request")
	}
	if c.cfg.auth == nil || c.cfg.doer == nil {
		return nil, errors.New("intercom: client not made by New or another constructor")
	}
	if err := c.prepare(req); err != nil {
		return nil, err
	}
	req, cancel := c.withTimeout(req)
	resp, err := c.send(req, rd)
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := newError(req, resp)
		cancel()
		return nil, e
	}
	if _, inMemory := resp.Body.(*jsonx.Body); inMemory {
		cancel() // read whole by the retry layer: nothing left to time out
	} else if c.cfg.timeout > 0 {
		// The caller reads the body after Do returns: the deadline ends
		// when it closes it.
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	}
	return resp, nil
}

// withTimeout applies WithTimeout to req; cancel releases it.
func (c *Core) withTimeout(req *http.Request) (*http.Request, context.CancelFunc) {
	if c.cfg.timeout <= 0 {
		return req, func() {}
	}
	ctx, cancel := context.WithTimeout(req.Context(), c.cfg.timeout)
	return req.WithContext(ctx), cancel
}

// prepare sets the headers every request carries: exactly one
// Intercom-Version (the one a request editor set, else the client's),
// Authorization, User-Agent and, unless set, Accept.
func (c *Core) prepare(req *http.Request) error {
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	v := c.version
	if vs := req.Header.Values(hdrVersion); len(vs) > 0 {
		cv, err := canonicalVersion(vs[len(vs)-1])
		if err != nil {
			return err
		}
		v = cv
	}
	req.Header.Set(hdrVersion, v)
	if err := c.cfg.auth(req); err != nil {
		return err
	}
	req.Header.Set(hdrUserAgent, c.userAgent)
	if req.Header.Get(hdrAccept) == "" {
		req.Header.Set(hdrAccept, defaultAccept)
	}
	return nil
}

// cancelOnClose releases a call's timeout when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
