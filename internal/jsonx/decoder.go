package jsonx

import (
	"encoding/json"
	"fmt"
	"reflect"
	"unsafe"
)

// maxDepth is encoding/json's nesting limit: deeper input is an error there,
// so it is one here too, counted over the whole document.
const maxDepth = 10000

// Decoder reads one JSON document held in memory. Generated decode
// functions call its methods and the generic helpers of this package; each
// call reads exactly one JSON value (or one object key) and leaves the
// position after it. A decoder lives for one Run (or Valid): its buffers
// are not cleared of the pointers they held, so it must not be pooled or
// otherwise kept after its document is decoded.
type Decoder struct {
	data  []byte
	pos   int
	depth int
	kbuf  []byte // unescaped object keys
	fbuf  []byte // folded object keys
	sbuf  []byte // unescaped strings that are validated and dropped

	// Blocks that targets of *string, *int and *bool fields are carved
	// from: one allocation per block instead of one per field.
	strs                 *[strBlock]string
	ints                 *[intBlock]int
	bools                *[boolBlock]bool
	nstrs, nints, nbools int

	// Decoded strings are cut from arena (see keep).
	arena []byte

	slabs *[slabWays]*slab // per-type slabs (slab.go), made on first use

	// The listener of top-level members (RunBody), the key of the member
	// being read and where its value starts, and whether the top-level
	// object's end was reached.
	top    *TopLevel
	tkey   []byte
	tstart int
	topEnd bool
}

// strChunk is the size of one arena block: strings cut from one block share
// its allocation, so a kept string holds at most about this much else
// alive. Longer strings get an allocation of their own.
const strChunk = 1024

// keep returns b as a string. Strings are cut from the arena, one
// allocation for many: its bytes are only ever appended to, never written
// again, so the strings that point into it stay as immutable as any other
// (the same arrangement as strings.Builder).
func (d *Decoder) keep(b []byte) string {
	n := len(b)
	if n > cap(d.arena)-len(d.arena) {
		if n > strChunk/4 {
			return string(b)
		}
		d.arena = make([]byte, 0, strChunk)
	}
	off := len(d.arena)
	d.arena = append(d.arena, b...)
	return d.cut(off)
}

// cut returns arena[off:] as a string sharing its memory.
func (d *Decoder) cut(off int) string {
	if off == len(d.arena) {
		return ""
	}
	return unsafe.String(&d.arena[off], len(d.arena)-off)
}

// keepUnquoted unescapes the string at d.pos (see unquote) into the
// arena and returns it. Should the value outgrow the block, append moves
// it to a new array and the block's earlier strings keep the old one.
func (d *Decoder) keepUnquoted(from int) (string, error) {
	if raw := from - d.pos; raw > cap(d.arena)-len(d.arena) {
		d.arena = make([]byte, 0, max(strChunk, raw))
	}
	off := len(d.arena)
	b, err := d.unquote(d.arena, from)
	if err != nil {
		return "", err
	}
	d.arena = b
	return d.cut(off), nil
}

// Block sizes: small, so that holding one field pointer keeps little else
// alive (a block of 32 strings is 512 bytes plus those strings). 32
// rather than 16 strings halves the blocks a contact needs (it has about
// 40 string fields), which made decoding one about 5% faster.
const (
	strBlock  = 32
	intBlock  = 32
	boolBlock = 64
)

// newString returns the next string of the current block. Blocks are
// filled by index rather than by reslicing, which would write a pointer
// (and so run the GC's write barrier) on every call.
func (d *Decoder) newString() *string {
	if d.strs == nil || d.nstrs == strBlock {
		d.strs, d.nstrs = new([strBlock]string), 0
	}
	p := &d.strs[d.nstrs]
	d.nstrs++
	return p
}

func (d *Decoder) newInt() *int {
	if d.ints == nil || d.nints == intBlock {
		d.ints, d.nints = new([intBlock]int), 0
	}
	p := &d.ints[d.nints]
	d.nints++
	return p
}

func (d *Decoder) newBool() *bool {
	if d.bools == nil || d.nbools == boolBlock {
		d.bools, d.nbools = new([boolBlock]bool), 0
	}
	p := &d.bools[d.nbools]
	d.nbools++
	return p
}

// Error is a failure of the fast path. Callers only see one when Strict is
// set: otherwise Run answers with encoding/json's own error.
type Error struct {
	Offset int    // byte offset in the input where decoding stopped
	Msg    string // what went wrong
}

