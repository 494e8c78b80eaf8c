package facade

import "github.com/oapi-codegen/nullable"

// Ptr returns a pointer to a copy of v.
//
// The generated types mark every optional field with a pointer, so that an
// absent value (omitted from the JSON) differs from a zero one (sent as 0,
// "" or false); Go has no literal for a pointer to a constant, which is what
// Ptr gives: v2_16.Contact{Email: facade.Ptr("ann@example.com")}. To read
// such a field back, use its generated getter (contact.GetEmail()), which
// returns the zero value when the field or the struct is nil.
func Ptr[T any](v T) *T { return &v }

// Deref and DerefNullable read a field of params or a body whatever its
// generated shape (*T or nullable.Nullable[T]): the value, or T's zero
// value when it is absent. The generated iterators use them.

// Deref returns *p, or T's zero value when p is nil.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// DerefNullable returns n's value, or T's zero value when n is absent or null.
func DerefNullable[T any](n nullable.Nullable[T]) T {
	v, err := n.Get()
	if err != nil {
		var zero T
		return zero
	}
	return v
}
