package facade_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"encoding/json"
	"log/slog"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
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
	require.ErrorIs(t, err, facade.ErrNotFound)
	var line map[string]any
	require.NoError(t, json.Unmarshal([]byte(buf.String()), &line), "one JSON log line expected: %q", buf.String())
	want := map[string]any{"level": "WARN", "msg": "intercom request", "method": "GET", "path": "/companies/scroll",
		"status": float64(404), "request_id": "req-42", "attempt": float64(3), "intercom_version": "2.16"}
	for k, v := range want {
		assert.Equal(t, v, line[k], "log %s (line %s)", k, buf.String())
	}
	assert.IsType(t, float64(0), line["duration"], "no duration in %s", buf.String())
	assert.NotContains(t, buf.String(), testToken, "log reveals the token")
	assert.NotContains(t, buf.String(), "handle-1", "log reveals the query")
}

// A Doer may return a response without a body; the call must not panic.
func TestDoerWithoutBody(t *testing.T) {
	d := doerFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{}, Request: r}, nil
	})
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d), facade.WithTimeout(time.Second))
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.ErrorIs(t, err, facade.ErrNotFound)
	d = func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Request: r}, nil
	}
	c, err = v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d), facade.WithTimeout(time.Second))
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	d = func(r *http.Request) (*http.Response, error) { return nil, nil }
	c, err = v2_16.New(facade.WithToken(testToken), facade.WithHTTPClient(d))
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.ErrorContains(t, err, "neither response nor error")
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
		assert.ErrorAs(t, err, &opErr, "cause is not a *net.OpError")
		checkTransportError(t, err, nil)
	})
}

func checkTransportError(t *testing.T, err error, cause error) {
	t.Helper()
	require.Error(t, err)
	if cause != nil {
		assert.ErrorIs(t, err, cause)
	}
	var ue *url.Error
	assert.ErrorAs(t, err, &ue, "%T is not a *url.Error", err)
	var e *facade.Error
	assert.NotErrorAs(t, err, &e, "transport error is an *Error")
	assert.NotContains(t, err.Error(), "secret-cursor", "error should name /companies/scroll without its query")
	assert.ErrorContains(t, err, "/companies/scroll", "error should name /companies/scroll without its query")
}
