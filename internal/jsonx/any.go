package jsonx

import "strconv"

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
// attributes, without a function call per value. The keys of one object
// become substrings of one string, inserted once the object is read.
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
	// Nested objects use the same buffers above these marks and cut them
	// back when they are done.
	kb, eb := len(d.mkeys), len(d.ments)
	defer func() {
		clear(d.ments[eb:])
		d.mkeys, d.ments = d.mkeys[:kb], d.ments[:eb]
	}()
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil {
			return err
		}
		if key == nil {
			break
		}
		off := len(d.mkeys)
		d.mkeys = append(d.mkeys, key...)
		e := mapEntry{off: off - kb, end: len(d.mkeys) - kb}
		if d.peek() == '"' {
			// A string value joins the keys' allocation.
			if e.send, err = d.appendString(); err != nil {
				return err
			}
			e.send -= kb
			e.str = true
		} else if e.v, err = d.anyValue(); err != nil {
			return err
		}
		d.ments = append(d.ments, e)
	}
	if len(d.ments) > eb {
		all := string(d.mkeys[kb:])
		for _, e := range d.ments[eb:] {
			v := e.v
			if e.str {
				v = all[e.end:e.send]
			}
			m[K(all[e.off:e.end])] = v // in order: a repeated key's last value wins
		}
	}
	return nil
}

// mapEntry is one member of an object MapAny reads: its key is
// mkeys[off:end] and its value v, or if str mkeys[end:send] (offsets
// from the object's start in mkeys).
type mapEntry struct {
	off, end, send int
	str            bool
	v              any
}

// appendString reads a string value (the caller has checked that '"' comes
// next) onto d.mkeys and returns the new length.
func (d *Decoder) appendString() (int, error) {
	end, clean, err := d.scanString()
	if err != nil {
		return 0, err
	}
	if clean {
		d.mkeys = append(d.mkeys, d.data[d.pos+1:end]...)
		d.pos = end + 1
		return len(d.mkeys), nil
	}
	d.mkeys, err = d.unquote(d.mkeys, end)
	return len(d.mkeys), err
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
