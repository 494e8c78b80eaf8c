package facade_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
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
		if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.requests()
	if len(reqs) != 2 ||
		reqs[0].Header.Get("Authorization") != "Bearer "+testToken+"A" ||
		reqs[1].Header.Get("Authorization") != "Bearer "+testToken+"B" {
		t.Fatalf("Authorization headers not taken from the source per request: %v", reqs)
	}
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
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if name == "error" && !errors.Is(err, cause) {
				t.Errorf("cause lost: %v", err)
			}
		})
	}
	if n := len(srv.requests()); n != 0 {
		t.Fatalf("%d requests sent without credentials", n)
	}
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
	if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := srv.requests()[0].Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Fatalf("Authorization = %q", got)
	}
}
