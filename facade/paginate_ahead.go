package facade

import (
	"context"
	"errors"
	"hash/maphash"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
)

// Read-ahead: the request for the next page leaves as soon as a page's
// body has arrived, before the page is decoded, so that transfers and
// decoding overlap (and, on more than two cores, pages decode in parallel).
// The next request is guessed from the paging fields at the end of the
// body (guessNext); the listing uses a page read ahead only if the decoded
// page asks for exactly that request, and otherwise drops it and sends the
// right one. The pages, their order and the errors are those of a listing
// without read-ahead; what it can cost is requests the loop never uses
// when it stops early (at most the read-ahead depth).

// defaultReadAhead is how many pages a listing may have requested beyond
// the one the loop is on: the next page's transfer overlaps the decoding
// of the page before it, and a page is ready to decode when the one
// before it is done.
const defaultReadAhead = 2

// decodeSlots is how many pages of a range decode at once: one core is
// left to the goroutines that read the next pages and send their
// requests. When decoders held every core, those waited for one to finish
// a page before they could run, and the transfers stalled behind them.
func decodeSlots() int { return max(1, runtime.GOMAXPROCS(0)-1) }

// readAhead runs the requests of one range over a listing. Each page is
// fetched and decoded on its own goroutine; the range takes them in order.
type readAhead[E any, PE interface{ *E }] struct {
	ctx   context.Context
	fetch fetchFunc
	depth int  // pages started and not yet taken, at most
	guess bool // the style's next request can be guessed (not a scroll)

	bufs     pageBuffers   // the pages' bodies
	decoding chan struct{} // a slot per page decoding (decodeSlots)
	// hash: the pages' bodies are hashed (page-numbered listings, see
	// pager.checkRepeat), with seed.
	hash bool
	seed maphash.Seed
	// scrub is the scrubber of the listing's requests, set by the retry
	// layer on the first one (pageRead.scrub).
	scrub atomic.Pointer[scrubber]

	mu     sync.Mutex
	queue  []*inflight[E, PE] // started and not yet taken, in page order
	closed bool
	wg     sync.WaitGroup
}

// inflight is one page's request and its decoded result.
type inflight[E any, PE interface{ *E }] struct {
	ra     *readAhead[E, PE]
	ctx    context.Context // the page's own, cancelled when it is dropped
	req    PageRequest
	at     pager // the range's pager as it will be when it takes this page (guessed)
	cancel context.CancelFunc
	done   chan struct{} // closed when the fields below are final

	fetchErr error          // the request failed
	resp     *http.Response // the response env and err belong to
	env      PE
	err      error  // reading or decoding the page failed
	sum      uint64 // hash of the body env was decoded from (readAhead.hash)

	panicked any // what the page's goroutine panicked with

	guessed   bool   // guessNext ran on one of its bodies
	next      *pager // the successor's pager, waiting for room in the queue
	abandoned bool   // dropped from the queue: its successor must not start
}

func newReadAhead[E any, PE interface{ *E }](ctx context.Context, fetch fetchFunc, p *pager) *readAhead[E, PE] {
	depth := defaultReadAhead
	if p.cfg.readAheadSet {
		depth = p.cfg.readAhead
	}
	return &readAhead[E, PE]{ctx: ctx, fetch: fetch, depth: depth, guess: p.spec.Style != StyleScroll,
		decoding: make(chan struct{}, decodeSlots()), hash: p.spec.Style == StylePage, seed: maphash.MakeSeed()}
}

// take returns the page p asks for next, decoded: the one read ahead if it
// was guessed right, otherwise a fresh request (read-ahead guessed wrong
// is dropped).
func (ra *readAhead[E, PE]) take(p *pager) *inflight[E, PE] {
	req := p.request()
	ra.mu.Lock()
	if len(ra.queue) == 0 || ra.queue[0].req != req {
		ra.dropLocked()
		ra.startLocked(req, p.snapshot())
	}
	fl := ra.queue[0]
	ra.mu.Unlock()
	<-fl.done
	if fl.panicked != nil {
		// A panic in the transport or a middleware surfaces in the loop's
		// goroutine, as it would without read-ahead.
		panic(fl.panicked)
	}
	ra.mu.Lock()
	n := copy(ra.queue, ra.queue[1:]) // drop the reference: the page is the loop's now
	ra.queue[n] = nil
	ra.queue = ra.queue[:n]
	// Room was made: the successor of the last page started may go now.
	last := fl
	if n := len(ra.queue); n > 0 {
		last = ra.queue[n-1]
	}
	if last.next != nil {
		next := last.next
		last.next = nil
		ra.startLocked(next.request(), *next)
	}
	ra.mu.Unlock()
	return fl
}

// scrubErr scrubs the credential of the listing's requests from err, which
// may quote what a page said.
func (ra *readAhead[E, PE]) scrubErr(err error) error {
	if s := ra.scrub.Load(); s != nil {
		return s.Err(err)
	}
	return err
}

