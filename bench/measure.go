package bench

import (
	"context"
	"runtime"
	"runtime/metrics"
	"slices"
	"sort"
	"time"
)

// Result is the measurement of one export path.
type Result struct {
	Items       int
	Time        time.Duration // median of the timed runs
	AllocsPerIt float64       // heap allocations per item, over all timed runs
	BytesPerIt  float64       // heap bytes allocated per item
	Err         error
}

// Measure runs an export once to warm up (connections, caches), then runs
// times more, timing each, and reports the median time and the allocations
// per item over the timed runs. items is used when the export cannot count.
func Measure(ctx context.Context, e Export, base string, perPage, runs, items int) Result {
	if _, err := e(ctx, base, perPage); err != nil {
		return Result{Err: err}
	}
	var times []time.Duration
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for i := 0; i < runs; i++ {
		start := time.Now()
		got, err := e(ctx, base, perPage)
		times = append(times, time.Since(start))
		if err != nil {
			return Result{Err: err}
		}
		if got < 0 {
			got = items
		}
		n += got
	}
	runtime.ReadMemStats(&after)
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return Result{
		Items:       n / runs,
		Time:        times[len(times)/2],
		AllocsPerIt: float64(after.Mallocs-before.Mallocs) / float64(n),
		BytesPerIt:  float64(after.TotalAlloc-before.TotalAlloc) / float64(n),
	}
}

// Peak is what PeakHeap observed.
type Peak struct {
	Live       uint64 // largest live heap after a GC cycle: what the program keeps
	LiveMedian uint64 // median over GC cycles of the live heap
	Cycles     int    // GC cycles observed
	Heap       uint64 // largest live plus not-yet-collected heap objects
	Items      int
}

// PeakHeap runs an export while sampling the heap every millisecond. Live
// heap (marked by the last GC) shows accumulation: with pages never kept,
// it stays flat as items grow. The total includes garbage awaiting
// collection, which depends on GC timing more than on the code.
func PeakHeap(ctx context.Context, e Export, base string, perPage int) (Peak, error) {
	runtime.GC()
	samples := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/cycles/total:gc-cycles"},
	}
	metrics.Read(samples)
	lastCycle := samples[2].Value.Uint64()
	stop := make(chan struct{})
	done := make(chan Peak)
	go func() {
		var p Peak
		var lives []uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(samples)
			if c := samples[2].Value.Uint64(); c != lastCycle {
				lastCycle = c
				lives = append(lives, samples[0].Value.Uint64())
			}
			p.Heap = max(p.Heap, samples[1].Value.Uint64())
			select {
			case <-stop:
				slices.Sort(lives)
				if len(lives) > 0 {
					p.Live, p.LiveMedian, p.Cycles = lives[len(lives)-1], lives[len(lives)/2], len(lives)
				}
				done <- p
				return
			case <-t.C:
			}
		}
	}()
	n, err := e(ctx, base, perPage)
	close(stop)
	p := <-done
	p.Items = n
	return p, err
}
