//go:build conformance

package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prismStart bounds how long Prism may take to load a description.
const prismStart = 3 * time.Minute

// prismPath is the Prism the Makefile installs (make prism), unless PRISM
// names another.
func prismPath(t *testing.T) string {
	if p := os.Getenv("PRISM"); p != "" {
		return p
	}
	p, err := filepath.Abs("../tools/prism/node_modules/.bin/prism")
	require.NoError(t, err)
	_, err = os.Stat(p)
	require.NoError(t, err, "Prism is not installed at %s: run `make prism` (or `make conformance`)", p)
	return p
}

// descriptionPath is the normalised description of a version, as on the
// wire, that `make conformance` writes (intercomgen normalize -wire), unless
// CONFORMANCE_DESCRIPTIONS names another folder.
func descriptionPath(t *testing.T, version string) string {
	dir := os.Getenv("CONFORMANCE_DESCRIPTIONS")
	if dir == "" {
		dir = "../.cache/wire"
	}
	p, err := filepath.Abs(filepath.Join(dir, version+".json"))
	require.NoError(t, err)
	_, err = os.Stat(p)
	require.NoError(t, err, "no wire description at %s: run `make conformance`, which writes it", p)
	return p
}

// lockedBuffer collects Prism's output for failure messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 { // keep memory bounded on chatty runs
		return len(p), nil
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startPrism runs `prism mock` on a free loopback port over the
// description, waits until it answers, and stops it (its whole process
// group) when the test ends. It returns the base URL.
func startPrism(t *testing.T, description string) string {
	t.Helper()
	port, err := freePort()
	require.NoError(t, err)
	out := &lockedBuffer{}
	// Without --errors: a request violation still makes Prism refuse the
	// request, while a mocked answer that breaks its own schema (a defect
	// of the description's examples) is only reported in sl-violations
	// and the answer is still sent, so that decoding can be checked.
	cmd := exec.Command(prismPath(t), "mock", "--host", "127.0.0.1", "--port", strconv.Itoa(port), description)
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group, so that stopping it stops anything it forked.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start(), "start prism")
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})

	base := "http://127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(prismStart)
	for {
		select {
		case err := <-exited:
			exited <- err // let the cleanup see it
			require.Failf(t, "prism exited before it was ready", "%v:\n%s", err, out.String())
		default:
		}
		if ready(base) {
			return base
		}
		require.False(t, time.Now().After(deadline), "prism not ready after %s:\n%s", prismStart, out.String())
		time.Sleep(250 * time.Millisecond)
	}
}

// ready reports whether something answers HTTP at base.
func ready(base string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("not a TCP address")
	}
	return addr.Port, nil
}

// conform drives every operation of one version against Prism and checks
// the outcome against the version's known failures.
func conform(t *testing.T, version string, newAPI func(base string, rec *recorder) (any, error), known map[string]string) {
	description := descriptionPath(t, version)
	ops, err := loadOperations(description)
	require.NoError(t, err)
	base := startPrism(t, description)
	rec := &recorder{client: &http.Client{
		Timeout: perCall,
		// Answers such as 302 are what is being checked, not followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	api, err := newAPI(base, rec)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	res := runSuite(ctx, version, api, ops, rec)
	var buf bytes.Buffer
	res.report(&buf)
	// The ratio lines are the suite's headline: printed, not logged, so
	// that `go test -v` shows them once, whatever the outcome.
	fmt.Print(buf.String())
	assert.Empty(t, res.compareKnown(known), "differences from the known failures")
}
