package facade

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"sync"
	"time"
)

// An export reads a whole searchable collection (contacts, conversations,
// tickets, companies where the version can search them) with several
// workers at once. It splits the creation times [From, Began) into
// disjoint windows, runs one search cursor stream per window, and hands
// each item to the caller exactly once. See docs/export.md.
//
// The engine knows nothing of API versions: it is given an ExportSearch,
// which runs one search body and yields its pages, and reads each item's
// created_at and id by their Go field names (CreatedAt, Id).

// ExportSearch runs one search with the given JSON body (its query; the
// pagination comes as PageOptions) and yields its pages. ExportFrom makes
// one from a generated Search…Pages method.
type ExportSearch[T any] func(ctx context.Context, body []byte, opts ...PageOption) iter.Seq2[Page[T], error]

// ExportFrom adapts a generated search iterator whose body has the
// version's type B, such as
//
//	facade.ExportFrom(func(ctx context.Context, b v2_16.SearchContactsJSONRequestBody, o ...facade.PageOption) iter.Seq2[facade.Page[v2_16.Contact], error] {
//		return client.SearchContactsPages(ctx, nil, b, o...)
//	})
func ExportFrom[T, B any](pages func(ctx context.Context, body B, opts ...PageOption) iter.Seq2[Page[T], error]) ExportSearch[T] {
	return func(ctx context.Context, body []byte, opts ...PageOption) iter.Seq2[Page[T], error] {
		var b B
		if err := json.Unmarshal(body, &b); err != nil {
			return func(yield func(Page[T], error) bool) {
				yield(Page[T]{}, fmt.Errorf("intercom: export: search body: %w", err))
			}
		}
		return pages(ctx, b, opts...)
	}
}

// ExportOptions configures an export. The zero value is usable.
type ExportOptions struct {
	// Workers is how many searches run at once (default 4). Each has
	// one request in flight at a time, paced by the client's RateLimiter.
	Workers int
	// PageSize is the items per search page (default 150, Intercom's
	// maximum for searches).
	PageSize int
	// From is the earliest creation time exported (default: the Unix
	// epoch, everything).
	From time.Time
	// Until, when set, ends the range before the export's start: the
	// export covers [From, Until). Processes sharing a collection can
	// each take a range.
	Until time.Time
	// Location is the workspace's timezone (GET /me, app.timezone).
	// Intercom's contact search compares dates by calendar day in it;
	// knowing it lets each window's search ask for exactly its days.
	// Without it the windows follow UTC days and each search is widened
	// by two days on either side (the extra items are fetched and
	// dropped), which is correct in any timezone but costs requests.
	Location *time.Location
	// SplitAbove splits a window whose search reports more items than
	// this into as many windows as it takes (down to one day). 0 picks
	// the reported total of the first search divided by 2×Workers, at
	// least 4 pages.
	SplitAbove int
	// Resume continues the export a Position describes. The options
	// that shape the windows (From, Until, Location) are taken from it;
	// a Location that is not an IANA name (a fixed zone) must be given
	// again as Location.
	Resume *ExportPosition
	// OnProgress, when set, is called after every page, on the
	// goroutine ranging over the export.
	OnProgress func(ExportProgress)
	// Limiter, when set to the client's RateLimiter, lets Progress
	// report the requests waiting for it.
	Limiter RateLimiter

	now func() time.Time // seam for tests
}

// ExportPosition is where an export stands after an item: the windows
// not finished yet, each with the cursor of the page being read and how
// many of its items were handed out. It is small (a few hundred bytes per
// open window) and marshals to JSON; store it after any item, and give it
// to ExportOptions.Resume to continue in a new process with nothing lost
// or repeated.
type ExportPosition struct {
	// Version of this format.
	Version int `json:"v"`
	// Began is when the export began (Unix seconds): it exports what was
	// created before then.
	Began int64 `json:"began"`
	// Location is the timezone the windows follow, "" for UTC days
	// with widened searches.
	Location string `json:"tz,omitempty"`
	// Windows are the windows not finished, oldest first.
	Windows []ExportWindow `json:"windows"`
}

