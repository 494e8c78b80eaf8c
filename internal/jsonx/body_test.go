package jsonx

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// ReadBodyInto reads into the buffer it is given when it is large enough,
// and allocates when the body is longer than the buffer or than declared.
func TestReadBodyInto(t *testing.T) {
	buf := make([]byte, 3, 64)
	got, err := ReadBodyInto(&http.Response{Body: io.NopCloser(strings.NewReader(`{"a":1}`)), ContentLength: 7}, buf)
	if err != nil || string(got) != `{"a":1}` || &got[0] != &buf[:1][0] {
		t.Errorf("reuse: %q %v (same memory %v)", got, err, &got[0] == &buf[:1][0])
	}
	long := strings.Repeat("x", 100)
	for _, declared := range []int64{-1, 5, 100} {
		got, err = ReadBodyInto(&http.Response{Body: io.NopCloser(strings.NewReader(long)), ContentLength: declared}, buf)
		if err != nil || string(got) != long {
			t.Errorf("declared %d: %d bytes, %v", declared, len(got), err)
		}
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
	if err != nil || len(first) != 800 {
		t.Fatalf("%d bytes, %v", len(first), err)
	}
	next, err := ReadBodyInto(body(880), first)
	if err != nil || len(next) != 880 || &next[0] != &first[0] {
		t.Errorf("a body 10%% longer: %d bytes, %v, same memory %v", len(next), err, &next[0] == &first[0])
	}
	exact, err := ReadBody(body(800))
	if err != nil || cap(exact) != 801 {
		t.Errorf("ReadBody: capacity %d for 800 bytes, %v", cap(exact), err)
	}
}
