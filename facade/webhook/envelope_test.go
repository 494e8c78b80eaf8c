package webhook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func readPayload(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseConversationNotification(t *testing.T) {
	n, err := Parse(readPayload(t, "conversation_user_created.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n.Type != EventType || n.Topic != "conversation.user.created" || n.AppID != "abc12def" ||
		n.ID != "notif_0c2f4a52-7a3e-4f0e-9d61-3a7d0f6b8e11" {
		t.Fatalf("envelope = %+v", n)
	}
	if n.CreatedAt != 1718093301 || n.FirstSentAt != 1718093302 || n.DeliveryAttempts != 1 || n.DeliveryStatus != "pending" {
		t.Fatalf("times/attempts = %d %d %d %q", n.CreatedAt, n.FirstSentAt, n.DeliveryAttempts, n.DeliveryStatus)
	}
	if !n.Created().Equal(time.Unix(1718093301, 0)) || !n.FirstSent().Equal(time.Unix(1718093302, 0)) {
		t.Fatalf("Created/FirstSent = %v %v", n.Created(), n.FirstSent())
	}
	if n.Data.Type != "notification_event_data" || n.ItemType() != "conversation" {
		t.Fatalf("data = %q item type %q", n.Data.Type, n.ItemType())
	}
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
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if n.Topic != w.topic || n.ItemType() != w.item {
			t.Errorf("%s: topic %q item %q, want %q %q", file, n.Topic, n.ItemType(), w.topic, w.item)
		}
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
		if n, err := Parse([]byte(body)); !errors.Is(err, ErrInvalidNotification) {
			t.Errorf("%s: Parse = %+v, %v; want ErrInvalidNotification", name, n, err)
		}
	}
}

func TestParseToleratesUnknownMembers(t *testing.T) {
	n, err := Parse([]byte(`{"type":"notification_event","topic":"ping","new_member":[1,2],"data":{"item":{"type":"ping"}}}`))
	if err != nil || n.Topic != "ping" {
		t.Fatalf("Parse = %+v, %v", n, err)
	}
}
