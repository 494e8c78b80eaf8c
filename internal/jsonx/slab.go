package jsonx

import (
	"reflect"
	"unsafe"
)

// Small targets that generated decoders allocate again and again (the
// struct behind a pointer field, the elements of a short array) are carved
// from slabs: one allocation of about slabBytes per many values, as for
// *string and *int targets. A slab is per decoder and per type; generated
// code names a type's slab by a slot number the generator gives it, and
// the decoder keeps slabWays slots. A type whose slots are all held by
// other types, or too large for a slab to pay, is allocated one by one.
const (
	slabWays  = 64
	slabProbe = 4 // slots tried from the one given
	slabBytes = 1024
	slabMin   = 4 // fewer values per slab are allocated one by one
)

type slab struct {
	key  any          // (*T)(nil) for values of type T: cheaper to compare than a reflect.Type
	arr  reflect.Type // of a buffer, an array of T; nil when T does not go in slabs
	size uintptr
	buf  array // the buffer: arr's values
	n    int   // values of buf handed out
}

// slabFor returns d's slab for values of type T, given as key (*T)(nil),
// or nil when they are allocated one by one.
func (d *Decoder) slabFor(key any, slot int) *slab {
	if d.slabs == nil {
		d.slabs = new([slabWays]*slab)
	}
	for k := 0; k < slabProbe; k++ {
		e := &d.slabs[(slot+k)&(slabWays-1)]
		if s := *e; s != nil && s.key == key {
			if s.arr == nil {
				return nil
			}
			return s
		}
		if *e == nil {
			t := reflect.TypeOf(key).Elem()
			s := &slab{key: key, size: t.Size()}
			*e = s
			if s.size == 0 || s.size*slabMin > slabBytes {
				return nil
			}
			// Buffers are allocated by reflect rather than by generic
			// code, which would be compiled once per type.
			s.arr = reflect.ArrayOf(int(slabBytes/s.size), t)
			s.refill()
			return s
		}
	}
	return nil
}

// refill starts a new buffer (the old one stays alive as long as values in
// it do).
func (s *slab) refill() {
	s.buf = array{p: reflect.New(s.arr).UnsafePointer(), n: s.arr.Len(), c: s.arr.Len()}
	s.n = 0
}

// at returns the address of value i of the buffer.
func (s *slab) at(i int) unsafe.Pointer { return unsafe.Add(s.buf.p, uintptr(i)*s.size) }

// next returns a zero value from the slab.
func (s *slab) next() unsafe.Pointer {
	if s.n == s.buf.n {
		s.refill()
	}
	p := s.at(s.n)
	s.n++
	return p
}

// PtrIn is Ptr with a new target taken from the slab of slot.
func PtrIn[T any](d *Decoder, p **T, fn func(*Decoder, *T) error, slot int) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		if s := d.slabFor((*T)(nil), slot); s != nil {
			*p = (*T)(s.next())
		} else {
			*p = new(T)
		}
	}
	return fn(d, *p)
}
