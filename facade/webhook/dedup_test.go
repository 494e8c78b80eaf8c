package webhook

import (
	"fmt"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestDedup(window time.Duration, capacity int) (*MemoryDeduplicator, *fakeClock) {
	clk := &fakeClock{t: time.Unix(1718093300, 0)}
	d := NewMemoryDeduplicator(window, capacity)
	d.now = clk.now
	return d, clk
}

func TestDedupWindow(t *testing.T) {
	d, clk := newTestDedup(time.Minute, 100)
	if !d.Claim("a") {
		t.Fatal("first claim refused")
	}
	if d.Claim("a") {
		t.Fatal("second claim within the window accepted")
	}
	clk.advance(59 * time.Second)
	if d.Claim("a") {
		t.Fatal("claim at 59s accepted")
	}
	clk.advance(time.Second)
	if !d.Claim("a") {
		t.Fatal("claim after the window refused")
	}
}

func TestDedupForget(t *testing.T) {
	d, _ := newTestDedup(time.Minute, 100)
	d.Claim("a")
	d.Forget("a")
	if !d.Claim("a") {
		t.Fatal("claim after Forget refused")
	}
	d.Forget("never-seen") // no effect, no panic
	if d.Len() != 1 {
		t.Fatalf("Len = %d, want 1", d.Len())
	}
}

// Memory stays bounded however many ids arrive within the window: the
// oldest are dropped first.
func TestDedupCapacity(t *testing.T) {
	d, clk := newTestDedup(time.Hour, 3)
	for i := range 10 {
		d.Claim(fmt.Sprint(i))
		clk.advance(time.Millisecond)
	}
	if d.Len() != 3 || len(d.ids) != 3 || d.order.Len() != 3 {
		t.Fatalf("sizes = %d %d %d, want 3", d.Len(), len(d.ids), d.order.Len())
	}
	if !d.Claim("0") {
		t.Fatal("evicted id still remembered")
	}
	if d.Claim("9") {
		t.Fatal("newest id forgotten")
	}
}

func TestDedupExpiryFreesMemory(t *testing.T) {
	d, clk := newTestDedup(time.Minute, 1000)
	for i := range 500 {
		d.Claim(fmt.Sprint(i))
	}
	clk.advance(time.Minute)
	d.Claim("new")
	if len(d.ids) != 1 || d.order.Len() != 1 {
		t.Fatalf("after expiry: %d ids, %d queued", len(d.ids), d.order.Len())
	}
}
