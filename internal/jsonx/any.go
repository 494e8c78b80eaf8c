package jsonx

import (
	"encoding/binary"
	"math/bits"
	"strconv"
)

// Any decodes into an empty interface the way encoding/json does: objects
// become map[string]any, arrays []any (never nil), numbers float64 (an
// out-of-range number is an error), and null sets nil. An interface that
// already holds something other than such a plain value (a pointer the
// caller put there, say) is left to encoding/json, whose rules for it are
// intricate.
func Any(d *Decoder, p *any) error {
	switch (*p).(type) {
	case nil, map[string]any, []any, string, float64, bool:
	default:
		return Std(d, p)
	}
	v, err := d.anyValue()
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MapAny decodes into a map[string]any, the common shape of free-form
// attributes, without a function call per value. Keys and string values
// are cut from the decoder's arena like every other string.
func MapAny[K ~string](d *Decoder, p *map[K]any) error {
	ok, err := d.Object()
	if !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	m := *p
	if m == nil {
		m = make(map[K]any)
		*p = m
	}
	for n := 0; ; n++ {
		key, err := d.memberKey(n)
		if err != nil || key == nil {
			return err
		}
		k := d.keep(key)
		v, err := d.anyValue()
		if err != nil {
			return err
		}
		m[K(k)] = v // in order: a repeated key's last value wins
	}
}

// memberKey is Key for the members of free-form objects, with a fast path
// for a plain key that follows directly. Like KeyIs it leaves the
// outermost object to Key.
func (d *Decoder) memberKey(n int) ([]byte, error) {
	data := d.data
	i := d.pos
	if d.depth > 1 && (n == 0 || i < len(data) && data[i] == ',') {
		if n > 0 {
			i++
		}
		if i < len(data) && data[i] == '"' {
			for j := i + 1; j+8 <= len(data); j += 8 {
				if m := special(binary.LittleEndian.Uint64(data[j:])); m != 0 {
					j += bits.TrailingZeros64(m) >> 3
					if data[j] == '"' && j+1 < len(data) && data[j+1] == ':' {
						d.pos = j + 2
						return data[i+1 : j], nil
					}
					break
				}
			}
		}
	}
	return d.Key(n)
}

// anyValue decodes the next value into its generic form.
func (d *Decoder) anyValue() (any, error) {
	switch c := d.peek(); {
	case c == '"':
		return d.readString()
	case c == '{':
		var m map[string]any
		err := MapAny(d, &m)
		return m, err
	case c == '[':
		d.pos++
		d.depth++
		if d.depth > maxDepth {
			return nil, d.syntax("exceeded max depth")
		}
		a := []any{}
		for n := 0; ; n++ {
			more, err := d.Elem(n)
			if err != nil || !more {
				return a, err
			}
			v, err := d.anyValue()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == 't':
		if d.literal("true") {
			return true, nil
		}
	case c == 'f':
		if d.literal("false") {
			return false, nil
		}
	case c == 'n':
		if d.literal("null") {
			return nil, nil
		}
	case c == '-' || (c >= '0' && c <= '9'):
		if f, ok := d.smallInt(); ok {
			return f, nil
		}
		lit, _, err := d.number()
		if err != nil {
			return nil, err
		}
		f, perr := strconv.ParseFloat(string(lit), 64)
		if perr != nil {
			return nil, d.mismatch("number (out of range)")
		}
		return f, nil
	case c == 0:
		return nil, d.syntax("unexpected end of JSON input")
	}
	return nil, d.syntax("invalid character looking for beginning of value")
}

// smallInt reads a number at d.pos that is a plain integer of at most 15
// digits, which float64 holds exactly, as ParseFloat would; ok is false
// (and nothing is read) for any other number, and for "-0", whose sign
// only ParseFloat keeps.
func (d *Decoder) smallInt() (float64, bool) {
	data := d.data
	i := d.pos
	neg := data[i] == '-'
	if neg {
		i++
	}
	j := i
	var u int64
	for j < len(data) && j-i < 15 && data[j]-'0' <= 9 {
		u = u*10 + int64(data[j]-'0')
		j++
	}
	if j == i || (data[i] == '0' && j > i+1) || (neg && u == 0) || (j < len(data) && numberByte[data[j]]) {
		return 0, false
	}
	d.pos = j
	if neg {
		u = -u
	}
	return float64(u), true
}
