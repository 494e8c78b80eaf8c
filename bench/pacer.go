package bench

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// PacerResult is one run of the rate-limit scenario.
type PacerResult struct {
	Paced    bool
	Requests int
	Limit    int           // requests the server admits per window
	Window   time.Duration // its window
	Elapsed  time.Duration
	Minimum  time.Duration // Requests/Limit windows: the limit's full rate
	Refused  int64         // answers 429
	Failed   int64         // calls that still ended in an error
}

// limitServer admits limit requests per window (aligned on the clock, like
// Intercom's X-RateLimit-Reset) and answers 429 beyond, with Intercom's
// rate-limit headers.
type limitServer struct {
	limit  int
	window time.Duration
	mu     sync.Mutex
	start  time.Time // current window's start
	used   int
	n429   atomic.Int64
}

func (s *limitServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	s.mu.Lock()
	if win := now.Truncate(s.window); !win.Equal(s.start) {
		s.start, s.used = win, 0
	}
	s.used++
	used, reset := s.used, s.start.Add(s.window)
	s.mu.Unlock()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-RateLimit-Limit", fmt.Sprint(s.limit))
	h.Set("X-RateLimit-Remaining", fmt.Sprint(max(0, s.limit-used)))
	h.Set("X-RateLimit-Reset", fmt.Sprint(reset.Unix()))
	if used > s.limit {
		s.n429.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`)
		return
	}
	fmt.Fprint(w, `{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`)
}

// Pacer runs the reliability issue's scenario: requests calls over workers
// goroutines sharing one client, against a loopback server admitting limit
// per one-second window, with the facade's shared rate limiter (paced) or
// with retries alone. The job starts on a window boundary.
func Pacer(ctx context.Context, paced bool, requests, limit, workers int) (PacerResult, error) {
	const window = time.Second
	s := &limitServer{limit: limit, window: window}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return PacerResult{}, err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 2 * workers}
	defer tr.CloseIdleConnections()
	policy := facade.DefaultRetryPolicy()
	policy.MaxRetries = 10 // so that the unpaced run finishes too
	policy.RateLimitJitter = window / 50
	opts := []facade.Option{facade.WithToken("bench"), facade.WithBaseURL("http://" + ln.Addr().String()),
		facade.WithHTTPClient(&http.Client{Transport: tr}), facade.WithRetryPolicy(policy)}
	if paced {
		opts = append(opts, facade.WithRateLimiter(facade.NewRateLimiter()))
	}
	c, err := v2_16.New(opts...)
	if err != nil {
		return PacerResult{}, err
	}
	select {
	case <-time.After(time.Until(time.Now().Truncate(window).Add(window))):
	case <-ctx.Done():
		return PacerResult{}, ctx.Err()
	}
	start := time.Now()
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(requests) {
				if _, err := c.API.ListTagsWithResponse(ctx); err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return PacerResult{
		Paced: paced, Requests: requests, Limit: limit, Window: window,
		Elapsed: time.Since(start), Minimum: time.Duration(requests/limit) * window,
		Refused: s.n429.Load(), Failed: failed.Load(),
	}, ctx.Err()
}
