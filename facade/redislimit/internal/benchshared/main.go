// Command benchshared is the shared-limit part of make bench: several
// processes (children of this one, each exporting a share of the range)
// against one rate limit, sharing it through Redis (redislimit) or each
// pacing with its own facade.Pacer. It
// lives in this module so that the client's module needs no Redis client;
// bench/cmd/bench runs it and reads the JSON it prints.
//
// Redis: REDIS_ADDR, or a redis-server on PATH started on a free loopback
// port for the run.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/intercom-go/intercom/bench"
	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/redislimit"
	"github.com/redis/go-redis/v9"
)

type row struct {
	Name               string
	Procs, Workers     int
	Items, Repeated    int
	Requests, Refused  int64
	ElapsedNS, BoundNS int64
	LimitPerSecond     float64
	Err                string
}

func main() {
	contacts := flag.Int("contacts", 50000, "contacts to export")
	latency := flag.Duration("latency", 300*time.Millisecond, "delay of every answer")
	limit := flag.Int("limit", 40, "requests admitted per window")
	window := flag.Duration("window", time.Second, "rate-limit window")
	procs := flag.Int("procs", 3, "processes")
	workers := flag.Int("workers", 8, "export workers per process")
	var c child
	flag.StringVar(&c.base, "child", "", "internal: export [from, until) of this server as one process and print the counts")
	flag.Int64Var(&c.from, "from", 0, "internal: with -child")
	flag.Int64Var(&c.until, "until", 0, "internal: with -child")
	flag.StringVar(&c.redis, "redis", "", "internal: with -child, the Redis address ('' : a facade.Pacer)")
	flag.StringVar(&c.key, "key", "", "internal: with -child, the shared key")
	flag.Parse()
	var err error
	if c.base != "" {
		c.workers, c.window = *workers, *window
		err = c.run()
	} else {
		err = run(*contacts, *latency, *limit, *window, *procs, *workers)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchshared:", err)
		os.Exit(1)
	}
}

// child is one process of the scenario.
type child struct {
	base, redis, key string
	from, until      int64
	workers          int
	window           time.Duration
}

type counts struct{ Items, Repeated int }

func (c child) run() error {
	var limiter facade.RateLimiter = facade.NewRateLimiter()
	if c.redis != "" {
		rdb := redis.NewClient(&redis.Options{Addr: c.redis})
		defer rdb.Close()
		l, err := redislimit.New(rdb, redislimit.Options{Key: c.key})
		if err != nil {
			return err
		}
		limiter = l
	}
	items, repeated, err := bench.ExportRange(context.Background(), c.base, c.window, c.from, c.until, c.workers, 150, limiter)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(counts{items, repeated})
}

func run(contacts int, latency time.Duration, limit int, window time.Duration, procs, workers int) error {
	addr, stop, err := redisAddr()
	if err != nil {
		return err
	}
	defer stop()
	s, err := bench.StartNetServer(contacts, latency, limit, window)
	if err != nil {
		return err
	}
	defer s.Close()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	key := fmt.Sprintf("intercom-bench:%d", time.Now().UnixNano())
	var rows []row
	for _, sc := range []struct{ name, redis string }{
		{fmt.Sprintf("%d processes x %d workers, one limit shared through Redis (redislimit)", procs, workers), addr},
		{fmt.Sprintf("%d processes x %d workers, a facade.Pacer each", procs, workers), ""},
	} {
		waitWindow(window)
		r := bench.NetResult{Name: sc.name, Workers: procs * workers}
		start := time.Now()
		var wg sync.WaitGroup
		var mu sync.Mutex
		for p := range procs {
			from, until := s.Range(p, procs)
			cmd := exec.Command(exe, "-child", s.URL(), "-from", strconv.FormatInt(from, 10), "-until", strconv.FormatInt(until, 10),
				"-workers", strconv.Itoa(workers), "-window", window.String(), "-redis", sc.redis, "-key", key)
			cmd.Stderr = os.Stderr
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := cmd.Output()
				var c counts
				if err == nil {
					err = json.Unmarshal(out, &c)
				}
				mu.Lock()
				defer mu.Unlock()
				if err != nil && r.Err == nil {
					r.Err = fmt.Errorf("process %d: %w", p, err)
				}
				r.Items += c.Items
				r.Repeated += c.Repeated
			}()
		}
		wg.Wait()
		r = s.Check(r, start, 150)
		out := row{Name: r.Name, Procs: procs, Workers: workers, Items: r.Items, Repeated: r.Repeated, Requests: r.Requests, Refused: r.Refused,
			ElapsedNS: int64(r.Elapsed), BoundNS: int64(r.Bound), LimitPerSecond: float64(limit) / window.Seconds()}
		if r.Err != nil {
			out.Err = r.Err.Error()
		}
		rows = append(rows, out)
	}
	return json.NewEncoder(os.Stdout).Encode(rows)
}

// waitWindow starts a run on a window boundary, like the limit's.
func waitWindow(w time.Duration) {
	time.Sleep(time.Until(time.Now().Truncate(w).Add(w)))
}

// redisAddr is REDIS_ADDR, or a private redis-server for the run.
func redisAddr() (string, func(), error) {
	if a := os.Getenv("REDIS_ADDR"); a != "" {
		return a, func() {}, nil
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", nil, fmt.Errorf("no REDIS_ADDR and no redis-server on PATH (apt-get install redis-server)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr, stop, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("redis-server did not listen on %s", addr)
}
