// Package scrub removes secrets from what a client shows of a response:
// error bodies and the fields decoded from them, headers, and the text of
// errors, in every spelling an echo can take. The facade scrubs a request's
// credential with it and facade/oauth the client secret and code, so that
// there is one copy of the rules.
package scrub

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Redacted stands in for a secret.
const Redacted = "[REDACTED]"

// New scrubs the given secrets; empty ones are skipped. Callers decide
// what is long enough to be a secret rather than ordinary text.
func New(secrets ...string) Scrubber {
	var s Scrubber
	for _, secret := range secrets {
		if secret != "" {
			s.forms = appendForms(s.forms, secret)
		}
	}
	return s
}

// Scrubber removes secrets (a request's credential, an OAuth client secret)
// from what a client shows of a response: error bodies and the fields decoded from them, headers, the
// request id, and the text of transport errors. A server (or a proxy) that
// echoes the request must not make the token reach Error(), a log line or
// a printed value, in any of the spellings an echo can take: as sent,
// escaped inside a JSON string ("\/", "\u002f", ...), or percent-encoded
// in a URL.
type Scrubber struct {
	forms []string // every spelling of every secret, longest first
}

// appendForms adds the spellings of secret that need no parsing to find:
// raw, JSON-escaped as encoders commonly write it (HTML-safe or not, with
// or without "\/"), and percent-encoded. Other JSON escapes are found by
// decoding the string literals of a body (scrubJSON).
func appendForms(forms []string, secret string) []string {
	add := func(f string) {
		if len(f) >= len(secret) && !contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(secret)
	if b, err := json.Marshal(secret); err == nil {
		esc := string(b[1 : len(b)-1])
		add(esc)
		add(strings.ReplaceAll(esc, "/", `\/`))
	}
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	if enc.Encode(secret) == nil {
		esc := strings.TrimSuffix(plain.String(), "\n")
		esc = esc[1 : len(esc)-1]
		add(esc)
		add(strings.ReplaceAll(esc, "/", `\/`))
	}
	add(url.QueryEscape(secret))
	add(url.PathEscape(secret))
	// Longest first, so that no shorter spelling leaves part of a longer one.
	for i := 1; i < len(forms); i++ {
		for j := i; j > 0 && len(forms[j]) > len(forms[j-1]); j-- {
			forms[j], forms[j-1] = forms[j-1], forms[j]
		}
	}
	return forms
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Active reports whether there is anything to scrub.
func (s Scrubber) Active() bool { return len(s.forms) > 0 }

// Leaks reports whether text holds a secret in a known spelling.
func (s Scrubber) Leaks(text string) bool {
	for _, f := range s.forms {
		if strings.Contains(text, f) {
			return true
		}
	}
	return false
}

// String returns v with every known spelling of the secrets replaced. Text
// with escapes (a header or message that carries JSON-escaped text) is
// also read unescaped; if that hides a secret, the unescaped text is
// returned, scrubbed.
func (s Scrubber) String(v string) string {
	for _, f := range s.forms {
		if strings.Contains(v, f) {
			v = strings.ReplaceAll(v, f, Redacted)
		}
	}
	if s.Active() && strings.IndexByte(v, '\\') >= 0 {
		if dec := unescape(v); s.Leaks(dec) {
			return s.String(dec)
		}
	}
	return v
}

// unescape reads the JSON escapes of v (\uXXXX, surrogate pairs, \/, \n,
// ...) and keeps everything else, malformed escapes included, as it is.
func unescape(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' || i+1 >= len(v) {
			b.WriteByte(c)
			continue
		}
		switch e := v[i+1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
			i++
		case 'b', 'f', 'n', 'r', 't':
			b.WriteByte(map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[e])
			i++
		case 'u':
			r, n := hexRune(v[i:])
			if n == 0 {
				b.WriteByte(c)
				continue
			}
			if utf16.IsSurrogate(r) {
				if r2, n2 := hexRune(v[i+n:]); n2 > 0 {
					if p := utf16.DecodeRune(r, r2); p != utf8.RuneError {
						r, n = p, n+n2
					}
				}
			}
			b.WriteRune(r)
			i += n - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// hexRune reads "\uXXXX" at the start of v; n is 6, or 0 if it is not one.
func hexRune(v string) (rune, int) {
	if len(v) < 6 || v[0] != '\\' || v[1] != 'u' {
		return 0, 0
	}
	n, err := strconv.ParseUint(v[2:6], 16, 32)
	if err != nil {
		return 0, 0
	}
	return rune(n), 6
}

// Bytes returns b scrubbed: the known spellings, and secrets written with
// any other escapes inside JSON string literals. b is not modified.
func (s Scrubber) Bytes(b []byte) []byte {
	if !s.Active() || len(b) == 0 {
		return b
	}
	out := b
	for _, f := range s.forms {
		if bytes.Contains(out, []byte(f)) {
			out = bytes.ReplaceAll(out, []byte(f), []byte(Redacted))
		}
	}
	out = s.scrubJSON(out)
	if bytes.IndexByte(out, '\\') >= 0 {
		// Escaped text outside any string literal (a text body quoting
		// JSON): read unescaped, if that is where a secret hides.
		if dec := unescape(string(out)); s.Leaks(dec) {
			return []byte(s.String(dec))
		}
	}
	return out
}

// scrubJSON decodes every string literal of b that holds an escape and
// rewrites those that hide a secret. It works on any text, JSON or not,
// cut off or not: a body need not parse for its strings to be read.
func (s Scrubber) scrubJSON(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 {
		return b // no escapes: the known spellings were all there was
	}
	var out []byte
	last := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		end, escaped := stringEnd(b, i)
		if escaped {
			lit := b[i:end]
			if end == len(b) && (len(lit) < 2 || lit[len(lit)-1] != '"') {
				lit = closeLiteral(lit)
			}
			var dec string
			if json.Unmarshal(lit, &dec) == nil && s.Leaks(dec) {
				if out == nil {
					out = make([]byte, 0, len(b))
				}
				clean, _ := json.Marshal(s.String(dec))
				out = append(append(out, b[last:i]...), clean...)
				last = end
			}
		}
		i = end - 1
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// stringEnd returns the index just past the literal opening at b[start]
// (len(b) if it is not closed) and whether it holds an escape.
func stringEnd(b []byte, start int) (end int, escaped bool) {
	for j := start + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return len(b), escaped
}

// closeLiteral ends a literal cut off by the body's end, dropping a
// half-written escape, so that what it holds so far can be decoded.
func closeLiteral(lit []byte) []byte {
	if i := bytes.LastIndexByte(lit, '\\'); i > 0 && len(lit)-i < 6 {
		lit = lit[:i]
	}
	return append(append([]byte(nil), lit...), '"')
}

// Header returns h, or a scrubbed copy if a value (or name) holds a secret.
func (s Scrubber) Header(h http.Header) http.Header {
	if !s.Active() {
		return h
	}
	var out http.Header
	for k, vs := range h {
		dirty := s.String(k) != k
		for _, v := range vs {
			dirty = dirty || s.String(v) != v
		}
		if !dirty {
			continue
		}
		if out == nil {
			out = h.Clone()
		}
		delete(out, k)
		clean := make([]string, len(vs))
		for i, v := range vs {
			clean[i] = s.String(v)
		}
		out[s.String(k)] = clean
	}
	if out == nil {
		return h
	}
	return out
}

// Err returns err, or, if its text holds a secret, an error with the text
// scrubbed that unwraps to the innermost cause whose own text is clean, so
// that errors.Is and errors.As still find net and context errors.
// net/http's "failed to parse Location header" error, for one, quotes the
// Location as sent.
func (s Scrubber) Err(err error) error {
	if err == nil || !s.Active() {
		return err
	}
	msg := err.Error()
	if !s.Leaks(msg) {
		return err
	}
	var cause error
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		if !s.Leaks(e.Error()) {
			cause = e
			break
		}
	}
	return &scrubbedError{msg: s.String(msg), cause: cause}
}

// scrubbedError is an error whose text had a secret removed.
type scrubbedError struct {
	msg   string
	cause error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.cause }