// ExportWindow is one window of an export: the items created in
// [From, To) (Unix seconds), read through a search for
// created_at > After and created_at < Before.
type ExportWindow struct {
	From   int64 `json:"from"`
	To     int64 `json:"to"`
	After  int64 `json:"gt"`
	Before int64 `json:"lt"`
	// Cursor requested the page being read ("" for the first page);
	// Skip of that page's items were handed out (or dropped as outside
	// the window).
	Cursor string `json:"cursor,omitempty"`
	Skip   int    `json:"skip,omitempty"`
}

// ExportProgress is how far an export has come.
type ExportProgress struct {
	Items int64 // items handed out (in this process)
	Pages int64 // search pages read
	// Splits counts windows split because their search was too large.
	Splits int64
	// WindowsOpen is the windows not finished; WindowsDone those done.
	WindowsOpen, WindowsDone int
	// RateLimitWaiting is the requests waiting for the rate limiter now
	// (with ExportOptions.Limiter).
	RateLimitWaiting int
	// Left estimates the items still to come, from the totals the
	// searches report (-1 before the first one answers). Widened
	// searches count some items twice, so it errs high.
	Left int64
}

// ExportError ends an export that cannot go on (an error the client's
// retries could not absorb). Position is where to resume.
type ExportError struct {
	Position ExportPosition
	Err      error
}

func (e *ExportError) Error() string {
	return fmt.Sprintf("intercom: export stopped with %d windows open: %v", len(e.Position.Windows), e.Err)
}

func (e *ExportError) Unwrap() error { return e.Err }

// Export is one parallel export; range over All once.
type Export[T any] struct {
	search ExportSearch[T]
	opts   ExportOptions
	loc    *time.Location // days the windows follow
	widen  int64          // seconds each search is widened by on either side
	acc    itemAccess

	mu         sync.Mutex
	cond       *sync.Cond
	began      int64
	windows    []*exportWin // open windows, in the order they were created
	queue      []*exportWin // open windows no worker has taken, oldest first
	busy       int          // windows a worker is reading
	splitAbove int
	progress   ExportProgress
	stopped    bool
	used       bool
}

// exportWin is an open window and the state of its reading.
type exportWin struct {
	ExportWindow
	total   int64 // items its search reported, -1 unknown
	handed  int64 // items of it read so far
	resumed bool  // Skip applies to the first page a worker brings
}

const (
	exportFormat      = 1
	day               = 24 * time.Hour
	unknownZoneWiden  = int64(2 * day / time.Second)
	defaultExportSize = 150
)

// NewExport prepares an export over search. T must be a struct with a
// CreatedAt field (an int, int64 or pointer to one: Unix seconds) and an
// Id field (a string or *string).
func NewExport[T any](search ExportSearch[T], opts ExportOptions) (*Export[T], error) {
	if search == nil {
		return nil, errors.New("intercom: export: nil search")
	}
	acc, err := accessFor(reflect.TypeFor[T]())
	if err != nil {
		return nil, err
	}
	if opts.Workers == 0 {
		opts.Workers = 4
	}
	if opts.PageSize == 0 {
		opts.PageSize = defaultExportSize
	}
	if opts.Workers < 0 || opts.PageSize < 0 || opts.SplitAbove < 0 {
		return nil, errors.New("intercom: export: negative option")
	}
	now := opts.now
	if now == nil {
		now = time.Now
	}
	e := &Export[T]{search: search, opts: opts, acc: acc, splitAbove: opts.SplitAbove}
	e.cond = sync.NewCond(&e.mu)
	e.progress.Left = -1
	if p := opts.Resume; p != nil {
		if p.Version != exportFormat {
			return nil, fmt.Errorf("intercom: export: position format %d, want %d", p.Version, exportFormat)
		}
		e.began = p.Began
		if err := e.setZone(p.Location); err != nil {
			return nil, err
		}
		for _, w := range p.Windows {
			if w.From >= w.To || w.Skip < 0 {
				return nil, fmt.Errorf("intercom: export: position has an invalid window %+v", w)
			}
			ew := &exportWin{ExportWindow: w, total: -1, resumed: true}
			e.windows = append(e.windows, ew)
			e.queue = append(e.queue, ew)
		}
		return e, nil
	}
	name := ""
	if opts.Location != nil {
		name = opts.Location.String()
	}
	if err := e.setZone(name); err != nil {
		return nil, err
	}
	// Whole seconds, rounded up: nothing created before the export began
	// is left out (a few items created in its first second may be in).
	e.began = now().Add(time.Second - 1).Unix()
	if !opts.Until.IsZero() {
		e.began = min(e.began, opts.Until.Add(time.Second-1).Unix())
	}
	from := max(opts.From.Unix(), 0)
	if from < e.began {
		w := &exportWin{ExportWindow: e.window(from, e.began), total: -1}
		e.windows, e.queue = []*exportWin{w}, []*exportWin{w}
	}
	return e, nil
}

