package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Doer sends HTTP requests; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Config is a public app's OAuth credentials (Developer Hub, Basic
// information) and where to use them.
type Config struct {
	ClientID     string
	ClientSecret string
	// RedirectURL is one of the app's registered redirect URLs; empty lets
	// Intercom pick the app's default.
	RedirectURL string
	// Region is the hosts to use; the zero value means US.
	Region Region
	// HTTPClient sends the token request; nil means http.DefaultClient.
	HTTPClient Doer
}

// ErrNoToken is returned when the token endpoint answers 2xx without a
// token.
var ErrNoToken = errors.New("oauth: token endpoint returned no token")

// maxBody bounds how much of a token response is read.
const maxBody = 1 << 20

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

// AuthorizeURL returns the page to send the customer to: the region's
// /oauth with client_id, state and, if set, redirect_uri. state must be a
// fresh unguessable value (NewState) remembered for the redirect.
func (c *Config) AuthorizeURL(state string) (string, error) {
	if c.ClientID == "" {
		return "", errors.New("oauth: empty client ID")
	}
	if state == "" {
		return "", errors.New("oauth: empty state (use NewState)")
	}
	u, err := url.Parse(strings.TrimSuffix(c.region().AppBase, "/") + authorizePath)
	if err != nil {
		return "", fmt.Errorf("oauth: app base: %w", err)
	}
	q := url.Values{"client_id": {c.ClientID}, "state": {state}}
	if c.RedirectURL != "" {
		q.Set("redirect_uri", c.RedirectURL)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Exchange trades the code from the redirect (valid for a few minutes) for
// an access token, to use with facade.WithToken. A non-2xx answer is an
// *Error.
func (c *Config) Exchange(ctx context.Context, code string) (string, error) {
	if code == "" {
		return "", errors.New("oauth: empty code")
	}
	if c.ClientID == "" || c.ClientSecret == "" {
		return "", errors.New("oauth: client ID and secret are required")
	}
	form := url.Values{"code": {code}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}
	endpoint := strings.TrimSuffix(c.region().APIBase, "/") + tokenPath
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("oauth: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	doer := c.HTTPClient
	if doer == nil {
		doer = http.DefaultClient
	}
	resp, err := doer.Do(req)
	if err != nil {
		return "", fmt.Errorf("oauth: token exchange: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return "", fmt.Errorf("oauth: reading token response: %w", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", newError(resp.StatusCode, body)
	}
	// Intercom sends the token as "token" and, in newer answers, also as
	// "access_token"; either will do.
	var tok struct {
		AccessToken string `json:"access_token"`
		Token       string `json:"token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil {
		return "", fmt.Errorf("oauth: decoding token response: %w", err)
	}
	if tok.AccessToken != "" {
		return tok.AccessToken, nil
	}
	if tok.Token != "" {
		return tok.Token, nil
	}
	return "", ErrNoToken
}
