package facade

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSleepCtxEndsOnCancel(t *testing.T) {
	CheckGoroutines(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sleepCtx(ctx, time.Hour) }()
	cancel()
	select {
	case err := <-done:
		require.Equal(t, context.Canceled, err)
	case <-time.After(10 * time.Second):
		require.FailNow(t, "an hour-long wait did not end on cancel") // watchdog, not a timing assertion
	}
	require.NoError(t, sleepCtx(context.Background(), time.Microsecond), "short sleep")
}

func TestIsJSON(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json":                true,
		"application/json; charset=utf-8": true,
		"application/problem+json":        true,
		"text/html":                       false,
		"":                                false,
		"application/octet-stream":        false,
	} {
		h := http.Header{"Content-Type": {ct}}
		assert.Equal(t, want, isJSON(h), "%q", ct)
	}
}

// TestOutcomeOf: the send loop's reading of an attempt for the decision.
func TestOutcomeOf(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	h := http.Header{}
	h.Set("Retry-After", "3")
	h.Set("X-RateLimit-Reset", "1700000008")
	h.Set("X-RateLimit-Remaining", "0")
	o := outcomeOf(t.Context(), attemptResult{resp: &http.Response{StatusCode: 429, Header: h}}, now)
	assert.Equal(t, outcome{status: 429, waitHeaders: waitHeaders{
		retryAfter: 3 * time.Second, hasRetryAfter: true,
		untilReset: 8 * time.Second, hasReset: true,
		remaining: 0, hasRemaining: true,
	}}, o)

	dial := &net.OpError{Op: "dial", Err: errors.New("connection refused")}
	assert.Equal(t, outcome{failure: failNeverSent}, outcomeOf(t.Context(), attemptResult{err: dial}, now))
	assert.Equal(t, outcome{failure: failTransient}, outcomeOf(t.Context(), attemptResult{err: io.ErrUnexpectedEOF}, now))
	assert.Equal(t, outcome{failure: failFinal}, outcomeOf(t.Context(), attemptResult{err: errors.New("x509: bad certificate")}, now))

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.Equal(t, outcome{done: true, failure: failFinal}, outcomeOf(ctx, attemptResult{err: context.Canceled}, now))
}

// bodyReaderCore is a client whose transport answers each attempt with the
// next of bodies (200, application/json) and counts them.
func bodyReaderCore(t *testing.T, sent *atomic.Int32, bodies ...string) *Core {
	t.Helper()
	doer := pageDoer(func(req *http.Request) (*http.Response, error) {
		n := int(sent.Add(1)) - 1
		body := bodies[min(n, len(bodies)-1)]
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: req}, nil
	})
	fast := DefaultRetryPolicy()
	fast.BaseDelay, fast.MaxDelay = time.Millisecond, time.Millisecond
	c, err := NewCore(DefaultVersion, nil, WithToken("tok"), WithBaseURL("http://127.0.0.1:1"), WithHTTPClient(doer), WithRetryPolicy(fast))
	require.NoError(t, err)
	return c
}

// The retry layer hands a 2xx body it read to the caller's bodyReader, an
// explicit argument: a body the reader calls damaged is asked for again,
// and the caller gets the bytes of the last answer as a *jsonx.Body.
func TestBodyReaderDamagedIsAskedAgain(t *testing.T) {
	var sent atomic.Int32
	c := bodyReaderCore(t, &sent, `{"a":`, `{"a":1}`)
	var seen []string
	rd := bodyReader{read: func(resp *http.Response) (bool, error) {
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return false, err
		}
		seen = append(seen, string(body))
		resp.Body = jsonx.NewBody(body)
		return !jsonx.Valid(body), nil
	}}
	req, err := http.NewRequest(http.MethodGet, c.BaseURL()+"/contacts", nil)
	require.NoError(t, err)
	resp, err := c.do(req, rd)
	require.NoError(t, err)
	assert.Equal(t, []string{`{"a":`, `{"a":1}`}, seen)
	assert.EqualValues(t, 2, sent.Load())
	require.IsType(t, &jsonx.Body{}, resp.Body)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(got))
}

// A body the reader fails to read (a connection cut mid-body) is asked for
// again, as a transient transport failure.
func TestBodyReaderErrorIsRetried(t *testing.T) {
	var sent atomic.Int32
	c := bodyReaderCore(t, &sent, `{}`)
	calls := 0
	rd := bodyReader{read: func(resp *http.Response) (bool, error) {
		calls++
		resp.Body.Close()
		if calls == 1 {
			return false, io.ErrUnexpectedEOF
		}
		resp.Body = jsonx.NewBody([]byte(`{}`))
		return false, nil
	}}
	req, err := http.NewRequest(http.MethodGet, c.BaseURL()+"/contacts", nil)
	require.NoError(t, err)
	_, err = c.do(req, rd)
	require.NoError(t, err)
	assert.Equal(t, 2, calls)
	assert.EqualValues(t, 2, sent.Load())
}

// A reader that checks null itself (a listing's) sees a null body as it
// is; single calls (jsonBody) turn it into ErrNullResponse.
func TestBodyReaderChecksNull(t *testing.T) {
	var sent atomic.Int32
	c := bodyReaderCore(t, &sent, `null`)
	var seen string
	rd := bodyReader{checksNull: true, read: func(resp *http.Response) (bool, error) {
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		seen = string(body)
		resp.Body = jsonx.NewBody(body)
		return false, err
	}}
	req, err := http.NewRequest(http.MethodGet, c.BaseURL()+"/contacts", nil)
	require.NoError(t, err)
	_, err = c.do(req, rd)
	require.NoError(t, err)
	assert.Equal(t, "null", seen)

	req, err = http.NewRequest(http.MethodGet, c.BaseURL()+"/contacts/1", nil)
	require.NoError(t, err)
	_, err = c.do(req, jsonBody)
	assert.ErrorIs(t, err, ErrNullResponse)
}

// A write is never read by the retry layer: its answer reaches the caller
// unread, and the reader is not called.
func TestBodyReaderNotUsedForWrites(t *testing.T) {
	var sent atomic.Int32
	c := bodyReaderCore(t, &sent, `{"id":"1"}`)
	rd := bodyReader{read: func(*http.Response) (bool, error) {
		t.Error("the reader was called for a write")
		return false, nil
	}}
	req, err := http.NewRequest(http.MethodPost, c.BaseURL()+"/contacts", strings.NewReader(`{}`))
	require.NoError(t, err)
	resp, err := c.do(req, rd)
	require.NoError(t, err)
	_, inMemory := resp.Body.(*jsonx.Body)
	assert.False(t, inMemory, "a write's answer is streamed, not read by the retry layer")
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"1"}`, string(body))
}
