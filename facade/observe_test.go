package facade_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"encoding/json"
	"log/slog"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func TestLogger(t *testing.T) {
	srv := newJSONServer(t, http.StatusNotFound, http.Header{"X-Request-Id": {"req-42"}},
		`{"type":"error.list","errors":[{"code":"not_found","message":"`+testToken+`"}]}`)
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithLogger(logger))
	require.NoError(t, err)
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

// A Doer may return a response without a body; the call must not panic.
func TestDoerWithoutBody(t *testing.T) {
	d := doerFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{}, Request: r}, nil
	})
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d), facade.WithTimeout(time.Second))
	require.NoError(t, err)
	if _, err := c.API.ListTagsWithResponse(context.Background()); !errors.Is(err, facade.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	d = func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Request: r}, nil
	}
	c, err = v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d), facade.WithTimeout(time.Second))
	require.NoError(t, err)
	if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
		t.Fatalf("err = %v", err)
	}
	d = func(r *http.Request) (*http.Response, error) { return nil, nil }
	c, err = v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d))
	require.NoError(t, err)
	if _, err := c.API.ListTagsWithResponse(context.Background()); err == nil || !strings.Contains(err.Error(), "neither response nor error") {
		t.Fatalf("err = %v", err)
	}
}

// Transport failures keep their cause, name the request without its query
// and are not *Error.
func TestTransportErrors(t *testing.T) {
	block := make(chan struct{})
	slow := newJSONServer(t, http.StatusOK, nil, tagsBody)
	slow.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(block) })

	t.Run("context deadline", func(t *testing.T) {
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(slow.URL), fastRetries())
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err = c.API.ScrollOverAllCompaniesWithResponse(ctx, &v2_16.ScrollOverAllCompaniesParams{ScrollParam: facade.Ptr("secret-cursor")})
		checkTransportError(t, err, context.DeadlineExceeded)
	})
	t.Run("WithTimeout", func(t *testing.T) {
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(slow.URL), fastRetries(), facade.WithTimeout(50*time.Millisecond))
		require.NoError(t, err)
		_, err = c.API.ScrollOverAllCompaniesWithResponse(context.Background(), &v2_16.ScrollOverAllCompaniesParams{ScrollParam: facade.Ptr("secret-cursor")})
		checkTransportError(t, err, context.DeadlineExceeded)
	})
	t.Run("canceled", func(t *testing.T) {
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(slow.URL), fastRetries())
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		_, err = c.API.ScrollOverAllCompaniesWithResponse(ctx, &v2_16.ScrollOverAllCompaniesParams{ScrollParam: facade.Ptr("secret-cursor")})
		checkTransportError(t, err, context.Canceled)
	})
	t.Run("connection refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().String()
		ln.Close()
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL("http://"+addr))
		require.NoError(t, err)
		_, err = c.API.ScrollOverAllCompaniesWithResponse(context.Background(), &v2_16.ScrollOverAllCompaniesParams{ScrollParam: facade.Ptr("secret-cursor")})
		var opErr *net.OpError
		if !errors.As(err, &opErr) {
			t.Errorf("cause %v is not a *net.OpError", err)
		}
		checkTransportError(t, err, nil)
	})
}

func checkTransportError(t *testing.T, err error, cause error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if cause != nil && !errors.Is(err, cause) {
		t.Errorf("errors.Is(%v, %v) = false", err, cause)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("%T is not a *url.Error", err)
	}
	var e *facade.Error
	if errors.As(err, &e) {
		t.Errorf("transport error is an *Error: %v", e)
	}
	if strings.Contains(err.Error(), "secret-cursor") || !strings.Contains(err.Error(), "/companies/scroll") {
		t.Errorf("error %q should name /companies/scroll without its query", err)
	}
}
