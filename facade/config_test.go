package facade

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Every construction error: returned by New before any request, wrapping
// ErrConfig, naming the bad value and never the token.
func TestConstructionErrors(t *testing.T) {
	tok := WithToken(testToken)
	tests := []struct {
		name string
		opts []Option
		want string // substring of the error
	}{
		{"no token", nil, "empty access token"},
		{"empty token", []Option{WithToken("")}, "empty access token"},
		{"blank token", []Option{WithToken("  \t")}, "empty access token"},
		{"token with newline", []Option{WithToken(testToken + "\nX-Evil: 1")}, "control characters"},
		{"token with space", []Option{WithToken("Bearer " + testToken)}, "spaces"},
		{"nil token source", []Option{WithTokenSource[*fakeToken](nil)}, "nil token source"},
		{"unknown region", []Option{tok, WithRegion("mars")}, `unknown region "mars" (known: au, eu, us)`},
		{"empty region", []Option{tok, WithRegion("")}, `unknown region ""`},
		{"region and base URL", []Option{tok, WithRegion(RegionEU), WithBaseURL("http://127.0.0.1:9")},
			`region "eu" and base URL "http://127.0.0.1:9" both given`},
		{"base URL and region", []Option{tok, WithBaseURL("http://127.0.0.1:9"), WithRegion(RegionUS)},
			`region "us" and base URL "http://127.0.0.1:9" both given`},
		{"unknown version", []Option{tok, WithVersion("2.99")}, `unknown Intercom-Version "2.99" (Intercom defines 1.0, 1.1,`},
		{"empty version", []Option{tok, WithVersion("")}, `unknown Intercom-Version ""`},
		{"version with prefix", []Option{tok, WithVersion("v2.11")}, `unknown Intercom-Version "v2.11"`},
		{"empty base URL", []Option{tok, WithBaseURL("")}, "empty base URL"},
		{"base URL not a URL", []Option{tok, WithBaseURL("http://[::1")}, "base URL is not a URL"},
		{"base URL scheme", []Option{tok, WithBaseURL("ftp://example.com")}, `base URL "ftp://example.com": scheme must be http or https`},
		{"base URL without host", []Option{tok, WithBaseURL("https:///v1")}, "has no host"},
		{"base URL with credentials", []Option{tok, WithBaseURL("https://bob:hunter2@proxy.example")},
			`base URL "https://proxy.example" must not contain credentials`},
		{"base URL with query", []Option{tok, WithBaseURL("https://proxy.example/?a=1")}, "must not have a query"},
		{"nil HTTP client", []Option{tok, WithHTTPClient(nil)}, "nil HTTP client"},
		{"typed nil HTTP client", []Option{tok, WithHTTPClient((*http.Client)(nil))}, "nil HTTP client"},
		{"negative timeout", []Option{tok, WithTimeout(-time.Second)}, "negative timeout -1s"},
		{"empty user agent", []Option{tok, WithUserAgent(" ")}, "empty User-Agent"},
		{"user agent with newline", []Option{tok, WithUserAgent("app/1\r\nX: y")}, "control characters"},
		{"nil middleware", []Option{tok, WithMiddleware(nil)}, "nil middleware (argument 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, newClient := range []func(...Option) (any, error){
				func(o ...Option) (any, error) { return New(o...) },
				func(o ...Option) (any, error) { return NewV2_11(o...) },
				func(o ...Option) (any, error) { return NewPreview(o...) },
			} {
				c, err := newClient(tc.opts...)
				if err == nil {
					t.Fatalf("no error; client %v", c)
				}
				if !errors.Is(err, ErrConfig) {
					t.Errorf("error %q does not wrap ErrConfig", err)
				}
				if !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %q, want it to contain %q", err, tc.want)
				}
				if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "hunter2") {
					t.Errorf("error reveals a secret: %q", err)
				}
			}
		})
	}
}

func TestConstructionDefaults(t *testing.T) {
	c, err := New(WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "https://api.intercom.io" || c.Version() != DefaultVersion {
		t.Fatalf("default client: %s %s", c.BaseURL(), c.Version())
	}
	c11, err := NewV2_11(WithToken(testToken), WithRegion("EU"), WithVersion("preview"), WithLogger(slog.Default()), WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c11.BaseURL() != "https://api.eu.intercom.io" || c11.Version() != "Preview" {
		t.Fatalf("configured client: %s %s", c11.BaseURL(), c11.Version())
	}
	cb, err := NewV2_14(WithToken(testToken), WithBaseURL("http://127.0.0.1:9/intercom/"))
	if err != nil {
		t.Fatal(err)
	}
	if cb.BaseURL() != "http://127.0.0.1:9/intercom" || cb.Version() != "2.14" {
		t.Fatalf("base URL client: %s %s", cb.BaseURL(), cb.Version())
	}
}

func TestNewFromEnv(t *testing.T) {
	for _, k := range []string{EnvToken, EnvAccessToken, EnvRegion, EnvVersion, EnvBaseURL} {
		t.Setenv(k, "")
	}
	t.Run("empty", func(t *testing.T) {
		_, err := NewFromEnv()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "INTERCOM_TOKEN") {
			t.Fatalf("err = %v, want one pointing at INTERCOM_TOKEN", err)
		}
	})
	t.Run("all set", func(t *testing.T) {
		t.Setenv(EnvToken, testToken)
		t.Setenv(EnvRegion, "AU")
		t.Setenv(EnvVersion, "2.15")
		c, err := NewFromEnv()
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL() != "https://api.au.intercom.io" || c.Version() != "2.15" {
			t.Fatalf("client %s %s", c.BaseURL(), c.Version())
		}
	})
	t.Run("alias and base URL", func(t *testing.T) {
		t.Setenv(EnvAccessToken, testToken)
		t.Setenv(EnvBaseURL, "http://127.0.0.1:9")
		c, err := NewV2_11(FromEnv())
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL() != "http://127.0.0.1:9" || c.Version() != "2.11" {
			t.Fatalf("client %s %s", c.BaseURL(), c.Version())
		}
	})
	t.Run("options win over env", func(t *testing.T) {
		t.Setenv(EnvToken, testToken)
		t.Setenv(EnvVersion, "2.12")
		c, err := NewFromEnv(WithVersion("2.13"))
		if err != nil || c.Version() != "2.13" {
			t.Fatalf("version %v, %v; want 2.13", c, err)
		}
	})
	bad := []struct{ key, value, want string }{
		{EnvRegion, "mars", `INTERCOM_REGION: intercom: invalid configuration: unknown region "mars"`},
		{EnvVersion, "3.0", `INTERCOM_VERSION: intercom: invalid configuration: unknown Intercom-Version "3.0"`},
		{EnvBaseURL, "ftp://x", `INTERCOM_BASE_URL: intercom: invalid configuration: base URL "ftp://x"`},
	}
	for _, b := range bad {
		t.Run("bad "+b.key, func(t *testing.T) {
			t.Setenv(EnvToken, testToken)
			t.Setenv(b.key, b.value)
			_, err := NewFromEnv()
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), b.want) {
				t.Fatalf("err = %v, want %q", err, b.want)
			}
		})
	}
	t.Run("region and base URL", func(t *testing.T) {
		t.Setenv(EnvToken, testToken)
		t.Setenv(EnvRegion, "eu")
		t.Setenv(EnvBaseURL, "http://127.0.0.1:9")
		if _, err := NewFromEnv(); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "both given") {
			t.Fatalf("err = %v", err)
		}
	})
}
