package jsonx

import (
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
