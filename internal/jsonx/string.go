package jsonx

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// plain marks the bytes a string can hold as they are: not '"', '\\', a
// control character or the start of a multi-byte UTF-8 sequence.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special returns a word with the high bit set in (at least) the first
// byte of w that is not plain; zero when all eight are plain. Each term
// flags bytes by the high bit of a per-byte subtraction: (w^'"')-1 flags
// '"' and every byte from 0x80 but 0xa2; (w^'\\')-1 flags '\\' and 0xa2;
// w-0x20 flags the control characters. A term also flags bytes after a
// borrow, which only a flagged byte below them starts: so the lowest
// flagged byte is exact.
func special(w uint64) uint64 {
	return (((w ^ (ones * '"')) - ones) | ((w ^ (ones * '\\')) - ones) | (w - ones*0x20)) & highs
}

// scanString looks at the string starting at d.pos (its opening quote). It
// returns the end of the content (the closing quote's index) and whether
// the content can be used as it is: no escapes and valid UTF-8. When it
// cannot, end is where the first such byte is, and the caller unquotes.
func (d *Decoder) scanString() (end int, clean bool, err error) {
	data := d.data
	i := d.pos + 1
	for {
		for i+8 <= len(data) {
			if m := special(binary.LittleEndian.Uint64(data[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			i += 8
		}
		for i < len(data) && plain[data[i]] {
			i++
		}
		if i >= len(data) {
			d.pos = i
			return 0, false, d.syntax("unexpected end of JSON input")
		}
	found:
		switch c := data[i]; {
		case c == '"':
			return i, true, nil
		case c == '\\':
			return i, false, nil
		case c < 0x20:
			d.pos = i
			return 0, false, d.syntax("invalid character in string literal")
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return i, false, nil
			}
			i += size
		}
	}
}

// readString reads a string value (the caller has checked that a '"'
// comes next).
func (d *Decoder) readString() (string, error) {
	end, clean, err := d.scanString()
	if err != nil {
		return "", err
	}
	if clean {
		s := d.keep(d.data[d.pos+1 : end])
		d.pos = end + 1
		return s, nil
	}
	return d.keepUnquoted(end)
}

// keyBytes reads an object key; the result aliases the input or a buffer
// reused by the next key.
func (d *Decoder) keyBytes() ([]byte, error) {
	end, clean, err := d.scanString()
	if err != nil {
		return nil, err
	}
	if clean {
		k := d.data[d.pos+1 : end]
		d.pos = end + 1
		return k, nil
	}
	b, err := d.unquote(d.kbuf[:0], end)
	if err != nil {
		return nil, err
	}
	d.kbuf = b
	return b, nil
}

// skipString validates a string without keeping it.
func (d *Decoder) skipString() error {
	end, clean, err := d.scanString()
	if err != nil {
		return err
	}
	if clean {
		d.pos = end + 1
		return nil
	}
	b, err := d.unquote(d.sbuf[:0], end)
	d.sbuf = b
	return err
}

// unquote appends the content of the string at d.pos to b, the way
// encoding/json does: escapes resolved, an invalid or lone UTF-16 surrogate
// and every byte of invalid UTF-8 replaced by U+FFFD. from is where the
// first byte needing care is; bytes before it are copied as they are.
func (d *Decoder) unquote(b []byte, from int) ([]byte, error) {
	data := d.data
	b = append(b, data[d.pos+1:from]...)
	i := from
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return b, nil
		case c == '\\':
			if i+1 >= len(data) {
				d.pos = i
				return b, d.syntax("unexpected end of JSON input")
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
				i += 2
			case 'b':
				b = append(b, '\b')
				i += 2
			case 'f':
				b = append(b, '\f')
				i += 2
			case 'n':
				b = append(b, '\n')
				i += 2
			case 'r':
				b = append(b, '\r')
				i += 2
			case 't':
				b = append(b, '\t')
				i += 2
			case 'u':
				r := hex4(data, i+2)
				if r < 0 {
					d.pos = i
					return b, d.syntax("invalid escape in string literal")
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A valid pair takes the next escape too; otherwise the
					// first half alone becomes U+FFFD.
					if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if r2 := hex4(data, i+2); r2 >= 0 {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								b = utf8.AppendRune(b, dec)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				d.pos = i
				return b, d.syntax("invalid escape in string literal")
			}
		case c < 0x20:
			d.pos = i
			return b, d.syntax("invalid character in string literal")
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, data[i:i+size]...)
			}
			i += size
		}
	}
	d.pos = i
	return b, d.syntax("unexpected end of JSON input")
}

// hex4 decodes the four hex digits at data[i:], or returns -1.
func hex4(data []byte, i int) rune {
	if i+4 > len(data) {
		return -1
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// number reads a number, checking JSON's grammar, and returns its text and
// whether it has neither fraction nor exponent.
func (d *Decoder) number() (lit []byte, integer bool, err error) {
	data := d.data
	start := d.pos
	i := start
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i++
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	default:
		d.pos = i
		return nil, false, d.syntax("invalid number literal")
	}
	integer = true
	if i < len(data) && data[i] == '.' {
		integer = false
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			d.pos = i
			return nil, false, d.syntax("invalid number literal")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		integer = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			d.pos = i
			return nil, false, d.syntax("invalid number literal")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	d.pos = i
	return data[start:i], integer, nil
}
