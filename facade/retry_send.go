package facade

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"

	"github.com/intercom-go/intercom/internal/ctxsleep"
	"github.com/intercom-go/intercom/internal/jsonx"
)

// retryConfig is the retry part of a client's configuration.
type retryConfig struct {
	policy RetryPolicy
	pacer  RateLimiter // WithRateLimiter; nil: no pacing
	table  *RetryTable // the typed client's version (retry_table.go); nil: by method

	// Seams for tests; nil means the real clock, timer and random source.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	rnd   func(n int64) int64
}

func defaultRetryConfig() retryConfig { return retryConfig{policy: DefaultRetryPolicy()} }

func (rc *retryConfig) clock() time.Time {
	if rc.now != nil {
		return rc.now()
	}
	return time.Now()
}

func (rc *retryConfig) wait(ctx context.Context, d time.Duration) error {
	if rc.sleep != nil {
		return rc.sleep(ctx, d)
	}
	return sleepCtx(ctx, d)
}

func (rc *retryConfig) randN(n int64) int64 {
	if rc.rnd != nil {
		return rc.rnd(n)
	}
	return rand.Int64N(n)
}

// sleepCtx waits for d or until ctx is done, whichever comes first (the
// one cancellable sleep, shared with facade/redislimit).
func sleepCtx(ctx context.Context, d time.Duration) error { return ctxsleep.Sleep(ctx, d) }

// maxDrain bounds how much of an abandoned response body is read so that
// its connection can be reused; past it, closing is cheaper.
const maxDrain = 256 << 10

// attemptResult is what one attempt produced.
type attemptResult struct {
	resp *http.Response
	err  error
	// garbled: a 2xx whose JSON body is not JSON (a truncated or
	// replaced answer). The response is still returned when it is not
	// retried, so the caller's decoder reports it.
	garbled bool
}

// send performs req, re-sending it as decideRetry (retry_decide.go)
// allows. It returns the last response with its body unread when it stops
// on a non-2xx answer (Core.Do turns that into *Error), so a 429 that
// cannot be waited out before the deadline reaches the caller as a
// rate-limit error carrying its headers.
func (c *Core) send(req *http.Request, rd bodyReader) (*http.Response, error) {
	rc := &c.cfg.retry
	ctx := req.Context()
	class, rt := rc.table.classify(req, basePathOf(c.baseURL))
	rr := retryRequest{
		class:      class,
		quota:      rt != nil && rt.Quota,
		replayable: req.Body == nil || req.Body == http.NoBody || req.GetBody != nil,
	}
	if dl, ok := ctx.Deadline(); ok {
		rr.deadline = dl
	}
	try := req
	for attempt := 0; ; attempt++ {
		canRetry := retryBudget(rc.policy, attempt, rr.replayable) == stopNone
		// A 2xx body is read here only when a failed read could be
		// retried; otherwise the caller streams it as usual.
		var read *bodyReader
		if canRetry && class == RetrySafe {
			read = &rd
		}
		r := c.attempt(try, read, !rd.checksNull, class == RetryWrite)
		if !canRetry {
			return r.resp, r.err
		}
		now := rc.clock()
		dec := decideRetry(rr, attempt, outcomeOf(ctx, r, now), rc.policy, now, rc.randN)
		if !dec.retry() {
			return r.resp, r.err
		}
		last := scrubberFor(req).String(describe(r)) // a status line can echo the token too
		discard(r.resp)
		if err := rc.wait(ctx, dec.wait); err != nil {
			return nil, fmt.Errorf("intercom: %s %s: waiting to retry after %s: %w", req.Method, req.URL.Path, last, err)
		}
		next, err := rewind(req)
		if err != nil {
			return nil, err
		}
		try = next
	}
}

// outcomeOf is what decideRetry needs to know of r: the class of its
// transport error, or its status and parsed Retry-After and X-RateLimit-*
// headers, read at now.
func outcomeOf(ctx context.Context, r attemptResult, now time.Time) outcome {
	o := outcome{done: ctx.Err() != nil}
	if r.err != nil {
		o.failure = failureOf(r.err)
		return o
	}
	o.garbled = r.garbled
	o.status = r.resp.StatusCode
	o.waitHeaders = parseWaitHeaders(r.resp.Header, now)
	return o
}

