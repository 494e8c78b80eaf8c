package intercomtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/gen/v2_16"
)

// newClient starts a server and a typed client pointed at it.
func newClient(t *testing.T, opts ...Option) (*Server, *v2_16.Client) {
	t.Helper()
	srv := New(t, opts...)
	c, err := srv.Client()
	require.NoError(t, err)
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

func raw(t *testing.T, srv *Server, method, path string, body any, hdr ...string) rawResp {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx(t), method, srv.URL()+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return rawResp{status: resp.StatusCode, header: resp.Header, body: b}
}

// errorList decodes an error.list body and checks its envelope.
func errorList(t *testing.T, r rawResp, status int, code string) v2_16.Error {
	t.Helper()
	require.Equal(t, status, r.status, "status: %s", r.body)
	var e v2_16.Error
	require.NoError(t, json.Unmarshal(r.body, &e), "error body %s", r.body)
	require.Equal(t, "error.list", e.Type, "error body %s", r.body)
	require.Len(t, e.Errors, 1, "error body %s", r.body)
	require.Equal(t, code, e.Errors[0].Code, "error body %s", r.body)
	require.NotNil(t, e.RequestId, "request id")
	require.NotEmpty(t, *e.RequestId, "request id")
	require.Equal(t, r.header.Get("X-Request-Id"), *e.RequestId, "request id vs header")
	return e
}

func createContact(t *testing.T, c *v2_16.Client, req v2_16.CreateContactRequest) v2_16.Contact {
	t.Helper()
	// CreateContactJSONRequestBody is a defined copy of a union type and
	// so lost its MarshalJSON (it encodes as {}): send the encoded request.
	b, err := json.Marshal(req)
	require.NoError(t, err)
	resp, err := c.API.CreateContactWithBodyWithResponse(ctx(t), "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	require.NotNil(t, resp.JSON200, "create contact: %s", resp.Body)
	var out v2_16.Contact
	require.NoError(t, json.Unmarshal(resp.Body, &out))
	return out
}

func jsonBody(s string) io.Reader { return bytes.NewReader([]byte(s)) }

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
