package webhook

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParse feeds arbitrary bodies to Parse. Besides not panicking, an
// accepted body must satisfy everything Parse promises, and its item must
// decode generically. Seeds: the payloads in testdata and the corpus in
// testdata/fuzz/FuzzParse (run as ordinary tests by "go test").
func FuzzParse(f *testing.F) {
	payloads, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range payloads {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := Parse(body)
		if err != nil {
			require.Nil(t, n, "Parse returned a notification with an error")
			return
		}
		require.Equal(t, EventType, n.Type, "accepted an envelope breaking its contract: %+v", n)
		require.NotEmpty(t, n.Topic, "accepted an envelope breaking its contract: %+v", n)
		require.True(t, isObject(n.Data.Item), "accepted an envelope breaking its contract: %+v", n)
		_ = n.ItemType()
		_, err = DecodeItem[map[string]any](n)
		require.NoError(t, err, "accepted item does not decode as an object")
	})
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
