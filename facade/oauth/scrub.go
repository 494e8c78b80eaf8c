package oauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
)

// scrubber removes the client secret and the code from what Exchange
// shows of an answer (an error body that echoes the form, a transport
// error quoting a URL), in the spellings an echo takes: as sent,
// JSON-escaped, percent-encoded, or behind any other JSON escapes.
type scrubber struct{ forms []string }

func newScrubber(secrets ...string) scrubber {
	var s scrubber
	for _, secret := range secrets {
		if len(secret) < 4 {
			continue // too short to tell from ordinary text
		}
		add := func(f string) {
			for _, g := range s.forms {
				if g == f {
					return
				}
			}
			s.forms = append(s.forms, f)
		}
		add(secret)
		if b, err := json.Marshal(secret); err == nil {
			esc := string(b[1 : len(b)-1])
			add(esc)
			add(strings.ReplaceAll(esc, "/", `\/`))
		}
		add(url.QueryEscape(secret))
		add(url.PathEscape(secret))
	}
	// Longest first, so that no shorter spelling leaves part of a longer one.
	for i := 1; i < len(s.forms); i++ {
		for j := i; j > 0 && len(s.forms[j]) > len(s.forms[j-1]); j-- {
			s.forms[j], s.forms[j-1] = s.forms[j-1], s.forms[j]
		}
	}
	return s
}

func (s scrubber) leaks(v string) bool {
	for _, f := range s.forms {
		if strings.Contains(v, f) {
			return true
		}
	}
	return false
}

// str returns v scrubbed; text whose escapes hide a secret is returned
// unescaped, scrubbed.
func (s scrubber) str(v string) string {
	for _, f := range s.forms {
		v = strings.ReplaceAll(v, f, redacted)
	}
	if len(s.forms) > 0 && strings.IndexByte(v, '\\') >= 0 {
		if dec := unescape(v); s.leaks(dec) {
			return s.str(dec)
		}
	}
	return v
}

func (s scrubber) bytes(b []byte) []byte {
	if len(s.forms) == 0 {
		return b
	}
	for _, f := range s.forms {
		if bytes.Contains(b, []byte(f)) {
			b = bytes.ReplaceAll(b, []byte(f), []byte(redacted))
		}
	}
	if bytes.IndexByte(b, '\\') >= 0 {
		if dec := unescape(string(b)); s.leaks(dec) {
			return []byte(s.str(dec))
		}
	}
	return b
}

// err returns err, or an error with its text scrubbed that unwraps to the
// innermost cause whose text is clean (context errors stay matchable).
func (s scrubber) err(err error) error {
	if err == nil || !s.leaks(err.Error()) {
		return err
	}
	var cause error
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		if !s.leaks(e.Error()) {
			cause = e
			break
		}
	}
	return &scrubbedError{msg: s.str(err.Error()), cause: cause}
}

type scrubbedError struct {
	msg   string
	cause error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.cause }

// unescape reads the JSON escapes in v and keeps everything else as is.
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
		case 'n':
			b.WriteByte('\n')
			i++
		case 't':
			b.WriteByte('\t')
			i++
		case 'u':
			r, ok := hex4(v[i+2:])
			if !ok {
				b.WriteByte(c)
				continue
			}
			i += 5
			if utf16.IsSurrogate(r) && strings.HasPrefix(v[i+1:], `\u`) {
				if r2, ok := hex4(v[i+3:]); ok {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			b.WriteRune(r)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func hex4(v string) (rune, bool) {
	if len(v) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(v[:4], 16, 32)
	return rune(n), err == nil
}
