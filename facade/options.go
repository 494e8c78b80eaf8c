package facade

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Option configures a client at construction: New(WithToken(t), ...).
type Option func(*config) error

// ErrConfig is wrapped by every construction error, which also names the
// bad value (never a token).
var ErrConfig = errors.New("intercom: invalid configuration")

// Doer sends HTTP requests; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Middleware wraps the HTTP transport: it sees every request as sent,
// redirects and retries included, after all headers are set.
type Middleware func(http.RoundTripper) http.RoundTripper

type config struct {
	auth       authorizer
	region     Region
	base       string // custom base URL, validated, no trailing slash
	version    string // Intercom-Version pin; "" means the typed package's
	doer       Doer
	timeout    time.Duration
	userAgent  string // appended to the default User-Agent
	logger     *slog.Logger
	middleware []Middleware
	retry      retryConfig // retry_send.go
	// maxResponse bounds every response body read (core_body.go); 0 means
	// DefaultMaxResponseBytes.
	maxResponse int64
}

func defaultConfig() config {
	return config{retry: defaultRetryConfig()}
}

// validate checks what single options cannot: missing and conflicting
// settings.
func (c *config) validate() error {
	if c.auth == nil {
		return fmt.Errorf("%w: empty access token: use WithToken or WithTokenSource (or INTERCOM_TOKEN with FromEnv)", ErrConfig)
	}
	if c.region != "" && c.base != "" {
		return fmt.Errorf("%w: region %q and base URL %q both given: a base URL replaces the region's server, pick one",
			ErrConfig, c.region, c.base)
	}
	return nil
}

// baseURL is the server requests go to: the custom base URL, else the
// region's server (the US one by default).
func (c *config) baseURL() string {
	if c.base != "" {
		return c.base
	}
	if c.region != "" {
		return c.region.BaseURL()
	}
	return RegionUS.BaseURL()
}

// WithRegion sends requests to the server of the region the workspace is
// hosted in: RegionUS (default), RegionEU or RegionAU. It cannot be
// combined with WithBaseURL.
func WithRegion(r Region) Option {
	return func(c *config) error {
		r, err := ParseRegion(string(r))
		if err != nil {
			return err
		}
		c.region = r
		return nil
	}
}

// WithBaseURL sends requests to base, an http or https URL, instead of a
// region's server: for a proxy or a test server. It cannot be combined
// with WithRegion. Its errors show the URL without credentials, query or
// fragment, which is where a misplaced token would be.
func WithBaseURL(base string) Option {
	return func(c *config) error {
		u, err := url.Parse(base)
		switch {
		case strings.TrimSpace(base) == "":
			return fmt.Errorf("%w: empty base URL", ErrConfig)
		case err != nil:
			// Not err: it quotes the URL, or the part of it that failed,
			// which may be a credential.
			return fmt.Errorf("%w: base URL is not a URL (the parser's message is not shown: it quotes the URL)", ErrConfig)
		case u.Scheme != "http" && u.Scheme != "https":
			return fmt.Errorf("%w: base URL %q: scheme must be http or https", ErrConfig, redactedURL(u))
		case u.Host == "":
			return fmt.Errorf("%w: base URL %q has no host", ErrConfig, redactedURL(u))
		case u.User != nil:
			// Credentials would be sent as Basic auth and printed with the URL.
			return fmt.Errorf("%w: base URL %q must not contain credentials", ErrConfig, redactedURL(u))
		case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
			return fmt.Errorf("%w: base URL %q must not have a query or fragment (the query and fragment are not shown)", ErrConfig, redactedURL(u))
		}
		c.base = strings.TrimSuffix(u.String(), "/")
		return nil
	}
}

// WithVersion pins the Intercom-Version header every request carries,
// instead of the version of the typed package (the usual choice; see
// v2_11.New and the other versions' constructors). The value must be one Intercom
// defines, such as "2.15" or "Preview"; responses are still decoded with
// the typed package's types.
func WithVersion(v string) Option {
	return func(c *config) error {
		cv, err := canonicalVersion(v)
		if err != nil {
			return err
		}
		c.version = cv
		return nil
	}
}

// WithHTTPClient sends requests through d: an *http.Client, or any Doer.
// An *http.Client is copied, never modified: the copy gets the middleware
// and the redirect guard that drops Authorization when a redirect leaves
// the API host. Another Doer is used as is and must not forward the
// Authorization header to other hosts itself.
func WithHTTPClient(d Doer) Option {
	return func(c *config) error {
		if isNil(d) {
			return fmt.Errorf("%w: nil HTTP client (WithHTTPClient)", ErrConfig)
		}
		c.doer = d
		return nil
	}
}

// WithTimeout bounds each API call, from sending the request to reading
// the response body, retries included. Zero means no limit beyond the
// context's. Expiry fails the call with an error that matches
// context.DeadlineExceeded.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("%w: negative timeout %v", ErrConfig, d)
		}
		c.timeout = d
		return nil
	}
}

// WithUserAgent appends product (such as "myapp/1.2") to the default
// User-Agent, which names this module, its version and the Go version.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		p := strings.TrimSpace(product)
		if p == "" {
			return fmt.Errorf("%w: empty User-Agent product", ErrConfig)
		}
		for _, r := range p {
			if r < ' ' || r == 0x7f {
				return fmt.Errorf("%w: User-Agent %q contains control characters", ErrConfig, product)
			}
		}
		if c.userAgent != "" {
			p = c.userAgent + " " + p
		}
		c.userAgent = p
		return nil
	}
}

// WithMaxResponseBytes bounds every response body the client reads, at n
// bytes as decoded (default DefaultMaxResponseBytes): net/http inflates
// gzip bodies transparently, so without a bound a small compressed answer
// could fill memory. A call whose body goes past it fails with an error
// matching ErrResponseTooLarge. Raise it for large downloads, such as call
// recordings and data export files.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("%w: response body limit must be positive, got %d (WithMaxResponseBytes)", ErrConfig, n)
		}
		c.maxResponse = n
		return nil
	}
}

// WithLogger logs every HTTP attempt to l: method, path (no query), status,
// duration, request id, Intercom-Version and attempt number; successes at
// Debug level, failures at Warn. Tokens and bodies are never logged. A nil
// l turns logging off.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithMiddleware wraps the HTTP transport with mw, the first given being
// the outermost. It is applied to the transport of the *http.Client in use
// (http.DefaultTransport when none is set), or around another Doer.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error {
		for i, m := range mw {
			if m == nil {
				return fmt.Errorf("%w: nil middleware (argument %d of WithMiddleware)", ErrConfig, i)
			}
		}
		c.middleware = append(c.middleware, mw...)
		return nil
	}
}
