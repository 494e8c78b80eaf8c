//go:build intercom_stdjson

package jsonx

// Fast reports whether generated decoders are used; the intercom_stdjson
// build tag turns them off, leaving encoding/json for every decode.
const Fast = false
