package bench

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// intercomOrder is the order of a contact's keys in the 2.16 description's
// response examples (what Intercom sends), nested objects' keys included;
// keys not listed follow in alphabetical order. The harness's server
// sends keys alphabetically, the order of the generated struct fields.
var intercomOrder = []string{"type", "id", "workspace_id", "external_id", "role", "email", "email_domain", "phone", "name",
	"avatar", "image_url", "owner_id", "social_profiles", "has_hard_bounced", "marked_email_as_spam", "unsubscribed_from_emails",
	"created_at", "updated_at", "signed_up_at", "last_seen_at", "last_replied_at", "last_contacted_at", "last_email_opened_at",
	"last_email_clicked_at", "language_override", "browser", "browser_version", "browser_language", "os", "location",
	"country", "region", "city", "android_app_name", "android_app_version", "android_device", "android_os_version",
	"android_sdk_version", "android_last_seen_at", "ios_app_name", "ios_app_version", "ios_device", "ios_os_version",
	"ios_sdk_version", "ios_last_seen_at", "custom_attributes", "tags", "notes", "companies", "data", "url",
	"total_count", "has_more"}

// reorder writes v as JSON with object keys in intercomOrder.
func reorder(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		rank := func(k string) int {
			if i := slices.Index(intercomOrder, k); i >= 0 {
				return i
			}
			return len(intercomOrder)
		}
		slices.SortStableFunc(keys, func(a, b string) int { return rank(a) - rank(b) })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			reorder(b, x[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			reorder(b, e)
		}
		b.WriteByte(']')
	default:
		vb, _ := json.Marshal(x)
		b.Write(vb)
	}
}

// intercomPage is page(tb) with its keys in intercomOrder.
func intercomPage(tb testing.TB, data []byte) []byte {
	tb.Helper()
	var doc any
	require.NoError(tb, json.Unmarshal(data, &doc))
	var buf bytes.Buffer
	reorder(&buf, doc)
	return buf.Bytes()
}

// BenchmarkDecodePageKeyOrder decodes the same page with its keys in the
// struct fields' order and in Intercom's: generated decoders learn the
// order keys arrive in (jsonx.Order), so the two should cost the same.
func BenchmarkDecodePageKeyOrder(b *testing.B) {
	alphabetical := page(b)
	for _, c := range []struct {
		name string
		data []byte
	}{{"fields", alphabetical}, {"intercom", intercomPage(b, alphabetical)}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				var v v2_16.ContactList
				if err := v2_16.DecodeJSON(c.data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The reordered page holds the same contacts, and its keys do come in
// another order.
func TestReorderedPageDecodesTheSame(t *testing.T) {
	data := page(t)
	reordered := intercomPage(t, data)
	require.NotEqual(t, data, reordered, "the keys kept their order")
	var a, b v2_16.ContactList
	require.NoError(t, v2_16.DecodeJSON(data, &a))
	require.NoError(t, v2_16.DecodeJSON(reordered, &b))
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	assert.Equal(t, bj, aj, "the reordered page decodes to other contacts")
}
