package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// One page of a listing, from its request to its decoded items: the
// generated build function makes the HTTP request, the client sends it
// with its retries (Core.do), the body is read into one of the listing's
// reused buffers and decoded with the generated decoders, the paging fields
// heard in the same pass. The loop (paginate.go) takes such pages from a
// pageSource: directly, or through read-ahead (paginate_ahead.go).

// BuildPage makes the HTTP request of one page of a listing. The generated
// code sets r's fields on a copy of the caller's params or body and calls
// oapi-codegen's request builder with server, the client's API root.
type BuildPage func(server string, r PageRequest) (*http.Request, error)

// envelope is a generated page envelope as the listing's loop handles it:
// it reads the paging fields; only Paginate's typed shell reads the items.
type envelope interface{ meta() *PageMeta }

// fetched is one page: its request and what came of it.
type fetched struct {
	req      PageRequest
	fetchErr error          // the request failed
	resp     *http.Response // the response env and err come from
	env      envelope
	err      error  // reading or decoding the page failed
	sum      uint64 // hash of the body env was decoded from (pageFetcher.hash)
}

// pageSource hands the loop the page its pager asks for next, fetched and
// decoded. It is the one seam between the loop and read-ahead.
type pageSource interface {
	take(p *pager) *fetched
	close()
}

// aheadHooks is what read-ahead does to a page while it is fetched: see
// its body before it is decoded (to guess and send the next request) and
// wait for a decoding slot. A page fetched directly has none.
type aheadHooks interface {
	bodyRead(body []byte)
	decodeSlot(ctx context.Context) (release func(), err error)
}

// pageFetcher fetches the pages of one range over a listing.
type pageFetcher struct {
	core   *Core
	build  BuildPage
	server string
	newEnv func() envelope // a new envelope of the listing's operation
	bufs   pageBuffers     // the pages' bodies
	// hash: the pages' bodies are hashed (page-numbered listings, see
	// pager.checkRepeat), with seed.
	hash bool
	seed maphash.Seed
	// scrub is the scrubber of the listing's credential, from its first
	// request, for errors that quote what a page said.
	scrub atomic.Pointer[scrubber]
}

func newPageFetcher(c *Core, build BuildPage, spec PageSpec, newEnv func() envelope) *pageFetcher {
	return &pageFetcher{core: c, build: build, newEnv: newEnv, server: strings.TrimSuffix(c.baseURL, "/") + "/",
		hash: spec.Style == StylePage, seed: maphash.MakeSeed()}
}

// fetch fetches and decodes the page r asks for. With hooks, read-ahead
// sees the body first and bounds the pages decoding at once.
func (f *pageFetcher) fetch(ctx context.Context, r PageRequest, hooks aheadHooks) *fetched {
	out := &fetched{req: r}
	req, err := f.build(f.server, r)
	if err != nil {
		out.fetchErr = err
		return out
	}
	req = req.WithContext(ctx)
	// The retry layer reads a body it may ask for again with read, which
	// decodes it: a page that is not JSON at all is then asked for again,
	// without a separate validation pass over its bytes.
	read := bodyReader{checksNull: true, read: func(resp *http.Response) (bool, error) {
		body, rb, err := readPageBody(resp, &f.bufs)
		if err != nil {
			return false, err
		}
		resp.Body, resp.ContentLength = rb, int64(len(body))
		return f.decode(ctx, out, resp, body, hooks), nil
	}}
	resp, err := f.core.do(req, read)
	if f.scrub.Load() == nil && req.Header.Get(hdrAuth) != "" {
		s := scrubberFor(req)
		f.scrub.CompareAndSwap(nil, &s)
	}
	switch {
	case err != nil:
		out.fetchErr = err
	case resp == nil || resp.Body == nil:
		out.env, out.err = f.newEnv(), errors.New("no response body")
	case resp == out.resp:
		resp.Body.Close() // decoded while the retry layer read it
	default:
		// Not read by the retry layer (its last attempt, or no retries).
		body, rb, err := readPageBody(resp, &f.bufs)
		if err != nil {
			out.resp, out.env, out.err = resp, f.newEnv(), err
			return out
		}
		f.decode(ctx, out, resp, body, hooks)
		rb.Close()
	}
	return out
}

