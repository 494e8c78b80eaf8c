package facade_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestPerRequestEditors(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithVersion("2.14"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	calls := []struct {
		editors     []v2_16.RequestEditorFn
		wantVersion string
	}{
		{nil, "2.14"},
		{[]v2_16.RequestEditorFn{facade.RequestVersion("2.15")}, "2.15"},
		{[]v2_16.RequestEditorFn{facade.RequestVersion("preview")}, "Preview"},
		{[]v2_16.RequestEditorFn{facade.RequestHeader("intercom-version", "2.13")}, "2.13"},
		{[]v2_16.RequestEditorFn{facade.RequestHeader("X-Trace", "abc")}, "2.14"},
		// An editor adding values still yields exactly one header, the last.
		{[]v2_16.RequestEditorFn{func(_ context.Context, r *http.Request) error {
			r.Header.Add("Intercom-Version", "2.9")
			r.Header.Add("Intercom-Version", "2.10")
			return nil
		}}, "2.10"},
	}
	for _, call := range calls {
		if _, err := c.API.ListTagsWithResponse(ctx, call.editors...); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.requests()
	for i, call := range calls {
		if got := reqs[i].Header.Values("Intercom-Version"); !slices.Equal(got, []string{call.wantVersion}) {
			t.Errorf("call %d: Intercom-Version %q, want [%s]", i, got, call.wantVersion)
		}
	}
	if reqs[4].Header.Get("X-Trace") != "abc" {
		t.Error("RequestHeader did not set X-Trace")
	}

	for _, bad := range []struct {
		ed   v2_16.RequestEditorFn
		want string
	}{
		{facade.RequestVersion("2.99"), `unknown Intercom-Version "2.99"`},
		{facade.RequestHeader("Intercom-Version", "x"), `unknown Intercom-Version "x"`},
		{facade.RequestHeader("Authorization", "Bearer other"), "cannot set Authorization"},
		{facade.RequestHeader("Bad Name", "v"), `invalid header name "Bad Name"`},
		{facade.RequestHeader("X-A", "v\r\nX-B: w"), "line breaks"},
		{func(_ context.Context, r *http.Request) error { r.Header.Set("Intercom-Version", "9.9"); return nil }, `unknown Intercom-Version "9.9"`},
	} {
		if _, err := c.API.ListTagsWithResponse(ctx, bad.ed); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("err = %v, want %q", err, bad.want)
		}
	}
	if n := len(srv.requests()); n != len(calls) {
		t.Errorf("%d requests sent, want only the %d valid ones", n, len(calls))
	}
}

func TestUserAgent(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithUserAgent("app/1"), facade.WithUserAgent("plugin/2"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := "intercom-go/devel (github.com/intercom-go/intercom; " + runtime.Version() + ") app/1 plugin/2"
	if got := srv.requests()[0].Header.Get("User-Agent"); got != want {
		t.Fatalf("User-Agent %q, want %q", got, want)
	}
}

func TestModuleVersionFromBuildInfo(t *testing.T) {
	const mod = "github.com/intercom-go/intercom"
	tests := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Path: mod, Version: "(devel)"}}, "devel"},
		{debug.BuildInfo{Main: debug.Module{Path: mod, Version: "v1.2.3"}}, "v1.2.3"},
		{debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}, Deps: []*debug.Module{{Path: mod, Version: "v0.4.0"}}}, "v0.4.0"},
		{debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}, Deps: []*debug.Module{
			{Path: mod, Version: "v0.4.0", Replace: &debug.Module{Path: "../intercom"}}}}, "devel"},
		{debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}}, "devel"},
	}
	for _, tc := range tests {
		if got := facade.VersionIn(&tc.info, mod); got != tc.want {
			t.Errorf("versionIn(%+v) = %q, want %q", tc.info, got, tc.want)
		}
	}
	if facade.ModulePath != mod {
		t.Errorf("modulePath = %q", facade.ModulePath)
	}
}

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

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

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
			if err != nil {
				t.Fatal(err)
			}
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

