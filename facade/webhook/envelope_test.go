package webhook

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseConversationNotification(t *testing.T) {
	n, err := Parse(readPayload(t, "conversation_user_created.json"))
	require.NoError(t, err)
	require.Equal(t, EventType, n.Type, "envelope = %+v", n)
	require.Equal(t, "conversation.user.created", n.Topic, "envelope = %+v", n)
	require.Equal(t, "abc12def", n.AppID, "envelope = %+v", n)
	require.Equal(t, "notif_0c2f4a52-7a3e-4f0e-9d61-3a7d0f6b8e11", n.ID, "envelope = %+v", n)
	require.Equal(t, int64(1718093301), n.CreatedAt, "times/attempts")
	require.Equal(t, int64(1718093302), n.FirstSentAt, "times/attempts")
	require.Equal(t, 1, n.DeliveryAttempts, "times/attempts")
	require.Equal(t, "pending", n.DeliveryStatus, "times/attempts")
	require.True(t, n.Created().Equal(time.Unix(1718093301, 0)), "Created/FirstSent = %v %v", n.Created(), n.FirstSent())
	require.True(t, n.FirstSent().Equal(time.Unix(1718093302, 0)), "Created/FirstSent = %v %v", n.Created(), n.FirstSent())
	require.Equal(t, "notification_event_data", n.Data.Type, "data = %q item type %q", n.Data.Type, n.ItemType())
	require.Equal(t, "conversation", n.ItemType(), "data = %q item type %q", n.Data.Type, n.ItemType())
}

func TestParseEveryPayload(t *testing.T) {
	want := map[string]struct{ topic, item string }{
		"contact_created.json":     {"contact.user.created", "contact"},
		"contact_tag_created.json": {"contact.user.tag.created", "contact_tag"},
		"company_created.json":     {"company.created", "company"},
		"ping.json":                {TopicPing, "ping"},
	}
	for file, w := range want {
		n, err := Parse(readPayload(t, file))
		require.NoError(t, err, "%s", file)
		assert.Equal(t, w.topic, n.Topic, "%s: topic %q item %q, want %q %q", file, n.Topic, n.ItemType(), w.topic, w.item)
		assert.Equal(t, w.item, n.ItemType(), "%s: topic %q item %q, want %q %q", file, n.Topic, n.ItemType(), w.topic, w.item)
	}
}

func TestParseRejects(t *testing.T) {
	cases := map[string]string{
		"empty":           ``,
		"not json":        `notification`,
		"array":           `[]`,
		"wrong type":      `{"type":"event","topic":"ping","data":{"item":{}}}`,
		"no type":         `{"topic":"ping","data":{"item":{}}}`,
		"no topic":        `{"type":"notification_event","data":{"item":{}}}`,
		"no item":         `{"type":"notification_event","topic":"ping","data":{}}`,
		"null item":       `{"type":"notification_event","topic":"ping","data":{"item":null}}`,
		"scalar item":     `{"type":"notification_event","topic":"ping","data":{"item":"x"}}`,
		"string attempts": `{"type":"notification_event","topic":"ping","delivery_attempts":"1","data":{"item":{}}}`,
		"trailing data":   `{"type":"notification_event","topic":"ping","data":{"item":{}}} {}`,
		"truncated":       `{"type":"notification_event","topic":"ping","data":{"item":{`,
	}
	for name, body := range cases {
		n, err := Parse([]byte(body))
		assert.ErrorIs(t, err, ErrInvalidNotification, "%s: Parse = %+v, %v; want ErrInvalidNotification", name, n, err)
	}
}

func TestParseToleratesUnknownMembers(t *testing.T) {
	n, err := Parse([]byte(`{"type":"notification_event","topic":"ping","new_member":[1,2],"data":{"item":{"type":"ping"}}}`))
	require.NoError(t, err, "Parse = %+v", n)
	require.Equal(t, "ping", n.Topic, "Parse = %+v", n)
}

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
