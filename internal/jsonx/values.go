package jsonx

import (
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"strconv"
)

// The helpers below store one value the way encoding/json stores it into a
// destination of the same Go kind: null leaves non-nillable destinations
// alone and sets nillable ones to nil, a value of the wrong JSON kind is an
// error, and existing pointers, slices and maps are decoded into rather
// than replaced.

// String decodes a JSON string into a string-kinded destination.
func String[T ~string](d *Decoder, p *T) error {
	switch d.peek() {
	case '"':
		s, err := d.readString()
		if err != nil {
			return err
		}
		*p = T(s)
		return nil
	case 'n':
		if d.literal("null") {
			return nil
		}
	}
	return d.mismatch("string")
}

// StringPtr decodes into a pointer to a string-kinded type.
func StringPtr[T ~string](d *Decoder, p **T) error {
	if sp, ok := any(p).(**string); ok {
		var err error
		*sp, err = StringTo(d, *sp)
		return err
	}
	switch d.peek() {
	case '"':
		s, err := d.readString()
		if err != nil {
			return err
		}
		if *p == nil {
			*p = new(T)
		}
		**p = T(s)
		return nil
	case 'n':
		if d.literal("null") {
			*p = nil
			return nil
		}
	}
	return d.mismatch("string")
}

// StringTo decodes into the *string p as StringPtr does and returns the
// pointer to store: nil for null, p itself on error. Generated decoders
// convert pointers to named string types to *string and back around it,
// so that those share its allocations too.
func StringTo(d *Decoder, p *string) (*string, error) {
	// Fast path, the common case inline: a string that follows directly
	// and whose first special byte is its closing quote.
	data := d.data
	if i := d.pos; i < len(data) && data[i] == '"' {
		j := i + 1
		for j+8 <= len(data) {
			if m := special(binary.LittleEndian.Uint64(data[j:])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				if data[j] != '"' {
					break
				}
				if p == nil {
					p = d.newString()
				}
				*p = d.keep(data[i+1 : j])
				d.pos = j + 1
				return p, nil
			}
			j += 8
		}
	}
	switch d.peek() {
	case '"':
		s, err := d.readString()
		if err != nil {
			return p, err
		}
		if p == nil {
			p = d.newString()
		}
		*p = s
		return p, nil
	case 'n':
		if d.literal("null") {
			return nil, nil
		}
	}
	return p, d.mismatch("string")
}

// Bool decodes true or false into a bool-kinded destination.
func Bool[T ~bool](d *Decoder, p *T) error {
	switch d.peek() {
	case 't':
		if d.literal("true") {
			*p = true
			return nil
		}
	case 'f':
		if d.literal("false") {
			*p = false
			return nil
		}
	case 'n':
		if d.literal("null") {
			return nil
		}
	}
	return d.mismatch("bool")
}

// BoolPtr decodes into a pointer to a bool-kinded type.
func BoolPtr[T ~bool](d *Decoder, p **T) error {
	if d.Null() {
		*p = nil
		return nil
	}
	var v T
	if err := Bool(d, &v); err != nil {
		return err
	}
	if *p == nil {
		if bp, ok := any(p).(**bool); ok {
			*bp = d.newBool()
		} else {
			*p = new(T)
		}
	}
	**p = v
	return nil
}

// Signed is the set of signed integer kinds.
type Signed interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

