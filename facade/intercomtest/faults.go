package intercomtest

import (
	"net"
	"net/http"
	"time"

	"github.com/intercom-go/intercom/internal/pathtmpl"
)

// Fault is a failure injected into the requests it matches, checked before
// authentication, in the order faults were added.
type Fault struct {
	// Method matches the request method; empty matches any.
	Method string
	// Path matches the request path, exactly or as a route pattern such as
	// "/contacts/{id}"; empty matches any.
	Path string
	// Times is how many matching requests the fault affects: 0 means one,
	// a negative number means every one until ClearFaults.
	Times int

	// Latency delays the answer (or the reset). A client that gives up
	// first sees its own timeout; Close ends the wait.
	Latency time.Duration
	// Status, when not zero, answers with this status and an error.list
	// body instead of serving the request; 429 carries exhausted
	// rate-limit headers, as Intercom's does.
	Status int
	// Reset closes the connection without an answer.
	Reset bool
}

type faultEntry struct {
	Fault
	path pathtmpl.Template
	left int // < 0: unlimited
}

// AddFault injects f into the next requests it matches.
func (s *Server) AddFault(f Fault) {
	e := &faultEntry{Fault: f, left: f.Times}
	if f.Times == 0 {
		e.left = 1
	}
	if f.Path != "" {
		e.path = pathtmpl.Parse(f.Path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, e)
}

// ClearFaults removes every fault not used up yet.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the first fault matching r and counts it used.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Method != "" && f.Method != r.Method {
			continue
		}
		if f.path != nil {
			if _, ok := f.path.Match(pathtmpl.Split(r.URL.Path)); !ok {
				continue
			}
		}
		out := f.Fault
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &out
	}
	return nil
}

// writeFault answers with an injected status.
func (s *Server) writeFault(w http.ResponseWriter, reqID string, status int) {
	e := &apiError{status: status, code: "server_error", msg: http.StatusText(status)}
	switch {
	case status == http.StatusTooManyRequests:
		s.mu.Lock()
		reset := s.rl.resetAt(s.now())
		limit := s.rl.limit
		s.mu.Unlock()
		setRateHeaders(w, limit, 0, reset)
		e.code, e.msg = "rate_limit_exceeded", "You have exceeded the rate limit"
	case status == http.StatusUnauthorized:
		e.code, e.msg = "unauthorized", "Access Token Invalid"
	case status == http.StatusNotFound:
		e.code, e.msg = "not_found", "Resource Not Found"
	case status < 500:
		e.code = "client_error"
	}
	respondError(w, reqID, e)
}

// resetConn drops the connection without answering; SetLinger(0) makes
// the kernel send a reset rather than a clean close.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
