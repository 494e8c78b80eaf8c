package facade

import (
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
		assert.Equal(t, w/2, rc.policy.backoff(i, rc.randN), "backoff(%d): want half of ceiling %v", i, w)
		assert.Equal(t, int64(w), asked[i], "backoff(%d) drew from [0, %v), want [0, %v)", i, time.Duration(asked[i]), w)
	}
}

func TestBackoffHugeAttemptDoesNotOverflow(t *testing.T) {
	rc := retryConfig{policy: RetryPolicy{BaseDelay: time.Second, MaxDelay: 1<<62 + 1}, rnd: MaxJitter}
	got := rc.policy.backoff(200, rc.randN)
	require.Positive(t, got, "backoff(200)")
	require.LessOrEqual(t, got, time.Duration(1<<62+1), "backoff(200)")
}

func TestBackoffZeroBaseNeverWaits(t *testing.T) {
	rc := retryConfig{policy: RetryPolicy{}, rnd: func(int64) int64 { require.FailNow(t, "drew a random number for an empty range"); return 0 }}
	require.Zero(t, rc.policy.backoff(3, rc.randN), "backoff")
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
		_, err := NewCore(DefaultVersion, nil, WithToken("t"), WithRetryPolicy(p))
		assert.Error(t, err, "policy %+v accepted", p)
	}
	p := DefaultRetryPolicy()
	p.MaxRetries = 7
	c, err := NewCore(DefaultVersion, nil, WithToken("t"), WithRetryPolicy(p))
	require.NoError(t, err)
	assert.Equal(t, p, c.cfg.retry.policy)
	c, err = NewCore(DefaultVersion, nil, WithToken("t"), WithoutRetries())
	require.NoError(t, err)
	assert.Zero(t, c.cfg.retry.policy.MaxRetries, "WithoutRetries left MaxRetries")
	d := DefaultRetryPolicy()
	assert.Equal(t, 3, d.MaxRetries, "default policy %+v", d)
	assert.Equal(t, d, defaultRetryConfig().policy, "default policy")
}
