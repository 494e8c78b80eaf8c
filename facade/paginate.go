package facade

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ErrPaginationStalled is returned (wrapped, with details) when a listing
// cannot advance: Intercom returned a cursor the listing already used, a
// page other than the one asked for, or announced another page without
// saying how to fetch it. Without it such a listing would loop for ever or
// end silently short.
var ErrPaginationStalled = errors.New("intercom: pagination stalled")

// ErrScrollExpired is returned (wrapped together with the error of the
// failed request, such as its *Error) when a companies scroll can no
// longer continue: its scroll_param expired (unused for a minute),
// Intercom answered the documented 500 "Please restart the scroll
// operation", or a scroll request failed after it may have reached
// Intercom (a 5xx, a dropped connection, a timeout, an unreadable answer).
// Intercom moves the scroll on with every request it receives, so going
// on, or resuming from a saved Page.Next, could skip a page without any
// error. Start a new scroll from the beginning.
var ErrScrollExpired = errors.New("intercom: scroll expired: restart the scroll")

// Page is one page of a listing, from an iterator's Pages variant.
type Page[T any] struct {
	// Items are the page's items, decoded once; the slice is the caller's.
	Items []T
	// TotalCount is the size of the whole list as Intercom reports it, or
	// -1 when the response does not say.
	TotalCount int
	// Next is the cursor to resume after this page with ResumeFrom. It is
	// empty on the last page.
	Next string
}

// The pagination engine's interface to the generated iterators of
// gen/<version> (pages.gen.go): PageStyle, PageSpec, PageRequest, PageMeta,
// PageEnvelope and Paginate. Users range over the generated iterators and
// need none of them.

// PageStyle is how an operation pages (api/pagination/*.yaml, style).
type PageStyle uint8

const (
	StyleCursor     PageStyle = iota + 1 // starting_after in the query
	StylePage                            // page numbers
	StyleSearch                          // starting_after in the body's pagination
	StyleScroll                          // scroll_param
	StyleNextCursor                      // cursor in, next_cursor and has_more out
)

// PageSpec is the generated, per-operation part of a listing.
type PageSpec struct {
	Op         string    // iterator name, for errors
	Style      PageStyle //
	MaxPerPage int       // documented page size limit, 0 if unknown
	PerPage    int       // page size the caller's params ask for, 0 if none
	Start      string    // cursor the caller's params start from
	StartPage  int       // page number the caller's params start from
}

// PageRequest is what one request of a listing asks for; the generated
// fetch sends the fields that are not zero.
type PageRequest struct {
	Cursor  string // starting_after, scroll_param or cursor
	Page    int
	PerPage int
}

// PageEnvelope is implemented by the generated envelope of each operation:
// its item array beside an embedded PageMeta, which provides meta.
type PageEnvelope[T any] interface {
	PageItems() []T
	meta() *PageMeta
}

// Paginate is the one engine behind every generated Pages iterator. Nothing
// is sent until the result is ranged over; each range starts afresh. c
// sends the requests build makes.
//
// Paginate itself is the typed shell of a listing: it makes the
// operation's envelopes and reads their items. The listing's loop and all
// it calls (listing.run, paginate_fetch.go, paginate_ahead.go) handle the
// envelopes as an untyped envelope, so that they are compiled once, not
// once per operation of every generated package.
func Paginate[T any, E any, PE interface {
	*E
	PageEnvelope[T]
}](ctx context.Context, c *Core, spec PageSpec, opts []PageOption, build BuildPage) iter.Seq2[Page[T], error] {
	l := &listing{core: c, spec: spec, cfg: newPageConfig(opts), build: build,
		newEnv: func() envelope { return PE(new(E)) },
		count:  func(e envelope) int { return len(e.(PE).PageItems()) },
	}
	return func(yield func(Page[T], error) bool) {
		l.run(ctx, func(e envelope, pg listed, err error) bool {
			if err != nil {
				return yield(Page[T]{}, err)
			}
			return yield(Page[T]{Items: e.(PE).PageItems()[:pg.items], TotalCount: pg.total, Next: pg.next}, nil)
		})
	}
}

