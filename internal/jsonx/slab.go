package jsonx

import "reflect"

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

type slab[T any] struct {
	buf []T // nil when T does not go in slabs
	n   int // values of buf handed out
}

// slabFor returns d's slab for T, or nil when T is allocated one by one.
func slabFor[T any](d *Decoder, slot int) *slab[T] {
	if d.slabs == nil {
		d.slabs = new([slabWays]any)
	}
	for k := 0; k < slabProbe; k++ {
		e := &d.slabs[(slot+k)&(slabWays-1)]
		if s, ok := (*e).(*slab[T]); ok {
			if s.buf == nil {
				return nil
			}
			return s
		}
		if *e == nil {
			s := &slab[T]{}
			if size := reflect.TypeFor[T]().Size(); size > 0 && size*slabMin <= slabBytes {
				s.buf = make([]T, slabBytes/size)
			}
			*e = s
			if s.buf == nil {
				return nil
			}
			return s
		}
	}
	return nil
}

// next returns a zero T from the slab, starting a new buffer when this one
// is used up (the old one stays alive as long as values in it do).
func (s *slab[T]) next() *T {
	if s.n == len(s.buf) {
		s.buf, s.n = make([]T, len(s.buf)), 0
	}
	p := &s.buf[s.n]
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
		if s := slabFor[T](d, slot); s != nil {
			*p = s.next()
		} else {
			*p = new(T)
		}
	}
	return fn(d, *p)
}

// SliceIn is Slice with a new short array's elements decoded in place in
// the slab of slot; the result's capacity is its length, so that an
// append by the caller copies rather than overwrites the slab's next
// values.
func SliceIn[T any](d *Decoder, p *[]T, fn func(*Decoder, *T) error, slot int) error {
	if cap(*p) != 0 {
		return Slice(d, p, fn)
	}
	ok, err := d.Array()
	if !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	s := slabFor[T](d, slot)
	if s == nil {
		return freshSlice(d, p, fn)
	}
	// Elements go to s.buf[start:], while no decode in between takes a
	// value from the same slab and the buffer lasts; then they move to an
	// ordinary slice.
	if s.n == len(s.buf) {
		s.buf, s.n = make([]T, len(s.buf)), 0
	}
	buf, start := s.buf, s.n
	for i := 0; ; i++ {
		more, err := d.Elem(i)
		if err != nil || !more {
			if i == 0 && err == nil {
				*p = []T{}
			} else {
				*p = buf[start : start+i : start+i]
			}
			return err
		}
		if i == smallArray || s.n != start+i || &s.buf[0] != &buf[0] || s.n == len(s.buf) {
			// Long, interleaved or out of room: continue as freshSlice
			// would, from a copy of the elements so far.
			return moveSlice(d, p, buf[start:start+i:start+i], fn)
		}
		s.n++
		if err := fn(d, &buf[start+i]); err != nil {
			*p = buf[start : start+i+1 : start+i+1]
			return err
		}
	}
}

// moveSlice continues decoding an array whose first len(head) elements
// are in head, as freshSlice would have, in memory of its own; element
// len(head) is due (its separator has been read).
func moveSlice[T any](d *Decoder, p *[]T, head []T, fn func(*Decoder, *T) error) error {
	s := append([]T(nil), head...)
	for i := len(head); ; i++ {
		if i > len(head) {
			more, err := d.Elem(i)
			if err != nil || !more {
				*p = s
				return err
			}
		}
		if i == smallArray {
			return longSlice(d, p, s, fn)
		}
		s = grow(s)
		if err := fn(d, &s[i]); err != nil {
			*p = s
			return err
		}
	}
}
