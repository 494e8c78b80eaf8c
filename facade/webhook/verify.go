package webhook

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// SignatureHeader is the request header carrying Intercom's signature.
const SignatureHeader = "X-Hub-Signature"

// DefaultMaxBodyBytes bounds how much of a request body ReadVerified and
// Handler read: notifications are far smaller, and an unbounded read would
// let anyone who can reach the endpoint exhaust memory before the
// signature is even checked.
const DefaultMaxBodyBytes int64 = 1 << 20

// signaturePrefix names the algorithm in the header value.
const signaturePrefix = "sha1="

// Errors returned by Verify and ReadVerified; test with errors.Is.
var (
	// ErrMissingSignature: the request has no X-Hub-Signature header.
	ErrMissingSignature = errors.New("webhook: missing " + SignatureHeader + " header")
	// ErrMalformedSignature: the header is not "sha1=" and 40 hex digits.
	ErrMalformedSignature = errors.New("webhook: malformed " + SignatureHeader + " header")
	// ErrSignatureMismatch: the signature is well formed but does not match
	// the body and secret (wrong secret, or a body altered in transit).
	ErrSignatureMismatch = errors.New("webhook: signature does not match body")
	// ErrBodyTooLarge: the body exceeds the configured limit.
	ErrBodyTooLarge = errors.New("webhook: request body too large")
	// ErrNoSecret: verification was asked for with an empty secret, which
	// would accept anything signed with an empty key.
	ErrNoSecret = errors.New("webhook: empty client secret")
)

// Sign returns the X-Hub-Signature value Intercom sends for body: "sha1="
// followed by the hex HMAC-SHA1 of body keyed with secret. It is useful to
// test a receiver.
func Sign(secret, body []byte) string {
	return signaturePrefix + hex.EncodeToString(mac(secret, body))
}

func mac(secret, body []byte) []byte {
	m := hmac.New(sha1.New, secret)
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks that signature (the X-Hub-Signature header value) is the
// HMAC-SHA1 of body keyed with secret. The comparison takes the same time
// wherever the first differing byte is, so that it leaks nothing about the
// expected value. It returns nil or an error that is ErrNoSecret,
// ErrMissingSignature, ErrMalformedSignature or ErrSignatureMismatch.
func Verify(secret, body []byte, signature string) error {
	if len(secret) == 0 {
		return ErrNoSecret
	}
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return ErrMissingSignature
	}
	// The algorithm name is compared case-insensitively: only the digest is
	// secret, and some proxies rewrite header values' case.
	if len(signature) < len(signaturePrefix) || !strings.EqualFold(signature[:len(signaturePrefix)], signaturePrefix) {
		return fmt.Errorf("%w: want %q prefix", ErrMalformedSignature, signaturePrefix)
	}
	digest := signature[len(signaturePrefix):]
	if len(digest) != hex.EncodedLen(sha1.Size) {
		return fmt.Errorf("%w: digest has %d characters, want %d", ErrMalformedSignature, len(digest), hex.EncodedLen(sha1.Size))
	}
	got, err := hex.DecodeString(digest)
	if err != nil {
		return fmt.Errorf("%w: digest is not hexadecimal", ErrMalformedSignature)
	}
	if !hmac.Equal(got, mac(secret, body)) {
		return ErrSignatureMismatch
	}
	return nil
}

// ReadVerified reads r's body, at most maxBytes of it (DefaultMaxBodyBytes
// if maxBytes <= 0), and verifies its X-Hub-Signature with secret. It
// returns the raw body only when the signature matches. The caller still
// owns r.Body and closes it as usual.
func ReadVerified(r *http.Request, secret []byte, maxBytes int64) ([]byte, error) {
	if len(secret) == 0 {
		return nil, ErrNoSecret
	}
	sig := r.Header.Get(SignatureHeader)
	if strings.TrimSpace(sig) == "" {
		// Fail before reading: an unsigned request is rejected whatever
		// its body.
		return nil, ErrMissingSignature
	}
	body, err := readLimited(r.Body, maxBytes)
	if err != nil {
		return nil, err
	}
	if err := Verify(secret, body, sig); err != nil {
		return nil, err
	}
	return body, nil
}

// readLimited reads all of rd, failing with ErrBodyTooLarge past maxBytes.
func readLimited(rd io.Reader, maxBytes int64) ([]byte, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBodyBytes
	}
	if rd == nil {
		return nil, nil
	}
	// One byte more than allowed tells "exactly at the limit" from "over".
	body, err := io.ReadAll(io.LimitReader(rd, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("webhook: reading body: %w", err)
	}
	if int64(len(body)) > maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, maxBytes)
	}
	return body, nil
}
