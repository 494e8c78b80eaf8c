package redislimit

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the package's test files.

// redisAddr is the real redis-server the tests run against, on loopback:
// the one at REDIS_ADDR when set (CI starts one, see .ci/run), otherwise
// one started here from redis-server on PATH. Without either the test
// skips, except under CI=true, where a missing Redis is a failure.
func redisAddr(t *testing.T) string {
	t.Helper()
	if a := os.Getenv("REDIS_ADDR"); a != "" {
		return a
	}
	return startRedis(t)
}

// startRedis starts a private redis-server on a free loopback port for
// the test and stops it when the test ends.
func startRedis(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		require.NotEqual(t, "true", os.Getenv("CI"), "redis-server is not installed; CI must install it (scripts/ci-install.sh)")
		t.Skip("redis-server not on PATH and REDIS_ADDR not set")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes")
	require.NoError(t, cmd.Start())
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}
	t.Cleanup(stop)
	for i := 0; i < 100; i++ { // up to 5s for the server to listen
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return addr
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.Failf(t, "redis-server did not listen", "on %s", addr)
	return ""
}

func newClient(t *testing.T, addr string) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second})
	t.Cleanup(func() { c.Close() })
	if err := c.Ping(context.Background()).Err(); err != nil {
		require.NotEqual(t, "true", os.Getenv("CI"), "redis at %s: %v", addr, err)
		t.Skipf("redis at %s: %v", addr, err)
	}
	return c
}

// answer carries Intercom's rate-limit headers.
func answer(status, limit, remaining int, reset time.Time) *http.Response {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return &http.Response{StatusCode: status, Header: h}
}

// process is one process's limiter: its own Redis connection pool, the
// shared key.
func process(t *testing.T, addr, key string, opts Options) *Limiter {
	t.Helper()
	opts.Key = key
	l, err := New(newClient(t, addr), opts)
	require.NoError(t, err)
	return l
}

func uniqueKey(t *testing.T) string {
	return fmt.Sprintf("intercom-test:%s:%d", t.Name(), time.Now().UnixNano())
}

// bookN books n slots alternately through the given processes and
// returns each slot's wait as Redis answered it.
func bookN(t *testing.T, n int, ls ...*Limiter) []time.Duration {
	t.Helper()
	var waits []time.Duration
	for i := range n {
		b, ok, err := ls[i%len(ls)].book(context.Background(), time.Minute)
		require.NoError(t, err, "book %d: %v", i, ok)
		require.True(t, ok, "book %d: %v", i, ok)
		waits = append(waits, b.wait)
	}
	return waits
}

// immediate counts the slots that start at once.
func immediate(waits []time.Duration) int {
	n := 0
	for _, d := range waits {
		if d == 0 {
			n++
		}
	}
	return n
}