// Error describes the failure and where it happened.
func (e *Error) Error() string {
	return fmt.Sprintf("intercom: jsonx: %s at offset %d", e.Msg, e.Offset)
}

// Strict makes Run return the fast path's own result, with no second
// decode by encoding/json after a failure. Only the differential tests set
// it, so that a failure encoding/json would not have is seen as a bug rather
// than hidden by the fallback.
var Strict bool

// Run decodes data, one JSON value with optional surrounding whitespace,
// into v with fn. If the fast path fails, v is restored to what it held
// before (a shallow copy: values behind pointers it already held may have
// been written) and the result of encoding/json.Unmarshal(data, v) is
// returned, so errors are exactly encoding/json's and a fast-path bug
// cannot lose data.
func Run[T any](data []byte, v *T, fn func(*Decoder, *T) error) error {
	if v == nil {
		return json.Unmarshal(data, v)
	}
	return run(data, v, func(d *Decoder) error { return fn(d, v) }, nil)
}

// RunFunc is Run for a destination v, a pointer, that fn decodes into. The
// generated packages call it rather than Run: an instance of a generic
// function is compiled for every type it is used with, twice (a typed
// wrapper and its shape's body), in every user's build.
func RunFunc(data []byte, v any, fn func(*Decoder) error) error {
	if !nonNilPointer(v) {
		return json.Unmarshal(data, v)
	}
	return run(data, v, fn, nil)
}

func nonNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && !rv.IsNil()
}

// run is Run with its destination untyped (v is a non-nil pointer, and fn
// decodes into it), so that it is compiled once rather than once per
// decoded type in every generated package: a generic run was a tenth of
// a generated package's code. What it cannot do without v's type, keep a
// copy of *v to restore, it does through reflect, and only when *v is not
// already zero (a fresh destination, as in every decode the client makes).
func run(data []byte, v any, fn func(*Decoder) error, top *TopLevel) error {
	if !Fast {
		return json.Unmarshal(data, v)
	}
	dst := reflect.ValueOf(v).Elem()
	var old reflect.Value
	if !dst.IsZero() {
		old = reflect.New(dst.Type()).Elem()
		old.Set(dst)
	}
	d := &Decoder{data: data}
	if top != nil {
		top.Complete = false
		if top.Member != nil {
			d.top = top
		}
	}
	err := fn(d)
	if err == nil {
		err = d.end()
	}
	if err == nil && top != nil {
		top.Complete = d.topEnd
	}
	if err == nil || Strict {
		return err
	}
	if old.IsValid() {
		dst.Set(old)
	} else {
		dst.SetZero()
	}
	return json.Unmarshal(data, v)
}

// end checks that only whitespace follows the top-level value.
func (d *Decoder) end() error {
	if d.skipSpace() {
		return d.syntax("invalid character after top-level value")
	}
	return nil
}

func (d *Decoder) syntax(msg string) error { return &Error{Offset: d.pos, Msg: msg} }

// mismatch reports a JSON value of the wrong kind for the destination.
func (d *Decoder) mismatch(want string) error {
	return &Error{Offset: d.pos, Msg: "cannot decode " + d.kind() + " into " + want}
}

func (d *Decoder) kind() string {
	if d.pos >= len(d.data) {
		return "end of input"
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "bool"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "number"
	}
	return fmt.Sprintf("invalid character %q", d.data[d.pos])
}

// skipSpace moves past JSON whitespace and reports whether input remains.
func (d *Decoder) skipSpace() bool {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return true
		}
	}
	return false
}

// peek returns the first byte of the next value, or 0 at the end of input.
func (d *Decoder) peek() byte {
	if d.pos < len(d.data) {
		// Most values follow ':' or ',' directly or after one space.
		if c := d.data[d.pos]; c > ' ' {
			return c
		}
	}
	if !d.skipSpace() {
		return 0
	}
	return d.data[d.pos]
}

// Null consumes a null literal if one comes next.
func (d *Decoder) Null() bool {
	if d.peek() == 'n' && d.literal("null") {
		return true
	}
	return false
}

// literal consumes lit if the input continues with it.
func (d *Decoder) literal(lit string) bool {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return true
	}
	return false
}

