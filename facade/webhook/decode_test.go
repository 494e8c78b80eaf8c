package webhook

import (
	"errors"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func parsePayload(t *testing.T, name string) *Notification {
	t.Helper()
	n, err := Parse(readPayload(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestConversationItem(t *testing.T) {
	c, err := ConversationItem(parsePayload(t, "conversation_user_created.json"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Id == nil || *c.Id != "185" || c.State == nil || *c.State != v2_16.ConversationStateOpen {
		t.Fatalf("conversation id/state = %v %v", c.Id, c.State)
	}
	if c.Source == nil || c.Source.Author == nil || *c.Source.Author.Email != "ada@example.com" {
		t.Fatalf("source = %+v", c.Source)
	}
	if c.Contacts == nil || len(c.Contacts.Contacts) != 1 || *c.Contacts.Contacts[0].ExternalId != "user-42" {
		t.Fatalf("contacts = %+v", c.Contacts)
	}
	if c.AdminAssigneeId != nil {
		t.Fatalf("admin_assignee_id null decoded as %v", *c.AdminAssigneeId)
	}
}

func TestContactItem(t *testing.T) {
	c, err := ContactItem(parsePayload(t, "contact_created.json"))
	if err != nil {
		t.Fatal(err)
	}
	if *c.Id != "6668261ea3f2c4a1e0d4c3c7" || *c.Email != "grace@example.com" || *c.Role != "user" {
		t.Fatalf("contact = %s %s %s", *c.Id, *c.Email, *c.Role)
	}
	// owner_id is a string from 2.16 on.
	if c.OwnerId == nil || *c.OwnerId != "991267" {
		t.Fatalf("owner_id = %v", c.OwnerId)
	}
	if c.Location == nil || *c.Location.City != "Arlington" || c.CustomAttributes["plan"] != "team" {
		t.Fatalf("location/custom = %+v %v", c.Location, c.CustomAttributes)
	}
}

// The generic decoder targets whichever version's types the app is set
// to; the 2.14 Contact has an integer owner_id. A numeric string fits it
// (Intercom sends integer ids as numeric strings, see docs/divergences.md),
// but an owner id that is no number does not, and the error says so.
func TestDecodeItemIntoOtherVersion(t *testing.T) {
	n := parsePayload(t, "contact_created.json")
	c, err := DecodeItem[v2_14.Contact](n)
	if err != nil || c.OwnerId == nil || *c.OwnerId != 991267 {
		t.Fatalf("2.16 contact into v2_14.Contact: %v, owner_id %v", err, c.OwnerId)
	}
	n.Data.Item = []byte(strings.Replace(string(n.Data.Item), `"owner_id": "991267"`, `"owner_id": "admin-991267"`, 1))
	if _, err := DecodeItem[v2_14.Contact](n); err == nil {
		t.Fatal("contact with a non-numeric owner_id decoded into v2_14.Contact, whose owner_id is an integer")
	}
}

func TestItemTypeGuard(t *testing.T) {
	n := parsePayload(t, "contact_tag_created.json")
	if _, err := ContactItem(n); !errors.Is(err, ErrItemType) {
		t.Fatalf("ContactItem(contact_tag) = %v, want ErrItemType", err)
	}
	if _, err := ConversationItem(parsePayload(t, "ping.json")); !errors.Is(err, ErrItemType) {
		t.Fatalf("ConversationItem(ping) = %v, want ErrItemType", err)
	}
	// A caller-defined type decodes the contact_tag item.
	type contactTag struct {
		Tag     v2_16.Tag     `json:"tag"`
		Contact v2_16.Contact `json:"contact"`
	}
	ct, err := DecodeItemOfType[contactTag](n, "contact_tag")
	if err != nil {
		t.Fatal(err)
	}
	if *ct.Tag.Name != "VIP" || *ct.Contact.ExternalId != "user-77" {
		t.Fatalf("contact_tag = %+v", ct)
	}
}

func TestCompanyItem(t *testing.T) {
	c, err := CompanyItem(parsePayload(t, "company_created.json"))
	if err != nil {
		t.Fatal(err)
	}
	if *c.CompanyId != "acme-7" || *c.MonthlySpend != 120 || *c.Size != 40 {
		t.Fatalf("company = %s %d %d", *c.CompanyId, *c.MonthlySpend, *c.Size)
	}
}

func TestDecodeItemErrors(t *testing.T) {
	if _, err := DecodeItem[v2_16.Contact](nil); err == nil {
		t.Fatal("nil notification decoded")
	}
	n := &Notification{Topic: "contact.created", Data: Data{Item: []byte(`{"type":"contact","created_at":"yesterday"}`)}}
	if _, err := ContactItem(n); err == nil {
		t.Fatal("string created_at decoded into an int field")
	}
}
