package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// windowServer is a loopback API that allows limit requests per window
// (windows aligned on whole Unix seconds, as its X-RateLimit-Reset has
// one-second precision) and answers 429 beyond, like Intercom but with
// a 1-second window so that a run takes seconds, not minutes.
type windowServer struct {
	limit int
	mu    sync.Mutex
	win   int64 // current window: its Unix second
	used  int
	ok    atomic.Int64
	n429  atomic.Int64
}

func (s *windowServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	s.mu.Lock()
	if sec := now.Unix(); sec != s.win {
		s.win, s.used = sec, 0
	}
	s.used++
	used, win := s.used, s.win
	s.mu.Unlock()
	h := w.Header()
	h.Set("X-RateLimit-Limit", fmt.Sprint(s.limit))
	h.Set("X-RateLimit-Remaining", fmt.Sprint(max(0, s.limit-used)))
	h.Set("X-RateLimit-Reset", fmt.Sprint(win+1))
	h.Set("Content-Type", "application/json")
	if used > s.limit {
		s.n429.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`)
		return
	}
	s.ok.Add(1)
	fmt.Fprint(w, tagsJSON)
}

// BenchmarkPacer runs a job of R requests over 8 workers against a
// server allowing L per 1-second window, with and without a shared
// RateLimiter. It reports:
//
//   - ratio: completion time / theoretical minimum, the minimum being
//     R/L windows (the time the limit needs to admit R requests at its
//     full rate; the job starts on a window boundary);
//   - 429s and 429/req: answers refused by the limit, in total and as a
//     fraction of the R requests;
//   - failed: calls that still ended in an error.
//
// Target with the pacer: ratio <= 1.05 and 429/req <= 0.01. Run with
//
//	go test ./facade -run '^$' -bench Pacer
func BenchmarkPacer(b *testing.B) {
	b.Run("pacer", func(b *testing.B) { benchPacedJob(b, true) })
	b.Run("retries-only", func(b *testing.B) { benchPacedJob(b, false) })
}

func benchPacedJob(b *testing.B, paced bool) {
	const (
		limit   = 100 // L, per window
		reqs    = 400 // R
		workers = 8
		window  = time.Second
	)
	var ratio, n429, failed float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := &windowServer{limit: limit}
		srv := httptest.NewServer(s)
		tr := &http.Transport{MaxIdleConnsPerHost: 2 * workers}
		p := facade.DefaultRetryPolicy()
		p.MaxRetries = 10               // so that the unpaced run finishes too
		p.RateLimitJitter = window / 50 // scaled to the 1-second window
		opts := []facade.Option{facade.WithToken("t"), facade.WithBaseURL(srv.URL), facade.WithHTTPClient(&http.Client{Transport: tr}), facade.WithRetryPolicy(p)}
		if paced {
			opts = append(opts, facade.WithRateLimiter(facade.NewRateLimiter()))
		}
		c, err := v2_16.New(opts...)
		if err != nil {
			b.Fatal(err)
		}
		// Start on a window boundary so that the first window is whole.
		time.Sleep(time.Until(time.Now().Truncate(window).Add(window)))
		b.StartTimer()

		start := time.Now()
		var next, fails atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= reqs {
					if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
						fails.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)

		b.StopTimer()
		srv.Close()
		tr.CloseIdleConnections()
		ratio += float64(elapsed) / float64(reqs/limit*window)
		n429 += float64(s.n429.Load())
		failed += float64(fails.Load())
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(ratio/n, "ratio")
	b.ReportMetric(n429/n, "429s")
	b.ReportMetric(n429/n/reqs, "429/req")
	b.ReportMetric(failed/n, "failed")
}
