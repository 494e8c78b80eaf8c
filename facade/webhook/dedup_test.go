package webhook

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
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
	require.True(t, d.Claim("a"), "first claim refused")
	require.False(t, d.Claim("a"), "second claim within the window accepted")
	clk.advance(59 * time.Second)
	require.False(t, d.Claim("a"), "claim at 59s accepted")
	clk.advance(time.Second)
	require.True(t, d.Claim("a"), "claim after the window refused")
}

func TestDedupForget(t *testing.T) {
	d, _ := newTestDedup(time.Minute, 100)
	d.Claim("a")
	d.Forget("a")
	require.True(t, d.Claim("a"), "claim after Forget refused")
	d.Forget("never-seen") // no effect, no panic
	require.Equal(t, 1, d.Len(), "Len")
}

// Memory stays bounded however many ids arrive within the window: the
// oldest are dropped first.
func TestDedupCapacity(t *testing.T) {
	d, clk := newTestDedup(time.Hour, 3)
	for i := range 10 {
		d.Claim(fmt.Sprint(i))
		clk.advance(time.Millisecond)
	}
	require.Equal(t, 3, d.Len(), "sizes")
	require.Len(t, d.ids, 3, "sizes")
	require.Equal(t, 3, d.order.Len(), "sizes")
	require.True(t, d.Claim("0"), "evicted id still remembered")
	require.False(t, d.Claim("9"), "newest id forgotten")
}

func TestDedupExpiryFreesMemory(t *testing.T) {
	d, clk := newTestDedup(time.Minute, 1000)
	for i := range 500 {
		d.Claim(fmt.Sprint(i))
	}
	clk.advance(time.Minute)
	d.Claim("new")
	require.Len(t, d.ids, 1, "after expiry: %d ids, %d queued", len(d.ids), d.order.Len())
	require.Equal(t, 1, d.order.Len(), "after expiry: %d ids, %d queued", len(d.ids), d.order.Len())
}
