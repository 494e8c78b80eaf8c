package jsonx

import (
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
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

// Slice decodes an array into a slice like encoding/json: elements are
// decoded into the slice's existing elements (and into its spare capacity),
// an empty array gives a non-nil empty slice and null gives nil.
func Slice[T any](d *Decoder, p *[]T, fn func(*Decoder, *T) error) error {
	ok, err := d.Array()
	if !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	if cap(*p) == 0 {
		return freshSlice(d, p, fn)
	}
	s := *p
	i := 0
	for ; ; i++ {
		more, err := d.Elem(i)
		if err != nil {
			*p = s
			return err
		}
		if !more {
			break
		}
		if i >= cap(s) {
			var zero T
			s = append(s, zero)
		} else if i >= len(s) {
			s = s[:i+1]
		}
		if err := fn(d, &s[i]); err != nil {
			*p = s
			return err
		}
	}
	if i < len(s) {
		s = s[:i]
	}
	if i == 0 {
		s = []T{}
	}
	*p = s
	return nil
}

// yieldEvery is how many elements of a long array are decoded between
// yields of the processor.
const yieldEvery = 16

// smallArray is how many elements freshSlice collects by plain appends
// before it moves on to longSlice.
const smallArray = 8

// longArrays holds, per element type, what decoding long arrays needs: a
// pool of slices that they are decoded into before one exact copy (a page
// of 150 contacts then costs one 150-element allocation instead of the 1,
// 2, 4 ... 256 chain of growth), and the length of the last one decoded.
// Pages of one list mostly have the same length, so the next array of the
// type is decoded straight into a result of that capacity, with no copy.
var longArrays sync.Map // reflect.Type -> *longArray[T]

// maxGuess bounds the memory a guessed capacity may take, so that one
// huge array does not make the next short one of its type costly.
const maxGuess = 1 << 20

type longArray[T any] struct {
	pool sync.Pool // of *[]T
	last atomic.Int64
}

func longArrayOf[T any]() *longArray[T] {
	la, ok := longArrays.Load(reflect.TypeFor[T]())
	if !ok {
		la, _ = longArrays.LoadOrStore(reflect.TypeFor[T](), &longArray[T]{pool: sync.Pool{New: func() any { return new([]T) }}})
	}
	return la.(*longArray[T])
}

// grow extends s by one zero element. Memory past the length of the
// slices it is given is zero (fresh from make or append, or cleared before
// pooling), so reslicing is enough where there is room, and spares writing
// a zero T through the GC's write barrier for every element.
func grow[T any](s []T) []T {
	if len(s) < cap(s) {
		return s[:len(s)+1]
	}
	var zero T
	return append(s, zero)
}

// freshSlice decodes an array into an empty destination.
func freshSlice[T any](d *Decoder, p *[]T, fn func(*Decoder, *T) error) error {
	var s []T
	for i := 0; ; i++ {
		more, err := d.Elem(i)
		if err != nil {
			*p = s
			return err
		}
		if !more {
			if i == 0 {
				s = []T{}
			}
			*p = s
			return nil
		}
		if i == smallArray || i == 0 && reflect.TypeFor[T]().Size() >= bigElem {
			return longSlice(d, p, s, fn)
		}
		s = grow(s)
		if err := fn(d, &s[i]); err != nil {
			*p = s
			return err
		}
	}
}

// bigElem is the element size from which freshSlice leaves an array to
// longSlice from its first element: arrays of such values are mostly the
// items of a page, whose length longSlice can guess, and growing through
// 1, 2, 4 and 8 of them first costs more than it could save.
const bigElem = 256

// longSlice continues freshSlice, whose next element is due, then leaves
// in *p a slice whose capacity is its length, or up to twice it when the
// array was decoded in place at the capacity of the last one.
func longSlice[T any](d *Decoder, p *[]T, head []T, fn func(*Decoder, *T) error) error {
	a := longArrayOf[T]()
	var s []T
	var sp *[]T
	if last := int(a.last.Load()); last > len(head) && uintptr(last) <= maxGuess/max(1, reflect.TypeFor[T]().Size()) {
		s = append(make([]T, 0, last), head...)
	} else {
		sp = a.pool.Get().(*[]T)
		s = append((*sp)[:0], head...)
	}
	var err error
	for i := len(s); ; i++ {
		// freshSlice has already seen the separator before element len(head).
		if i > len(head) {
			var more bool
			if more, err = d.Elem(i); err != nil || !more {
				break
			}
		}
		if i%yieldEvery == yieldEvery-1 {
			// A long array of large values takes a while (a page of 150
			// contacts, half a millisecond): let goroutines waiting for
			// this processor run now and then, such as the one reading
			// the next page, rather than only when the array is done.
			runtime.Gosched()
		}
		s = grow(s)
		if err = fn(d, &s[i]); err != nil {
			break
		}
	}
	a.last.Store(int64(len(s)))
	if sp == nil && cap(s) <= 2*len(s) {
		*p = s
		return err
	}
	out := make([]T, len(s))
	copy(out, s)
	*p = out
	if sp != nil {
		clear(s) // the pool must not keep decoded values alive
		*sp = s[:0]
		a.pool.Put(sp)
	}
	return err
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
