package jsonx

import (
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Arrays are decoded by code that is not generic: the exported helpers
// (Slice, SliceIn, PtrIn) are thin typed shells over functions that see an
// element type only as an elemType. A generated package decodes arrays of
// about a hundred element types; generic array code was compiled once per
// type shape, a fifth of such a package's code, and is now compiled once.

// elemType is what the array code needs of an element type T: its size,
// and the few operations that must be typed (allocation, and copies and
// clearing the garbage collector must see), which one generic function,
// arrayOps, does for all of them.
type elemType struct {
	size uintptr
	ops  func(op arrayOp, a array, src unsafe.Pointer, n int) array

	// Long arrays: a pool of slices they are decoded into before one exact
	// copy (a page of 150 contacts then costs one 150-element allocation
	// instead of the 1, 2, 4 ... 256 chain of growth), and the length of
	// the last one decoded. Pages of one list mostly have the same length,
	// so the next array of the type is decoded straight into a result of
	// that capacity, with no copy.
	pool sync.Pool // of *array
	last atomic.Int64
}

type arrayOp uint8

const (
	opMake       arrayOp = iota // make([]T, a.n, a.c)
	opAppend                    // append(a, src[:n]...)
	opAppendZero                // append(a, zero)
	opClear                     // clear(a)
)

// arrayOps does op on an array of T.
func arrayOps[T any](op arrayOp, a array, src unsafe.Pointer, n int) array {
	switch op {
	case opMake:
		return arrayOf(make([]T, a.n, a.c))
	case opAppend:
		if n == 0 {
			return a
		}
		return arrayOf(append(slice[T](a), unsafe.Slice((*T)(src), n)...))
	case opAppendZero:
		var zero T
		return arrayOf(append(slice[T](a), zero))
	default:
		clear(slice[T](a))
		return a
	}
}

// make returns n zero values with room for c.
func (et *elemType) make(n, c int) array { return et.ops(opMake, array{n: n, c: c}, nil, 0) }

// append appends the n values at src to a.
func (et *elemType) append(a array, src unsafe.Pointer, n int) array {
	return et.ops(opAppend, a, src, n)
}

// appendZero appends one zero value to a.
func (et *elemType) appendZero(a array) array { return et.ops(opAppendZero, a, nil, 0) }

// clear zeroes a's values, so that memory kept for reuse holds no pointers.
func (et *elemType) clear(a array) { et.ops(opClear, a, nil, 0) }

// array is a slice of an elemType's values: its first value, length and
// capacity. p is nil for a nil slice.
type array struct {
	p    unsafe.Pointer
	n, c int
}

// empty is an empty array that is not nil, what [] decodes to.
var empty = array{p: unsafe.Pointer(&emptyMem)}

var emptyMem [0]uint64

// at returns the address of value i.
func (a array) at(et *elemType, i int) unsafe.Pointer { return unsafe.Add(a.p, uintptr(i)*et.size) }

// grow extends a by one zero value. Memory past the length of the arrays
// it is given is zero (fresh from make or append, or cleared before
// pooling), so reslicing is enough where there is room, and spares writing
// a zero value through the GC's write barrier for every element.
func (a array) grow(et *elemType) array {
	if a.n < a.c {
		a.n++
		return a
	}
	return et.appendZero(a)
}

// slice is a as a []T.
func slice[T any](a array) []T {
	if a.p == nil {
		return nil
	}
	return unsafe.Slice((*T)(a.p), a.c)[:a.n]
}

func arrayOf[T any](s []T) array {
	return array{p: unsafe.Pointer(unsafe.SliceData(s)), n: len(s), c: cap(s)}
}

var elemTypes sync.Map // reflect.Type -> *elemType

// elemOf returns T's elemType, made on first use.
func elemOf[T any]() *elemType {
	t := reflect.TypeFor[T]()
	if et, ok := elemTypes.Load(t); ok {
		return et.(*elemType)
	}
	et, _ := elemTypes.LoadOrStore(t, newElemType(t, arrayOps[T]))
	return et.(*elemType)
}

func newElemType(t reflect.Type, ops func(arrayOp, array, unsafe.Pointer, int) array) *elemType {
	return &elemType{size: t.Size(), ops: ops, pool: sync.Pool{New: newArray}}
}

func newArray() any { return new(array) }

// elemFunc is a generated decoder of T with its argument untyped.
type elemFunc = func(d *Decoder, v unsafe.Pointer) error

// Slice decodes an array into a slice like encoding/json: elements are
// decoded into the slice's existing elements (and into its spare capacity),
// an empty array gives a non-nil empty slice and null gives nil.
func Slice[T any](d *Decoder, p *[]T, fn func(*Decoder, *T) error) error {
	a, set, err := d.slice(elemOf[T](), arrayOf(*p), func(d *Decoder, v unsafe.Pointer) error { return fn(d, (*T)(v)) })
	if set {
		*p = slice[T](a)
	}
	return err
}

// SliceIn is Slice with a new short array's elements decoded in place in
// the slab of slot; the result's capacity is its length, so that an
// append by the caller copies rather than overwrites the slab's next
// values.
func SliceIn[T any](d *Decoder, p *[]T, fn func(*Decoder, *T) error, slot int) error {
	el := func(d *Decoder, v unsafe.Pointer) error { return fn(d, (*T)(v)) }
	var (
		a   array
		set bool
		err error
	)
	if cap(*p) != 0 {
		a, set, err = d.slice(elemOf[T](), arrayOf(*p), el)
	} else {
		a, set, err = d.sliceIn((*T)(nil), elemOf[T], slot, el)
	}
	if set {
		*p = slice[T](a)
	}
	return err
}

// The functions below return the array to store and whether to store it
// (not when null met a destination that keeps its value, or nothing was
// read).

func (d *Decoder) slice(et *elemType, s array, fn elemFunc) (array, bool, error) {
	ok, err := d.Array()
	if !ok {
		return array{}, err == nil, err
	}
	if s.c == 0 {
		return d.freshSlice(et, fn)
	}
	i := 0
	for ; ; i++ {
		more, err := d.Elem(i)
		if err != nil {
			return s, true, err
		}
		if !more {
			break
		}
		if i >= s.c {
			s = et.appendZero(s)
		} else if i >= s.n {
			s.n = i + 1
		}
		if err := fn(d, s.at(et, i)); err != nil {
			return s, true, err
		}
	}
	if i < s.n {
		s.n = i
	}
	if i == 0 {
		s = empty
	}
	return s, true, nil
}

func (d *Decoder) sliceIn(key any, mk func() *elemType, slot int, fn elemFunc) (array, bool, error) {
	ok, err := d.Array()
	if !ok {
		return array{}, err == nil, err
	}
	s := d.slabFor(key, slot)
	if s == nil {
		return d.freshSlice(mk(), fn)
	}
	// Elements go to s.buf[start:], while no decode in between takes a
	// value from the same slab and the buffer lasts; then they move to an
	// ordinary slice.
	if s.n == s.buf.n {
		s.refill()
	}
	buf, start := s.buf, s.n
	at := func(i int) unsafe.Pointer { return unsafe.Add(buf.p, uintptr(i)*s.size) }
	part := func(n int) array { return array{p: at(start), n: n, c: n} }
	for i := 0; ; i++ {
		more, err := d.Elem(i)
		if err != nil || !more {
			if i == 0 && err == nil {
				return empty, true, nil
			}
			return part(i), true, err
		}
		if i == smallArray || s.n != start+i || s.buf.p != buf.p || s.n == s.buf.n {
			// Long, interleaved or out of room: continue as freshSlice
			// would, from a copy of the elements so far.
			return d.moveSlice(mk(), part(i), fn)
		}
		s.n++
		if err := fn(d, at(start+i)); err != nil {
			return part(i + 1), true, err
		}
	}
}

// moveSlice continues decoding an array whose first head.n elements are in
// head, as freshSlice would have, in memory of its own; element head.n is
// due (its separator has been read).
func (d *Decoder) moveSlice(et *elemType, head array, fn elemFunc) (array, bool, error) {
	s := et.append(array{}, head.p, head.n)
	for i := head.n; ; i++ {
		if i > head.n {
			more, err := d.Elem(i)
			if err != nil || !more {
				return s, true, err
			}
		}
		if i == smallArray {
			return d.longSlice(et, s, fn)
		}
		s = s.grow(et)
		if err := fn(d, s.at(et, i)); err != nil {
			return s, true, err
		}
	}
}

// yieldEvery is how many elements of a long array are decoded between
// yields of the processor.
const yieldEvery = 16

// smallArray is how many elements freshSlice collects by plain appends
// before it moves on to longSlice.
const smallArray = 8

// maxGuess bounds the memory a guessed capacity may take, so that one
// huge array does not make the next short one of its type costly.
const maxGuess = 1 << 20

// bigElem is the element size from which freshSlice leaves an array to
// longSlice from its first element: arrays of such values are mostly the
// items of a page, whose length longSlice can guess, and growing through
// 1, 2, 4 and 8 of them first costs more than it could save.
const bigElem = 256

// freshSlice decodes an array into an empty destination.
func (d *Decoder) freshSlice(et *elemType, fn elemFunc) (array, bool, error) {
	var s array
	for i := 0; ; i++ {
		more, err := d.Elem(i)
		if err != nil {
			return s, true, err
		}
		if !more {
			if i == 0 {
				s = empty
			}
			return s, true, nil
		}
		if i == smallArray || i == 0 && et.size >= bigElem {
			return d.longSlice(et, s, fn)
		}
		s = s.grow(et)
		if err := fn(d, s.at(et, i)); err != nil {
			return s, true, err
		}
	}
}

// longSlice continues freshSlice, whose next element is due, then returns
// an array whose capacity is its length, or up to twice it when the array
// was decoded in place at the capacity of the last one.
func (d *Decoder) longSlice(et *elemType, head array, fn elemFunc) (array, bool, error) {
	var s array
	var sp *array
	if last := int(et.last.Load()); last > head.n && uintptr(last) <= maxGuess/max(1, et.size) {
		s = et.append(et.make(0, last), head.p, head.n)
	} else {
		sp = et.pool.Get().(*array)
		s = et.append(array{p: sp.p, c: sp.c}, head.p, head.n)
	}
	var err error
	for i := s.n; ; i++ {
		// freshSlice has already seen the separator before element head.n.
		if i > head.n {
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
		s = s.grow(et)
		if err = fn(d, s.at(et, i)); err != nil {
			break
		}
	}
	et.last.Store(int64(s.n))
	if sp == nil && s.c <= 2*s.n {
		return s, true, err
	}
	out := et.append(et.make(0, s.n), s.p, s.n)
	if sp != nil {
		et.clear(s) // the pool must not keep decoded values alive
		*sp = array{p: s.p, c: s.c}
		et.pool.Put(sp)
	}
	return out, true, err
}
