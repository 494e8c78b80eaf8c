package jsonx

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ReadBodyInto reads into the buffer it is given when it is large enough,
// and allocates when the body is longer than the buffer or than declared.
func TestReadBodyInto(t *testing.T) {
	buf := make([]byte, 3, 64)
	got, err := ReadBodyInto(&http.Response{Body: io.NopCloser(strings.NewReader(`{"a":1}`)), ContentLength: 7}, buf)
	require.NoError(t, err, "reuse")
	assert.Equal(t, `{"a":1}`, string(got), "reuse")
	assert.Same(t, &buf[:1][0], &got[0], "reuse: not the same memory")
	long := strings.Repeat("x", 100)
	for _, declared := range []int64{-1, 5, 100} {
		got, err = ReadBodyInto(&http.Response{Body: io.NopCloser(strings.NewReader(long)), ContentLength: declared}, buf)
		require.NoError(t, err, "declared %d: %d bytes", declared, len(got))
		assert.Equal(t, long, string(got), "declared %d: %d bytes", declared, len(got))
	}
}

// A buffer ReadBodyInto had to allocate has room for the next body to be
// a little longer (the pages of a list grow as their numbers do), while
// ReadBody sizes its buffer to the body.
func TestReadBodyIntoLeavesRoom(t *testing.T) {
	body := func(n int) *http.Response {
		return &http.Response{Body: io.NopCloser(strings.NewReader(strings.Repeat("x", n))), ContentLength: int64(n)}
	}
	first, err := ReadBodyInto(body(800), nil)
	require.NoError(t, err, "%d bytes", len(first))
	require.Len(t, first, 800, "%d bytes", len(first))
	next, err := ReadBodyInto(body(880), first)
	require.NoError(t, err, "a body 10%% longer")
	assert.Len(t, next, 880, "a body 10%% longer")
	assert.Same(t, &first[0], &next[0], "a body 10%% longer: not the same memory")
	exact, err := ReadBody(body(800))
	require.NoError(t, err, "ReadBody: capacity %d for 800 bytes", cap(exact))
	assert.Equal(t, 801, cap(exact), "ReadBody: capacity %d for 800 bytes", cap(exact))
}

type body struct {
	io.Reader
	closed bool
}

func (b *body) Close() error { b.closed = true; return nil }

// TestReadBody reads bodies with and without Content-Length, and does not
// trust a huge declared length with a huge buffer.
func TestReadBody(t *testing.T) {
	for _, c := range []struct {
		name    string
		length  int64
		content string
		err     bool
	}{
		{"declared", 5, "hello", false},
		{"unknown", -1, "hello", false},
		{"huge claim", 1 << 40, "hello", false},
		{"empty", 0, "", false},
	} {
		got, err := ReadBody(&http.Response{ContentLength: c.length, Body: &body{Reader: strings.NewReader(c.content)}})
		assert.Equal(t, c.err, (err != nil), "%s: %q, %v", c.name, got, err)
		assert.Equal(t, c.content, string(got), "%s: %q, %v", c.name, got, err)
		if c.name == "declared" {
			assert.LessOrEqual(t, cap(got), 6, "declared length: buffer for 5 bytes")
		}
	}
	boom := errors.New("connection reset")
	_, err := ReadBody(&http.Response{ContentLength: 10, Body: &body{Reader: io.MultiReader(strings.NewReader("abc"), iotest{boom})}})
	assert.ErrorIs(t, err, boom, "read error")
}

type iotest struct{ err error }

func (r iotest) Read([]byte) (int, error) { return 0, r.err }

func TestBodyIsHandedOverWithoutACopy(t *testing.T) {
	data := []byte(`{"a":"x"}`)
	b := NewBody(data)
	head := make([]byte, 2)
	n, err := b.Read(head)
	require.NoError(t, err, "Read")
	require.Equal(t, 2, n, "Read")
	require.Equal(t, `{"`, string(head), "Read")
	got, err := ReadBody(&http.Response{Body: b, ContentLength: int64(len(data))})
	require.NoError(t, err, "ReadBody: %q", got)
	require.Equal(t, `a":"x"}`, string(got), "ReadBody: %q", got)
	assert.Same(t, &data[2], &got[0], "ReadBody copied an in-memory body")
	assert.Equal(t, 0, b.Len(), "Len %d after ReadBody", b.Len())
	n, err = b.Read(head)
	assert.Equal(t, 0, n, "Read after the end")
	assert.Same(t, io.EOF, err, "Read after the end")
}
