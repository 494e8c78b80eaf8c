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
// from 512 bytes through a dozen copies for a page of a list. A body that
// is already in memory (a *Body) is handed over as it is, without a copy.
// The generated Parse functions use it.
func ReadBody(resp *http.Response) ([]byte, error) {
	if b, ok := resp.Body.(*Body); ok {
		return b.take(), nil
	}
	return readBodyInto(resp, nil, false)
}

// ReadBodyInto is ReadBody into buf's memory, reused from its start: a
// caller that reads many bodies one after another (the pages of a list)
// passes the buffer of the last one. It allocates only when buf is shorter
// than what the server declared (Content-Length, believed up to 8 MiB) or
// than what it sent, and then leaves an eighth more room: the pages of a
// list grow a little as their identifiers and counters get longer, and
// each would otherwise need a new buffer.
func ReadBodyInto(resp *http.Response, buf []byte) ([]byte, error) {
	return readBodyInto(resp, buf, true)
}

// readBodyInto allocates, when it must, one byte more than declared, so
// that reaching EOF needs no growth, or with room an eighth more.
func readBodyInto(resp *http.Response, buf []byte, room bool) ([]byte, error) {
	buf = buf[:0]
	if n := resp.ContentLength; n >= int64(cap(buf)) && n <= maxPrealloc {
		extra := int64(1)
		if room {
			extra += n / 8
		}
		buf = make([]byte, 0, n+extra)
	} else if cap(buf) == 0 {
		buf = make([]byte, 0, 512)
	}
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

// Body is a response body already read into memory, by a layer that had
// to see it whole before handing the response on (the facade's retries).
// ReadBody takes its unread bytes without copying them, so a page of a
// list is held once however many layers read it.
type Body struct {
	data []byte
	off  int
	// Top, when set, receives the members of the top-level object of the
	// document a Parse function decodes from this body (see RunBody).
	Top *TopLevel
	// Release, when set, is called by the first Close: the owner of the
	// bytes may reuse them then. Whoever took the bytes (ReadBody) must be
	// done with them by that time.
	Release func()
}

// NewBody returns a Body reading data, which it does not copy.
func NewBody(data []byte) *Body { return &Body{data: data} }

// Read reads like a bytes.Reader.
func (b *Body) Read(p []byte) (int, error) {
	if b.off >= len(b.data) {
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n := copy(p, b.data[b.off:])
	b.off += n
	return n, nil
}

// Close releases the bytes (see Release); there is no connection behind
// them. Reads after Close find nothing.
func (b *Body) Close() error {
	b.data, b.off = nil, 0
	if r := b.Release; r != nil {
		b.Release = nil
		r()
	}
	return nil
}

// Len is the number of unread bytes.
func (b *Body) Len() int { return len(b.data) - b.off }

// take returns the unread bytes and leaves none.
func (b *Body) take() []byte {
	rest := b.data[b.off:]
	b.off = len(b.data)
	return rest
}
