package intercomtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// newClient starts a server and a typed client pointed at it.
func newClient(t *testing.T, opts ...intercomtest.Option) (*intercomtest.Server, *v2_16.Client) {
	t.Helper()
	srv := intercomtest.New(t, opts...)
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

// query adds query parameters the typed call has no field for.
func query(kv ...string) v2_16.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		q := req.URL.Query()
		for i := 0; i+1 < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
		req.URL.RawQuery = q.Encode()
		return nil
	}
}

// raw sends a request without the client, for checking error answers.
type rawResp struct {
	status int
	header http.Header
	body   []byte
}

func raw(t *testing.T, srv *intercomtest.Server, method, path string, body any, hdr ...string) rawResp {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx(t), method, srv.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawResp{status: resp.StatusCode, header: resp.Header, body: b}
}

// errorList decodes an error.list body and checks its envelope.
func errorList(t *testing.T, r rawResp, status int, code string) v2_16.Error {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	var e v2_16.Error
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %s: %v", r.body, err)
	}
	if e.Type != "error.list" || len(e.Errors) != 1 || e.Errors[0].Code != code {
		t.Fatalf("error body %s, want one %q error", r.body, code)
	}
	if e.RequestId == nil || *e.RequestId == "" || *e.RequestId != r.header.Get("X-Request-Id") {
		t.Fatalf("request id %v vs header %q", e.RequestId, r.header.Get("X-Request-Id"))
	}
	return e
}

func createContact(t *testing.T, c *v2_16.Client, req v2_16.CreateContactRequest) v2_16.Contact {
	t.Helper()
	// CreateContactJSONRequestBody is a defined copy of a union type and
	// so lost its MarshalJSON (it encodes as {}): send the encoded request.
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.API.CreateContactWithBodyWithResponse(ctx(t), "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if resp.JSON200 == nil {
		t.Fatalf("create contact: %s", resp.Body)
	}
	var out v2_16.Contact
	if err := json.Unmarshal(resp.Body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonBody(s string) io.Reader { return bytes.NewReader([]byte(s)) }

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
