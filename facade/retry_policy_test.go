package facade

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackoffFullJitterDoublesUpToCap(t *testing.T) {
	var asked []int64
	rc := retryConfig{
		policy: RetryPolicy{MaxRetries: 9, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second},
		rnd:    func(n int64) int64 { asked = append(asked, n); return n / 2 },
	}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000, 1000}
	for i, w := range want {
		w *= time.Millisecond
		if got := rc.policy.backoff(i, rc.randN); got != w/2 {
			t.Errorf("backoff(%d) = %v, want %v (half of ceiling %v)", i, got, w/2, w)
		}
		if asked[i] != int64(w) {
			t.Errorf("backoff(%d) drew from [0, %v), want [0, %v)", i, time.Duration(asked[i]), w)
		}
	}
}

func TestBackoffHugeAttemptDoesNotOverflow(t *testing.T) {
	rc := retryConfig{policy: RetryPolicy{BaseDelay: time.Second, MaxDelay: 1<<62 + 1}, rnd: MaxJitter}
	if got := rc.policy.backoff(200, rc.randN); got <= 0 || got > 1<<62+1 {
		t.Fatalf("backoff(200) = %v", got)
	}
}

func TestBackoffZeroBaseNeverWaits(t *testing.T) {
	rc := retryConfig{policy: RetryPolicy{}, rnd: func(int64) int64 { t.Fatal("drew a random number for an empty range"); return 0 }}
	if got := rc.policy.backoff(3, rc.randN); got != 0 {
		t.Fatalf("backoff = %v", got)
	}
}

func TestRetryPolicyOptions(t *testing.T) {
	bad := []RetryPolicy{
		{MaxRetries: -1},
		{BaseDelay: -time.Second},
		{BaseDelay: 2 * time.Second, MaxDelay: time.Second},
		{MaxRateLimitWait: -1},
		{RateLimitJitter: -1},
	}
	for _, p := range bad {
		if _, err := NewCore(DefaultVersion, nil, WithToken("t"), WithRetryPolicy(p)); err == nil {
			t.Errorf("policy %+v accepted", p)
		}
	}
	p := DefaultRetryPolicy()
	p.MaxRetries = 7
	c, err := NewCore(DefaultVersion, nil, WithToken("t"), WithRetryPolicy(p))
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.retry.policy != p {
		t.Errorf("policy %+v, want %+v", c.cfg.retry.policy, p)
	}
	c, err = NewCore(DefaultVersion, nil, WithToken("t"), WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.retry.policy.MaxRetries != 0 {
		t.Errorf("WithoutRetries left MaxRetries = %d", c.cfg.retry.policy.MaxRetries)
	}
	if d := DefaultRetryPolicy(); d.MaxRetries != 3 || defaultRetryConfig().policy != d {
		t.Errorf("default policy %+v", d)
	}
}

func TestSleepCtxEndsOnCancel(t *testing.T) {
	CheckGoroutines(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sleepCtx(ctx, time.Hour) }()
	cancel()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Fatalf("got %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("an hour-long wait did not end on cancel") // watchdog, not a timing assertion
	}
	if err := sleepCtx(context.Background(), time.Microsecond); err != nil {
		t.Fatalf("short sleep: %v", err)
	}
}

func TestIsJSON(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json":                true,
		"application/json; charset=utf-8": true,
		"application/problem+json":        true,
		"text/html":                       false,
		"":                                false,
		"application/octet-stream":        false,
	} {
		h := http.Header{"Content-Type": {ct}}
		if got := isJSON(h); got != want {
			t.Errorf("%q: %v", ct, got)
		}
	}
}

// Every construction error wraps ErrConfig, the RetryPolicy ones and a
// listing's page options included.
func TestConstructionErrorsWrapErrConfig(t *testing.T) {
	for name, p := range map[string]RetryPolicy{
		"negative retries":  {MaxRetries: -1},
		"negative duration": {BaseDelay: -time.Second},
		"max below base":    {BaseDelay: time.Second, MaxDelay: time.Millisecond},
	} {
		_, err := NewCore(DefaultVersion, nil, WithToken("tok"), WithRetryPolicy(p))
		assert.ErrorIs(t, err, ErrConfig, name)
		assert.True(t, strings.HasPrefix(err.Error(), "intercom: "), name)
	}
	for name, opt := range map[string]PageOption{"PageSize(0)": PageSize(0), "MaxItems(-1)": MaxItems(-1), "ReadAhead(-1)": ReadAhead(-1)} {
		var errs []error
		c, build := listingOver(t, func(context.Context, PageRequest) (*http.Response, error) {
			t.Errorf("%s: a request was sent", name)
			return nil, errors.New("not sent")
		})
		for _, err := range Items(Paginate[json.RawMessage, aheadPage](context.Background(), c, PageSpec{Op: "ListContacts", Style: StyleCursor}, []PageOption{opt}, build)) {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1, name)
		assert.ErrorIs(t, errs[0], ErrConfig, name)
		assert.Contains(t, errs[0].Error(), name)
	}
}
