package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wait bounds how long a test waits for something that must happen; it
// only guards against a hang, no assertion depends on it.
const wait = 5 * time.Second

// serve starts h on a loopback server, closing both at the end of the test.
func serve(t *testing.T, h *Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, h.Close(ctx), "Close")
	})
	return srv
}

// fixtureNow is a moment shortly after the recorded notifications of
// testdata were signed: the freshness check accepts them then.
func fixtureNow() time.Time { return time.Unix(1718093700, 0) }

func newHandler(t *testing.T, opts ...HandlerOption) *Handler {
	t.Helper()
	h, err := NewHandler(testSecret, append([]HandlerOption{WithClock(fixtureNow)}, opts...)...)
	require.NoError(t, err)
	return h
}

func mustHandle(t *testing.T, h *Handler, pattern string, fn HandlerFunc) {
	t.Helper()
	require.NoError(t, h.Handle(pattern, fn))
}

// post sends body signed with secret (unsigned if secret is nil) and
// returns the status and the response headers.
func post(t *testing.T, srv *httptest.Server, secret, body []byte) (int, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/intercom", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if secret != nil {
		req.Header.Set(SignatureHeader, Sign(secret, body))
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// withID returns a copy of a payload with another notification id.
func withID(body []byte, id string) []byte {
	return bytes.Replace(body, []byte(`"id": "notif_`), []byte(`"id": "`+id+`-notif_`), 1)
}

func TestHandlerDispatchesByTopic(t *testing.T) {
	h := newHandler(t)
	conversations := make(chan string, 1)
	contacts := make(chan string, 1)
	var others atomic.Int32
	mustHandle(t, h, "conversation.*", On(func(_ context.Context, n *Notification, c v2_16.Conversation) error {
		conversations <- n.Topic + " " + *c.Id
		return nil
	}))
	mustHandle(t, h, "contact.user.created", On(func(_ context.Context, _ *Notification, c v2_16.Contact) error {
		contacts <- *c.Email
		return nil
	}))
	mustHandle(t, h, "*", func(context.Context, *Notification) error { others.Add(1); return nil })
	srv := serve(t, h)

	st, _ := post(t, srv, testSecret, readPayload(t, "conversation_user_created.json"))
	require.Equal(t, http.StatusOK, st, "conversation: status")
	require.Equal(t, "conversation.user.created 185", <-conversations, "conversation handler")
	st, _ = post(t, srv, testSecret, readPayload(t, "contact_created.json"))
	require.Equal(t, http.StatusOK, st, "contact: status")
	require.Equal(t, "grace@example.com", <-contacts, "contact handler")
	st, _ = post(t, srv, testSecret, readPayload(t, "ping.json"))
	require.Equal(t, http.StatusOK, st, "ping: status")
	require.Equal(t, int32(1), others.Load(), "default handler ran %d times, want 1", others.Load())
}

func TestHandlerRejectsBadRequests(t *testing.T) {
	h := newHandler(t, WithMaxBodyBytes(4096))
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	body := readPayload(t, "ping.json")

	st, _ := post(t, srv, nil, body)
	assert.Equal(t, http.StatusUnauthorized, st, "unsigned")
	st, _ = post(t, srv, []byte("another app's secret"), body)
	assert.Equal(t, http.StatusUnauthorized, st, "wrong secret")
	req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
	req.Header.Set(SignatureHeader, "sha256=abc")
	resp, err := srv.Client().Do(req)
	require.NoError(t, err, "malformed")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "malformed")
	resp.Body.Close()
	st, _ = post(t, srv, testSecret, bytes.Repeat([]byte(" "), 4097))
	assert.Equal(t, http.StatusRequestEntityTooLarge, st, "too large")
	st, _ = post(t, srv, testSecret, []byte(`{"type":"something_else"}`))
	assert.Equal(t, http.StatusBadRequest, st, "not a notification")
	resp, err = srv.Client().Get(srv.URL)
	require.NoError(t, err, "GET")
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "GET")
	assert.NotEmpty(t, resp.Header.Get("Allow"), "GET")
	resp.Body.Close()
	resp, err = srv.Client().Head(srv.URL)
	require.NoError(t, err, "HEAD")
	assert.Equal(t, http.StatusOK, resp.StatusCode, "HEAD")
	resp.Body.Close()
	require.Equal(t, int32(0), calls.Load(), "handler ran %d times on rejected requests", calls.Load())
}

func TestHandlerDropsDuplicates(t *testing.T) {
	h := newHandler(t)
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	body := readPayload(t, "contact_created.json")

	// Redeliveries, some concurrent with the first.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			st, _ := post(t, srv, testSecret, body)
			assert.Equal(t, http.StatusOK, st, "status")
		})
	}
	wg.Wait()
	require.Equal(t, int32(1), calls.Load(), "8 deliveries of one notification ran the handler %d times", calls.Load())
	post(t, srv, testSecret, withID(body, "other"))
	require.Equal(t, int32(2), calls.Load(), "another notification: %d runs, want 2", calls.Load())
}

