package webhook

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strings"
)

// SignatureHeader is the request header carrying Intercom's signature of
// webhook topic notifications.
const SignatureHeader = "X-Hub-Signature"

// FinAgentSignatureHeader is the request header carrying the signature of
// Fin Agent API webhooks (https://developers.intercom.com/docs/guides/fin-agent-api/setup,
// Notifications, Validation).
const FinAgentSignatureHeader = "X-Fin-Agent-API-Webhook-Signature"

// DefaultMaxBodyBytes bounds how much of a request body ReadVerified and
// Handler read: notifications are far smaller, and an unbounded read would
// let anyone who can reach the endpoint exhaust memory before the
// signature is even checked.
const DefaultMaxBodyBytes int64 = 1 << 20

// signaturePrefix names the algorithm in the header value.
const signaturePrefix = "sha1="

// Errors returned by Verify and ReadVerified; test with errors.Is.
var (
	// ErrMissingSignature: the request has no signature header.
	ErrMissingSignature = errors.New("intercom: webhook: missing signature header")
	// ErrMalformedSignature: the header is not "sha1=" and 40 hex digits
	// (X-Hub-Signature), or "sha256=" and 64 (Fin Agent API).
	ErrMalformedSignature = errors.New("intercom: webhook: malformed signature header")
	// ErrSignatureMismatch: the signature is well formed but does not match
	// the body and secret (wrong secret, or a body altered in transit).
	ErrSignatureMismatch = errors.New("intercom: webhook: signature does not match body")
	// ErrBodyTooLarge: the body exceeds the configured limit.
	ErrBodyTooLarge = errors.New("intercom: webhook: request body too large")
	// ErrNoSecret: verification was asked for with an empty secret, which
	// would accept anything signed with an empty key.
	ErrNoSecret = errors.New("intercom: webhook: empty client secret")
)

// scheme is one of the ways Intercom signs a webhook body: the header, the
// algorithm name before the digest, and the HMAC hash.
type scheme struct {
	header string
	prefix string
	hash   func() hash.Hash
	size   int
	// bare: the digest may come without its prefix.
	bare bool
}

var (
	// hubScheme: notifications of webhook topics, keyed with the app's
	// client secret.
	hubScheme = scheme{header: SignatureHeader, prefix: signaturePrefix, hash: sha1.New, size: sha1.Size}
	// finAgentScheme: Fin Agent API webhooks, keyed with the signing
	// secret of the Fin Agent API's webhook settings. Intercom documents
	// the header value as "sha256=" and the hex digest; a bare digest is
	// accepted too.
	finAgentScheme = scheme{header: FinAgentSignatureHeader, prefix: "sha256=", hash: sha256.New, size: sha256.Size, bare: true}
)

// Sign returns the X-Hub-Signature value Intercom sends for body: "sha1="
// followed by the hex HMAC-SHA1 of body keyed with secret. It is useful to
// test a receiver.
func Sign(secret, body []byte) string { return hubScheme.sign(secret, body) }

// SignFinAgent returns the X-Fin-Agent-API-Webhook-Signature value of a
// Fin Agent API webhook: "sha256=" followed by the hex HMAC-SHA256 of body
// keyed with the webhook signing secret.
func SignFinAgent(secret, body []byte) string { return finAgentScheme.sign(secret, body) }

func (s scheme) sign(secret, body []byte) string {
	return s.prefix + hex.EncodeToString(s.mac(secret, body))
}

func (s scheme) mac(secret, body []byte) []byte {
	m := hmac.New(s.hash, secret)
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks that signature (the X-Hub-Signature header value) is the
// HMAC-SHA1 of body keyed with secret. The comparison takes the same time
// wherever the first differing byte is, so that it leaks nothing about the
// expected value. It returns nil or an error that is ErrNoSecret,
// ErrMissingSignature, ErrMalformedSignature or ErrSignatureMismatch.
func Verify(secret, body []byte, signature string) error {
	return hubScheme.verify(secret, body, signature)
}

// VerifyFinAgent is Verify for Fin Agent API webhooks: signature is the
// X-Fin-Agent-API-Webhook-Signature header value, the HMAC-SHA256 of body
// keyed with the Fin Agent API webhook signing secret.
func VerifyFinAgent(secret, body []byte, signature string) error {
	return finAgentScheme.verify(secret, body, signature)
}

func (s scheme) verify(secret, body []byte, signature string) error {
	if len(secret) == 0 {
		return ErrNoSecret
	}
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return fmt.Errorf("%w (%s)", ErrMissingSignature, s.header)
	}
	// The algorithm name is compared case-insensitively: only the digest is
	// secret, and some proxies rewrite header values' case.
	digest := signature
	if len(signature) >= len(s.prefix) && strings.EqualFold(signature[:len(s.prefix)], s.prefix) {
		digest = signature[len(s.prefix):]
	} else if !s.bare {
		return fmt.Errorf("%w: want %q prefix", ErrMalformedSignature, s.prefix)
	}
	if len(digest) != hex.EncodedLen(s.size) {
		return fmt.Errorf("%w: digest has %d characters, want %d", ErrMalformedSignature, len(digest), hex.EncodedLen(s.size))
	}
	got, err := hex.DecodeString(digest)
	if err != nil {
		return fmt.Errorf("%w: digest is not hexadecimal", ErrMalformedSignature)
	}
	if !hmac.Equal(got, s.mac(secret, body)) {
		return ErrSignatureMismatch
	}
	return nil
}

// ReadVerified reads r's body, at most maxBytes of it (DefaultMaxBodyBytes
// if maxBytes <= 0), and verifies its X-Hub-Signature with secret. It
// returns the raw body only when the signature matches. The caller still
// owns r.Body and closes it as usual.
func ReadVerified(r *http.Request, secret []byte, maxBytes int64) ([]byte, error) {
	return hubScheme.readVerified(r, secret, maxBytes)
}

// ReadVerifiedFinAgent is ReadVerified for Fin Agent API webhooks, checking
// X-Fin-Agent-API-Webhook-Signature (HMAC-SHA256) with the Fin Agent API
// webhook signing secret.
func ReadVerifiedFinAgent(r *http.Request, secret []byte, maxBytes int64) ([]byte, error) {
	return finAgentScheme.readVerified(r, secret, maxBytes)
}

func (s scheme) readVerified(r *http.Request, secret []byte, maxBytes int64) ([]byte, error) {
	if len(secret) == 0 {
		return nil, ErrNoSecret
	}
	sig := r.Header.Get(s.header)
	if strings.TrimSpace(sig) == "" {
		// Fail before reading: an unsigned request is rejected whatever
		// its body.
		return nil, fmt.Errorf("%w (%s)", ErrMissingSignature, s.header)
	}
	body, err := readLimited(r.Body, maxBytes)
	if err != nil {
		return nil, err
	}
	if err := s.verify(secret, body, sig); err != nil {
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
		return nil, fmt.Errorf("intercom: webhook: reading body: %w", err)
	}
	if int64(len(body)) > maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, maxBytes)
	}
	return body, nil
}
