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
var ErrHandlerPanic = errors.New("intercom: webhook: handler panicked")

// Handler is an http.Handler for an Intercom webhook endpoint. For each POST
// it verifies the signature, parses the envelope, drops notifications whose
// id it has already seen, and runs the HandlerFunc registered for the topic.
//
// Answers:
//   - 401 for a missing, malformed or mismatched signature, 413 for a body
//     over the limit, 400 for a body that is not a notification;
//   - 200 for a duplicate, a topic with no HandlerFunc, or a notification
//     whose signed timestamps are older than the max age (or too far in
//     the future): a replay is acknowledged and not run, its error
//     (ErrStaleNotification) goes to the error callback;
//   - 200 when the HandlerFunc returns nil, or a Permanent error, within
//     the ack timeout;
//   - 500 when it returns another error within the ack timeout: the id is
//     forgotten, so that Intercom's redelivery runs it again;
//   - 200 when the ack timeout passes first: the HandlerFunc goes on in the
//     background until it returns or its run timeout ends, and its error,
//     if any, goes to the error callback (Intercom will not redeliver);
//   - 429 with Retry-After when the in-flight limit is reached or Close was
//     called: Intercom throttles its deliveries after a 429 instead of
//     counting the answer towards pausing or suspending the subscription,
//     as it does other failures;
//   - 200 to HEAD, which Intercom sends to check the URL; 405 otherwise.
//
// HandlerFuncs must therefore be idempotent where a retry matters, and
// finish within the ack timeout if their failure must cause a redelivery.
type Handler struct {
	key         *signingKey // behind a pointer: printing a Handler shows no secret
	maxBody     int64
	maxAge      time.Duration
	now         func() time.Time
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
		key:         &signingKey{b: append([]byte(nil), secret...)},
		maxBody:     DefaultMaxBodyBytes,
		maxAge:      DefaultMaxAge,
		now:         time.Now,
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
	if md, ok := h.dedup.(*MemoryDeduplicator); ok && md.window < h.maxAge {
		// An id forgotten while its notification is still fresh could be
		// replayed and run again.
		return nil, fmt.Errorf("intercom: webhook: dedup window %v is shorter than the max age %v", md.window, h.maxAge)
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
	body, err := ReadVerified(r, h.key.b, h.maxBody)
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
	signed, err := h.fresh(n)
	if err != nil {
		// A replay, or a delivery later than any Intercom makes: not run.
		// Acknowledged, since another attempt would be no fresher.
		h.report(n, err)
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mu.RLock()
	fn := h.routes.match(n.Topic)
	h.mu.RUnlock()
	if fn == nil {
		w.WriteHeader(http.StatusOK) // acknowledged: nobody wants this topic
		return
	}
	if h.dedup != nil && n.ID != "" && !claim(h.dedup, n.ID, signed) {
		w.WriteHeader(http.StatusOK) // a redelivery of one already taken
		return
	}
	run, status := h.start(fn, n)
	if run == nil {
		h.forget(n)
		w.Header().Set("Retry-After", "60")
		http.Error(w, status, http.StatusTooManyRequests)
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

// Close stops accepting notifications (later ones are answered 429) and
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

// ErrStaleNotification is reported (WithErrorHandler) for a notification
// whose signed timestamps are older than the handler's max age, or later
// than its clock allows: a replay of a captured delivery, or one the
// dedup memory may no longer recognise. It is acknowledged and not run.
var ErrStaleNotification = errors.New("intercom: webhook: notification outside the freshness window")

// maxClockSkew is how far in the future a signed timestamp may be: the
// clocks of Intercom and of the receiver differ a little.
const maxClockSkew = 5 * time.Minute

// fresh returns the signed time of n, the later of created_at and
// first_sent_at (both inside the signed body), or ErrStaleNotification
// when it is outside [now-maxAge, now+maxClockSkew]. A notification
// without either timestamp cannot be checked and is refused.
func (h *Handler) fresh(n *Notification) (time.Time, error) {
	at := max(n.CreatedAt, n.FirstSentAt)
	if at <= 0 {
		return time.Time{}, fmt.Errorf("%w: no created_at or first_sent_at", ErrStaleNotification)
	}
	signed := time.Unix(at, 0)
	now := h.now()
	switch age := now.Sub(signed); {
	case age > h.maxAge:
		return signed, fmt.Errorf("%w: signed %v ago, max age %v", ErrStaleNotification, age.Truncate(time.Second), h.maxAge)
	case -age > maxClockSkew:
		return signed, fmt.Errorf("%w: signed %v in the future", ErrStaleNotification, (-age).Truncate(time.Second))
	}
	return signed, nil
}

// claim claims id in d, with its signed time when d can use it.
func claim(d Deduplicator, id string, signed time.Time) bool {
	if td, ok := d.(TimedDeduplicator); ok {
		return td.ClaimSigned(id, signed)
	}
	return d.Claim(id)
}

// signingKey holds the secret; a pointer to it prints as an address.
type signingKey struct{ b []byte }

// String describes the handler without its secret.
func (h *Handler) String() string {
	return fmt.Sprintf("webhook.Handler{max body %d, max age %v, ack timeout %v, max in flight %d}", h.maxBody, h.maxAge, h.ackTimeout, h.maxInFlight)
}

// GoString is String: %#v must not dump the secret either.
func (h *Handler) GoString() string { return h.String() }

// Format prints String for every verb, so that no verb reaches the fields.
func (h *Handler) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, h.String()) }
