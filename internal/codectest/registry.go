// Package codectest holds the differential tests of the generated decoders
// (gen/*/codec.gen.go, internal/jsonx): every JSON example of every
// generated description, mutations of them, hostile inputs and fuzzed
// inputs are decoded with encoding/json and with DecodeJSON, which must
// agree. registry.gen.go, written by intercomgen, maps the descriptions'
// names to the generated types.
package codectest

import (
	"net/http"
	"reflect"
)

// Version is one generated package as the tests see it.
type Version struct {
	Version string // directory name upstream ("2.16", "0")
	Header  string // Intercom-Version value ("2.16", "Preview")
	// Decode is the package's DecodeJSON.
	Decode func(data []byte, v any) error
	// Schemas returns a new value of the generated type of each schema
	// in components/schemas, by schema name.
	Schemas map[string]func() any
	// Operations maps operation ids to their Parse function and request body.
	Operations map[string]Operation
	// Unmapped lists names with no generated counterpart.
	Unmapped []string
	// Fast holds the types DecodeJSON has a generated decoder for (the
	// types Intercom sends, see gen/*/codec.gen.go); it hands any other
	// type to encoding/json, so comparing the two for it would test
	// nothing.
	Fast map[reflect.Type]bool
}

// typesOf returns the set of the types the pointers given point to.
func typesOf(ptrs ...any) map[reflect.Type]bool {
	out := make(map[reflect.Type]bool, len(ptrs))
	for _, p := range ptrs {
		out[reflect.TypeOf(p).Elem()] = true
	}
	return out
}

// Operation is one operation's generated decoding entry points.
type Operation struct {
	Parse func(*http.Response) (any, error)
	Body  func() any // new request body value; nil when the operation has none in JSON
}