func TestLogger(t *testing.T) {
	srv := newJSONServer(t, http.StatusNotFound, http.Header{"X-Request-Id": {"req-42"}},
		`{"type":"error.list","errors":[{"code":"not_found","message":"`+testToken+`"}]}`)
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	ctx := facade.WithAttempt(context.Background(), 3) // as the retry policy marks attempts
	_, err = c.API.ScrollOverAllCompaniesWithResponse(ctx, &v2_16.ScrollOverAllCompaniesParams{ScrollParam: facade.Ptr("handle-1")})
	if !errors.Is(err, facade.ErrNotFound) {
		t.Fatalf("err %v", err)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(buf.String()), &line); err != nil {
		t.Fatalf("one JSON log line expected: %q: %v", buf.String(), err)
	}
	want := map[string]any{"level": "WARN", "msg": "intercom request", "method": "GET", "path": "/companies/scroll",
		"status": float64(404), "request_id": "req-42", "attempt": float64(3), "intercom_version": "2.16"}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("log %s = %v, want %v (line %s)", k, line[k], v, buf.String())
		}
	}
	if _, ok := line["duration"].(float64); !ok {
		t.Errorf("no duration in %s", buf.String())
	}
	if s := buf.String(); strings.Contains(s, testToken) || strings.Contains(s, "handle-1") {
		t.Errorf("log reveals the token or the query: %s", s)
	}
}

func TestRequestIDAndRateLimitOfResponses(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, http.Header{
		"X-Request-Id":          {"req-7"},
		"X-Ratelimit-Limit":     {"167"},
		"X-Ratelimit-Remaining": {"166"},
		"X-Ratelimit-Reset":     {"1487332510"},
	}, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.LastRateLimit(); ok {
		t.Fatal("rate limit before any request")
	}
	resp, err := c.API.ListTagsWithResponse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id := facade.RequestID(resp.HTTPResponse); id != "req-7" {
		t.Errorf("RequestID = %q", id)
	}
	want := facade.RateLimit{Limit: 167, Remaining: 166, Reset: time.Unix(1487332510, 0)}
	if rl, ok := facade.RateLimitOf(resp.HTTPResponse); !ok || rl != want {
		t.Errorf("RateLimitOf = %+v, %v; want %+v", rl, ok, want)
	}
	if rl, ok := c.LastRateLimit(); !ok || rl != want {
		t.Errorf("LastRateLimit = %+v, %v; want %+v", rl, ok, want)
	}
	if facade.RequestID(nil) != "" {
		t.Error("RequestID(nil)")
	}
	if _, ok := facade.RateLimitOf(nil); ok {
		t.Error("RateLimitOf(nil)")
	}
}

// The Preview client sends Preview; a client pinned to 2.11 sends 2.11 and
// decodes with the 2.11 types (typedCases checks the types).
func TestTypedClientsSendTheirVersion(t *testing.T) {
	for _, tc := range typedCases {
		srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
		if _, err := tc.listTags(context.Background(), facade.WithToken(testToken), facade.WithBaseURL(srv.URL)); err != nil {
			t.Fatal(err)
		}
		if got := srv.requests()[0].Header.Values("Intercom-Version"); !slices.Equal(got, []string{tc.version}) {
			t.Errorf("%s client sent Intercom-Version %q", tc.version, got)
		}
	}
}

// A Core not made by a constructor fails instead of panicking.
func TestZeroCoreFails(t *testing.T) {
	var c facade.Core
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/tags", nil)
	if _, err := c.Do(req); err == nil {
		t.Fatal("zero Core sent a request")
	}
	if _, err := c.Do(nil); err == nil {
		t.Fatal("nil request accepted")
	}
}

func TestClientPrintsWithoutSecrets(t *testing.T) {
	c, err := v2_14.New(facade.WithToken(testToken), facade.WithRegion(facade.RegionEU))
	if err != nil {
		t.Fatal(err)
	}
	want := "intercom client (Intercom-Version 2.14, https://api.eu.intercom.io)"
	for _, got := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", *c), fmt.Sprintf("%#v", c.Core), fmt.Sprintf("%d", c)} {
		if got != want {
			t.Errorf("printed %q, want %q", got, want)
		}
	}
}

// A Doer may return a response without a body; the call must not panic.
func TestDoerWithoutBody(t *testing.T) {
	d := doerFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{}, Request: r}, nil
	})
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d), facade.WithTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.API.ListTagsWithResponse(context.Background()); !errors.Is(err, facade.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	d = func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Request: r}, nil
	}
	c, err = v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d), facade.WithTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
		t.Fatalf("err = %v", err)
	}
	d = func(r *http.Request) (*http.Response, error) { return nil, nil }
	c, err = v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.API.ListTagsWithResponse(context.Background()); err == nil || !strings.Contains(err.Error(), "neither response nor error") {
		t.Fatalf("err = %v", err)
	}
}
