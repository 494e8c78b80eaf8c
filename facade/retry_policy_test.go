package facade

import (
	"testing"
	"time"

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
	require.NoError(t, err)
	if c.cfg.retry.policy != p {
		t.Errorf("policy %+v, want %+v", c.cfg.retry.policy, p)
	}
	c, err = NewCore(DefaultVersion, nil, WithToken("t"), WithoutRetries())
	require.NoError(t, err)
	if c.cfg.retry.policy.MaxRetries != 0 {
		t.Errorf("WithoutRetries left MaxRetries = %d", c.cfg.retry.policy.MaxRetries)
	}
	if d := DefaultRetryPolicy(); d.MaxRetries != 3 || defaultRetryConfig().policy != d {
		t.Errorf("default policy %+v", d)
	}
}