// close stops every page still on its way and waits for their goroutines.
func (ra *readAhead[E, PE]) close() {
	ra.mu.Lock()
	ra.closed = true
	ra.dropLocked()
	ra.mu.Unlock()
	ra.wg.Wait()
}

func (ra *readAhead[E, PE]) dropLocked() {
	for _, fl := range ra.queue {
		fl.abandoned = true
		fl.cancel()
	}
	clear(ra.queue)
	ra.queue = ra.queue[:0]
}

func (ra *readAhead[E, PE]) startLocked(req PageRequest, at pager) {
	ctx, cancel := context.WithCancel(ra.ctx)
	fl := &inflight[E, PE]{ra: ra, ctx: ctx, req: req, at: at, cancel: cancel, done: make(chan struct{})}
	ra.queue = append(ra.queue, fl)
	ra.wg.Add(1)
	go fl.run()
}

// run fetches and decodes the page. The retry layer hands each body it
// reads to check; a body it did not read (its last attempt, or no retries)
// is read here.
func (fl *inflight[E, PE]) run() {
	defer fl.ra.wg.Done()
	defer close(fl.done)
	defer func() {
		if r := recover(); r != nil {
			fl.panicked = r
		}
	}()
	defer fl.cancel()
	resp, err := fl.ra.fetch(withPageRead(fl.ctx, &pageRead{check: fl.check, bufs: &fl.ra.bufs, scrub: &fl.ra.scrub}), fl.req)
	switch {
	case err != nil:
		fl.fetchErr = err
	case resp == nil || resp.Body == nil:
		fl.env, fl.err = PE(new(E)), errors.New("no response body")
	case resp == fl.resp:
		resp.Body.Close() // decoded by check
	default:
		body, rb, err := readPageBody(resp, &fl.ra.bufs)
		if err != nil {
			fl.resp, fl.env, fl.err = resp, PE(new(E)), err
			return
		}
		fl.check(resp, body)
		rb.Close()
	}
}

// check reads ahead from the body, then decodes it. It reports whether the
// body is damaged, for the retry layer: only a body that is not JSON at all
// is; JSON of the wrong shape would be answered again the same way.
func (fl *inflight[E, PE]) check(resp *http.Response, body []byte) (garbled bool) {
	if !fl.guessed && fl.ra.guess && fl.ra.depth > 0 {
		fl.guessed = true
		if next, ok := guessNext(fl.at, body); ok {
			fl.ra.offer(fl, next)
		}
	}
	env := PE(new(E))
	err := fl.decode(resp, body, env)
	fl.resp, fl.env, fl.err = resp, env, err
	if fl.ra.hash {
		fl.sum = maphash.Bytes(fl.ra.seed, body)
	}
	return err != nil && fl.ctx.Err() == nil && damaged(resp.Header, body)
}

// decode decodes the body into env once a decoding slot is free.
func (fl *inflight[E, PE]) decode(resp *http.Response, body []byte, env PE) error {
	select {
	case fl.ra.decoding <- struct{}{}:
	case <-fl.ctx.Done():
		return fl.ctx.Err()
	}
	defer func() { <-fl.ra.decoding }()
	return decodePageBody(resp, body, env)
}

// offer starts the page after fl, whose pager will be next, if fl is still
// the last page of the queue and there is room; otherwise take starts it
// when room is made.
func (ra *readAhead[E, PE]) offer(fl *inflight[E, PE], next pager) {
	ra.mu.Lock()
	defer ra.mu.Unlock()
	if ra.closed || fl.abandoned || len(ra.queue) == 0 || ra.queue[len(ra.queue)-1] != fl {
		return
	}
	if len(ra.queue) >= ra.depth {
		fl.next = &next
		return
	}
	ra.startLocked(next.request(), next)
}

// snapshot is a copy of p for guessing: it consults the cursors p has sent
// but records none (the range does that when it really advances).
func (p *pager) snapshot() pager {
	s := *p
	s.dry, s.guessed = true, nil
	return s
}

// guessNext returns the pager as it will be after the page whose body this
// is, taken at at, if the listing seems to go on: it reads the paging
// fields from the end of the body and assumes a full page.
func guessNext(at pager, body []byte) (pager, bool) {
	var m PageMeta
	mc := metaCollector{m: &m}
	if !lastMembers(body, mc.member) || mc.err != nil {
		return pager{}, false
	}
	items := at.request().PerPage
	if items == 0 {
		if at.cfg.maxItems > 0 {
			return pager{}, false // the page size decides where the limit falls
		}
		items = 1
	}
	if err := at.check(&m); err != nil {
		return pager{}, false
	}
	more, err := at.advance(&m, items)
	if err != nil || !more {
		return pager{}, false
	}
	at.yielded += items
	if at.cfg.maxItems > 0 && at.yielded >= at.cfg.maxItems {
		return pager{}, false
	}
	at.pages++
	return at, true
}
