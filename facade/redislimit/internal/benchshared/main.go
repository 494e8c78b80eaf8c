// Command benchshared is the shared-limit part of make bench: several
// processes' worth of export workers against one rate limit, sharing it
// through Redis (redislimit) or each pacing with its own facade.Pacer. It
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
	flag.Parse()
	if err := run(*contacts, *latency, *limit, *window, *procs, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "benchshared:", err)
		os.Exit(1)
	}
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
	ctx := context.Background()
	key := fmt.Sprintf("intercom-bench:%d", time.Now().UnixNano())
	var clients []*redis.Client
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	shared := func() facade.RateLimiter {
		c := redis.NewClient(&redis.Options{Addr: addr})
		clients = append(clients, c)
		l, err := redislimit.New(c, redislimit.Options{Key: key})
		if err != nil {
			panic(err) // options are constant
		}
		return l
	}
	local := func() facade.RateLimiter { return facade.NewRateLimiter() }
	var rows []row
	for _, sc := range []struct {
		name string
		lim  func() facade.RateLimiter
	}{
		{fmt.Sprintf("%d processes x %d workers, one limit shared through Redis (redislimit)", procs, workers), shared},
		{fmt.Sprintf("%d processes x %d workers, a facade.Pacer each", procs, workers), local},
	} {
		waitWindow(window)
		r := bench.NetExport(ctx, s, sc.name, procs, workers, 150, sc.lim)
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