// attempt sends req once, through the pacer when there is one. With read,
// a 2xx body is read whole with it, so that a connection dropped mid-body
// becomes a retryable error instead of a short read later. nullCheck puts
// the body behind the null check (core_body.go). With write, an answer to
// a request the transport sent twice on its own is refused (see sentOnce).
func (c *Core) attempt(req *http.Request, read *bodyReader, nullCheck, write bool) attemptResult {
	p := c.cfg.retry.pacer
	if p != nil {
		if err := p.Wait(req.Context(), c.cfg.retry.policy.MaxRateLimitWait); err != nil {
			return attemptResult{err: err}
		}
	}
	var writes *atomic.Int32
	if write {
		req, writes = sentOnce(req)
	}
	resp, err := c.cfg.doer.Do(req)
	if p != nil {
		p.Observe(resp)
	}
	if err == nil {
		c.limitBody(req, resp, nullCheck)
	}
	if err == nil && writes != nil && writes.Load() > 1 {
		discard(resp)
		resp, err = nil, fmt.Errorf("intercom: %s %s: %w", req.Method, req.URL.Path, errResentByTransport)
	}
	if err != nil {
		if resp != nil {
			resp.Body.Close() // net/http never does this; other Doers might
		}
		return attemptResult{err: err}
	}
	if read == nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return attemptResult{resp: resp}
	}
	garbled, err := read.read(resp)
	if err != nil {
		return attemptResult{err: bodyError(req, err)}
	}
	return attemptResult{resp: resp, garbled: garbled}
}

// bodyReader is how send reads the 2xx body of a request it may send
// again: whole, so that a cut or garbled answer is asked for again instead
// of reaching the caller. read reads and closes resp.Body, leaves the bytes
// in resp.Body as a *jsonx.Body, and reports whether they are damaged: not
// JSON at all, worth asking for again. The retry layer knows nothing of
// what the bytes mean. Core.Do reads into a new buffer and checks the
// bytes with jsonx.Valid (jsonBody); a listing reads into its reused
// buffers and checks by decoding the page, which it must do anyway
// (pageFetcher.fetch), so no page is scanned twice.
type bodyReader struct {
	read func(resp *http.Response) (damaged bool, err error)
	// checksNull: read's caller rejects a body that is JSON null itself,
	// so the body is not put behind the null check (core_body.go).
	checksNull bool
}

// jsonBody is the bodyReader of single calls: the Parse functions take
// these bytes as they are.
var jsonBody = bodyReader{read: func(resp *http.Response) (bool, error) {
	body, err := jsonx.ReadBody(resp)
	resp.Body.Close()
	if err != nil {
		return false, err
	}
	resp.Body = jsonx.NewBody(body)
	resp.ContentLength = int64(len(body))
	return damaged(resp.Header, body), nil
}}

// bodyError is the error of a failed read of a 2xx body. The limit and
// null errors (core_body.go) already name the request.
func bodyError(req *http.Request, err error) error {
	if errors.Is(err, ErrResponseTooLarge) || errors.Is(err, ErrNullResponse) {
		return err
	}
	return fmt.Errorf("intercom: %s %s: reading response body: %w", req.Method, req.URL.Path, err)
}

// damaged reports whether a 2xx body that claims JSON is not JSON at all:
// cut short or replaced on the way, so worth asking for again. An empty
// body (204, HEAD) is not a damaged one.
func damaged(h http.Header, body []byte) bool {
	return len(body) > 0 && isJSON(h) && !jsonx.Valid(body)
}

// rewind prepares a fresh copy of req for another attempt, with its body
// rebuilt from GetBody (the transport has consumed and closed the old one).
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		b, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("intercom: %s %s: replaying request body: %w", req.Method, req.URL.Path, err)
		}
		r.Body = b
	}
	return r, nil
}

// discard drains and closes an abandoned response so its connection can
// be reused.
func discard(resp *http.Response) {
	if resp == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
	resp.Body.Close()
}

func describe(o attemptResult) string {
	switch {
	case o.err != nil:
		return o.err.Error()
	case o.garbled:
		return "an unreadable JSON body"
	default:
		return o.resp.Status
	}
}

func isJSON(h http.Header) bool {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// errResentByTransport is the error of a write whose answer is refused
// because the HTTP transport sent the request more than once by itself.
var errResentByTransport = errors.New("the HTTP transport sent the request again on its own after a connection failed; " +
	"the first may have been acted on, so the answer is not used")

// sentOnce counts, through httptrace, how many times the transport
// finished writing req. net/http silently re-sends a GET (or HEAD,
// OPTIONS) when a reused keep-alive connection fails before the first
// byte of the answer, even though the server may have received and acted
// on it. That is harmless for reads but not for the few GETs classified
// as writes (the companies scroll advances on every arrival), so their
// answer is refused when the count exceeds one. Writes with other methods
// are never re-sent by net/http unless they carry an Idempotency-Key.
func sentOnce(req *http.Request) (*http.Request, *atomic.Int32) {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
	default:
		return req, nil
	}
	n := new(atomic.Int32)
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			n.Add(1)
		}
	}}
	return req.WithContext(httptrace.WithClientTrace(req.Context(), trace)), n
}
