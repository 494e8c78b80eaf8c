package facade

import (
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

// pageBuffers is the free list of one range's page buffers. A range holds
// only the few pages it reads ahead at once, so a handful of buffers serve
// a whole export (a sync.Pool would drop them at every GC cycle, which an
// export runs every few pages).
type pageBuffers struct {
	mu   sync.Mutex
	free []*[]byte
}

func (pb *pageBuffers) get() *[]byte {
	pb.mu.Lock()
	defer pb.mu.Unlock()
	if n := len(pb.free); n > 0 {
		bp := pb.free[n-1]
		pb.free = pb.free[:n-1]
		return bp
	}
	return new([]byte)
}

func (pb *pageBuffers) put(bp *[]byte, buf []byte) {
	if cap(buf) > maxPooledBody {
		return
	}
	*bp = buf[:0]
	pb.mu.Lock()
	defer pb.mu.Unlock()
	if len(pb.free) < maxReadAhead+2 {
		pb.free = append(pb.free, bp)
	}
}

// readPageBody reads resp's body whole into one of pb's buffers and closes
// it. The returned Body reads those bytes and hands the buffer back when
// it is closed: the caller is done with the bytes by then.
func readPageBody(resp *http.Response, pb *pageBuffers) ([]byte, *jsonx.Body, error) {
	bp := pb.get()
	buf, err := jsonx.ReadBodyInto(resp, *bp)
	resp.Body.Close()
	if err != nil {
		pb.put(bp, buf)
		return nil, nil, err
	}
	b := jsonx.NewBody(buf)
	b.Release = func() { pb.put(bp, buf) }
	return buf, b, nil
}
