package facade_test

import (
	"net/http"
	"testing"
	"time"

	"context"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headerSpy is a middleware recording the headers of what it sends.
func headerSpy(name string, order *[]string, seen *[]http.Header) facade.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			*order = append(*order, name)
			if seen != nil {
				*seen = append(*seen, r.Header.Clone())
			}
			return next.RoundTrip(r)
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestMiddlewareAndDoers(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	for name, doer := range map[string]facade.Doer{
		"default":     nil,
		"http.Client": &http.Client{Timeout: time.Minute},
		"custom Doer": doerFunc(func(r *http.Request) (*http.Response, error) { return http.DefaultClient.Do(r) }),
	} {
		t.Run(name, func(t *testing.T) {
			var order []string
			var seen []http.Header
			opts := []facade.Option{facade.WithToken(testToken), facade.WithBaseURL(srv.URL),
				facade.WithMiddleware(headerSpy("outer", &order, nil), headerSpy("inner", &order, &seen)),
				facade.WithMiddleware(headerSpy("innermost", &order, nil))}
			if doer != nil {
				opts = append(opts, facade.WithHTTPClient(doer))
			}
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			_, err = c.API.ListTagsWithResponse(context.Background())
			require.NoError(t, err)
			assert.Equal(t, []string{"outer", "inner", "innermost"}, order, "middleware order")
			// Middleware sees the request as sent: all headers already set.
			if assert.Len(t, seen, 1, "middleware saw %v", seen) {
				assert.Equal(t, "Bearer "+testToken, seen[0].Get("Authorization"), "middleware saw %v", seen)
				assert.Equal(t, "2.16", seen[0].Get("Intercom-Version"), "middleware saw %v", seen)
			}
		})
	}
}
