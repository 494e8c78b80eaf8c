package facade_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
)

// testToken looks like a real Intercom token; tests search output for it.
const testToken = "dG9rOmFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYxMjM0NTY3ODkwMTIzNA=="

func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && !noLeakedGoroutines() {
		code = 1
	}
	os.Exit(code)
}

// noLeakedGoroutines waits briefly for HTTP goroutines started by the
// tests to end and reports any that remain.
func noLeakedGoroutines() bool {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.CloseIdleConnections()
	}
	var stacks string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "net/http.(*persistConn)") &&
			!strings.Contains(stacks, "net/http.(*conn).serve") &&
			!strings.Contains(stacks, "net/http/httptest") {
			return true
		}
	}
	fmt.Fprintf(os.Stderr, "leaked goroutines:\n%s\n", stacks)
	return false
}

// jsonServer starts a loopback server answering every request with status,
// headers and body, and recording the requests.
type jsonServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func newJSONServer(t *testing.T, status int, header http.Header, body string) *jsonServer {
	t.Helper()
	s := &jsonServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Clone(context.Background()))
		s.mu.Unlock()
		for k, vs := range header {
			w.Header()[k] = vs
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jsonServer) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

// regionNet routes the API's region hosts (and any extra hosts) to one
// loopback TLS server whose certificate names them, so requests go to the
// real https://api.<region>.intercom.io URLs, with real host names, SNI and
// certificate checks, yet never leave the machine.
type regionNet struct {
	srv    *httptest.Server
	client *http.Client // trusts the test CA; dials only the test server
}

func newRegionNet(t *testing.T, h http.Handler, extraHosts ...string) *regionNet {
	t.Helper()
	hosts := append([]string(nil), extraHosts...)
	for _, u := range facade.RegionURLs {
		hosts = append(hosts, strings.TrimPrefix(u, "https://"))
	}
	cert, leaf := selfSigned(t, hosts)
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	t.Cleanup(srv.Close)

	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[h] = true
	}
	addr := srv.Listener.Addr().String()
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(a)
			if err != nil || port != "443" || !allowed[host] {
				return nil, fmt.Errorf("test network: refusing to dial %s", a)
			}
			var d net.Dialer
			return d.DialContext(ctx, "tcp", addr)
		},
		TLSClientConfig: &tls.Config{RootCAs: pool},
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &regionNet{srv: srv, client: &http.Client{Transport: tr}}
}

// selfSigned makes a certificate for hosts, valid for an hour.
func selfSigned(t *testing.T, hosts []string) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "facade test"},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(time.Hour),
		DNSNames:              hosts,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, leaf
}

// syncBuffer is a bytes.Buffer safe for a logger used by concurrent
// requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fastRetries keeps the default retry behaviour but with millisecond waits,
// for tests about something else that meet 5xx and 429 answers.
func fastRetries() facade.Option {
	p := facade.DefaultRetryPolicy()
	p.BaseDelay, p.MaxDelay = time.Millisecond, 2*time.Millisecond
	p.MaxRateLimitWait, p.RateLimitJitter = 5*time.Millisecond, time.Millisecond
	return facade.WithRetryPolicy(p)
}

// coreOf is the *facade.Core a generated client embeds.
func coreOf(t *testing.T, c any) *facade.Core {
	t.Helper()
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	core, ok := v.FieldByName("Core").Interface().(*facade.Core)
	if !ok || core == nil {
		t.Fatalf("%T embeds no *facade.Core", c)
	}
	return core
}
