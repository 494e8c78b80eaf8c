package facade

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// observedDoer is the doer send() calls: it wraps the one that really
// sends and, on every attempt, records the rate-limit snapshot, logs, and
// strips the query and the credential from transport errors. (The attempt
// then puts the body behind the size limit, core_body.go.)
type observedDoer struct {
	next Doer
	core *Core
}

func (d *observedDoer) Do(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := d.next.Do(req)
	elapsed := time.Since(start)
	if err == nil && resp == nil {
		err = errors.New("HTTP client returned neither response nor error")
	}
	if err != nil {
		// net/http closes the body of a response returned with an error.
		err = transportError(req, err)
		d.core.log(req, nil, elapsed, err)
		return nil, err
	}
	if resp.Body == nil { // net/http never does this; other Doers might
		resp.Body = http.NoBody
	}
	if rl, ok := parseRateLimit(resp.Header); ok {
		d.core.lastRate.Store(&rl)
	}
	d.core.log(req, resp, elapsed, nil)
	return resp, nil
}

// transportError returns err as a *url.Error naming the request by its
// redacted URL (no query, no credentials), keeping the cause for errors.Is
// and errors.As. A cause whose text holds the request's credential (net/http
// quotes a malformed Location header, for one) is scrubbed.
func transportError(req *http.Request, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &url.Error{Op: urlErrorOp(req.Method), URL: redactedURL(req.URL), Err: scrubberFor(req).Err(err)}
}

// urlErrorOp spells the method as net/http does in its errors ("Get").
func urlErrorOp(method string) string {
	if method == "" {
		return "Get"
	}
	return method[:1] + strings.ToLower(method[1:])
}

// redactedURL is u without credentials, query or fragment.
func redactedURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	r := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return r.String()
}

// redactedPath is the path of u, escaped, without its query: query values
// can be personal data (emails) or session handles (scroll_param).
func redactedPath(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.EscapedPath()
}

// attemptKey carries the attempt number of a request in its context.
type attemptKey struct{}

// withAttempt marks ctx as the n-th attempt (1-based) of a request; the
// retry policy sets it so that logs show it.
func withAttempt(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, attemptKey{}, n)
}

// attemptOf returns the attempt number set by withAttempt, else 1.
func attemptOf(ctx context.Context) int {
	if n, ok := ctx.Value(attemptKey{}).(int); ok && n > 0 {
		return n
	}
	return 1
}

// log records one HTTP attempt: Debug when it succeeded, Warn otherwise.
// It logs no header but the request id and no body.
func (c *Core) log(req *http.Request, resp *http.Response, elapsed time.Duration, err error) {
	l := c.cfg.logger
	if l == nil {
		return
	}
	ctx := req.Context()
	level := slog.LevelDebug
	if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
		level = slog.LevelWarn
	}
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", redactedPath(req.URL)),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	attrs = append(attrs,
		slog.Duration("duration", elapsed),
		slog.String("request_id", requestID(resp, scrubberFor(req))),
		slog.String("intercom_version", req.Header.Get(hdrVersion)),
		slog.Int("attempt", attemptOf(ctx)),
	)
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, level, "intercom request", attrs...)
}