// decode decodes body into a new envelope in out. It reports whether the
// body is damaged, for the retry layer: only a body that is not JSON at
// all is; JSON of the wrong shape would be answered again the same way.
func (f *pageFetcher) decode(ctx context.Context, out *fetched, resp *http.Response, body []byte, hooks aheadHooks) (damagedBody bool) {
	env := f.newEnv()
	var err error
	if hooks != nil {
		hooks.bodyRead(body)
		var release func()
		if release, err = hooks.decodeSlot(ctx); err == nil {
			err = decodePage(resp, body, env)
			release()
		}
	} else {
		err = decodePage(resp, body, env)
	}
	out.resp, out.env, out.err = resp, env, err
	if f.hash {
		out.sum = maphash.Bytes(f.seed, body)
	}
	return err != nil && ctx.Err() == nil && damaged(resp.Header, body)
}

// scrubErr scrubs the credential of the listing's requests from err, which
// may quote what a page said.
func (f *pageFetcher) scrubErr(err error) error {
	if s := f.scrub.Load(); s != nil {
		return s.Err(err)
	}
	return err
}

// directSource fetches each page when the loop asks for it, on the loop's
// goroutine: ReadAhead(0), and scrolls, whose every request moves the scroll.
type directSource struct {
	ctx context.Context
	f   *pageFetcher
}

func (s directSource) take(p *pager) *fetched {
	return s.f.fetch(s.ctx, p.request(), nil)
}
func (directSource) close() {}

// decodePage decodes the body of one response into env: its items, and its
// paging fields into the PageMeta env embeds.
func decodePage(resp *http.Response, body []byte, env any) error {
	if resp.StatusCode == http.StatusNoContent {
		return nil // no content is an empty last page
	}
	// Any other answer must hold a page: an empty (or null) 200 mid-list,
	// from a proxy or a cut connection, would otherwise end the listing
	// silently short.
	if b := bytes.TrimSpace(body); len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return fmt.Errorf("%s with no page in its body: %w", resp.Status, io.ErrUnexpectedEOF)
	}
	if resp.StatusCode == http.StatusOK && decodeTyped(resp.Header, body, env) {
		return nil
	}
	if err := json.Unmarshal(body, env); err != nil {
		return err
	}
	ms, ok := env.(interface{ meta() *PageMeta })
	if !ok {
		return nil
	}
	return ms.meta().read(body)
}

// TypedPage is implemented by the generated envelopes whose items can be
// decoded by the generated Parse function of their operation, which uses
// the generated decoders (gen/*/codec.gen.go) instead of encoding/json.
type TypedPage interface {
	ParsePage(h http.Header, body []byte, top *PageTop) error
}

// PageTop hears the top-level members of a page while its Parse function
// decodes it: the paging fields are read from there, in the same pass.
type PageTop = jsonx.TopLevel

// ErrNoTypedPage: the generated Parse function did not fill JSON200 (for
// instance no JSON content type); the page is decoded the general way.
var ErrNoTypedPage = errors.New("intercom: no typed page")

// TypedResponse wraps a page's body for a generated Parse function, which
// takes the bytes without copying them (jsonx.ReadBody) and reports the
// top-level members to top.
func TypedResponse(h http.Header, body []byte, top *PageTop) *http.Response {
	b := jsonx.NewBody(body)
	b.Top = top
	return &http.Response{StatusCode: http.StatusOK, Header: h, Body: b, ContentLength: int64(len(body))}
}

// decodeTyped decodes a page through the typed fast path: the items with
// the generated decoders, the paging fields from the top-level members the
// decoders hear on the way. It reports false when the page must be decoded
// the general way.
func decodeTyped(h http.Header, body []byte, env any) bool {
	if !jsonx.Fast {
		// Built with intercom_stdjson: encoding/json decodes the items in
		// the general path.
		return false
	}
	tp, ok := env.(TypedPage)
	if !ok {
		return false
	}
	ms, ok := env.(interface{ meta() *PageMeta })
	if !ok {
		return false
	}
	var m PageMeta
	r := metaReader{m: &m}
	top := PageTop{Member: r.set}
	if tp.ParsePage(h, body, &top) != nil {
		return false
	}
	if !top.Complete {
		// The decoders fell back to encoding/json: read the fields again.
		m = PageMeta{}
		if m.read(body) != nil {
			return false
		}
	} else if r.err != nil {
		return false
	}
	*ms.meta() = m
	return true
}

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
