package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/gen/v2_16"
)

var testSecret = []byte("client-secret-from-the-developer-hub")

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
		if err := h.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

// fixtureNow is a moment shortly after the recorded notifications of
// testdata were signed: the freshness check accepts them then.
func fixtureNow() time.Time { return time.Unix(1718093700, 0) }

func newHandler(t *testing.T, opts ...HandlerOption) *Handler {
	t.Helper()
	h, err := NewHandler(testSecret, append([]HandlerOption{WithClock(fixtureNow)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func mustHandle(t *testing.T, h *Handler, pattern string, fn HandlerFunc) {
	t.Helper()
	if err := h.Handle(pattern, fn); err != nil {
		t.Fatal(err)
	}
}

// post sends body signed with secret (unsigned if secret is nil) and
// returns the status and the response headers.
func post(t *testing.T, srv *httptest.Server, secret, body []byte) (int, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/intercom", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != nil {
		req.Header.Set(SignatureHeader, Sign(secret, body))
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
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

	if st, _ := post(t, srv, testSecret, readPayload(t, "conversation_user_created.json")); st != http.StatusOK {
		t.Fatalf("conversation: status %d", st)
	}
	if got := <-conversations; got != "conversation.user.created 185" {
		t.Fatalf("conversation handler got %q", got)
	}
	if st, _ := post(t, srv, testSecret, readPayload(t, "contact_created.json")); st != http.StatusOK {
		t.Fatalf("contact: status %d", st)
	}
	if got := <-contacts; got != "grace@example.com" {
		t.Fatalf("contact handler got %q", got)
	}
	if st, _ := post(t, srv, testSecret, readPayload(t, "ping.json")); st != http.StatusOK {
		t.Fatalf("ping: status %d", st)
	}
	if others.Load() != 1 {
		t.Fatalf("default handler ran %d times, want 1", others.Load())
	}
}

func TestHandlerRejectsBadRequests(t *testing.T) {
	h := newHandler(t, WithMaxBodyBytes(4096))
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	body := readPayload(t, "ping.json")

	if st, _ := post(t, srv, nil, body); st != http.StatusUnauthorized {
		t.Errorf("unsigned: %d", st)
	}
	if st, _ := post(t, srv, []byte("another app's secret"), body); st != http.StatusUnauthorized {
		t.Errorf("wrong secret: %d", st)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
	req.Header.Set(SignatureHeader, "sha256=abc")
	if resp, err := srv.Client().Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("malformed: %v %v", resp.StatusCode, err)
	} else {
		resp.Body.Close()
	}
	if st, _ := post(t, srv, testSecret, bytes.Repeat([]byte(" "), 4097)); st != http.StatusRequestEntityTooLarge {
		t.Errorf("too large: %d", st)
	}
	if st, _ := post(t, srv, testSecret, []byte(`{"type":"something_else"}`)); st != http.StatusBadRequest {
		t.Errorf("not a notification: %d", st)
	}
	resp, err := srv.Client().Get(srv.URL)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" {
		t.Errorf("GET: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	resp, err = srv.Client().Head(srv.URL)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	if calls.Load() != 0 {
		t.Fatalf("handler ran %d times on rejected requests", calls.Load())
	}
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
			if st, _ := post(t, srv, testSecret, body); st != http.StatusOK {
				t.Errorf("status %d", st)
			}
		})
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("8 deliveries of one notification ran the handler %d times", calls.Load())
	}
	post(t, srv, testSecret, withID(body, "other"))
	if calls.Load() != 2 {
		t.Fatalf("another notification: %d runs, want 2", calls.Load())
	}
}

func TestHandlerDedupOff(t *testing.T) {
	h := newHandler(t, WithDeduplicator(nil))
	var calls atomic.Int32
	mustHandle(t, h, "*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	body := readPayload(t, "ping.json")
	post(t, srv, testSecret, body)
	post(t, srv, testSecret, body)
	if calls.Load() != 2 {
		t.Fatalf("without dedup: %d runs, want 2", calls.Load())
	}
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

	if st, _ := post(t, srv, testSecret, body); st != http.StatusInternalServerError {
		t.Fatalf("failing handler: status %d, want 500", st)
	}
	if st, _ := post(t, srv, testSecret, body); st != http.StatusOK {
		t.Fatalf("redelivery: status %d, want 200", st)
	}
	if calls.Load() != 2 {
		t.Fatalf("handler ran %d times, want 2 (the redelivery must run)", calls.Load())
	}
	if st, _ := post(t, srv, testSecret, body); st != http.StatusOK || calls.Load() != 2 {
		t.Fatalf("third delivery after success: status %d, runs %d", st, calls.Load())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reported) != 1 || !errors.Is(reported[0], errDown) {
		t.Fatalf("reported %v", reported)
	}
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
	if st, _ := post(t, srv, testSecret, body); st != http.StatusOK {
		t.Fatalf("permanent error: status %d, want 200", st)
	}
	if err := <-reported; !IsPermanent(err) {
		t.Fatalf("reported %v, want a permanent error", err)
	}
	post(t, srv, testSecret, body)
	if calls.Load() != 1 {
		t.Fatalf("redelivery after a permanent error ran the handler again (%d runs)", calls.Load())
	}
}

func TestHandlerPanicIsAnError(t *testing.T) {
	reported := make(chan error, 1)
	h := newHandler(t, WithErrorHandler(func(_ *Notification, err error) { reported <- err }))
	mustHandle(t, h, "*", func(context.Context, *Notification) error { panic("boom") })
	srv := serve(t, h)
	if st, _ := post(t, srv, testSecret, readPayload(t, "ping.json")); st != http.StatusInternalServerError {
		t.Fatalf("panicking handler: status %d", st)
	}
	if err := <-reported; !errors.Is(err, ErrHandlerPanic) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("reported %v", err)
	}
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
	if st != http.StatusOK {
		t.Fatalf("status %d while the handler runs, want 200", st)
	}
	select {
	case err := <-reported:
		t.Fatalf("error reported before the handler returned: %v", err)
	default:
	}
	close(release)
	select {
	case err := <-reported:
		if !errors.Is(err, errLate) {
			t.Fatalf("reported %v", err)
		}
	case <-time.After(wait):
		t.Fatal("background error never reported")
	}
}

func TestHandlerRunTimeout(t *testing.T) {
	h := newHandler(t, WithRunTimeout(10*time.Millisecond), WithAckTimeout(wait))
	mustHandle(t, h, "*", func(ctx context.Context, _ *Notification) error {
		<-ctx.Done()
		return ctx.Err()
	})
	srv := serve(t, h)
	if st, _ := post(t, srv, testSecret, readPayload(t, "ping.json")); st != http.StatusInternalServerError {
		t.Fatalf("handler past its run timeout: status %d, want 500", st)
	}
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

	if st, _ := post(t, srv, testSecret, body); st != http.StatusOK {
		t.Fatalf("first: %d", st)
	}
	second := withID(body, "second")
	st, hdr := post(t, srv, testSecret, second)
	if st != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" {
		t.Fatalf("over the limit: status %d Retry-After %q, want 429 with Retry-After", st, hdr.Get("Retry-After"))
	}
	close(release)
	waitFor(t, func() bool { return len(h.slots) == 0 })
	// The refused notification's id was not kept: its redelivery runs.
	if st, _ := post(t, srv, testSecret, second); st != http.StatusOK {
		t.Fatalf("redelivery: %d", st)
	}
	waitFor(t, func() bool { return calls.Load() == 2 })
}

