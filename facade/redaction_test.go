package facade_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// A run of failing calls of every kind, with a server that echoes the
// credential back in bodies and headers: no log line, error string or
// printed value may contain the token.
func TestTokenNeverLeaks(t *testing.T) {
	const sourceToken = "c291cmNlLXRva2VuLWZyb20tYW4tb2F1dGgyLXNvdXJjZQ"
	secrets := []string{testToken, sourceToken}

	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden) // the signed URL refuses: an *Error from another host
		_, _ = fmt.Fprintf(w, "got %q", r.Header.Get("Authorization"))
	}))
	t.Cleanup(files.Close)
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		cred := strings.TrimPrefix(auth, "Bearer ")
		w.Header().Set("X-Echo", auth)
		w.Header().Set("X-Request-Id", "req-"+cred[:4]) // a prefix is not the secret
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/tags":
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = fmt.Fprintf(w, `{"type":"error.list","errors":[{"code":"unauthorized","message":"Access Token Invalid: %s","field":"%s"}]}`, cred, auth)
		case "/admins":
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = fmt.Fprintf(w, "panic: request %v", r.Header)
		case "/contacts":
			w.WriteHeader(http.StatusTooManyRequests)
			w.Header().Set("X-RateLimit-Limit", "10")
			_, _ = fmt.Fprintf(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"%s`, cred) // cut off
		case "/calls/1/recording":
			http.Redirect(w, r, files.URL+"/r.mp3?token="+cred, http.StatusFound)
		case "/segments":
			select { // hang until the client gives up
			case <-block:
			case <-r.Context().Done():
			}
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = fmt.Fprintf(w, `{"type":"error","message":"no route for token %s"}`, cred)
		}
	}))
	t.Cleanup(api.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := ln.Addr().String()
	ln.Close()

	var out strings.Builder // everything a user could see
	var logs syncBuffer
	textLog := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	jsonLog := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	see := func(vs ...any) {
		for _, v := range vs {
			fmt.Fprintf(&out, "%v|%+v|%#v|%s|%q|%x|%d\n", v, v, v, v, v, v, v)
			textLog.Info("seen", "value", v)
			jsonLog.Info("seen", "value", v)
			if j, err := json.Marshal(v); err == nil {
				out.Write(j)
			}
		}
	}

	clients := map[string][]facade.Option{
		"token":        {facade.WithToken(testToken), facade.WithLogger(textLog)},
		"token source": {facade.WithTokenSource(fixedSource{&fakeToken{AccessToken: sourceToken}}), facade.WithLogger(jsonLog)},
	}
	for name, auth := range clients {
		for _, base := range []string{api.URL, "http://" + deadAddr} {
			c, err := v2_16.New(append([]facade.Option{facade.WithBaseURL(base), facade.WithTimeout(2 * time.Second), fastRetries()}, auth...)...)
			if err != nil {
				t.Fatal(err)
			}
			see(c, c.Core, c.API)
			out.WriteString(facade.ConfigString(c.Core))
			ctx := context.Background()
			short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
			var errs []error
			_, err = c.API.ListTagsWithResponse(ctx)
			errs = append(errs, err)
			_, err = c.API.ListAdminsWithResponse(ctx, nil)
			errs = append(errs, err)
			_, err = c.API.ListContactsWithResponse(ctx, nil)
			errs = append(errs, err)
			_, err = c.API.ShowCallRecordingWithResponse(ctx, "1")
			errs = append(errs, err)
			_, err = c.API.ListSegmentsWithResponse(short, nil)
			errs = append(errs, err)
			_, err = c.API.ListTeamsWithResponse(ctx, facade.RequestVersion("0.0"))
			errs = append(errs, err)
			_, err = c.API.ShowContactWithResponse(ctx, "x", &v2_16.ShowContactParams{}, facade.RequestHeader("Authorization", "Bearer "+testToken))
			errs = append(errs, err)
			cancel()
			for i, err := range errs {
				if err == nil {
					t.Fatalf("%s: call %d did not fail", name, i)
				}
				see(err)
				var e *facade.Error
				if errors.As(err, &e) {
					see(e, *e, e.Errors, string(e.Body), e.Header)
				}
			}
		}
	}
	all := out.String() + logs.String()
	if !strings.Contains(logs.String(), "status=401") || !strings.Contains(logs.String(), `"status":429`) ||
		!strings.Contains(all, "connection refused") || !strings.Contains(all, "context deadline exceeded") {
		t.Fatalf("the run did not produce the expected failures:\n%s", all)
	}
	for _, s := range secrets {
		if i := strings.Index(all, s); i >= 0 {
			t.Fatalf("secret found in output: …%s…", all[max(0, i-200):min(len(all), i+len(s)+50)])
		}
		if hexed := fmt.Sprintf("%x", s); strings.Contains(all, hexed) {
			t.Fatalf("hex-encoded secret found in output")
		}
	}
	if !strings.Contains(all, facade.Redacted) {
		t.Error("echoed credentials were not replaced by " + facade.Redacted)
	}
}

type fixedSource struct{ tok *fakeToken }

func (s fixedSource) Token() (*fakeToken, error) { return s.tok, nil }