func TestHandlerDedupOff(t *testing.T) {
	h := newHandler(t, WithDeduplicator(nil))
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	body := readPayload(t, "ping.json")
	post(t, srv, testSecret, body)
	post(t, srv, testSecret, body)
	require.Equal(t, int32(2), calls.Load(), "without dedup: %d runs, want 2", calls.Load())
}

// A handler error within the ack timeout answers 500 and forgets the id,
// so that Intercom's redelivery is processed.
func TestHandlerErrorAsksForRedelivery(t *testing.T) {
	var reported []error
	var mu sync.Mutex
	h := newHandler(t, WithErrorHandler(func(_ *Notification, err error) {
		mu.Lock()
		reported = append(reported, err)
		mu.Unlock()
	}))
	errDown := errors.New("database down")
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error {
		if calls.Add(1) == 1 {
			return errDown
		}
		return nil
	})
	srv := serve(t, h)
	body := readPayload(t, "conversation_user_created.json")

	st, _ := post(t, srv, testSecret, body)
	require.Equal(t, http.StatusInternalServerError, st, "failing handler: status")
	st, _ = post(t, srv, testSecret, body)
	require.Equal(t, http.StatusOK, st, "redelivery: status")
	require.Equal(t, int32(2), calls.Load(), "handler ran %d times, want 2 (the redelivery must run)", calls.Load())
	st, _ = post(t, srv, testSecret, body)
	require.Equal(t, http.StatusOK, st, "third delivery after success: status %d, runs %d", st, calls.Load())
	require.Equal(t, int32(2), calls.Load(), "third delivery after success: status %d, runs %d", st, calls.Load())
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, reported, 1, "reported")
	require.ErrorIs(t, reported[0], errDown, "reported")
}

func TestHandlerPermanentError(t *testing.T) {
	reported := make(chan error, 4)
	h := newHandler(t, WithErrorHandler(func(_ *Notification, err error) { reported <- err }))
	var calls atomic.Int32
	// The ping item does not decode into a struct with an int "message".
	mustHandle(t, h, "ping", func(ctx context.Context, n *Notification) error {
		calls.Add(1)
		return On(func(context.Context, *Notification, struct {
			Message int `json:"message"`
		}) error {
			return nil
		})(ctx, n)
	})
	srv := serve(t, h)
	body := readPayload(t, "ping.json")
	st, _ := post(t, srv, testSecret, body)
	require.Equal(t, http.StatusOK, st, "permanent error: status")
	err := <-reported
	require.True(t, IsPermanent(err), "reported %v, want a permanent error", err)
	post(t, srv, testSecret, body)
	require.Equal(t, int32(1), calls.Load(), "redelivery after a permanent error ran the handler again (%d runs)", calls.Load())
}

func TestHandlerPanicIsAnError(t *testing.T) {
	reported := make(chan error, 1)
	h := newHandler(t, WithErrorHandler(func(_ *Notification, err error) { reported <- err }))
	mustHandle(t, h, "*", func(context.Context, *Notification) error { panic("boom") })
	srv := serve(t, h)
	st, _ := post(t, srv, testSecret, readPayload(t, "ping.json"))
	require.Equal(t, http.StatusInternalServerError, st, "panicking handler: status")
	err := <-reported
	require.ErrorIs(t, err, ErrHandlerPanic, "reported")
	require.Contains(t, err.Error(), "boom", "reported")
}

// A slow handler does not hold the response: the request is answered 200
// once the ack timeout passes while the handler is still running, and its
// error reaches the error callback afterwards.
func TestHandlerAnswersBeforeSlowHandler(t *testing.T) {
	reported := make(chan error, 1)
	h := newHandler(t, WithAckTimeout(10*time.Millisecond), WithErrorHandler(func(_ *Notification, err error) { reported <- err }))
	started, release := make(chan struct{}), make(chan struct{})
	errLate := errors.New("late failure")
	mustHandle(t, h, "*", func(context.Context, *Notification) error {
		close(started)
		<-release
		return errLate
	})
	srv := serve(t, h)

	st, _ := post(t, srv, testSecret, readPayload(t, "ping.json"))
	<-started
	require.Equal(t, http.StatusOK, st, "status %d while the handler runs, want 200", st)
	select {
	case err := <-reported:
		require.Failf(t, "error reported before the handler returned", "%v", err)
	default:
	}
	close(release)
	select {
	case err := <-reported:
		require.ErrorIs(t, err, errLate, "reported")
	case <-time.After(wait):
		require.Fail(t, "background error never reported")
	}
}

func TestHandlerRunTimeout(t *testing.T) {
	h := newHandler(t, WithRunTimeout(10*time.Millisecond), WithAckTimeout(wait))
	mustHandle(t, h, "*", func(ctx context.Context, _ *Notification) error {
		<-ctx.Done()
		return ctx.Err()
	})
	srv := serve(t, h)
	st, _ := post(t, srv, testSecret, readPayload(t, "ping.json"))
	require.Equal(t, http.StatusInternalServerError, st, "handler past its run timeout: status")
}

