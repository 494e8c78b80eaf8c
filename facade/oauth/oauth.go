package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/internal/scrub"
)

// Doer sends HTTP requests; *http.Client is one. It is facade.Doer, the
// one such interface of the client, so that one value serves both.
type Doer = facade.Doer

// Config is a public app's OAuth credentials (Developer Hub, Basic
// information) and where to use them. Printing a Config (fmt, log/slog)
// shows the client secret as "[REDACTED]".
type Config struct {
	ClientID     string
	ClientSecret string
	// RedirectURL is one of the app's registered redirect URLs; empty lets
	// Intercom pick the app's default.
	RedirectURL string
	// Region is the hosts to use; the zero value means US.
	Region Region
	// AuthorizeEndpoint and TokenEndpoint, when set, are the full URLs of
	// the authorize page and of the token endpoint, replacing those of
	// Region: for a region whose endpoints Intercom documents differently
	// from the hosts Region assumes (see docs/oauth.md: only the US ones are
	// confirmed), a proxy or a test server.
	AuthorizeEndpoint, TokenEndpoint string
	// HTTPClient sends the token request; nil means a client like
	// http.DefaultClient. An *http.Client is copied, never modified, and
	// the copy refuses redirects to another origin: the request carries
	// the client secret and the code. Another Doer must refuse them itself.
	HTTPClient Doer
	// MaxResponseBytes bounds the token response read (default
	// DefaultMaxResponseBytes); a longer one fails with ErrResponseTooLarge.
	MaxResponseBytes int64
}

// String describes c without its client secret.
func (c Config) String() string {
	secret := ""
	if c.ClientSecret != "" {
		secret = redacted
	}
	return fmt.Sprintf("oauth.Config{ClientID:%q ClientSecret:%s RedirectURL:%q Region:%+v AuthorizeEndpoint:%q TokenEndpoint:%q}",
		c.ClientID, secret, c.RedirectURL, c.Region, c.AuthorizeEndpoint, c.TokenEndpoint)
}

// GoString is String, so that %#v does not dump the secret either.
func (c Config) GoString() string { return c.String() }

// Format prints String for every verb, so that no verb reaches the fields.
func (c Config) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue is String, for log/slog.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// redacted stands in for a secret.
const redacted = scrub.Redacted

// ErrNoToken is returned when the token endpoint answers 2xx without a
// token.
var ErrNoToken = errors.New("intercom: oauth: token endpoint returned no token")

// ErrRedirectRefused is returned when the token endpoint redirects to
// another origin (scheme, host, port): following would send the client
// secret and the code there (a 307 or 308 re-sends the form as it was).
var ErrRedirectRefused = errors.New("intercom: oauth: token endpoint redirected to another origin; not followed")

// ErrResponseTooLarge is returned when the token response is longer than
// Config.MaxResponseBytes.
var ErrResponseTooLarge = errors.New("intercom: oauth: token response too large")

// DefaultMaxResponseBytes bounds the token response when
// Config.MaxResponseBytes is zero; a token answer is a few hundred bytes.
const DefaultMaxResponseBytes int64 = 1 << 20

func (c *Config) region() Region {
	r := c.Region
	if r.AppBase == "" {
		r.AppBase = US.AppBase
	}
	if r.APIBase == "" {
		r.APIBase = US.APIBase
	}
	return r
}

// authorizeEndpoint and tokenEndpoint are the URLs in use.
func (c *Config) authorizeEndpoint() string {
	if c.AuthorizeEndpoint != "" {
		return c.AuthorizeEndpoint
	}
	return strings.TrimSuffix(c.region().AppBase, "/") + authorizePath
}

func (c *Config) tokenEndpoint() string {
	if c.TokenEndpoint != "" {
		return c.TokenEndpoint
	}
	return strings.TrimSuffix(c.region().APIBase, "/") + tokenPath
}

