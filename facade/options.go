package facade

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Option configures a client at construction.
type Option func(*config) error

// Doer sends HTTP requests; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

type config struct {
	token   string
	base    string
	version string
	doer    Doer
	retry   retryConfig // retry.go
}

func defaultConfig() config {
	return config{doer: http.DefaultClient, retry: defaultRetryConfig()}
}

func (c *config) validate() error {
	if strings.TrimSpace(c.token) == "" {
		return errors.New("facade: empty access token (WithToken)")
	}
	return nil
}

func (c *config) baseURL() string {
	if c.base != "" {
		return strings.TrimSuffix(c.base, "/")
	}
	return "https://api.intercom.io"
}

// WithToken authenticates with an access token.
func WithToken(token string) Option {
	return func(c *config) error { c.token = token; return nil }
}

// WithBaseURL sends requests to base instead of a region's server.
func WithBaseURL(base string) Option {
	return func(c *config) error {
		if base == "" {
			return fmt.Errorf("facade: empty base URL")
		}
		c.base = base
		return nil
	}
}

// WithVersion pins the Intercom-Version header.
func WithVersion(v string) Option {
	return func(c *config) error { c.version = v; return nil }
}

// WithHTTPClient sends requests through d.
func WithHTTPClient(d Doer) Option {
	return func(c *config) error {
		if d == nil {
			return errors.New("facade: nil HTTP client")
		}
		c.doer = d
		return nil
	}
}