// Object starts decoding an object. It returns false and no error for null
// (nothing to store), false and an error for anything but an object, and
// true after the opening brace; then call Key until it returns nil.
func (d *Decoder) Object() (bool, error) {
	switch d.peek() {
	case '{':
		d.pos++
		d.depth++
		if d.depth > maxDepth {
			return false, d.syntax("exceeded max depth")
		}
		return true, nil
	case 'n':
		if d.literal("null") {
			return false, nil
		}
		return false, d.syntax("invalid literal")
	}
	return false, d.mismatch("object")
}

// Key returns the next key of the object Object opened, unescaped, and
// consumes the colon after it; n counts the keys read before. At the end of
// the object it returns a nil key. The key is valid until the next call.
func (d *Decoder) Key(n int) ([]byte, error) {
	if d.top != nil && d.depth == 1 {
		return d.topKey(n)
	}
	return d.key(n)
}

func (d *Decoder) key(n int) ([]byte, error) {
	c := d.peek()
	if c == '}' {
		d.pos++
		d.depth--
		return nil, nil
	}
	if n > 0 {
		if c != ',' {
			return nil, d.syntax("expected ',' or '}' after object value")
		}
		d.pos++
		c = d.peek()
	}
	if c != '"' {
		return nil, d.syntax("expected string for object key")
	}
	key, err := d.keyBytes()
	if err != nil {
		return nil, err
	}
	if d.peek() != ':' {
		return nil, d.syntax("expected ':' after object key")
	}
	d.pos++
	if key == nil {
		key = []byte{} // the empty key is still a key
	}
	return key, nil
}

// Array starts decoding an array, like Object; then call Elem until it
// returns false.
func (d *Decoder) Array() (bool, error) {
	switch d.peek() {
	case '[':
		d.pos++
		d.depth++
		if d.depth > maxDepth {
			return false, d.syntax("exceeded max depth")
		}
		return true, nil
	case 'n':
		if d.literal("null") {
			return false, nil
		}
		return false, d.syntax("invalid literal")
	}
	return false, d.mismatch("array")
}

// Elem reports whether another element follows in the array Array opened;
// n counts the elements read before.
func (d *Decoder) Elem(n int) (bool, error) {
	c := d.peek()
	if c == ']' {
		d.pos++
		d.depth--
		return false, nil
	}
	if n > 0 {
		if c != ',' {
			return false, d.syntax("expected ',' or ']' after array element")
		}
		d.pos++
		if d.peek() == ']' {
			return false, d.syntax("expected value after ','")
		}
	}
	return true, nil
}

// Skip validates and discards the next value.
func (d *Decoder) Skip() error {
	_, err := d.Raw()
	return err
}

// Raw validates the next value and returns its bytes, without surrounding
// whitespace. The slice aliases the input.
func (d *Decoder) Raw() ([]byte, error) {
	if d.peek() == 0 {
		return nil, d.syntax("unexpected end of JSON input")
	}
	start := d.pos
	if err := d.skipValue(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// skipValue validates one value starting at d.pos (not whitespace).
func (d *Decoder) skipValue() error {
	switch c := d.data[d.pos]; {
	case c == '"':
		return d.skipString()
	case c == '{':
		d.pos++
		d.depth++
		if d.depth > maxDepth {
			return d.syntax("exceeded max depth")
		}
		for n := 0; ; n++ {
			key, err := d.Key(n)
			if err != nil {
				return err
			}
			if key == nil {
				return nil
			}
			if d.peek() == 0 {
				return d.syntax("unexpected end of JSON input")
			}
			if err := d.skipValue(); err != nil {
				return err
			}
		}
	case c == '[':
		d.pos++
		d.depth++
		if d.depth > maxDepth {
			return d.syntax("exceeded max depth")
		}
		for n := 0; ; n++ {
			more, err := d.Elem(n)
			if err != nil {
				return err
			}
			if !more {
				return nil
			}
			if d.peek() == 0 {
				return d.syntax("unexpected end of JSON input")
			}
			if err := d.skipValue(); err != nil {
				return err
			}
		}
	case c == 't':
		if d.literal("true") {
			return nil
		}
	case c == 'f':
		if d.literal("false") {
			return nil
		}
	case c == 'n':
		if d.literal("null") {
			return nil
		}
	case c == '-' || (c >= '0' && c <= '9'):
		_, _, err := d.number()
		return err
	}
	return d.syntax("invalid character looking for beginning of value")
}