// AuthorizeURL returns the page to send the customer to: AuthorizeEndpoint,
// else the region's /oauth, with client_id, state and, if set,
// redirect_uri. state must be a
// fresh unguessable value (NewState) remembered for the redirect.
func (c *Config) AuthorizeURL(state string) (string, error) {
	if c.ClientID == "" {
		return "", errors.New("intercom: oauth: empty client ID")
	}
	if state == "" {
		return "", errors.New("intercom: oauth: empty state (use NewState)")
	}
	u, err := url.Parse(c.authorizeEndpoint())
	if err != nil || u.Host == "" {
		return "", errors.New("intercom: oauth: the authorize endpoint is not an absolute URL")
	}
	q := u.Query()
	q.Set("client_id", c.ClientID)
	q.Set("state", state)
	if c.RedirectURL != "" {
		q.Set("redirect_uri", c.RedirectURL)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Exchange trades the code from the redirect (valid for a few minutes) for
// an access token, to use with facade.WithToken. A non-2xx answer is an
// *Error; a redirect to another origin is refused (ErrRedirectRefused).
// Neither the client secret nor the code appears in its errors.
func (c *Config) Exchange(ctx context.Context, code string) (string, error) {
	if code == "" {
		return "", errors.New("intercom: oauth: empty code")
	}
	if c.ClientID == "" || c.ClientSecret == "" {
		return "", errors.New("intercom: oauth: client ID and secret are required")
	}
	sc := newScrubber(c.ClientSecret, code)
	form := url.Values{"code": {code}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.tokenEndpoint(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("intercom: oauth: token endpoint: %w", sc.Err(err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.doer().Do(req)
	if err != nil {
		return "", fmt.Errorf("intercom: oauth: token exchange: %w", sc.Err(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 && resp.Header.Get("Location") != "" {
		return "", fmt.Errorf("%w (%d)", ErrRedirectRefused, resp.StatusCode)
	}
	limit := c.MaxResponseBytes
	if limit <= 0 {
		limit = DefaultMaxResponseBytes
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return "", fmt.Errorf("intercom: oauth: reading token response: %w", sc.Err(err))
	}
	if int64(len(body)) > limit {
		return "", fmt.Errorf("%w: more than %d bytes", ErrResponseTooLarge, limit)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", newError(resp.StatusCode, body, sc)
	}
	// Intercom sends the token as "token" and, in newer answers, also as
	// "access_token"; either will do.
	var tok struct {
		AccessToken string `json:"access_token"`
		Token       string `json:"token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil {
		return "", fmt.Errorf("intercom: oauth: decoding token response: %w", err)
	}
	if tok.AccessToken != "" {
		return tok.AccessToken, nil
	}
	if tok.Token != "" {
		return tok.Token, nil
	}
	return "", ErrNoToken
}

// doer is what sends the token request: HTTPClient, an *http.Client copied
// with the redirect guard, or a guarded client like http.DefaultClient.
func (c *Config) doer() Doer {
	hc, ok := c.HTTPClient.(*http.Client)
	if !ok && c.HTTPClient != nil {
		return c.HTTPClient
	}
	cl := http.Client{}
	if hc != nil {
		cl = *hc
	}
	cl.CheckRedirect = sameOriginOnly(cl.CheckRedirect)
	return &cl
}

// sameOriginOnly stops at a redirect that leaves the origin of the first
// request, handing its response to Exchange, and otherwise applies next
// (or net/http's default policy).
func sameOriginOnly(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 && !sameOrigin(req.URL, via[0].URL) {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(hostPort(a), hostPort(b))
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return u.Hostname() + ":" + port
}

// newScrubber scrubs the client secret and the code from what Exchange
// shows of an answer; values too short to tell from ordinary text are
// left out.
func newScrubber(secrets ...string) scrub.Scrubber {
	long := make([]string, 0, len(secrets))
	for _, s := range secrets {
		if len(s) >= 4 {
			long = append(long, s)
		}
	}
	return scrub.New(long...)
}
