package facade_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every construction error: returned by New before any request, wrapping
// ErrConfig, naming the bad value and never the token.
func TestConstructionErrors(t *testing.T) {
	tok := facade.WithToken(testToken)
	tests := []struct {
		name string
		opts []facade.Option
		want string // substring of the error
	}{
		{"no token", nil, "empty access token"},
		{"empty token", []facade.Option{facade.WithToken("")}, "empty access token"},
		{"blank token", []facade.Option{facade.WithToken("  \t")}, "empty access token"},
		{"token with newline", []facade.Option{facade.WithToken(testToken + "\nX-Evil: 1")}, "control characters"},
		{"token with space", []facade.Option{facade.WithToken("Bearer " + testToken)}, "spaces"},
		{"nil token source", []facade.Option{facade.WithTokenSource[*fakeToken](nil)}, "nil token source"},
		{"unknown region", []facade.Option{tok, facade.WithRegion("mars")}, `unknown region "mars" (known: au, eu, us)`},
		{"empty region", []facade.Option{tok, facade.WithRegion("")}, `unknown region ""`},
		{"region and base URL", []facade.Option{tok, facade.WithRegion(facade.RegionEU), facade.WithBaseURL("http://127.0.0.1:9")},
			`region "eu" and base URL "http://127.0.0.1:9" both given`},
		{"base URL and region", []facade.Option{tok, facade.WithBaseURL("http://127.0.0.1:9"), facade.WithRegion(facade.RegionUS)},
			`region "us" and base URL "http://127.0.0.1:9" both given`},
		{"unknown version", []facade.Option{tok, facade.WithVersion("2.99")}, `unknown Intercom-Version "2.99" (Intercom defines 1.0, 1.1,`},
		{"empty version", []facade.Option{tok, facade.WithVersion("")}, `unknown Intercom-Version ""`},
		{"version with prefix", []facade.Option{tok, facade.WithVersion("v2.11")}, `unknown Intercom-Version "v2.11"`},
		{"empty base URL", []facade.Option{tok, facade.WithBaseURL("")}, "empty base URL"},
		{"base URL not a URL", []facade.Option{tok, facade.WithBaseURL("http://[::1")}, "base URL is not a URL"},
		{"base URL scheme", []facade.Option{tok, facade.WithBaseURL("ftp://example.com")}, `base URL "ftp://example.com": scheme must be http or https`},
		{"base URL without host", []facade.Option{tok, facade.WithBaseURL("https:///v1")}, "has no host"},
		{"base URL with credentials", []facade.Option{tok, facade.WithBaseURL("https://bob:hunter2@proxy.example")},
			`base URL "https://proxy.example" must not contain credentials`},
		{"base URL with query", []facade.Option{tok, facade.WithBaseURL("https://proxy.example/?a=1")}, "must not have a query"},
		{"nil HTTP client", []facade.Option{tok, facade.WithHTTPClient(nil)}, "nil HTTP client"},
		{"typed nil HTTP client", []facade.Option{tok, facade.WithHTTPClient((*http.Client)(nil))}, "nil HTTP client"},
		{"negative timeout", []facade.Option{tok, facade.WithTimeout(-time.Second)}, "negative timeout -1s"},
		{"empty user agent", []facade.Option{tok, facade.WithUserAgent(" ")}, "empty User-Agent"},
		{"user agent with newline", []facade.Option{tok, facade.WithUserAgent("app/1\r\nX: y")}, "control characters"},
		{"nil middleware", []facade.Option{tok, facade.WithMiddleware(nil)}, "nil middleware (argument 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, newClient := range []func(...facade.Option) (any, error){
				func(o ...facade.Option) (any, error) { return v2_16.New(o...) },
				func(o ...facade.Option) (any, error) { return v2_11.New(o...) },
				func(o ...facade.Option) (any, error) { return preview.New(o...) },
			} {
				c, err := newClient(tc.opts...)
				require.Error(t, err, "no error; client %v", c)
				assert.ErrorIs(t, err, facade.ErrConfig, "error does not wrap ErrConfig")
				assert.ErrorContains(t, err, tc.want)
				assert.NotContains(t, err.Error(), testToken, "error reveals a secret")
				assert.NotContains(t, err.Error(), "hunter2", "error reveals a secret")
			}
		})
	}
}

func TestConstructionDefaults(t *testing.T) {
	c, err := v2_16.New(facade.WithToken(testToken))
	require.NoError(t, err)
	require.Equal(t, "https://api.intercom.io", c.BaseURL(), "default client")
	require.Equal(t, facade.DefaultVersion, c.Version(), "default client")
	c11, err := v2_11.New(facade.WithToken(testToken), facade.WithRegion("EU"), facade.WithVersion("preview"), facade.WithLogger(slog.Default()), facade.WithLogger(nil))
	require.NoError(t, err)
	require.Equal(t, "https://api.eu.intercom.io", c11.BaseURL(), "configured client")
	require.Equal(t, "Preview", c11.Version(), "configured client")
	cb, err := v2_14.New(facade.WithToken(testToken), facade.WithBaseURL("http://127.0.0.1:9/intercom/"))
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:9/intercom", cb.BaseURL(), "base URL client")
	require.Equal(t, "2.14", cb.Version(), "base URL client")
}

// WithBaseURL's errors never quote a query, a fragment or user info: a
// token pasted into the URL must not reach a log through them.
func TestBaseURLErrorsHideSecrets(t *testing.T) {
	const secret = "s3cr3t-T0KEN-value"
	for _, base := range []string{
		"https://api.example.com/?access_token=" + secret,
		"https://api.example.com/#" + secret,
		"ftp://api.example.com/?access_token=" + secret,
		"https:///?access_token=" + secret,
		"https://user:" + secret + "@api.example.com/?q=" + secret,
		"https://api.example.com/%zz?access_token=" + secret,
		"https://api.exa mple.com/?access_token=" + secret,
		"https://api.example.com:" + secret + "/",
	} {
		_, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(base))
		require.Error(t, err, "%q accepted", base)
		require.ErrorIs(t, err, facade.ErrConfig)
		require.NotContains(t, err.Error(), secret, "error for a base URL with a secret")
		require.NotContains(t, fmt.Sprintf("%+v %#v", err, err), secret, "error for a base URL with a secret")
	}
}
