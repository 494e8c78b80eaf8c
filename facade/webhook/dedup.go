package webhook

import (
	"container/list"
	"sync"
	"time"
)

// Deduplicator remembers notification ids so that Handler runs each
// notification once although Intercom may deliver it several times. The
// default keeps ids in memory (NewMemoryDeduplicator); an app running
// several replicas behind one URL can supply one backed by a shared store.
type Deduplicator interface {
	// Claim records id and reports whether it was new: false means the
	// notification was already seen and is to be dropped.
	Claim(id string) bool
	// Forget removes id, so that a redelivery is processed again; Handler
	// calls it when a handler failed and Intercom is asked to retry.
	Forget(id string)
}

// Defaults for the in-memory deduplicator.
const (
	// DefaultDedupWindow is how long an id is remembered: Intercom's
	// redeliveries of a failed notification come within minutes.
	DefaultDedupWindow = time.Hour
	// DefaultDedupCapacity bounds how many ids are remembered at once
	// (about a hundred bytes each); past it the oldest are dropped first.
	DefaultDedupCapacity = 10000
)

// MemoryDeduplicator remembers ids for a window, holding at most a fixed
// number of them. It is safe for concurrent use.
type MemoryDeduplicator struct {
	window   time.Duration
	capacity int
	now      func() time.Time

	mu    sync.Mutex
	ids   map[string]*list.Element
	order *list.List // of seenID, oldest first
}

type seenID struct {
	id string
	at time.Time
}

// NewMemoryDeduplicator remembers each id for window, and at most capacity
// ids (the oldest go first). Non-positive values take the defaults.
func NewMemoryDeduplicator(window time.Duration, capacity int) *MemoryDeduplicator {
	if window <= 0 {
		window = DefaultDedupWindow
	}
	if capacity <= 0 {
		capacity = DefaultDedupCapacity
	}
	return &MemoryDeduplicator{
		window:   window,
		capacity: capacity,
		now:      time.Now,
		ids:      make(map[string]*list.Element),
		order:    list.New(),
	}
}

// Claim implements Deduplicator.
func (d *MemoryDeduplicator) Claim(id string) bool {
	now := d.now()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(now)
	if _, ok := d.ids[id]; ok {
		return false
	}
	d.ids[id] = d.order.PushBack(seenID{id: id, at: now})
	for d.order.Len() > d.capacity {
		d.remove(d.order.Front())
	}
	return true
}

// Forget implements Deduplicator.
func (d *MemoryDeduplicator) Forget(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e, ok := d.ids[id]; ok {
		d.remove(e)
	}
}

// Len returns how many ids are remembered now.
func (d *MemoryDeduplicator) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(d.now())
	return len(d.ids)
}

// expire drops ids older than the window; entries are in arrival order, so
// it stops at the first one still fresh.
func (d *MemoryDeduplicator) expire(now time.Time) {
	for e := d.order.Front(); e != nil; e = d.order.Front() {
		if now.Sub(e.Value.(seenID).at) < d.window {
			return
		}
		d.remove(e)
	}
}

func (d *MemoryDeduplicator) remove(e *list.Element) {
	delete(d.ids, e.Value.(seenID).id)
	d.order.Remove(e)
}