// listing is one operation's listing with the caller's params and options.
type listing struct {
	core   *Core
	spec   PageSpec
	cfg    pageConfig
	build  BuildPage
	newEnv func() envelope      // a new, empty envelope of the operation
	count  func(e envelope) int // how many items e holds
}

// listed is what the loop says of a page it yields: how many of its items
// to yield (fewer when MaxItems ends the listing on it), the list's total
// and the cursor to resume after it.
type listed struct {
	items, total int
	next         string
}

// run is the loop of one range, and the whole of a listing: ask the source
// for the page the pager wants (paginate_fetch.go: build, send, read,
// decode), check it, let the pager advance, yield it.
func (l *listing) run(ctx context.Context, yield func(envelope, listed, error) bool) {
	spec := l.spec
	p, err := newPager(spec, l.cfg)
	if err == nil && (l.core == nil || l.build == nil) {
		err = fmt.Errorf("intercom: %s: client not made by New or another constructor", spec.Op)
	}
	if err != nil {
		yield(nil, listed{}, err)
		return
	}
	f := newPageFetcher(l.core, l.build, spec, l.newEnv)
	src := newPageSource(ctx, f, p)
	defer src.close()
	// Errors may quote what a page said: never the credential.
	fail := func(err error) { yield(nil, listed{}, f.scrubErr(err)) }
	for {
		if err := ctx.Err(); err != nil {
			fail(fmt.Errorf("intercom: %s: %w", spec.Op, err))
			return
		}
		fl := src.take(p)
		p.pages++
		if fl.fetchErr != nil {
			fail(p.fetchError(fl.fetchErr, fl.req))
			return
		}
		env := fl.env
		if fl.err != nil {
			fail(p.decodeError(fl.err))
			return
		}
		m := env.meta()
		if err := p.check(m); err != nil {
			fail(err)
			return
		}
		if err := p.checkRepeat(m, fl.sum); err != nil {
			fail(err)
			return
		}
		n := l.count(env)
		more, advErr := p.advance(m, n)
		if advErr != nil && p.repeat {
			// The page names where an earlier page was: it is that
			// page again, and none of its items may be yielded twice.
			fail(advErr)
			return
		}
		pg := listed{items: n, total: m.totalCount()}
		if more && advErr == nil {
			pg.next = p.position()
		}
		if p.cfg.maxItems > 0 {
			if left := p.cfg.maxItems - p.yielded; n >= left {
				// The limit ends the listing: what would have followed,
				// an error included, is not asked for.
				pg.items = left
				more, advErr = false, nil
			}
		}
		p.yielded += pg.items
		if !yield(env, pg, nil) {
			return
		}
		if advErr != nil {
			fail(advErr)
			return
		}
		if !more {
			return
		}
	}
}

// Items flattens a Pages iterator into its items, yielding each element
// of each decoded page in place: no item is copied into another slice.
func Items[T any](pages iter.Seq2[Page[T], error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for i := range page.Items {
				if !yield(page.Items[i], nil) {
					return
				}
			}
		}
	}
}

// pager is the state of one range over a listing.
type pager struct {
	spec    PageSpec
	cfg     pageConfig
	cursor  string     // cursor to send next (not page style)
	page    int        // page number to send next (page style)
	size    int        // page size to send, 0 to let Intercom choose
	pages   int        // requests sent
	yielded int        // items yielded
	seen    *cursorSet // every cursor sent
	// A snapshot for guessing (read-ahead) records no cursor in seen; it
	// keeps the cursors it guessed since the range's pager, which the range
	// has not recorded yet, in guessed.
	dry     bool
	guessed []string
	// repeat: the stall advance reported means the page just read repeats
	// an earlier one (it names a cursor or page number already used).
	repeat bool
	// lastSum is the body hash of the last page of a page-numbered
	// listing (see checkRepeat).
	lastSum uint64
}

