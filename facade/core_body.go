package facade

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// DefaultMaxResponseBytes is the response body limit of a client without
// WithMaxResponseBytes: far above any page or object Intercom answers with
// (a page of 150 contacts is well under 2 MiB), far below what would hurt
// a server.
const DefaultMaxResponseBytes int64 = 32 << 20

// ErrResponseTooLarge is matched (errors.Is) by the error of a call whose
// response body exceeds the client's limit (WithMaxResponseBytes). The
// limit counts the bytes as decoded: net/http inflates a gzip body on its
// own, so a small compressed answer can be a huge one.
var ErrResponseTooLarge = errors.New("intercom: response body too large")

// ErrNullResponse is matched by the error of a call answered 2xx with the
// JSON body null: there is no object to return, and returning a zero value
// would pass an empty answer off as a real one.
var ErrNullResponse = errors.New("intercom: response body is null")

// ResponseTooLargeError is the error a response body's reader returns
// once the body goes past the limit. It matches ErrResponseTooLarge.
type ResponseTooLargeError struct {
	Method, Path string // the request, as in Error
	Limit        int64  // the limit in bytes
}

func (e *ResponseTooLargeError) Error() string {
	return fmt.Sprintf("intercom: %s %s: response body larger than %d bytes (see WithMaxResponseBytes)", e.Method, e.Path, e.Limit)
}

// Is makes errors.Is(err, ErrResponseTooLarge) match.
func (e *ResponseTooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }

// nullResponseError is the error of a 2xx answer whose body is null.
type nullResponseError struct {
	method, path string
	status       int
}

func (e *nullResponseError) Error() string {
	return fmt.Sprintf("intercom: %s %s: answered %d with the body null instead of an object", e.method, e.path, e.status)
}

func (e *nullResponseError) Is(target error) bool { return target == ErrNullResponse }

// limitBody puts resp's body behind the client's limit, and, with
// nullCheck, a 2xx JSON answer behind the null check (listings check their
// pages themselves, bodyReader.checksNull). Every reader of a body, the retry
// layer, the error decoder, the listings and the generated Parse
// functions, reads through it.
func (c *Core) limitBody(req *http.Request, resp *http.Response, nullCheck bool) {
	limit := c.cfg.maxResponse
	if limit <= 0 {
		limit = DefaultMaxResponseBytes
	}
	b := &limitedBody{rc: resp.Body, left: limit}
	b.tooLarge = &ResponseTooLargeError{Method: req.Method, Path: redactedPath(req.URL), Limit: limit}
	if resp.ContentLength > limit {
		b.err = b.tooLarge // declared too large: not a byte is read
		resp.ContentLength = -1
	}
	if nullCheck && resp.StatusCode >= 200 && resp.StatusCode <= 299 && req.Method != http.MethodHead &&
		(resp.Header.Get("Content-Type") == "" || isJSON(resp.Header)) {
		b.null = nullStart
		b.nullErr = &nullResponseError{method: req.Method, path: b.tooLarge.Path, status: resp.StatusCode}
	} else {
		b.null = nullOff
	}
	resp.Body = b
}

// States of the null check: how much of "null", after any whitespace, the
// body has matched so far.
const (
	nullOff   = -1 // not checked, or the body is something else
	nullStart = 0  // only whitespace so far
	nullDone  = 4  // "null" seen (then only whitespace)
)

// limitedBody reads a body up to a limit, failing past it with a
// *ResponseTooLargeError, and reports a body that is JSON null.
type limitedBody struct {
	rc       io.ReadCloser
	left     int64
	tooLarge *ResponseTooLargeError
	err      error // sticky
	null     int
	nullErr  error
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.left <= 0 {
		// At the limit: the body may end exactly here.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			b.err = b.tooLarge
			return 0, b.err
		}
		return 0, b.end(err)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.null != nullOff {
		b.scanNull(p[:n])
	}
	return n, b.end(err)
}

// end turns the EOF of a body that was null into ErrNullResponse.
func (b *limitedBody) end(err error) error {
	if err == io.EOF && b.null == nullDone {
		b.err = b.nullErr
		return b.err
	}
	return err
}

func (b *limitedBody) scanNull(p []byte) {
	for _, c := range p {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if b.null != nullStart && b.null != nullDone {
				b.null = nullOff
				return
			}
		case b.null < nullDone && c == "null"[b.null]:
			b.null++
		default:
			b.null = nullOff
			return
		}
	}
}

func (b *limitedBody) Close() error { return b.rc.Close() }