// setZone sets the days windows follow: the workspace's timezone, exact
// searches; or UTC days, widened searches.
func (e *Export[T]) setZone(name string) error {
	if name == "" {
		e.loc, e.widen = time.UTC, unknownZoneWiden
		return nil
	}
	if e.opts.Location != nil && e.opts.Location.String() == name {
		e.loc = e.opts.Location
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return fmt.Errorf("intercom: export: position's timezone: %w", err)
	}
	e.loc = loc
	return nil
}

// window returns the window [from, to) with the search that covers it.
//
// Intercom's contact search matches dates by calendar day in the
// workspace's timezone: `created_at > X` matches from the start of the day
// after X's, `created_at < Y` everything before the start of Y's day, and
// `>=`/`<=` are refused on dates. Other searches document `>` and `<` as
// "greater (or equal)" and "lower (or equal)". The bounds below select a
// superset of [from, to) under each of those readings:
//
//   - After is one second before the start of from's day: under the day
//     reading `>` then starts at from's day; read exactly or inclusively
//     it starts no later than that day's start;
//   - Before is the start of the day after to-1's: everything before to
//     lies on an earlier day, and before that instant.
//
// Without the workspace's timezone, days are UTC days and both bounds move
// out by two more days, more than any timezone's offset. Items outside
// [from, to) are dropped when read, so windows never share an item.
func (e *Export[T]) window(from, to int64) ExportWindow {
	return ExportWindow{
		From: from, To: to,
		After:  startOfDay(from, e.loc) - 1 - e.widen,
		Before: startOfDay(to-1, e.loc) + secondsToNextDay(to-1, e.loc) + e.widen,
	}
}

func startOfDay(u int64, loc *time.Location) int64 {
	y, m, d := time.Unix(u, 0).In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc).Unix()
}

// secondsToNextDay is the length of u's day in loc (23 to 25 hours).
func secondsToNextDay(u int64, loc *time.Location) int64 {
	y, m, d := time.Unix(u, 0).In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc).Unix() - time.Date(y, m, d, 0, 0, 0, 0, loc).Unix()
}

// midnightBetween returns a start of day in loc strictly inside (from, to),
// near the middle, or false when the window lies within one day.
func midnightBetween(from, to int64, loc *time.Location) (int64, bool) {
	mid := from + (to-from)/2
	m := startOfDay(mid, loc)
	if m <= from {
		m += secondsToNextDay(mid, loc)
	}
	return m, m > from && m < to
}

// exportSearchBody is the one place that writes an export's search body.
// It stays minimal on purpose: a public search query builder will take
// its place.
func exportSearchBody(after, before int64) []byte {
	return fmt.Appendf(nil, `{"query":{"operator":"AND","value":[`+
		`{"field":"created_at","operator":">","value":%d},`+
		`{"field":"created_at","operator":"<","value":%d}]}}`, after, before)
}