func newPager(spec PageSpec, cfg pageConfig) (*pager, error) {
	if cfg.err != nil {
		return nil, cfg.err
	}
	p := &pager{spec: spec, cfg: cfg, seen: newCursorSet()}
	p.size = cfg.pageSize
	if p.size == 0 {
		p.size = spec.PerPage
	}
	if p.size == 0 {
		p.size = spec.MaxPerPage
	}
	if spec.MaxPerPage > 0 && p.size > spec.MaxPerPage {
		p.size = spec.MaxPerPage
	}
	switch spec.Style {
	case StylePage:
		// Page numbering depends on the page size, so it is fixed for the
		// whole listing: shrink it once if the limit is below it.
		if cfg.maxItems > 0 && p.size > cfg.maxItems {
			p.size = cfg.maxItems
		}
		p.page = max(spec.StartPage, 1)
		p.cursor = spec.Start
		if cfg.resuming {
			page, cursor, err := parsePagePosition(cfg.resume)
			if err != nil {
				return nil, fmt.Errorf("intercom: %s: ResumeFrom(%q): %w", spec.Op, cfg.resume, err)
			}
			p.page, p.cursor = page, cursor
		}
		if p.cursor != "" {
			p.remember(p.cursor)
		}
	default:
		p.cursor = spec.Start
		if cfg.resuming {
			p.cursor = cfg.resume
		}
		if p.cursor != "" && spec.Style != StyleScroll {
			p.remember(p.cursor)
		}
	}
	return p, nil
}

// request is the next request of the listing.
func (p *pager) request() PageRequest {
	r := PageRequest{Cursor: p.cursor, Page: p.page, PerPage: p.size}
	if p.spec.Style != StylePage && p.cfg.maxItems > 0 && p.size > 0 {
		// Cursors do not depend on the page size: ask for no more than is left.
		r.PerPage = min(p.size, p.cfg.maxItems-p.yielded)
	}
	return r
}

// position is the resume cursor of the page just read, once advance has
// moved to the next one.
func (p *pager) position() string {
	if p.spec.Style == StylePage {
		return pagePosition(p.page, p.cursor)
	}
	return p.cursor
}

// check rejects a page that must not be yielded: one other than asked for.
func (p *pager) check(m *PageMeta) error {
	if p.spec.Style != StylePage {
		return nil
	}
	if got, ok := m.pageNumber(); ok && got != p.page {
		return p.stalled("asked for page %d, Intercom answered with page %d", p.page, got)
	}
	return nil
}

// checkRepeat rejects a page of a page-numbered listing that does not
// say its page number and whose body is, byte for byte, the one of the
// page before: a server that ignores the page parameter answers the first
// page again and again, and nothing else would tell. sum is the body's
// hash (inflight.check); it costs one pass over the bytes, not per item.
func (p *pager) checkRepeat(m *PageMeta, sum uint64) error {
	if p.spec.Style != StylePage {
		return nil
	}
	last := p.lastSum
	p.lastSum = sum
	if _, ok := m.pageNumber(); ok || p.pages < 2 || sum == 0 || sum != last {
		return nil
	}
	return p.stalled("page %d has the same body as the page before and no page number: the page parameter was ignored", p.page)
}

// advance reads what a page says about the next one, moves the position
// there, and reports whether there is one. An error means the page itself
// is good but the listing cannot continue; with p.repeat set, the page
// itself repeats an earlier one.
func (p *pager) advance(m *PageMeta, items int) (bool, error) {
	p.repeat = false
	switch p.spec.Style {
	case StyleCursor, StyleSearch:
		return p.advanceCursor(m)
	case StylePage:
		return p.advancePage(m, items)
	case StyleScroll:
		return p.advanceScroll(m, items)
	case StyleNextCursor:
		return p.advanceNextCursor(m)
	}
	return false, fmt.Errorf("intercom: %s: unknown pagination style %d", p.spec.Op, p.spec.Style)
}

