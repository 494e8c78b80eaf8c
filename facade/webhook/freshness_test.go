package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stamped is a ping notification with the given id and signed timestamps.
func stamped(id string, created, firstSent int64) []byte {
	return []byte(fmt.Sprintf(`{"type":"notification_event","app_id":"a1","id":%q,"topic":"ping","created_at":%d,"first_sent_at":%d,"delivery_attempts":1,"data":{"type":"notification_event_data","item":{"type":"ping"}}}`,
		id, created, firstSent))
}

// clock is a settable clock shared by a handler and its deduplicator.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// A captured delivery replayed later never runs again: not within the
// max age (the dedup memory, as long, still has it), not after it (the
// signed timestamp is too old), not after its id was dropped for capacity.
func TestHandlerRefusesReplays(t *testing.T) {
	clk := &clock{now: time.Unix(1_800_000_000, 0)}
	dedup := NewMemoryDeduplicator(DefaultDedupWindow, 2)
	dedup.now = clk.Now
	var runs atomic.Int32
	var stale atomic.Int32
	h := newHandler(t, WithClock(clk.Now), WithDeduplicator(dedup), WithAckTimeout(wait),
		WithErrorHandler(func(_ *Notification, err error) {
			if errors.Is(err, ErrStaleNotification) {
				stale.Add(1)
			}
		}))
	mustHandle(t, h, "*", func(context.Context, *Notification) error { runs.Add(1); return nil })
	srv := serve(t, h)

	signed := clk.Now().Unix()
	captured := stamped("notif_a", signed-5, signed-4)
	expect := func(step string, body []byte, wantRuns int32) {
		t.Helper()
		st, _ := post(t, srv, testSecret, body)
		require.Equal(t, http.StatusOK, st, "%s: status %d", step, st)
		n := runs.Load()
		require.Equal(t, wantRuns, n, "%s: %d runs, want %d", step, n, wantRuns)
	}
	expect("first delivery", captured, 1)
	clk.Add(time.Hour)
	expect("replay within the max age", captured, 1)

	// Two more notifications push notif_a out of the capacity of 2.
	expect("b", stamped("notif_b", clk.Now().Unix(), clk.Now().Unix()), 2)
	expect("c", stamped("notif_c", clk.Now().Unix(), clk.Now().Unix()), 3)
	expect("replay after eviction", captured, 3)

	clk.Add(DefaultMaxAge) // past the window and the max age
	n := dedup.Len()
	require.Equal(t, 0, n, "the window did not expire: %d ids", n)
	expect("replay after the window", captured, 3)
	require.Equal(t, int32(1), stale.Load(), "%d stale notifications reported, want 1", stale.Load())
	now := clk.Now().Unix()
	expect("fresh after the window", stamped("notif_d", now-60, now-59), 4)
}

// The freshness window: the later of created_at and first_sent_at counts;
// a timestamp too far ahead of the clock, or none at all, is refused.
func TestHandlerFreshness(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := newHandler(t, WithClock(func() time.Time { return now }), WithMaxAge(10*time.Minute))
	for _, tc := range []struct {
		created, firstSent int64
		fresh              bool
	}{
		{now.Unix() - 60, now.Unix() - 59, true},
		{now.Unix() - 3600, now.Unix() - 60, true}, // first sent later than created: throttled
		{now.Unix() - 601, now.Unix() - 601, false},
		{now.Unix() + 60, now.Unix() + 60, true}, // a little clock skew
		{now.Unix() + 3600, now.Unix() + 3600, false},
		{0, 0, false},
	} {
		n, err := Parse(stamped("x", tc.created, tc.firstSent))
		require.NoError(t, err)
		_, err = h.fresh(n)
		if tc.fresh {
			assert.NoError(t, err, "created %d first sent %d (now %d)", tc.created, tc.firstSent, now.Unix())
		} else {
			assert.ErrorIs(t, err, ErrStaleNotification, "created %d first sent %d (now %d)", tc.created, tc.firstSent, now.Unix())
		}
	}
	_, err := NewHandler(testSecret, WithMaxAge(2*time.Hour), WithDedupWindow(time.Hour, 0))
	assert.Error(t, err, "a dedup window shorter than the max age was accepted")
	for _, o := range []HandlerOption{WithMaxAge(0), WithClock(nil)} {
		_, err := NewHandler(testSecret, o)
		assert.Error(t, err, "bad option accepted")
	}
}

