package facade_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// authRecorder records the Authorization header of each request it gets.
type authRecorder struct {
	mu    sync.Mutex
	auths []string
}

func (a *authRecorder) record(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.auths = append(a.auths, r.Header.Get("Authorization"))
}

func (a *authRecorder) get() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.auths...)
}

// recordingServers starts the file host a recording redirects to and an
// API server answering GET /calls/{id}/recording with 302 to target(file
// host URL).
func recordingServers(t *testing.T, target func(fileURL string) string) (api *httptest.Server, files *authRecorder) {
	files = &authRecorder{}
	fileSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		files.record(r)
		w.Header().Set("Content-Type", "audio/mpeg")
		_, _ = w.Write([]byte("ID3"))
	}))
	t.Cleanup(fileSrv.Close)
	api = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/recording.mp3" { // same-origin target
			files.record(r)
			_, _ = w.Write([]byte("ID3"))
			return
		}
		http.Redirect(w, r, target(fileSrv.URL)+"/recording.mp3?X-Signature=abc", http.StatusFound)
	}))
	t.Cleanup(api.Close)
	return api, files
}

func TestRedirectToAnotherHostDropsAuthorization(t *testing.T) {
	samePortOtherHost := func(u string) string { return u } // 127.0.0.1, another port
	otherName := func(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }

	// The redirects of this test keep the host name (127.0.0.1) or change
	// it to localhost; net/http alone forwards Authorization in the first
	// case. Proof that the test can fail:
	t.Run("net/http alone leaks", func(t *testing.T) {
		api, files := recordingServers(t, samePortOtherHost)
		req, _ := http.NewRequest(http.MethodGet, api.URL+"/calls/1/recording", nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := (&http.Client{}).Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		got := files.get()
		require.Len(t, got, 1, "net/http no longer forwards Authorization to another port (%q): simplify guardRedirects", got)
		require.NotEmpty(t, got[0], "net/http no longer forwards Authorization to another port: simplify guardRedirects")
	})

	userRedirects := 0
	userClient := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		userRedirects++
		return nil
	}}
	clients := map[string][]facade.Option{
		"default client":      nil,
		"user *http.Client":   {facade.WithHTTPClient(userClient)},
		"client + middleware": {facade.WithHTTPClient(&http.Client{}), facade.WithMiddleware(passThrough)},
	}
	for name, opts := range clients {
		for tname, target := range map[string]func(string) string{"other port": samePortOtherHost, "other host": otherName} {
			t.Run(name+"/"+tname, func(t *testing.T) {
				api, files := recordingServers(t, target)
				c, err := v2_16.New(append([]facade.Option{facade.WithToken(testToken), facade.WithBaseURL(api.URL)}, opts...)...)
				require.NoError(t, err)
				resp, err := c.API.ShowCallRecordingWithResponse(context.Background(), "1")
				require.NoError(t, err)
				require.Equal(t, "ID3", string(resp.Body), "redirect not followed: %d", resp.StatusCode())
				require.Equal(t, []string{""}, files.get(), "file host got Authorization")
			})
		}
	}
	assert.Equal(t, 2, userRedirects, "the user's CheckRedirect ran")
	assert.Nil(t, userClient.Transport, "the user's client was modified")

	t.Run("same origin keeps it", func(t *testing.T) {
		api, files := recordingServers(t, func(string) string { return "" }) // relative: same server
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(api.URL))
		require.NoError(t, err)
		_, err = c.API.ShowCallRecordingWithResponse(context.Background(), "1")
		require.NoError(t, err)
		require.Equal(t, []string{"Bearer " + testToken}, files.get(), "same-origin redirect lost Authorization")
	})
}

// The real shape: https://api.intercom.io redirects to a subdomain, which
// net/http alone would trust with the token.
func TestRedirectToSubdomainDropsAuthorization(t *testing.T) {
	const fileHost = "recordings.api.intercom.io"
	files := &authRecorder{}
	rn := newRegionNet(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == fileHost {
			files.record(r)
			_, _ = w.Write([]byte("ID3"))
			return
		}
		http.Redirect(w, r, "https://"+fileHost+"/r.mp3?sig=1", http.StatusFound)
	}), fileHost)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(rn.client))
	require.NoError(t, err)
	_, err = c.API.ShowCallRecordingWithResponse(context.Background(), "1")
	require.NoError(t, err)
	require.Equal(t, []string{""}, files.get(), "%s got Authorization", fileHost)
}

func passThrough(next http.RoundTripper) http.RoundTripper { return next }

func TestRedirectLoopStops(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/tags", http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.ErrorIs(t, err, facade.ErrTooManyRedirects, "want the redirect limit")
}
