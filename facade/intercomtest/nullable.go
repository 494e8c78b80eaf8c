package intercomtest

// The generated types hold nullable fields as nullable.Nullable, a
// map[bool]T: {true: v} is a value, {false: zero} an explicit null, an
// empty map an absent field.

// nval reads a nullable field: its value and whether one was given (an
// explicit null reports false).
func nval[T any](n map[bool]T) (T, bool) {
	v, ok := n[true]
	return v, ok
}

// nset makes a nullable value holding v.
func nset[T any](v T) map[bool]T { return map[bool]T{true: v} }
