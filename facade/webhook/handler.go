package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// ErrHandlerPanic wraps the value a HandlerFunc panicked with.
var ErrHandlerPanic = errors.New("webhook: handler panicked")

// Handler is an http.Handler for an Intercom webhook endpoint. For each POST
// it verifies the signature, parses the envelope, drops notifications whose
// id it has already seen, and runs the HandlerFunc registered for the topic.
//
// Answers:
//   - 401 for a missing, malformed or mismatched signature, 413 for a body
//     over the limit, 400 for a body that is not a notification;
//   - 200 for a duplicate, or a topic with no HandlerFunc;
//   - 200 when the HandlerFunc returns nil, or a Permanent error, within
//     the ack timeout;
//   - 500 when it returns another error within the ack timeout: the id is
//     forgotten, so that Intercom's redelivery runs it again;
//   - 200 when the ack timeout passes first: the HandlerFunc goes on in the
//     background until it returns or its run timeout ends, and its error,
//     if any, goes to the error callback (Intercom will not redeliver);
//   - 503 when the in-flight limit is reached or Close was called;
//   - 200 to HEAD, which Intercom sends to check the URL; 405 otherwise.
//
// HandlerFuncs must therefore be idempotent where a retry matters, and
// finish within the ack timeout if their failure must cause a redelivery.
type Handler struct {
	secret      []byte
	maxBody     int64
	ackTimeout  time.Duration
	runTimeout  time.Duration
	maxInFlight int
	dedup       Deduplicator
	onError     func(*Notification, error)

	slots  chan struct{} // one token per running HandlerFunc
	base   context.Context
	cancel context.CancelFunc

	mu      sync.RWMutex
	routes  routes
	closed  bool
	running sync.WaitGroup
}

// NewHandler returns a Handler verifying with secret, the app's client
// secret. Register HandlerFuncs with Handle before serving.
func NewHandler(secret []byte, opts ...HandlerOption) (*Handler, error) {
	if len(secret) == 0 {
		return nil, ErrNoSecret
	}
	h := &Handler{
		secret:      append([]byte(nil), secret...),
		maxBody:     DefaultMaxBodyBytes,
		ackTimeout:  DefaultAckTimeout,
		runTimeout:  DefaultRunTimeout,
		maxInFlight: DefaultMaxInFlight,
		dedup:       NewMemoryDeduplicator(DefaultDedupWindow, DefaultDedupCapacity),
		routes:      routes{},
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(h); err != nil {
			return nil, err
		}
	}
	h.slots = make(chan struct{}, h.maxInFlight)
	h.base, h.cancel = context.WithCancel(context.Background())
	return h, nil
}

// Handle runs fn for notifications whose topic matches pattern: an exact
// topic ("contact.user.created"), a family ("conversation.*" matches every
// topic starting "conversation."), or "*". The most specific pattern wins.
// Registering a pattern again replaces its HandlerFunc.
func (h *Handler) Handle(pattern string, fn HandlerFunc) error {
	if err := validPattern(pattern); err != nil {
		return err
	}
	if fn == nil {
		return fmt.Errorf("%w: nil HandlerFunc for %q", ErrBadPattern, pattern)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.routes[pattern] = fn
	return nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
	case http.MethodHead:
		w.WriteHeader(http.StatusOK)
		return
	default:
		w.Header().Set("Allow", "POST, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := ReadVerified(r, h.secret, h.maxBody)
	switch {
	case errors.Is(err, ErrBodyTooLarge):
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	case errors.Is(err, ErrMissingSignature), errors.Is(err, ErrMalformedSignature), errors.Is(err, ErrSignatureMismatch):
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	case err != nil:
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	n, err := Parse(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.mu.RLock()
	fn := h.routes.match(n.Topic)
	h.mu.RUnlock()
	if fn == nil {
		w.WriteHeader(http.StatusOK) // acknowledged: nobody wants this topic
		return
	}
	if h.dedup != nil && n.ID != "" && !h.dedup.Claim(n.ID) {
		w.WriteHeader(http.StatusOK) // a redelivery of one already taken
		return
	}
	run, status := h.start(fn, n)
	if run == nil {
		h.forget(n)
		w.Header().Set("Retry-After", "1")
		http.Error(w, status, http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(h.await(r.Context(), run, n))
}

// run is one HandlerFunc execution, which the request may stop waiting for.
type run struct {
	mu       sync.Mutex
	detached bool       // the response went out before the result
	result   chan error // buffered: the runner never blocks on it
}

// start launches fn in its own goroutine, or returns nil and a reason when
// the handler is closed or every slot is taken.
func (h *Handler) start(fn HandlerFunc, n *Notification) (*run, string) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.closed {
		return nil, "shutting down"
	}
	select {
	case h.slots <- struct{}{}:
	default:
		return nil, "busy"
	}
	// Add under the read lock, so that Close (which takes the write lock
	// before Wait) never waits on a counter that can still grow.
	h.running.Add(1)
	ru := &run{result: make(chan error, 1)}
	go func() {
		defer h.running.Done()
		defer func() { <-h.slots }()
		ctx, cancel := context.WithTimeout(h.base, h.runTimeout)
		err := call(ctx, fn, n)
		cancel()
		ru.mu.Lock()
		detached := ru.detached
		if !detached {
			ru.result <- err
		}
		ru.mu.Unlock()
		if detached && err != nil {
			h.report(n, err)
		}
	}()
	return ru, ""
}

// await waits for ru up to the ack timeout (or until the client goes) and
// returns the status to answer.
func (h *Handler) await(reqCtx context.Context, ru *run, n *Notification) int {
	timer := time.NewTimer(h.ackTimeout)
	defer timer.Stop()
	select {
	case err := <-ru.result:
		return h.outcome(n, err)
	case <-timer.C:
	case <-reqCtx.Done():
	}
	ru.mu.Lock()
	defer ru.mu.Unlock()
	select {
	case err := <-ru.result: // finished while the timer fired
		return h.outcome(n, err)
	default:
		ru.detached = true
		return http.StatusOK
	}
}

// outcome maps a HandlerFunc's result, known before answering, to a status.
func (h *Handler) outcome(n *Notification, err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case IsPermanent(err):
		h.report(n, err)
		return http.StatusOK
	default:
		h.forget(n)
		h.report(n, err)
		return http.StatusInternalServerError
	}
}

func (h *Handler) forget(n *Notification) {
	if h.dedup != nil && n.ID != "" {
		h.dedup.Forget(n.ID)
	}
}

func (h *Handler) report(n *Notification, err error) {
	if h.onError != nil {
		h.onError(n, err)
	}
}

// call runs fn, turning a panic into an error so that one bad notification
// cannot take the server down.
func call(ctx context.Context, fn HandlerFunc, n *Notification) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v", ErrHandlerPanic, v)
		}
	}()
	return fn(ctx, n)
}

// Close stops accepting notifications (later ones are answered 503) and
// waits for running HandlerFuncs. If ctx ends first, it cancels their
// contexts and returns ctx's error without waiting further.
func (h *Handler) Close(ctx context.Context) error {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	done := make(chan struct{})
	go func() {
		h.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		h.cancel()
		return nil
	case <-ctx.Done():
		h.cancel()
		return ctx.Err()
	}
}