// Unsigned is the set of unsigned integer kinds.
type Unsigned interface {
	~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// Float is the set of floating-point kinds.
type Float interface{ ~float32 | ~float64 }

// readInt reads a number that must be an integer within int64, as
// strconv.ParseInt(s, 10, 64) would accept it; ok is false for null.
func (d *Decoder) readInt() (n int64, ok bool, err error) {
	// Fast path: up to 18 digits, which cannot overflow, that follow
	// directly and end the number; anything else takes the general path.
	data := d.data
	if i := d.pos; i < len(data) {
		j := i
		if data[j] == '-' {
			j++
		}
		if j < len(data) && data[j]-'0' <= 9 {
			var u int64
			k := j
			if data[j] == '0' {
				k++
			} else {
				if j+8 <= len(data) {
					// Eight digits at once, when there are (timestamps).
					if w := binary.LittleEndian.Uint64(data[j:]); eightDigits(w) {
						u, k = parseEight(w), j+8
					}
				}
				for k < len(data) && k-j < 18 && data[k]-'0' <= 9 {
					u = u*10 + int64(data[k]-'0')
					k++
				}
			}
			if k == len(data) || !numberByte[data[k]] {
				if data[i] == '-' {
					u = -u
				}
				d.pos = k
				return u, true, nil
			}
		}
	}
	switch c := d.peek(); {
	case c == '-' || (c >= '0' && c <= '9'):
	case c == 'n' && d.literal("null"):
		return 0, false, nil
	default:
		return 0, false, d.mismatch("integer")
	}
	lit, integer, err := d.number()
	if err != nil {
		return 0, false, err
	}
	if !integer {
		return 0, false, d.mismatch("integer")
	}
	neg := lit[0] == '-'
	digits := lit
	if neg {
		digits = lit[1:]
	}
	if len(digits) < 19 { // cannot overflow int64
		var u int64
		for _, c := range digits {
			u = u*10 + int64(c-'0')
		}
		if neg {
			u = -u
		}
		return u, true, nil
	}
	n, perr := strconv.ParseInt(string(lit), 10, 64)
	if perr != nil {
		return 0, false, d.mismatch("integer")
	}
	return n, true, nil
}

// eightDigits reports whether the eight bytes of w (in input order from
// the low byte) are all ASCII digits.
func eightDigits(w uint64) bool {
	return w&0xf0f0f0f0f0f0f0f0 == 0x3030303030303030 &&
		(w+0x0606060606060606)&0xf0f0f0f0f0f0f0f0 == 0x3030303030303030
}

// parseEight returns the value of the eight digits of w, the first one in
// the low byte: pairs, then quadruples, then the whole, by multiply-shift.
func parseEight(w uint64) int64 {
	w = (w & 0x0f0f0f0f0f0f0f0f) * (10<<8 + 1) >> 8
	w = (w & 0x00ff00ff00ff00ff) * (100<<16 + 1) >> 16
	return int64((w & 0x0000ffff0000ffff) * (10000<<32 + 1) >> 32)
}

// numberByte marks the bytes that can continue a number literal.
var numberByte = [256]bool{'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true, '.': true, 'e': true, 'E': true, '+': true, '-': true}

// Int decodes an integer into a signed integer destination.
func Int[T Signed](d *Decoder, p *T) error {
	n, ok, err := d.readInt()
	if err != nil || !ok {
		return err
	}
	if int64(T(n)) != n {
		return d.mismatch("integer (overflow)")
	}
	*p = T(n)
	return nil
}

// IntPtr decodes into a pointer to a signed integer type.
func IntPtr[T Signed](d *Decoder, p **T) error {
	n, ok, err := d.readInt()
	if err != nil {
		return err
	}
	if !ok {
		*p = nil
		return nil
	}
	if int64(T(n)) != n {
		return d.mismatch("integer (overflow)")
	}
	if *p == nil {
		if ip, ok := any(p).(**int); ok {
			*ip = d.newInt()
		} else {
			*p = new(T)
		}
	}
	**p = T(n)
	return nil
}

// IntTo decodes into the *int p as IntPtr does and returns the pointer to
// store: nil for null, p itself on error. Generated decoders use it for
// *int fields, without IntPtr's generic indirections.
func IntTo(d *Decoder, p *int) (*int, error) {
	n, ok, err := d.readInt()
	if err != nil {
		return p, err
	}
	if !ok {
		return nil, nil
	}
	if int64(int(n)) != n {
		return p, d.mismatch("integer (overflow)")
	}
	if p == nil {
		p = d.newInt()
	}
	*p = int(n)
	return p, nil
}

// BoolTo decodes into the *bool p as BoolPtr does and returns the pointer
// to store: nil for null, p itself on error.
func BoolTo(d *Decoder, p *bool) (*bool, error) {
	var v bool
	switch d.peek() {
	case 't':
		if !d.literal("true") {
			return p, d.mismatch("bool")
		}
		v = true
	case 'f':
		if !d.literal("false") {
			return p, d.mismatch("bool")
		}
	case 'n':
		if d.literal("null") {
			return nil, nil
		}
		return p, d.mismatch("bool")
	default:
		return p, d.mismatch("bool")
	}
	if p == nil {
		p = d.newBool()
	}
	*p = v
	return p, nil
}

// Uint decodes an integer into an unsigned integer destination.
func Uint[T Unsigned](d *Decoder, p *T) error {
	switch c := d.peek(); {
	case c == '-' || (c >= '0' && c <= '9'):
	case c == 'n' && d.literal("null"):
		return nil
	default:
		return d.mismatch("unsigned integer")
	}
	lit, _, err := d.number()
	if err != nil {
		return err
	}
	n, perr := strconv.ParseUint(string(lit), 10, 64)
	if perr != nil || uint64(T(n)) != n {
		return d.mismatch("unsigned integer")
	}
	*p = T(n)
	return nil
}

// readFloat reads a number as strconv.ParseFloat(s, bits) would;
// ok is false for null.
func (d *Decoder) readFloat(bits int) (f float64, ok bool, err error) {
	switch c := d.peek(); {
	case c == '-' || (c >= '0' && c <= '9'):
	case c == 'n' && d.literal("null"):
		return 0, false, nil
	default:
		return 0, false, d.mismatch("number")
	}
	lit, _, err := d.number()
	if err != nil {
		return 0, false, err
	}
	f, perr := strconv.ParseFloat(string(lit), bits)
	if perr != nil {
		return 0, false, d.mismatch("number (out of range)")
	}
	return f, true, nil
}

// Float64 decodes a number into a float64-kinded destination.
func Float64[T ~float64](d *Decoder, p *T) error {
	f, ok, err := d.readFloat(64)
	if ok {
		*p = T(f)
	}
	return err
}

// Float32 decodes a number into a float32-kinded destination.
func Float32[T ~float32](d *Decoder, p *T) error {
	f, ok, err := d.readFloat(32)
	if ok {
		*p = T(f)
	}
	return err
}

// Ptr decodes into a pointer: null sets it to nil, anything else is decoded
// by fn into the existing target, or a new one when the pointer is nil.
func Ptr[T any](d *Decoder, p **T, fn func(*Decoder, *T) error) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(T)
	}
	return fn(d, *p)
}

