package facade_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"net"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.NoError(t, err)
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
			require.NoError(t, err)
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
				require.Error(t, err, "%s: call %d did not fail", name, i)
				see(err)
				var e *facade.Error
				if errors.As(err, &e) {
					see(e, *e, e.Errors, string(e.Body), e.Header)
				}
			}
		}
	}
	all := out.String() + logs.String()
	require.Contains(t, logs.String(), "status=401", "the run did not produce the expected failures")
	require.Contains(t, logs.String(), `"status":429`, "the run did not produce the expected failures")
	require.Contains(t, all, "connection refused", "the run did not produce the expected failures")
	require.Contains(t, all, "context deadline exceeded", "the run did not produce the expected failures")
	for _, s := range secrets {
		i := strings.Index(all, s)
		require.Negative(t, i, "secret found in output: …%s…", all[max(0, i-200):min(len(all), i+len(s)+50)])
		require.NotContains(t, all, fmt.Sprintf("%x", s), "hex-encoded secret found in output")
	}
	assert.Contains(t, all, facade.Redacted, "echoed credentials were not replaced by "+facade.Redacted)
}

type fixedSource struct{ tok *fakeToken }

func (s fixedSource) Token() (*fakeToken, error) { return s.tok, nil }

// spellings are the ways an echo can write secret: as sent, JSON-escaped
// (HTML-safe or not, "\/" or not), every character as \uXXXX, and
// percent-encoded.
func spellings(secret string) []string {
	html, _ := json.Marshal(secret)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(secret)
	plain := strings.TrimSpace(buf.String())
	var all strings.Builder
	for _, r := range secret {
		fmt.Fprintf(&all, `\u%04x`, r)
	}
	forms := []string{
		secret,
		string(html[1 : len(html)-1]),
		plain[1 : len(plain)-1],
		strings.ReplaceAll(string(html[1:len(html)-1]), "/", `\/`),
		all.String(),
		url.QueryEscape(secret),
	}
	return forms
}

// distinctiveToken is a token no test text contains by chance, with the
// characters JSON and URLs escape.
func distinctiveToken(rnd *rand.Rand) string {
	const alphabet = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+=<>&'"\-_.~!`
	var b strings.Builder
	b.WriteString("ZQX")
	for range 24 + rnd.IntN(16) {
		b.WriteByte(alphabet[rnd.IntN(len(alphabet))])
	}
	b.WriteString("/<&>\"\\") // every escape, every time
	return b.String()
}

