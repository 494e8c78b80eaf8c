// Package conformance proves that every request the typed clients send is
// valid according to Intercom's own descriptions.
//
// Its tests are the whole package. The unit tests (plain go test) check the
// driver against a local server. The conformance tests (build tag
// conformance, run by `make conformance`) start Stoplight Prism as a mock
// server over the normalised description of each generated version, call
// every operation through the typed client's services (the method that
// Client.Operations names for it) with representative arguments built
// from the description's examples and schemas, and fail on any request
// violation Prism reports or any response the typed client cannot decode.
// See docs/testing.md.
package conformance
