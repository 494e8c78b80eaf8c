package facade_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// A GET that meets a transient 503 is sent again after a short backoff; a
// 429 whose window resets after the caller's deadline comes back at once
// instead of sleeping into the deadline.
func ExampleWithRetryPolicy() {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch n := calls.Add(1); {
		case n == 1:
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"service_unavailable"}]}`)
		case n == 2:
			fmt.Fprint(w, `{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`)
		default:
			w.Header().Set("X-RateLimit-Limit", "1000")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", fmt.Sprint(time.Now().Add(30*time.Second).Unix()))
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded"}]}`)
		}
	}))
	defer srv.Close()

	policy := facade.DefaultRetryPolicy()
	policy.BaseDelay = 10 * time.Millisecond
	c, err := v2_16.New(facade.WithToken("token"), facade.WithBaseURL(srv.URL), facade.WithRetryPolicy(policy))
	if err != nil {
		fmt.Println(err)
		return
	}

	tags, err := c.API.ListTagsWithResponse(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("tags:", len(tags.JSON200.Data), "after", calls.Load(), "attempts")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = c.API.ListTagsWithResponse(ctx)
	var apiErr *facade.Error
	if errors.As(err, &apiErr) {
		fmt.Println("status:", apiErr.StatusCode, "deadline reached:", ctx.Err() != nil)
	}
	// Output:
	// tags: 1 after 2 attempts
	// status: 429 deadline reached: false
}

// Workers sharing one RateLimiter spread their requests over Intercom's
// rate-limit window instead of bursting into it.
func ExampleWithRateLimiter() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "1000")
		w.Header().Set("X-RateLimit-Remaining", "999")
		w.Header().Set("X-RateLimit-Reset", fmt.Sprint(time.Now().Add(10*time.Second).Unix()))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`)
	}))
	defer srv.Close()

	limiter := facade.NewRateLimiter() // share it between every client using the token
	c, err := v2_16.New(facade.WithToken("token"), facade.WithBaseURL(srv.URL), facade.WithRateLimiter(limiter))
	if err != nil {
		fmt.Println(err)
		return
	}
	var done atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2; i++ {
				if _, err := c.API.ListTagsWithResponse(context.Background()); err == nil {
					done.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("requests:", done.Load())
	// Output: requests: 8
}
