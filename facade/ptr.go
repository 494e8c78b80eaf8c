package facade

// Ptr returns a pointer to a copy of v.
//
// The generated types mark every optional field with a pointer, so that an
// absent value (omitted from the JSON) differs from a zero one (sent as 0,
// "" or false); Go has no literal for a pointer to a constant, which is what
// Ptr gives: v2_16.Contact{Email: facade.Ptr("ann@example.com")}. To read
// such a field back, use its generated getter (contact.GetEmail()), which
// returns the zero value when the field or the struct is nil.
func Ptr[T any](v T) *T { return &v }
