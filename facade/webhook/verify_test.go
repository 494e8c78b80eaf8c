package webhook

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	got := Sign([]byte(vectorKey), []byte(vectorMsg))
	require.Equal(t, "sha1="+vectorHMAC, got, "Sign = %s, want sha1=%s", got, vectorHMAC)
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
				require.NoError(t, err, "Verify")
				return
			}
			require.ErrorIs(t, err, c.want, "Verify")
		})
	}
}

// The three signature failures are told apart, so that a caller can log a
// misconfiguration (malformed) differently from an attack (mismatch).
func TestVerifyErrorsAreDistinct(t *testing.T) {
	errs := []error{ErrMissingSignature, ErrMalformedSignature, ErrSignatureMismatch, ErrBodyTooLarge}
	for i, a := range errs {
		for j, b := range errs {
			if i != j {
				assert.NotErrorIs(t, a, b)
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
	require.NoError(t, err, "ReadVerified")
	require.Equal(t, body, got, "ReadVerified")

	// Exactly at the limit passes; one byte over fails before verifying.
	_, err = ReadVerified(signedRequest(secret, body), secret, int64(len(body)))
	require.NoError(t, err, "at the limit")
	_, err = ReadVerified(signedRequest(secret, body), secret, int64(len(body)-1))
	require.ErrorIs(t, err, ErrBodyTooLarge, "over the limit: %v, want ErrBodyTooLarge", err)

	// The default limit is 1 MiB.
	big := bytes.Repeat([]byte("a"), int(DefaultMaxBodyBytes)+1)
	_, err = ReadVerified(signedRequest(secret, big), secret, 0)
	require.ErrorIs(t, err, ErrBodyTooLarge, "1 MiB + 1: %v, want ErrBodyTooLarge", err)

	r := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(body))
	_, err = ReadVerified(r, secret, 0)
	require.ErrorIs(t, err, ErrMissingSignature, "unsigned: %v, want ErrMissingSignature", err)
	_, err = ReadVerified(signedRequest([]byte("other"), body), secret, 0)
	require.ErrorIs(t, err, ErrSignatureMismatch, "other secret: %v, want ErrSignatureMismatch", err)
}

// Fin Agent API webhooks: HMAC-SHA256 in X-Fin-Agent-API-Webhook-Signature.
func TestFinAgentSignature(t *testing.T) {
	// RFC 4231-style check against a published HMAC-SHA256 value.
	const want = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
	body := []byte("The quick brown fox jumps over the lazy dog")
	require.Equal(t, "sha256="+want, SignFinAgent([]byte("key"), body), "SignFinAgent")
	secret := []byte("fin-webhook-signing-secret")
	sig := SignFinAgent(secret, body)
	for _, ok := range []string{sig, strings.ToUpper(sig[:7]) + sig[7:], strings.TrimPrefix(sig, "sha256=")} {
		assert.NoError(t, VerifyFinAgent(secret, body, ok), "VerifyFinAgent(%q)", ok)
	}
	for bad, want := range map[string]error{
		"":                          ErrMissingSignature,
		Sign(secret, body):          ErrMalformedSignature, // an X-Hub-Signature value
		"sha256=" + want:            ErrSignatureMismatch,
		"sha256=" + want[:63] + "g": ErrMalformedSignature,
	} {
		err := VerifyFinAgent(secret, body, bad)
		assert.ErrorIs(t, err, want, "VerifyFinAgent(%q) = %v, want %v", bad, err, want)
	}
	req := httptest.NewRequest(http.MethodPost, "/fin", bytes.NewReader(body))
	req.Header.Set(FinAgentSignatureHeader, sig)
	got, err := ReadVerifiedFinAgent(req, secret, 0)
	require.NoError(t, err, "ReadVerifiedFinAgent")
	require.Equal(t, body, got, "ReadVerifiedFinAgent")
	req = httptest.NewRequest(http.MethodPost, "/fin", bytes.NewReader(body))
	req.Header.Set(SignatureHeader, Sign(secret, body)) // the other scheme's header
	_, err = ReadVerifiedFinAgent(req, secret, 0)
	require.ErrorIs(t, err, ErrMissingSignature, "X-Hub-Signature accepted for a Fin Agent webhook")
}

// FuzzVerify checks Verify never panics and accepts only the signature
// Sign computes.
func FuzzVerify(f *testing.F) {
	f.Add([]byte("secret"), []byte(`{"type":"notification_event"}`), "sha1=0000000000000000000000000000000000000000")
	f.Add([]byte("k"), []byte(""), "")
	f.Add([]byte("k"), []byte("x"), "SHA1=zz")
	f.Fuzz(func(t *testing.T, secret, body []byte, sig string) {
		err := Verify(secret, body, sig)
		if len(secret) > 0 {
			require.NoError(t, Verify(secret, body, Sign(secret, body)), "rejected its own signature")
		} else {
			require.Error(t, err, "accepted with an empty secret")
		}
	})
}
