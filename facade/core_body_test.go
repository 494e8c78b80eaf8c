package facade_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gzipBomb is a JSON document of size bytes, gzip-compressed (about a
// thousandth of its size), built once.
var gzipBomb = sync.OnceValue(func() []byte {
	const size = 128 << 20
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write([]byte(`{"type":"list","data":[],"padding":"`))
	chunk := bytes.Repeat([]byte{'a'}, 1<<20)
	for range size >> 20 {
		_, _ = zw.Write(chunk)
	}
	_, _ = zw.Write([]byte(`"}`))
	_ = zw.Close()
	return buf.Bytes()
})

// bombServer answers every request with the gzip bomb, announced as gzip so
// that net/http inflates it transparently.
func bombServer(t *testing.T) *httptest.Server {
	bomb := gzipBomb()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// allocatedBy returns how many bytes fn allocated in the whole process.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A 2xx body inflating past the limit fails every way a body is read (by
// the retry layer for a read, by the generated Parse function for a write,
// by a listing for a page) with ErrResponseTooLarge, having allocated about
// the limit and not the inflated size.
func TestResponseBodyLimitGzipBomb(t *testing.T) {
	require.LessOrEqual(t, len(gzipBomb()), 200<<10, "the bomb is too big compressed; the test wants a small one")
	srv := bombServer(t)
	const limit = 1 << 20
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithMaxResponseBytes(limit), fastRetries())
	require.NoError(t, err)
	ctx := context.Background()
	calls := map[string]func() error{
		"GET (read by the retry layer)": func() error {
			_, err := c.API.ShowContactWithResponse(ctx, "1", nil)
			return err
		},
		"POST (read by the Parse function)": func() error {
			_, err := c.API.CreateTagWithResponse(ctx, v2_16.CreateTagJSONRequestBody{})
			return err
		},
		"listing page": func() error {
			for _, err := range c.ListContacts(ctx, nil) {
				if err != nil {
					return err
				}
			}
			return errors.New("listing ended without error")
		},
	}
	for name, call := range calls {
		var err error
		alloc := allocatedBy(func() { err = call() })
		require.ErrorIs(t, err, facade.ErrResponseTooLarge, name)
		var tl *facade.ResponseTooLargeError
		require.ErrorAs(t, err, &tl, "%s: want a *ResponseTooLargeError", name)
		require.Equal(t, int64(limit), tl.Limit, "%s: want a *ResponseTooLargeError with the limit", name)
		// Reading the inflated 128 MiB would allocate several times that;
		// reading up to the limit costs a few times the limit.
		assert.LessOrEqual(t, alloc, uint64(16*limit), "%s: allocated %d MiB for a %d MiB limit", name, alloc>>20, limit>>20)
	}
}

// Without WithMaxResponseBytes the default limit applies.
func TestResponseBodyDefaultLimit(t *testing.T) {
	srv := bombServer(t)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), fastRetries())
	require.NoError(t, err)
	var callErr error
	alloc := allocatedBy(func() { _, callErr = c.API.ListTagsWithResponse(context.Background()) })
	require.ErrorIs(t, callErr, facade.ErrResponseTooLarge)
	require.ErrorContains(t, callErr, fmt.Sprint(facade.DefaultMaxResponseBytes))
	// Reading a body of unknown length grows its buffer by a quarter at a
	// time, which allocates about six times what it holds in all: 200 MiB
	// for the limit, against 700 MiB and more for the inflated 128 MiB.
	assert.LessOrEqual(t, alloc, 8*uint64(facade.DefaultMaxResponseBytes), "allocated %d MiB for the %d MiB default limit", alloc>>20, facade.DefaultMaxResponseBytes>>20)
}

// A body exactly at the limit is read; one byte more is refused, and a
// declared Content-Length above the limit fails before any byte is read.
func TestResponseBodyLimitEdges(t *testing.T) {
	body := `{"type":"list","data":[]}`
	var declared bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if declared {
			w.Header().Set("Content-Length", "1000000")
		}
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		limit    int64
		declared bool
		ok       bool
	}{{int64(len(body)), false, true}, {int64(len(body)) - 1, false, false}, {int64(len(body)) + 100, true, false}} {
		declared = tc.declared
		c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithMaxResponseBytes(tc.limit))
		require.NoError(t, err)
		_, err = c.API.ListTagsWithResponse(context.Background())
		if tc.ok {
			assert.NoError(t, err, "limit %d, declared %v", tc.limit, tc.declared)
		} else {
			assert.ErrorIs(t, err, facade.ErrResponseTooLarge, "limit %d, declared %v", tc.limit, tc.declared)
		}
	}
	for _, n := range []int64{0, -1} {
		_, err := v2_16.New(facade.WithToken(testToken), facade.WithMaxResponseBytes(n))
		assert.ErrorIs(t, err, facade.ErrConfig, "WithMaxResponseBytes(%d)", n)
	}
}

// A single call answered 2xx with null fails, read by the retry layer or
// by the Parse function; a real object, and null inside one, do not.
func TestNullResponseIsAnError(t *testing.T) {
	var answer string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, answer)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), fastRetries())
	require.NoError(t, err)
	ctx := context.Background()
	for _, body := range []string{"null", " \n null\r\n\t", "null\n"} {
		answer = body
		_, err := c.API.ShowContactWithResponse(ctx, "1", nil)
		if assert.ErrorIs(t, err, facade.ErrNullResponse, "GET answered %q", body) {
			assert.ErrorContains(t, err, "GET /contacts/1", "GET answered %q", body)
		}
		_, err = c.API.CreateTagWithResponse(ctx, v2_16.CreateTagJSONRequestBody{})
		assert.ErrorIs(t, err, facade.ErrNullResponse, "POST answered %q", body)
	}
	for _, body := range []string{`{"type":"contact","id":"1","name":null}`, `nul`, `nullx`} {
		answer = body
		_, err := c.API.ShowContactWithResponse(ctx, "1", nil)
		assert.NotErrorIs(t, err, facade.ErrNullResponse, "answered %q", body)
	}
}
