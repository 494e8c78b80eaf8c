package facade_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTokenSource is shaped like oauth2.TokenSource.
type fakeTokenSource interface {
	Token() (*fakeToken, error)
}

// rotatingSource hands out a new token on each call, as a refreshing
// oauth2 source would over time.
type rotatingSource struct{ n atomic.Int32 }

func (s *rotatingSource) Token() (*fakeToken, error) {
	n := s.n.Add(1)
	return &fakeToken{AccessToken: testToken + string(rune('A'+n-1))}, nil
}

type failingSource struct{ err error }

func (s failingSource) Token() (*fakeToken, error) { return nil, s.err }

type nilSource struct{}

func (nilSource) Token() (*fakeToken, error) { return nil, nil }

func TestTokenSource(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	// Passed as the interface type, as oauth2.TokenSource values are: T is
	// inferred from the Token method.
	var src fakeTokenSource = &rotatingSource{}
	c, err := v2_16.New(facade.WithTokenSource(src), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	for range 2 {
		_, err := c.API.ListTagsWithResponse(context.Background())
		require.NoError(t, err)
	}
	reqs := srv.requests()
	require.Len(t, reqs, 2, "Authorization headers not taken from the source per request: %v", reqs)
	require.Equal(t, "Bearer "+testToken+"A", reqs[0].Header.Get("Authorization"), "Authorization headers not taken from the source per request")
	require.Equal(t, "Bearer "+testToken+"B", reqs[1].Header.Get("Authorization"), "Authorization headers not taken from the source per request")
}

func TestTokenSourceFailuresStopTheRequest(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	cause := errors.New("refresh failed")
	for name, tc := range map[string]struct {
		opt  facade.Option
		want string
	}{
		"error":     {facade.WithTokenSource(failingSource{cause}), "intercom: token source: refresh failed"},
		"nil token": {facade.WithTokenSource(nilSource{}), "returned no token"},
		"empty":     {facade.WithTokenSource(&fakeToken2Source{}), "empty Authorization header"},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := v2_16.New(tc.opt, facade.WithBaseURL(srv.URL))
			require.NoError(t, err)
			_, err = c.API.ListTagsWithResponse(context.Background())
			require.ErrorContains(t, err, tc.want)
			if name == "error" {
				assert.ErrorIs(t, err, cause, "cause lost")
			}
		})
	}
	require.Empty(t, srv.requests(), "requests sent without credentials")
}

// fakeToken2 sets no header at all.
type fakeToken2 struct{}

func (fakeToken2) SetAuthHeader(*http.Request) {}

type fakeToken2Source struct{}

func (*fakeToken2Source) Token() (fakeToken2, error) { return fakeToken2{}, nil }

func TestLastAuthOptionWins(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithTokenSource(&rotatingSource{}), facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, "Bearer "+testToken, srv.requests()[0].Header.Get("Authorization"), "Authorization")
}
