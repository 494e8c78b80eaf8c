package bench

import (
	"context"
	"runtime"
	"runtime/metrics"
	"slices"
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
	return MeasureRounds(ctx, []Export{e}, base, perPage, runs, items)[0]
}

// MeasureRounds measures several exports as Measure does, but in rounds:
// each round runs every export once, starting one further along the list
// each time. A machine shared with other work slows some seconds more than
// others; in rounds such a spell falls on all paths alike instead of on
// whichever happened to be measured then, so the ratios between the paths
// hold better than the times. Every timed run starts after a collection,
// so that no path pays for another's garbage.
func MeasureRounds(ctx context.Context, es []Export, base string, perPage, runs, items int) []Result {
	out := make([]Result, len(es))
	times := make([][]time.Duration, len(es))
	mallocs, bytes := make([]uint64, len(es)), make([]uint64, len(es))
	counts := make([]int, len(es))
	for i, e := range es {
		if _, err := e(ctx, base, perPage); err != nil {
			out[i].Err = err
		}
	}
	var before, after runtime.MemStats
	for r := 0; r < runs; r++ {
		for k := range es {
			i := (r + k) % len(es)
			if out[i].Err != nil {
				continue
			}
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			got, err := es[i](ctx, base, perPage)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if err != nil {
				out[i].Err = err
				continue
			}
			if got < 0 {
				got = items
			}
			times[i] = append(times[i], elapsed)
			counts[i] += got
			mallocs[i] += after.Mallocs - before.Mallocs
			bytes[i] += after.TotalAlloc - before.TotalAlloc
		}
	}
	for i := range es {
		if out[i].Err != nil || len(times[i]) == 0 {
			continue
		}
		slices.Sort(times[i])
		n := float64(counts[i])
		out[i] = Result{
			Items:       counts[i] / len(times[i]),
			Time:        times[i][len(times[i])/2],
			AllocsPerIt: float64(mallocs[i]) / n,
			BytesPerIt:  float64(bytes[i]) / n,
		}
	}
	return out
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