// Position is where the export stands: after the item the loop is on,
// everything handed out so far included. Call it from the loop (it is
// safe from other goroutines too).
func (e *Export[T]) Position() ExportPosition {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.positionLocked()
}

func (e *Export[T]) positionLocked() ExportPosition {
	p := ExportPosition{Version: exportFormat, Began: e.began, Windows: make([]ExportWindow, 0, len(e.windows))}
	if e.widen == 0 {
		p.Location = e.loc.String()
	}
	for _, w := range e.windows {
		p.Windows = append(p.Windows, w.ExportWindow)
	}
	slices.SortFunc(p.Windows, func(a, b ExportWindow) int { return cmpInt64(a.From, b.From) })
	return p
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Progress reports how far the export has come; safe from any goroutine.
func (e *Export[T]) Progress() ExportProgress {
	e.mu.Lock()
	p := e.progressLocked()
	e.mu.Unlock()
	if w, ok := e.opts.Limiter.(interface{ Waiting() int }); ok {
		p.RateLimitWaiting = w.Waiting()
	}
	return p
}

func (e *Export[T]) progressLocked() ExportProgress {
	p := e.progress
	p.WindowsOpen = len(e.windows)
	left, known := int64(0), false
	for _, w := range e.windows {
		if w.total >= 0 {
			left += max(w.total-w.handed, 0)
			known = true
		}
	}
	if known || len(e.windows) == 0 {
		p.Left = left
	}
	return p
}

// exportMsg is what a worker hands the loop: a page of a window (with
// the cursor that requested it), the end of a window, or an error.
type exportMsg[T any] struct {
	w      *exportWin
	cursor string
	page   Page[T]
	done   bool
	err    error
}

// All runs the export and yields every item created in [From, Began)
// exactly once. Items come grouped by page; windows start oldest first and
// several are read at once, so pages of different windows interleave;
// within a window, items come in the search's order. On an error it
// yields one *ExportError (with the position to resume from) and stops.
// Breaking out of the loop stops the workers; Position still tells where
// to resume.
func (e *Export[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		e.mu.Lock()
		if e.used {
			e.mu.Unlock()
			yield(zero, errors.New("intercom: export: All ranged over twice"))
			return
		}
		e.used = true
		e.mu.Unlock()

		ctx, cancel := context.WithCancel(ctx)
		msgs := make(chan exportMsg[T], e.opts.Workers)
		var wg sync.WaitGroup
		for range e.opts.Workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e.work(ctx, msgs)
			}()
		}
		stop := func() {
			e.mu.Lock()
			e.stopped = true
			e.cond.Broadcast()
			e.mu.Unlock()
			cancel()
			wg.Wait()
		}
		go func() { // close msgs once every worker is gone
			wg.Wait()
			close(msgs)
		}()
		defer stop()
		for m := range msgs {
			if m.err != nil {
				yield(zero, &ExportError{Position: e.Position(), Err: m.err})
				return
			}
			if m.done {
				e.finish(m.w)
				continue
			}
			if !e.deliver(m, yield) {
				return
			}
		}
		// A worker that saw the context end may not have been able to
		// say so: the open windows tell.
		if p := e.Position(); len(p.Windows) > 0 {
			err := ctx.Err()
			if err == nil {
				err = errors.New("export ended with windows open")
			}
			yield(zero, &ExportError{Position: p, Err: err})
		}
	}
}

