package facade

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

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
