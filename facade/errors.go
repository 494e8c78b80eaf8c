package facade

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/intercom-go/intercom/internal/scrub"
)

// Sentinels for the classes of Intercom failures. An *Error matches the one
// of its status code with errors.Is:
//
//	if errors.Is(err, facade.ErrNotFound) { ... }
var (
	// ErrUnauthorized: 401, the token is missing, invalid or revoked.
	ErrUnauthorized = errors.New("intercom: unauthorized")
	// ErrForbidden: 403, the token lacks a scope or the workspace a feature.
	ErrForbidden = errors.New("intercom: forbidden")
	// ErrNotFound: 404, no such object, or not visible to this token.
	ErrNotFound = errors.New("intercom: not found")
	// ErrConflict: 409, the object changed or already exists.
	ErrConflict = errors.New("intercom: conflict")
	// ErrValidation: 400 or 422, a parameter or body field was refused;
	// the Field of each ErrorDetail names it when Intercom says which.
	ErrValidation = errors.New("intercom: invalid request")
	// ErrRateLimited: 429, the app or workspace exceeded its rate limit;
	// Error.RateLimit says when the window resets.
	ErrRateLimited = errors.New("intercom: rate limited")
	// ErrServer: any 5xx, a failure on Intercom's side.
	ErrServer = errors.New("intercom: server error")
	// ErrScrollExists: a companies scroll (GET /companies/scroll) was
	// refused because the app already has one open. Intercom allows one
	// open scroll per app, across all its processes and tokens: "Each app
	// can only have 1 scroll open at a time. You'll get an error message
	// if you try to have more than one open per app." Finish the other
	// scroll (its last, empty page closes it), or wait for it to expire
	// (a scroll unused for a minute does), then start again; for listings
	// that need not run in parallel with another one, ListAllCompanies
	// (page-numbered, up to 10,000 companies) has no such limit.
	ErrScrollExists = errors.New("intercom: a scroll is already open for this app")
)

// Error is a non-2xx answer from Intercom. It is the error a generated call
// returns for such an answer, in place of a response.
//
// Intercom answers failures with an error list:
//
//	{"type":"error.list","request_id":"…","errors":[{"code":"not_found","message":"Contact Not Found"}]}
//
// whose items become Errors. A body that is not JSON, or was cut off, still
// gives the status, request id and what could be read.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Method and Path identify the request; Path has no host, query or
	// credentials, so the error can be logged as is.
	Method, Path string
	// RequestID is Intercom's id of the request, for its support team:
	// the X-Request-Id header, else the request_id of the body.
	RequestID string
	// Type is the type field of the body, usually "error.list".
	Type string
	// Errors is the body's errors list (a body with only a top-level
	// message gives one item with that Message).
	Errors []ErrorDetail
	// RateLimit is the rate-limit state the answer reported, nil if none.
	RateLimit *RateLimit
	// Header is the response header (Link, Retry-After, ...).
	Header http.Header
	// Body is the response body, at most 1 MiB of it.
	Body []byte
	// BodyTruncated reports that the body was longer than Body.
	BodyTruncated bool
}

// ErrorDetail is one item of an Intercom error list.
type ErrorDetail struct {
	// Code qualifies the status: "unauthorized", "parameter_invalid",
	// "contact_merged", ...
	Code string
	// Message is a human-readable description, possibly empty.
	Message string
	// Field names the parameter or body field in error, if any.
	Field string
}

// Error describes the failure in one line: request, status, Intercom's
// codes and messages, and the request id.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "intercom: %s %s: %d", e.Method, e.Path, e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	const maxShown = 3
	for i, d := range e.Errors {
		if i == maxShown {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-maxShown)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(d.String())
	}
	if len(e.Errors) == 0 {
		if s := snippet(e.Body, 120); s != "" {
			b.WriteString(": " + s)
		}
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + oneLine(e.RequestID, 64) + ")")
	}
	return b.String()
}

// String renders the detail as "code: message (field f)".
func (d ErrorDetail) String() string {
	s := oneLine(d.Code, 64)
	if m := oneLine(d.Message, 200); m != "" {
		if s != "" {
			s += ": "
		}
		s += m
	}
	if f := oneLine(d.Field, 64); f != "" {
		s += " (field " + f + ")"
	}
	return s
}