func TestHandlerInFlightLimit(t *testing.T) {
	h := newHandler(t, WithMaxInFlight(1), WithAckTimeout(0))
	release := make(chan struct{})
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error {
		if calls.Add(1) == 1 {
			<-release
		}
		return nil
	})
	srv := serve(t, h)
	body := readPayload(t, "ping.json")

	st, _ := post(t, srv, testSecret, body)
	require.Equal(t, http.StatusOK, st, "first")
	second := withID(body, "second")
	st, hdr := post(t, srv, testSecret, second)
	require.Equal(t, http.StatusTooManyRequests, st, "over the limit: status %d Retry-After %q, want 429 with Retry-After", st, hdr.Get("Retry-After"))
	require.NotEmpty(t, hdr.Get("Retry-After"), "over the limit: status %d Retry-After %q, want 429 with Retry-After", st, hdr.Get("Retry-After"))
	close(release)
	waitFor(t, func() bool { return len(h.slots) == 0 })
	// The refused notification's id was not kept: its redelivery runs.
	st, _ = post(t, srv, testSecret, second)
	require.Equal(t, http.StatusOK, st, "redelivery")
	waitFor(t, func() bool { return calls.Load() == 2 })
}

func TestHandlerCloseWaitsForRunningHandlers(t *testing.T) {
	h, err := NewHandler(testSecret, WithAckTimeout(0), WithClock(fixtureNow))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	release := make(chan struct{})
	var finished atomic.Bool
	mustHandle(t, h, "*", func(context.Context, *Notification) error {
		<-release
		finished.Store(true)
		return nil
	})
	post(t, srv, testSecret, readPayload(t, "ping.json"))

	closed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		closed <- h.Close(ctx)
	}()
	waitFor(t, func() bool { h.mu.RLock(); defer h.mu.RUnlock(); return h.closed })
	st, _ := post(t, srv, testSecret, withID(readPayload(t, "ping.json"), "late"))
	require.Equal(t, http.StatusTooManyRequests, st, "after Close: status")
	close(release)
	err = <-closed
	require.NoError(t, err, "Close = %v, handler finished = %v", err, finished.Load())
	require.True(t, finished.Load(), "Close = %v, handler finished = %v", err, finished.Load())
}

func TestHandlerCloseCancelsAfterDeadline(t *testing.T) {
	h, err := NewHandler(testSecret, WithAckTimeout(0), WithClock(fixtureNow))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	cancelled := make(chan struct{})
	mustHandle(t, h, "*", func(ctx context.Context, _ *Notification) error {
		<-ctx.Done()
		close(cancelled)
		return ctx.Err()
	})
	post(t, srv, testSecret, readPayload(t, "ping.json"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = h.Close(ctx)
	require.ErrorIs(t, err, context.Canceled, "Close = %v, want context.Canceled", err)
	<-cancelled // the handler saw its context end; no goroutine is left behind
	waitFor(t, func() bool { return len(h.slots) == 0 })
}

func TestHandlerIgnoresUnroutedTopics(t *testing.T) {
	h := newHandler(t)
	var calls atomic.Int32
	mustHandle(t, h, "contact.*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	st, _ := post(t, srv, testSecret, readPayload(t, "company_created.json"))
	require.Equal(t, http.StatusOK, st, "unrouted topic: status")
	require.Equal(t, int32(0), calls.Load(), "contact.* handler ran for company.created")
}

// Every error the package returns carries the module's prefix; errors.Is on
// the sentinels is unaffected by the wording.
func TestErrorsCarryTheModulePrefix(t *testing.T) {
	_, option := NewHandler(testSecret, WithMaxAge(0))
	_, decode := DecodeItem[v2_16.Contact](nil)
	_, read := ReadVerified(httptest.NewRequest(http.MethodPost, "/", nil), testSecret, 0)
	for _, err := range []error{
		ErrItemType, ErrInvalidNotification, ErrHandlerPanic, ErrStaleNotification, ErrBadPattern,
		ErrMissingSignature, ErrMalformedSignature, ErrSignatureMismatch, ErrBodyTooLarge, ErrNoSecret,
		option, decode, read,
	} {
		assert.Regexp(t, `^intercom: webhook: `, err.Error())
	}
}

// waitFor polls cond until it holds, failing after a generous bound.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		require.False(t, time.Now().After(deadline), fmt.Sprintf("condition not met within %v", wait))
		time.Sleep(time.Millisecond)
	}
}

// stamped is a ping notification with the given id and signed timestamps.
func stamped(id string, created, firstSent int64) []byte {
	return []byte(fmt.Sprintf(`{"type":"notification_event","app_id":"a1","id":%q,"topic":"ping","created_at":%d,"first_sent_at":%d,"delivery_attempts":1,"data":{"type":"notification_event_data","item":{"type":"ping"}}}`,
		id, created, firstSent))
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
	require.NotContains(t, out.String(), string(testSecret), "secret printed")
	require.NotContains(t, out.String(), fmt.Sprintf("%x", testSecret), "secret printed")
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