func TestHandlerCloseWaitsForRunningHandlers(t *testing.T) {
	h, err := NewHandler(testSecret, WithAckTimeout(0), WithClock(fixtureNow))
	if err != nil {
		t.Fatal(err)
	}
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
	if st, _ := post(t, srv, testSecret, withID(readPayload(t, "ping.json"), "late")); st != http.StatusTooManyRequests {
		t.Fatalf("after Close: status %d, want 429", st)
	}
	close(release)
	if err := <-closed; err != nil || !finished.Load() {
		t.Fatalf("Close = %v, handler finished = %v", err, finished.Load())
	}
}

func TestHandlerCloseCancelsAfterDeadline(t *testing.T) {
	h, err := NewHandler(testSecret, WithAckTimeout(0), WithClock(fixtureNow))
	if err != nil {
		t.Fatal(err)
	}
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
	if err := h.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Close = %v, want context.Canceled", err)
	}
	<-cancelled // the handler saw its context end; no goroutine is left behind
	waitFor(t, func() bool { return len(h.slots) == 0 })
}

func TestHandlerIgnoresUnroutedTopics(t *testing.T) {
	h := newHandler(t)
	var calls atomic.Int32
	mustHandle(t, h, "contact.*", func(context.Context, *Notification) error { calls.Add(1); return nil })
	srv := serve(t, h)
	if st, _ := post(t, srv, testSecret, readPayload(t, "company_created.json")); st != http.StatusOK {
		t.Fatalf("unrouted topic: status %d", st)
	}
	if calls.Load() != 0 {
		t.Fatal("contact.* handler ran for company.created")
	}
}

func TestNewHandlerValidates(t *testing.T) {
	if _, err := NewHandler(nil); !errors.Is(err, ErrNoSecret) {
		t.Errorf("no secret: %v", err)
	}
	for i, o := range []HandlerOption{WithMaxBodyBytes(0), WithDedupWindow(0, 1), WithAckTimeout(-1), WithRunTimeout(0), WithMaxInFlight(0)} {
		if _, err := NewHandler(testSecret, o); err == nil {
			t.Errorf("option %d: invalid value accepted", i)
		}
	}
}

// waitFor polls cond until it holds, failing after a generous bound.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal(fmt.Sprintf("condition not met within %v", wait))
		}
		time.Sleep(time.Millisecond)
	}
}
