package jsonx

import (
	"io"
	"net/http"
)

// maxPrealloc bounds the buffer ReadBody sizes from Content-Length before
// any byte arrives, so that a server's claim cannot reserve much memory.
const maxPrealloc = 8 << 20

// ReadBody reads a response body like io.ReadAll, but into a buffer sized
// from Content-Length when the server declared one, instead of growing
// from 512 bytes through a dozen copies for a page of a list. The generated
// Parse functions use it.
func ReadBody(resp *http.Response) ([]byte, error) {
	n := resp.ContentLength
	if n < 0 || n > maxPrealloc {
		return io.ReadAll(resp.Body)
	}
	// One byte more than declared, so that reaching EOF needs no growth.
	// (bytes.Buffer.ReadFrom would double the buffer once fewer than 512
	// bytes are free.)
	buf := make([]byte, 0, n+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // longer than declared
		}
		m, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