// deliver hands out the items of one page; false when the loop stopped.
func (e *Export[T]) deliver(m exportMsg[T], yield func(T, error) bool) bool {
	var zero T
	w := m.w
	e.mu.Lock()
	skip := 0
	if w.resumed {
		skip, w.resumed = min(w.Skip, len(m.page.Items)), false
	}
	e.progress.Pages++
	if w.total < 0 && m.page.TotalCount >= 0 {
		w.total = int64(m.page.TotalCount)
	}
	prog := e.progressLocked()
	e.mu.Unlock()
	if e.opts.OnProgress != nil {
		if l, ok := e.opts.Limiter.(interface{ Waiting() int }); ok {
			prog.RateLimitWaiting = l.Waiting()
		}
		e.opts.OnProgress(prog)
	}
	for i := skip; i < len(m.page.Items); i++ {
		it := m.page.Items[i]
		created, ok := e.acc.createdAt(&it)
		if !ok {
			// It cannot be placed in a window: stop, resumably (at it).
			yield(zero, &ExportError{Position: e.Position(), Err: fmt.Errorf("item %q has no created_at", e.acc.id(&it))})
			return false
		}
		in := created >= w.From && created < w.To
		e.mu.Lock()
		w.handed++
		// The position moves past this item before the loop sees it, so
		// that Position inside the loop includes it.
		if i+1 < len(m.page.Items) || m.page.Next != "" {
			w.Cursor, w.Skip = m.cursor, i+1
			if i+1 == len(m.page.Items) {
				w.Cursor, w.Skip = m.page.Next, 0
			}
		} else {
			e.removeLocked(w)
		}
		if in {
			e.progress.Items++
		}
		e.mu.Unlock()
		if in && !yield(it, nil) {
			return false
		}
	}
	if len(m.page.Items) == 0 || skip == len(m.page.Items) {
		e.mu.Lock()
		if m.page.Next == "" {
			e.removeLocked(w)
		} else {
			w.Cursor, w.Skip = m.page.Next, 0
		}
		e.mu.Unlock()
	}
	return true
}

// finish closes a window whose search has no more pages.
func (e *Export[T]) finish(w *exportWin) {
	e.mu.Lock()
	e.removeLocked(w)
	e.mu.Unlock()
}

func (e *Export[T]) removeLocked(w *exportWin) {
	if i := slices.Index(e.windows, w); i >= 0 {
		e.windows = slices.Delete(e.windows, i, i+1)
		e.progress.WindowsDone++
	}
}

// take gives a worker the oldest window nobody reads, or nil when the
// export is over (stopped, or no window left and none being read, which
// could still be split).
func (e *Export[T]) take() *exportWin {
	e.mu.Lock()
	defer e.mu.Unlock()
	for {
		if e.stopped {
			return nil
		}
		if len(e.queue) > 0 {
			w := e.queue[0]
			e.queue = e.queue[1:]
			e.busy++
			return w
		}
		if e.busy == 0 {
			e.cond.Broadcast()
			return nil
		}
		e.cond.Wait()
	}
}

func (e *Export[T]) release() {
	e.mu.Lock()
	e.busy--
	e.cond.Broadcast()
	e.mu.Unlock()
}

