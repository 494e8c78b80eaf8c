package oauth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
)

// ErrStateMismatch is returned when the state on the redirect is not the
// one the flow started with: the redirect may be forged (CSRF) or belong to
// another browser session.
var ErrStateMismatch = errors.New("intercom: oauth: state mismatch")

// stateBytes is the entropy of NewState: 256 bits, so states cannot be
// guessed.
const stateBytes = 32

// NewState returns a random, URL-safe state value. Keep it with the user's
// session (a cookie or server-side store) and check the redirect against it
// with CheckState.
func NewState() (string, error) {
	b := make([]byte, stateBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("intercom: oauth: generating state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CheckState compares the state the flow started with (want) and the one
// on the redirect (got) in constant time. An empty want never matches, so a
// lost session cannot be mistaken for a valid one.
func CheckState(want, got string) error {
	if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
		return ErrStateMismatch
	}
	return nil
}
