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

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

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
		if err != nil {
			t.Fatal(err)
		}
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
		if err5 != nil {
			t.Fatalf("round %d: success call failed: %v", round, err5)
		}
		see(facade.RequestID(ok.HTTPResponse))
		for i, err := range []error{err1, err2, err3, err4} {
			if err == nil {
				t.Fatalf("round %d: call %d did not fail", round, i)
			}
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
		if !errors.As(err3, &ue) || !strings.Contains(err3.Error(), "Location") {
			t.Fatalf("round %d: the malformed redirect did not fail as a transport error: %v", round, err3)
		}
		if !errors.Is(err1, facade.ErrUnauthorized) || !errors.Is(err2, facade.ErrNotFound) || !errors.Is(err4, facade.ErrForbidden) {
			t.Fatalf("round %d: errors lost their class: %v / %v / %v", round, err1, err2, err4)
		}
		all := out.String() + logs.String()
		for _, f := range forms {
			if i := strings.Index(all, f); i >= 0 {
				t.Fatalf("round %d (echo %q): token spelling %q found: …%s…", round, echo, f, all[max(0, i-120):min(len(all), i+len(f)+40)])
			}
		}
		if !strings.Contains(all, facade.Redacted) || !strings.Contains(logs.String(), "request_id=req-"+facade.Redacted) {
			t.Fatalf("round %d: echoes were not replaced by %s:\n%s", round, facade.Redacted, all)
		}
	}
}

// A token in the request id of a successful response is scrubbed by the
// exported RequestID too, also after a redirect within the API host.
func TestRequestIDScrubsCredential(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/tags" {
			http.Redirect(w, r, "/tags2", http.StatusFound)
			return
		}
		w.Header().Set("X-Request-Id", "id-"+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"type":"list","data":[]}`)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.API.ListTagsWithResponse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := facade.RequestID(resp.HTTPResponse); got != "id-"+facade.Redacted {
		t.Fatalf("RequestID = %q", got)
	}
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
		if err == nil {
			t.Fatalf("%q accepted", base)
		}
		if !errors.Is(err, facade.ErrConfig) || strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v %#v", err, err), secret) {
			t.Fatalf("error for a base URL with a secret: %v", err)
		}
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
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = c.API.ListTagsWithResponse(ctx)
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the retry wait cut short", err)
	}
	if strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), facade.Redacted) {
		t.Fatalf("error: %v", err)
	}
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
		if err != nil {
			t.Fatal(err)
		}
		var last error
		for _, err := range c.ListContacts(context.Background(), nil) {
			if err != nil {
				last = err
			}
		}
		srv.Close()
		if last == nil {
			t.Fatalf("%s: the listing did not fail", name)
		}
		// Not even a long part of it: a snippet cut short would no longer
		// match the whole token.
		if strings.Contains(last.Error(), testToken[:16]) {
			t.Fatalf("%s: %v", name, last)
		}
	}
}
