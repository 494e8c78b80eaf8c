package facade

import (
	"io"
	"net/http"
	"sync"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// Page bodies of a listing are read into buffers that are reused once the
// page is decoded: a page's items do not refer to its body (decoders copy
// what they keep, as encoding/json's contract asks of UnmarshalJSON too),
// and an export would otherwise allocate, zero and collect its whole size
// in bodies.

// maxPooledBody bounds the buffers kept for reuse.
const maxPooledBody = 8 << 20

var pageBufs = sync.Pool{New: func() any { return new([]byte) }}

// readPageBody reads resp's body whole into a reused buffer and closes
// it. The returned Body reads those bytes and hands them back for reuse
// when it is closed: the caller is done with them by then.
func readPageBody(resp *http.Response) ([]byte, *jsonx.Body, error) {
	bp := pageBufs.Get().(*[]byte)
	buf := (*bp)[:0]
	if n := resp.ContentLength; n > 0 && n < maxPooledBody && int(n) >= cap(buf) {
		buf = make([]byte, 0, n+1)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			resp.Body.Close()
			putPageBuf(bp, buf)
			return nil, nil, err
		}
	}
	resp.Body.Close()
	b := jsonx.NewBody(buf)
	b.Release = func() { putPageBuf(bp, buf) }
	return buf, b, nil
}

func putPageBuf(bp *[]byte, buf []byte) {
	if cap(buf) > maxPooledBody {
		return
	}
	*bp = buf[:0]
	pageBufs.Put(bp)
}
