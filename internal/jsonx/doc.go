// Package jsonx is the JSON decoding runtime of the generated packages in
// gen/. Each generated package has a codec.gen.go whose per-type decode
// functions (written by intercomgen from the generated Go types) drive a
// Decoder through Run; the Parse functions call their destination's
// function, and the package's DecodeJSON picks one by type.
//
// The contract is that of encoding/json.Unmarshal: for any input, a
// generated decoder either produces exactly the value encoding/json would
// produce, or fails where encoding/json fails. Where that is costly to
// mirror (types with their own UnmarshalJSON or UnmarshalText, unusual
// external types), the decoder hands the raw value to the type's method or
// to encoding/json, so those keep their exact behaviour. Errors are always
// encoding/json's own: when the fast path fails, Run decodes again with
// encoding/json and returns its result, so callers can keep using
// errors.As with *json.SyntaxError and *json.UnmarshalTypeError.
//
// Build with the tag intercom_stdjson to skip the generated decoders and
// use encoding/json everywhere (Fast is then false). Valid and ReadBody
// serve code that handles response bodies itself. See docs/decoding.md.
package jsonx
