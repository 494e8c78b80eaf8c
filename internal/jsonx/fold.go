package jsonx

import (
	"unicode"
	"unicode/utf8"
)

// FoldName returns the case-folded form encoding/json uses to match object
// keys to struct fields when no field has the key's exact name: ASCII
// letters upper-cased, other runes mapped to the smallest rune of their
// Unicode simple-fold orbit. intercomgen folds field names with it when it
// writes the decoders, and Fold folds keys with it at run time, so both
// sides agree by construction.
func FoldName(in []byte) []byte { return appendFold(nil, in) }

// AppendFold appends the folded form of in (see FoldName) to out.
func AppendFold(out, in []byte) []byte { return appendFold(out, in) }

// Fold folds key into the decoder's buffer; the result is valid until the
// next call.
func (d *Decoder) Fold(key []byte) []byte {
	d.fbuf = appendFold(d.fbuf[:0], key)
	return d.fbuf
}

func appendFold(out, in []byte) []byte {
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += n
	}
	return out
}

// foldRune returns the smallest rune of r's simple-fold orbit.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}
