package facade_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNeverSentIsOnlyAFailedDial(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"dial refused", &url.Error{Op: "Post", URL: "u", Err: refused}, true},
		{"dns", &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", IsNotFound: true}}}, true},
		{"wrapped", fmt.Errorf("x: %w", refused), true},
		{"reset while reading", &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}, false},
		{"write failed", &net.OpError{Op: "write", Err: syscall.EPIPE}, false},
		{"message only", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), false},
		{"eof", &url.Error{Op: "Post", URL: "u", Err: io.EOF}, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, facade.NeverSent(c.err), "%s: neverSent", c.name)
	}
}

func TestNeverSentRealRefusedDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/conversations", nil)
	_, err = (&http.Client{Transport: tr}).Do(req)
	require.Error(t, err, "dialled a closed port")
	require.True(t, facade.NeverSent(err), "refused connection %v (%T) not recognised", err, err)
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestTransient(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"reset", &url.Error{Op: "Get", URL: "u", Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}, true},
		{"eof", &url.Error{Op: "Get", URL: "u", Err: io.EOF}, true},
		{"unexpected eof in body", fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), true},
		{"client timeout", &url.Error{Op: "Get", URL: "u", Err: timeoutErr{}}, true},
		{"bad scheme", &url.Error{Op: "Get", URL: "u", Err: errors.New(`unsupported protocol scheme "ftp"`)}, false},
		{"bad certificate", &url.Error{Op: "Get", URL: "u", Err: x509.UnknownAuthorityError{}}, false},
		{"canceled", &url.Error{Op: "Get", URL: "u", Err: context.Canceled}, false},
		{"plain", errors.New("boom"), false},
		{"rate limiter past deadline", fmt.Errorf("%w: %w", facade.ErrNoSlotBeforeDeadline, context.DeadlineExceeded), false},
		{"bare deadline", context.DeadlineExceeded, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, facade.Transient(c.err), "%s: transient", c.name)
	}
}