// Printing a Handler, with any verb or through log/slog, never shows the
// client secret.
func TestHandlerNeverPrintsSecret(t *testing.T) {
	h := newHandler(t)
	var out bytes.Buffer
	for _, v := range []any{h, []any{h}, map[string]any{"h": h}} {
		fmt.Fprintf(&out, "%v|%+v|%#v|%s|%q|%x\n", v, v, v, v, v, v)
	}
	slog.New(slog.NewTextHandler(&out, nil)).Info("h", "handler", h)
	slog.New(slog.NewJSONHandler(&out, nil)).Info("h", "handler", h)
	require.False(t, bytes.Contains(out.Bytes(), testSecret), "secret printed")
	require.NotContains(t, out.String(), fmt.Sprintf("%x", testSecret), "secret printed")
}

// Intercom prioritises endpoints that answer within 500 ms: the default
// ack timeout answers before that.
func TestDefaultAckWithinIntercomsPriorityWindow(t *testing.T) {
	require.Less(t, DefaultAckTimeout, 500*time.Millisecond, "DefaultAckTimeout %v: Intercom deprioritises answers slower than 500 ms", DefaultAckTimeout)
	require.GreaterOrEqual(t, DefaultDedupWindow, DefaultMaxAge, "default dedup window %v shorter than the max age %v", DefaultDedupWindow, DefaultMaxAge)
}

// Fin Agent API webhooks: HMAC-SHA256 in X-Fin-Agent-API-Webhook-Signature.
func TestFinAgentSignature(t *testing.T) {
	// RFC 4231-style check against a published HMAC-SHA256 value.
	const want = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
	body := []byte("The quick brown fox jumps over the lazy dog")
	require.Equal(t, "sha256="+want, SignFinAgent([]byte("key"), body), "SignFinAgent")
	secret := []byte("fin-webhook-signing-secret")
	sig := SignFinAgent(secret, body)
	for _, ok := range []string{sig, strings.ToUpper(sig[:7]) + sig[7:], strings.TrimPrefix(sig, "sha256=")} {
		assert.NoError(t, VerifyFinAgent(secret, body, ok), "VerifyFinAgent(%q)", ok)
	}
	for bad, want := range map[string]error{
		"":                          ErrMissingSignature,
		Sign(secret, body):          ErrMalformedSignature, // an X-Hub-Signature value
		"sha256=" + want:            ErrSignatureMismatch,
		"sha256=" + want[:63] + "g": ErrMalformedSignature,
	} {
		err := VerifyFinAgent(secret, body, bad)
		assert.ErrorIs(t, err, want, "VerifyFinAgent(%q) = %v, want %v", bad, err, want)
	}
	req := httptest.NewRequest(http.MethodPost, "/fin", bytes.NewReader(body))
	req.Header.Set(FinAgentSignatureHeader, sig)
	got, err := ReadVerifiedFinAgent(req, secret, 0)
	require.NoError(t, err, "ReadVerifiedFinAgent")
	require.Equal(t, body, got, "ReadVerifiedFinAgent")
	req = httptest.NewRequest(http.MethodPost, "/fin", bytes.NewReader(body))
	req.Header.Set(SignatureHeader, Sign(secret, body)) // the other scheme's header
	_, err = ReadVerifiedFinAgent(req, secret, 0)
	require.ErrorIs(t, err, ErrMissingSignature, "X-Hub-Signature accepted for a Fin Agent webhook")
}
