package facade_test

import (
	"net/http"
	"testing"
	"time"

	"context"
	"slices"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
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
			if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(order, []string{"outer", "inner", "innermost"}) {
				t.Errorf("middleware order %v", order)
			}
			// Middleware sees the request as sent: all headers already set.
			if len(seen) != 1 || seen[0].Get("Authorization") != "Bearer "+testToken || seen[0].Get("Intercom-Version") != "2.16" {
				t.Errorf("middleware saw %v", seen)
			}
		})
	}
}
