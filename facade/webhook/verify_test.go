package webhook

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The HMAC-SHA1 vector published for this key and message (it appears in
// RFC 2104 follow-ups and most HMAC references), so the test does not trust
// the code under test to compute the expected value.
const (
	vectorKey  = "key"
	vectorMsg  = "The quick brown fox jumps over the lazy dog"
	vectorHMAC = "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"
)

func TestSignMatchesPublishedVector(t *testing.T) {
	if got := Sign([]byte(vectorKey), []byte(vectorMsg)); got != "sha1="+vectorHMAC {
		t.Fatalf("Sign = %s, want sha1=%s", got, vectorHMAC)
	}
}

func TestVerify(t *testing.T) {
	secret, body := []byte(vectorKey), []byte(vectorMsg)
	cases := []struct {
		name, sig string
		secret    []byte
		body      []byte
		want      error
	}{
		{"valid", "sha1=" + vectorHMAC, secret, body, nil},
		{"valid upper-case hex and prefix", "SHA1=" + strings.ToUpper(vectorHMAC), secret, body, nil},
		{"surrounding spaces", "  sha1=" + vectorHMAC + " ", secret, body, nil},
		{"missing", "", secret, body, ErrMissingSignature},
		{"blank", "   ", secret, body, ErrMissingSignature},
		{"no prefix", vectorHMAC, secret, body, ErrMalformedSignature},
		{"other algorithm", "sha256=" + vectorHMAC, secret, body, ErrMalformedSignature},
		{"short digest", "sha1=" + vectorHMAC[:39], secret, body, ErrMalformedSignature},
		{"long digest", "sha1=" + vectorHMAC + "00", secret, body, ErrMalformedSignature},
		{"not hex", "sha1=" + strings.Repeat("zz", 20), secret, body, ErrMalformedSignature},
		{"prefix only", "sha1=", secret, body, ErrMalformedSignature},
		{"tampered body", "sha1=" + vectorHMAC, secret, []byte(vectorMsg + "."), ErrSignatureMismatch},
		{"wrong secret", "sha1=" + vectorHMAC, []byte("other"), body, ErrSignatureMismatch},
		{"one digit off", "sha1=" + vectorHMAC[:39] + "8", secret, body, ErrSignatureMismatch},
		{"empty secret", "sha1=" + vectorHMAC, nil, body, ErrNoSecret},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Verify(c.secret, c.body, c.sig)
			if c.want == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Verify = %v, want %v", err, c.want)
			}
		})
	}
}

// The three signature failures are told apart, so that a caller can log a
// misconfiguration (malformed) differently from an attack (mismatch).
func TestVerifyErrorsAreDistinct(t *testing.T) {
	errs := []error{ErrMissingSignature, ErrMalformedSignature, ErrSignatureMismatch, ErrBodyTooLarge}
	for i, a := range errs {
		for j, b := range errs {
			if i != j && errors.Is(a, b) {
				t.Errorf("%v is %v", a, b)
			}
		}
	}
}

func signedRequest(secret []byte, body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(body))
	r.Header.Set(SignatureHeader, Sign(secret, body))
	return r
}

func TestReadVerified(t *testing.T) {
	secret := []byte("s3cret")
	body := []byte(`{"type":"notification_event"}`)

	got, err := ReadVerified(signedRequest(secret, body), secret, 0)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("ReadVerified = %q, %v", got, err)
	}

	// Exactly at the limit passes; one byte over fails before verifying.
	if _, err := ReadVerified(signedRequest(secret, body), secret, int64(len(body))); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	if _, err := ReadVerified(signedRequest(secret, body), secret, int64(len(body)-1)); !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("over the limit: %v, want ErrBodyTooLarge", err)
	}

	// The default limit is 1 MiB.
	big := bytes.Repeat([]byte("a"), int(DefaultMaxBodyBytes)+1)
	if _, err := ReadVerified(signedRequest(secret, big), secret, 0); !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("1 MiB + 1: %v, want ErrBodyTooLarge", err)
	}

	r := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(body))
	if _, err := ReadVerified(r, secret, 0); !errors.Is(err, ErrMissingSignature) {
		t.Fatalf("unsigned: %v, want ErrMissingSignature", err)
	}
	if _, err := ReadVerified(signedRequest([]byte("other"), body), secret, 0); !errors.Is(err, ErrSignatureMismatch) {
		t.Fatalf("other secret: %v, want ErrSignatureMismatch", err)
	}
}
