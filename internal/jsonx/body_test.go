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
