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

// TimedDeduplicator is a Deduplicator that also takes the signed time of
// the notification (see Handler's freshness check); Handler uses
// ClaimSigned when its Deduplicator has it.
type TimedDeduplicator interface {
	Deduplicator
	// ClaimSigned is Claim for a notification signed at signed.
	ClaimSigned(id string, signed time.Time) bool
}

// Defaults for the in-memory deduplicator.
const (
	// DefaultDedupWindow is how long an id is remembered: as long as a
	// notification stays fresh (DefaultMaxAge), so that any replay the
	// freshness check lets through is recognised.
	DefaultDedupWindow = DefaultMaxAge
	// DefaultDedupCapacity bounds how many ids are remembered at once
	// (about a hundred bytes each, 10 MB in all); past it the oldest are
	// dropped first. It holds the window's notifications up to about nine
	// a second.
	DefaultDedupCapacity = 100000
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
	// floor is the latest signed time of an id dropped for capacity: a
	// notification signed no later that is not remembered may be one of
	// those, so ClaimSigned refuses it.
	floor time.Time
}

type seenID struct {
	id     string
	at     time.Time
	signed time.Time
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
func (d *MemoryDeduplicator) Claim(id string) bool { return d.ClaimSigned(id, time.Time{}) }

// ClaimSigned implements TimedDeduplicator. When more ids arrive within
// the window than the capacity holds, the oldest are dropped, and from
// then on a notification signed no later than the latest of them is
// refused as possibly seen: a replay of a dropped id must not run again.
// Size the capacity for the notifications a window brings, or such late
// deliveries are dropped too.
func (d *MemoryDeduplicator) ClaimSigned(id string, signed time.Time) bool {
	now := d.now()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(now)
	if _, ok := d.ids[id]; ok {
		return false
	}
	if !signed.IsZero() && !signed.After(d.floor) {
		return false
	}
	d.ids[id] = d.order.PushBack(seenID{id: id, at: now, signed: signed})
	for d.order.Len() > d.capacity {
		e := d.order.Front()
		if s := e.Value.(seenID).signed; s.After(d.floor) {
			d.floor = s
		}
		d.remove(e)
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