// remember records a cursor as sent; it reports whether it had been.
// A snapshot only looks.
func (p *pager) remember(cursor string) bool {
	if !p.dry {
		return p.seen.remember(cursor, true)
	}
	if slices.Contains(p.guessed, cursor) || p.seen.remember(cursor, false) {
		return true
	}
	// The range records a cursor before it takes the page after the one
	// that named it, so only the last few can be missing from seen.
	keep := p.guessed[max(0, len(p.guessed)-maxReadAhead-1):]
	p.guessed = append(slices.Clip(keep), cursor)
	return false
}

// cursorSet is the cursors a range has sent, by hash. Read-ahead guesses
// consult it from other goroutines, hence the lock.
type cursorSet struct {
	mu   sync.Mutex
	seed maphash.Seed
	m    map[uint64]struct{}
}

func newCursorSet() *cursorSet {
	return &cursorSet{seed: maphash.MakeSeed(), m: map[uint64]struct{}{}}
}

// remember reports whether cursor was recorded before, and with record
// records it.
func (s *cursorSet) remember(cursor string, record bool) bool {
	h := maphash.String(s.seed, cursor)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[h]; ok {
		return true
	}
	if record {
		s.m[h] = struct{}{}
	}
	return false
}

func (p *pager) stalled(format string, args ...any) error {
	return fmt.Errorf("%w: %s: page %d: %s", ErrPaginationStalled, p.spec.Op, p.pages, fmt.Sprintf(format, args...))
}

// fetchError wraps the error of a request with the listing and page.
func (p *pager) fetchError(err error, req PageRequest) error {
	if p.spec.Style == StyleScroll && scrollExpired(err, req.Cursor != "") {
		return fmt.Errorf("%w: %s: page %d: %w", ErrScrollExpired, p.spec.Op, p.pages, err)
	}
	return fmt.Errorf("intercom: %s: page %d: %w", p.spec.Op, p.pages, err)
}

// decodeError wraps the failure to read or decode a page. A scroll page
// that cannot be read was nonetheless consumed on Intercom's side, so the
// scroll cannot go on without skipping it.
func (p *pager) decodeError(err error) error {
	if p.spec.Style == StyleScroll {
		return fmt.Errorf("%w: %s: page %d: decode: %w", ErrScrollExpired, p.spec.Op, p.pages, err)
	}
	return fmt.Errorf("intercom: %s: page %d: decode: %w", p.spec.Op, p.pages, err)
}

// advanceCursor is the rule of cursor (GET, starting_after in the query)
// and search (POST, starting_after in the body's pagination) listings: the
// next cursor is pages.next.starting_after, in the object or in a link's
// query; there is no next page without one. A cursor already sent, or a
// response that announces another page without a cursor, stalls the
// listing instead of looping or ending short.
func (p *pager) advanceCursor(m *PageMeta) (bool, error) {
	next := m.Pages.Next.cursor
	if next == "" {
		if m.moreAnnounced() {
			return false, p.stalled("Intercom announced another page but sent no starting_after cursor")
		}
		return false, nil
	}
	if p.remember(next) {
		// The page names as next a cursor already sent: it is the page
		// that named it before (a server ignoring starting_after).
		p.repeat = true
		return false, p.stalled("starting_after cursor %q was already used", next)
	}
	p.cursor = next
	return true, nil
}

// advanceNextCursor is the rule of listings that answer next_cursor and
// has_more (contact merge history): has_more false, or no next_cursor,
// ends the list; has_more true without a cursor, or a cursor already sent,
// stalls it.
func (p *pager) advanceNextCursor(m *PageMeta) (bool, error) {
	if m.HasMore != nil && !*m.HasMore {
		return false, nil
	}
	next := Deref(m.NextCursor)
	if next == "" {
		if m.HasMore != nil {
			return false, p.stalled("has_more is true but next_cursor is empty")
		}
		return false, nil
	}
	if p.remember(next) {
		p.repeat = true
		return false, p.stalled("next_cursor %q was already used", next)
	}
	p.cursor = next
	return true, nil
}

