//go:build !intercom_stdjson

package jsonx

// Fast reports whether generated decoders are used. It is a constant so
// that a build with the intercom_stdjson tag links none of them.
const Fast = true