// work reads windows until there are none.
func (e *Export[T]) work(ctx context.Context, msgs chan<- exportMsg[T]) {
	send := func(m exportMsg[T]) bool {
		select {
		case msgs <- m:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		w := e.take()
		if w == nil {
			return
		}
		ok := e.read(ctx, w, send)
		e.release()
		if !ok {
			return
		}
	}
}

// read runs one window's search from its cursor to its end, or splits
// the window when its first page shows it too large.
func (e *Export[T]) read(ctx context.Context, w *exportWin, send func(exportMsg[T]) bool) bool {
	e.mu.Lock()
	cursor, fresh := w.Cursor, w.Cursor == "" && w.Skip == 0
	body := exportSearchBody(w.After, w.Before)
	e.mu.Unlock()
	opts := []PageOption{PageSize(e.opts.PageSize), ReadAhead(0)}
	if cursor != "" {
		opts = append(opts, ResumeFrom(cursor))
	}
	for page, err := range e.search(ctx, body, opts...) {
		if err != nil {
			send(exportMsg[T]{err: err})
			return false
		}
		if fresh && e.split(w, page.TotalCount) {
			return true
		}
		fresh = false
		if !send(exportMsg[T]{w: w, cursor: cursor, page: page}) {
			return false
		}
		cursor = page.Next
	}
	return send(exportMsg[T]{w: w, done: true})
}

// split replaces w, whose search reported total items, when it is over
// the split threshold, by as many windows as the threshold asks for (cut
// at starts of days, evenly in time), so that a large range is cut in one
// step rather than by halves, each of which costs a search.
func (e *Export[T]) split(w *exportWin, total int) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if total < 0 {
		return false
	}
	if e.splitAbove == 0 {
		// Two windows a worker: enough to even out windows of unequal
		// size, few enough that partial last pages cost little.
		e.splitAbove = max((total+2*e.opts.Workers-1)/(2*e.opts.Workers), 4*e.opts.PageSize)
	}
	// A window up to half again over the threshold is read whole: the
	// windows of a split are cut at days, so they come out a little over
	// or under, and splitting those again would cost a search each.
	if total <= e.splitAbove+e.splitAbove/2 {
		return false
	}
	parts := min(max((total+e.splitAbove/2)/e.splitAbove, 2), maxSplit)
	cuts := []int64{w.From}
	for k := 1; k < parts; k++ {
		at := w.From + (w.To-w.From)*int64(k)/int64(parts)
		if m := nextMidnight(at, e.loc); m > cuts[len(cuts)-1] && m < w.To {
			cuts = append(cuts, m)
		}
	}
	if len(cuts) == 1 {
		m, ok := midnightBetween(w.From, w.To, e.loc)
		if !ok {
			return false // within one day: read it whole
		}
		cuts = append(cuts, m)
	}
	cuts = append(cuts, w.To)
	i := slices.Index(e.windows, w)
	if i < 0 {
		return false
	}
	kids := make([]*exportWin, 0, len(cuts)-1)
	for k := 0; k+1 < len(cuts); k++ {
		kids = append(kids, &exportWin{ExportWindow: e.window(cuts[k], cuts[k+1]), total: int64(total / (len(cuts) - 1))})
	}
	e.windows = slices.Replace(e.windows, i, i+1, kids...)
	e.queue = append(e.queue, kids...)
	slices.SortStableFunc(e.queue, func(x, y *exportWin) int { return cmpInt64(x.From, y.From) })
	e.progress.Splits++
	e.cond.Broadcast()
	return true
}

// maxSplit bounds the windows one split makes (a position lists each).
const maxSplit = 64

// nextMidnight is the first start of a day in loc at or after u.
func nextMidnight(u int64, loc *time.Location) int64 {
	m := startOfDay(u, loc)
	if m < u {
		m += secondsToNextDay(u, loc)
	}
	return m
}

// itemAccess reads an item's created_at and id by field name, so that
// the engine serves every version's types without per-type code.
type itemAccess struct {
	created, ident []int // field index paths
}

func accessFor(t reflect.Type) (itemAccess, error) {
	if t.Kind() != reflect.Struct {
		return itemAccess{}, fmt.Errorf("intercom: export: %s is not a struct", t)
	}
	c, ok := t.FieldByName("CreatedAt")
	if !ok || !isIntish(c.Type) {
		return itemAccess{}, fmt.Errorf("intercom: export: %s has no integer CreatedAt field", t)
	}
	a := itemAccess{created: c.Index}
	if f, ok := t.FieldByName("Id"); ok && (f.Type.Kind() == reflect.String || f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String) {
		a.ident = f.Index
	}
	return a, nil
}

func isIntish(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

func (a itemAccess) createdAt(item any) (int64, bool) {
	v := reflect.ValueOf(item).Elem().FieldByIndex(a.created)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0, false
		}
		v = v.Elem()
	}
	return v.Int(), true
}

func (a itemAccess) id(item any) string {
	if a.ident == nil {
		return ""
	}
	v := reflect.ValueOf(item).Elem().FieldByIndex(a.ident)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	return v.String()
}