// Map decodes an object into a map with string-kinded keys: a nil map is
// made, existing entries stay, and each value is decoded by fn into a fresh
// zero value before it is stored. Null sets the map to nil.
func Map[K ~string, V any](d *Decoder, p *map[K]V, fn func(*Decoder, *V) error) error {
	ok, err := d.Object()
	if !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	m := *p
	if m == nil {
		m = make(map[K]V)
		*p = m
	}
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil || key == nil {
			return err
		}
		k := K(key)
		var v V
		if err := fn(d, &v); err != nil {
			return err
		}
		m[k] = v
	}
}

// Unmarshaler hands the raw next value, null included, to u, as
// encoding/json does for a destination whose address has UnmarshalJSON.
func Unmarshaler(d *Decoder, u json.Unmarshaler) error {
	raw, err := d.Raw()
	if err != nil {
		return err
	}
	return u.UnmarshalJSON(raw)
}

// UnmarshalerPtr decodes into a pointer whose target has UnmarshalJSON:
// null sets the pointer to nil; anything else goes to the method of the
// existing target, or of a new one.
func UnmarshalerPtr[T any, PT interface {
	*T
	json.Unmarshaler
}](d *Decoder, p **T) error {
	if d.Null() {
		*p = nil
		return nil
	}
	raw, err := d.Raw()
	if err != nil {
		return err
	}
	if *p == nil {
		*p = new(T)
	}
	return PT(*p).UnmarshalJSON(raw)
}

// Std decodes the next value into v (a pointer) with encoding/json, for
// destination types no generated decoder covers.
func Std(d *Decoder, v any) error {
	raw, err := d.Raw()
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}
