package facade

import (
	"context"
	"runtime"
	"sync"
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

// readAhead is the pageSource of a range that reads ahead: each page is
// fetched and decoded on its own goroutine (pageFetcher.fetch, with the
// page as its aheadHooks); the range takes them in order.
type readAhead struct {
	ctx      context.Context
	f        *pageFetcher
	depth    int           // pages started and not yet taken, at most
	decoding chan struct{} // a slot per page decoding (decodeSlots)

	mu     sync.Mutex
	queue  []*inflight // started and not yet taken, in page order
	closed bool
	wg     sync.WaitGroup
}

// inflight is one page on its way.
type inflight struct {
	ra     *readAhead
	ctx    context.Context // the page's own, cancelled when it is dropped
	req    PageRequest
	at     pager // the range's pager as it will be when it takes this page (guessed)
	cancel context.CancelFunc
	done   chan struct{} // closed when page and panicked are final

	page     *fetched
	panicked any // what the page's goroutine panicked with

	guessed   bool   // guessNext ran on one of its bodies
	next      *pager // the successor's pager, waiting for room in the queue
	abandoned bool   // dropped from the queue: its successor must not start
}

// newPageSource is where a range takes its pages from: read ahead, unless
// ReadAhead(0) says not to or the listing is a scroll, whose every request
// moves the scroll on (so there is nothing to guess).
func newPageSource(ctx context.Context, f *pageFetcher, p *pager) pageSource {
	depth := defaultReadAhead
	if p.cfg.readAheadSet {
		depth = p.cfg.readAhead
	}
	if depth == 0 || p.spec.Style == StyleScroll {
		return directSource{ctx: ctx, f: f}
	}
	return &readAhead{ctx: ctx, f: f, depth: depth, decoding: make(chan struct{}, decodeSlots())}
}

// take returns the page p asks for next, decoded: the one read ahead if it
// was guessed right, otherwise a fresh request (read-ahead guessed wrong
// is dropped).
func (ra *readAhead) take(p *pager) *fetched {
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
	return fl.page
}

// close stops every page still on its way and waits for their goroutines.
func (ra *readAhead) close() {
	ra.mu.Lock()
	ra.closed = true
	ra.dropLocked()
	ra.mu.Unlock()
	ra.wg.Wait()
}

func (ra *readAhead) dropLocked() {
	for _, fl := range ra.queue {
		fl.abandoned = true
		fl.cancel()
	}
	clear(ra.queue)
	ra.queue = ra.queue[:0]
}

func (ra *readAhead) startLocked(req PageRequest, at pager) {
	ctx, cancel := context.WithCancel(ra.ctx)
	fl := &inflight{ra: ra, ctx: ctx, req: req, at: at, cancel: cancel, done: make(chan struct{})}
	ra.queue = append(ra.queue, fl)
	ra.wg.Add(1)
	go fl.run()
}

// run fetches and decodes the page.
func (fl *inflight) run() {
	defer fl.ra.wg.Done()
	defer close(fl.done)
	defer func() {
		if r := recover(); r != nil {
			fl.panicked = r
		}
	}()
	defer fl.cancel()
	fl.page = fl.ra.f.fetch(fl.ctx, fl.req, fl)
}

// bodyRead guesses the next request from the first body read for the page
// and starts it when there is room.
func (fl *inflight) bodyRead(body []byte) {
	if fl.guessed {
		return
	}
	fl.guessed = true
	if next, ok := guessNext(fl.at, body); ok {
		fl.ra.offer(fl, next)
	}
}

// decodeSlot waits for one of the range's decoding slots.
func (fl *inflight) decodeSlot(ctx context.Context) (func(), error) {
	select {
	case fl.ra.decoding <- struct{}{}:
		return func() { <-fl.ra.decoding }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// offer starts the page after fl, whose pager will be next, if fl is still
// the last page of the queue and there is room; otherwise take starts it
// when room is made.
func (ra *readAhead) offer(fl *inflight, next pager) {
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
	r := metaReader{m: &m}
	if !lastMembers(body, r.set) || r.err != nil {
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