// Property: whatever spelling a server echoes the token in, through any
// field of an error body, any header, the request id or a malformed
// redirect, no spelling of it reaches Error(), a printed value, the
// exported fields of *Error or a log line.
func TestSecretEchoesAreScrubbed(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 17))
	for round := range 12 {
		token := distinctiveToken(rnd)
		forms := spellings(token)
		echo := forms[round%len(forms)] // the spelling this round's server uses
		raw := token                    // some places only ever hold the raw value
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", "req-"+raw)
			w.Header().Set("X-Echo", r.Header.Get("Authorization"))
			w.Header().Set("X-Echo-Escaped", echo)
			w.Header().Set("Content-Type", "application/json")
			switch r.URL.Path {
			case "/tags": // every decoded field of an error list
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprintf(w, `{"type":"error.list %s","request_id":"r-%s","errors":[{"code":"c-%s","message":"Access Token Invalid: %s","field":"f-%s"}]}`,
					echo, echo, echo, echo, echo)
			case "/admins": // the single-message shape, cut off mid-escape
				w.WriteHeader(http.StatusNotFound)
				fmt.Fprintf(w, `{"type":"error","message":"no route for %s`, echo)
			case "/teams": // a malformed Location quoting the token
				w.Header().Set("Location", "/%zz?access_token="+raw)
				w.WriteHeader(http.StatusFound)
			case "/segments": // a text body
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprintf(w, "forbidden for %s and %s", raw, echo)
			default: // success: the request id of a response
				w.WriteHeader(http.StatusOK)
				fmt.Fprint(w, `{"type":"list","data":[]}`)
			}
		}))
		var logs syncBuffer
		textLog := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c, err := v2_16.New(facade.WithToken(token), facade.WithBaseURL(srv.URL), facade.WithLogger(textLog), fastRetries())
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		var out strings.Builder
		see := func(vs ...any) {
			for _, v := range vs {
				fmt.Fprintf(&out, "%v|%+v|%#v|%s|%q\n", v, v, v, v, v)
			}
		}
		_, err1 := c.API.ListTagsWithResponse(ctx)
		_, err2 := c.API.ListAdminsWithResponse(ctx, nil)
		_, err3 := c.API.ListTeamsWithResponse(ctx)
		_, err4 := c.API.ListSegmentsWithResponse(ctx, nil)
		ok, err5 := c.API.ListBrandsWithResponse(ctx)
		cancel()
		srv.Close()
		require.NoError(t, err5, "round %d: success call failed", round)
		see(facade.RequestID(ok.HTTPResponse))
		for i, err := range []error{err1, err2, err3, err4} {
			require.Error(t, err, "round %d: call %d did not fail", round, i)
			see(err)
			var e *facade.Error
			if errors.As(err, &e) {
				see(*e, e.Errors, e.Header, e.RequestID, e.Type, string(e.Body))
				for _, d := range e.Errors {
					see(d.Code, d.Message, d.Field)
				}
			}
		}
		var ue *url.Error
		require.ErrorAs(t, err3, &ue, "round %d: the malformed redirect did not fail as a transport error", round)
		require.ErrorContains(t, err3, "Location", "round %d: the malformed redirect did not fail as a transport error", round)
		require.ErrorIs(t, err1, facade.ErrUnauthorized, "round %d: errors lost their class", round)
		require.ErrorIs(t, err2, facade.ErrNotFound, "round %d: errors lost their class", round)
		require.ErrorIs(t, err4, facade.ErrForbidden, "round %d: errors lost their class", round)
		all := out.String() + logs.String()
		for _, f := range forms {
			i := strings.Index(all, f)
			require.Negative(t, i, "round %d (echo %q): token spelling %q found: …%s…", round, echo, f, all[max(0, i-120):min(len(all), i+len(f)+40)])
		}
		require.Contains(t, all, facade.Redacted, "round %d: echoes were not replaced", round)
		require.Contains(t, logs.String(), "request_id=req-"+facade.Redacted, "round %d: echoes were not replaced", round)
	}
}

// A status line echoing the token does not reach the error of a retry
// wait cut short by the context.
func TestStatusLineEchoScrubbed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		cred := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		fmt.Fprintf(buf, "HTTP/1.1 503 Busy %s\r\nContent-Length: 0\r\nRetry-After: 30\r\n\r\n", cred)
		buf.Flush()
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = c.API.ListTagsWithResponse(ctx)
	require.ErrorIs(t, err, context.Canceled, "want the retry wait cut short")
	require.NotContains(t, err.Error(), testToken)
	require.ErrorContains(t, err, facade.Redacted)
}

// A listing's errors quote what a page said (a repeated cursor, a snippet
// of a malformed pages object): a page echoing the token does not make it
// reach them.
func TestListingErrorsScrubbed(t *testing.T) {
	for name, page := range map[string]func(cred string) string{
		"repeated cursor": func(cred string) string {
			return `{"type":"list","data":[{"type":"contact","id":"1"}],"pages":{"type":"pages","next":{"starting_after":"` + cred + `"}}}`
		},
		"malformed pages": func(cred string) string {
			return `{"type":"list","data":[{"type":"contact","id":"1"}],"pages":"` + cred + `"}`
		},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, page(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")))
		}))
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
		require.NoError(t, err)
		var last error
		for _, err := range c.ListContacts(context.Background(), nil) {
			if err != nil {
				last = err
			}
		}
		srv.Close()
		require.Error(t, last, "%s: the listing did not fail", name)
		// Not even a long part of it: a snippet cut short would no longer
		// match the whole token.
		require.NotContains(t, last.Error(), testToken[:16], name)
	}
}