// advancePage is the rule of page-numbered listings. An empty page, or
// pages.next null, ends the list. Otherwise, where the response gives
// total_pages (in pages or at the top level) the list ends at that page, so
// that the last page costs no extra empty request; where it does not, the
// list goes on only while pages.next is present. The next page is the one
// pages.next names (object or link), or the one after; a next page that
// does not move forward stalls the listing. Where pages.next also carries a
// starting_after cursor, the next request sends it too: some listings the
// descriptions call page-numbered are served by cursor, and a page number
// alone would be ignored there.
func (p *pager) advancePage(m *PageMeta, items int) (bool, error) {
	next := m.Pages.Next
	if items == 0 || next.state == nextNull {
		return false, nil
	}
	if total, ok := m.totalPages(); ok {
		if p.page >= total {
			return false, nil
		}
	} else if next.state == nextAbsent {
		return false, nil
	}
	if c := next.cursor; c != "" {
		if p.remember(c) {
			p.repeat = true
			return false, p.stalled("starting_after cursor %q was already used", c)
		}
		p.cursor = c
	}
	want := p.page + 1
	if next.page.ok {
		if next.page.v <= p.page {
			// It names itself or an earlier page as next: it is an
			// earlier page again (a server ignoring page).
			p.repeat = true
			return false, p.stalled("pages.next names page %d after page %d", next.page.v, p.page)
		}
		want = next.page.v
	}
	p.page = want
	return true, nil
}

// pagePosition is the resume token of a page-numbered listing: the page
// number alone, or with the cursor Intercom answered, "7:WzE2...".
func pagePosition(page int, cursor string) string {
	if cursor == "" {
		return strconv.Itoa(page)
	}
	return strconv.Itoa(page) + ":" + cursor
}

func parsePagePosition(s string) (page int, cursor string, err error) {
	num, cursor, _ := strings.Cut(s, ":")
	page, err = strconv.Atoi(num)
	if err != nil || page < 1 {
		return 0, "", fmt.Errorf("want a page position from Page.Next")
	}
	return page, cursor, nil
}

// advanceScroll is the rule of the companies scroll: the next request
// sends the scroll_param of the last response, and the first empty page
// ends the list (Intercom documents no other end). A scroll_param may stay
// the same from page to page, so repeats are not a stall; a non-empty page
// without one is.
func (p *pager) advanceScroll(m *PageMeta, items int) (bool, error) {
	if items == 0 {
		return false, nil
	}
	next := Deref(m.ScrollParam)
	if next == "" {
		return false, p.stalled("a scroll page came without scroll_param")
	}
	p.cursor = next
	return true, nil
}

// scrollExpired reports whether a failed scroll request leaves the scroll
// unusable, so that the listing must start again rather than go on or
// resume from a saved Page.Next. Intercom advances a scroll on every
// request that reaches it, so that is the case for every failure after
// which the request may have arrived (5xx, including the documented 500
// "Please restart the scroll operation", dropped connections, timeouts)
// and, once a scroll_param was sent, for a client error about the scroll
// (it expired after a minute unused, or is unknown). It is not for
// answers Intercom gives before acting (401, 403, 429) nor for requests
// that provably never left.
func scrollExpired(err error, sentParam bool) bool {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return !neverSent(err) && !errors.Is(err, ErrNoSlotBeforeDeadline)
	}
	switch code := apiErr.StatusCode; {
	case code == http.StatusUnauthorized, code == http.StatusForbidden, code == http.StatusTooManyRequests:
		return false
	case code >= 500, code == http.StatusRequestTimeout:
		return true
	case code >= 400:
		return sentParam && strings.Contains(strings.ToLower(string(apiErr.Body)), "scroll")
	}
	return false
}