// Is makes errors.Is(err, ErrNotFound) and the other sentinels match by
// status code.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	case ErrScrollExists:
		return e.scrollExists()
	}
	return false
}

// scrollExists reports whether e is Intercom refusing a second open
// scroll: a 4xx (not an auth or rate-limit one) whose error code or
// message says a scroll already exists.
func (e *Error) scrollExists() bool {
	switch {
	case e.StatusCode < 400 || e.StatusCode > 499,
		e.StatusCode == http.StatusUnauthorized, e.StatusCode == http.StatusForbidden,
		e.StatusCode == http.StatusTooManyRequests:
		return false
	}
	says := func(s string) bool {
		s = strings.ToLower(s)
		return strings.Contains(s, "scroll") && (strings.Contains(s, "already exist") || strings.Contains(s, "exists"))
	}
	for _, d := range e.Errors {
		if says(d.Code) || says(d.Message) {
			return true
		}
	}
	return len(e.Errors) == 0 && says(string(e.Body))
}

// maxErrorBody caps how much of an error body is read and kept.
const maxErrorBody = 1 << 20

// newError turns a non-2xx response to req into an *Error. It reads at most
// maxErrorBody bytes and closes the body. Everything it keeps of the
// response is scrubbed of the request's credential (errors_scrub.go): the
// body, the fields decoded from it, the headers and the request id.
func newError(req *http.Request, resp *http.Response) *Error {
	s := scrubberFor(req)
	e := &Error{
		StatusCode: resp.StatusCode,
		Method:     req.Method,
		Path:       redactedPath(req.URL),
		Header:     s.Header(resp.Header),
		RequestID:  s.String(resp.Header.Get(hdrRequestID)),
	}
	if rl, ok := parseRateLimit(resp.Header); ok {
		e.RateLimit = &rl
	}
	if resp.Body != nil {
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody+1))
		_ = resp.Body.Close()
		if len(body) > maxErrorBody {
			body, e.BodyTruncated = body[:maxErrorBody], true
		}
		if errors.Is(err, ErrResponseTooLarge) {
			e.BodyTruncated = true
		}
		e.Body = s.Bytes(body)
	}
	eb, _ := decodeErrorBody(e.Body) // partial results of a cut-off body are kept
	e.Type = s.String(eb.Type)
	for i := range eb.Errors {
		d := &eb.Errors[i]
		d.Code, d.Message, d.Field = s.String(d.Code), s.String(d.Message), s.String(d.Field)
	}
	e.Errors = eb.Errors
	if len(e.Errors) == 0 && eb.Message != "" {
		e.Errors = []ErrorDetail{{Message: s.String(eb.Message)}}
	}
	if e.RequestID == "" {
		e.RequestID = s.String(eb.RequestID)
	}
	return e
}

// credential is the secret of an Authorization header value: "xyz" of
// "Bearer xyz". Short values are not treated as secrets: they cannot be
// told apart from ordinary text.
func credential(authorization string) string {
	cred := authorization
	if _, after, ok := strings.Cut(authorization, " "); ok {
		cred = strings.TrimSpace(after)
	}
	if len(cred) < 8 {
		return ""
	}
	return cred
}

// redacted stands in for a secret.
const redacted = scrub.Redacted

// snippet returns the start of a non-JSON body as one printable line.
func snippet(body []byte, max int) string {
	s := oneLine(string(body), max)
	if s != "" && len(body) > max {
		s += " (" + strconv.Itoa(len(body)) + " bytes)"
	}
	return s
}

// oneLine collapses whitespace and drops control and invalid characters so
// that server-supplied text cannot forge log lines, then caps it at max runes.
func oneLine(s string, max int) string {
	var b strings.Builder
	n, space := 0, false
	for len(s) > 0 && n < max {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == utf8.RuneError && size <= 1:
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case !unicode.IsPrint(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	if len(s) > 0 && b.Len() > 0 {
		b.WriteString("…")
	}
	return b.String()
}
