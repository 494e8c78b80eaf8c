package webhook

import (
	"strings"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func parsePayload(t *testing.T, name string) *Notification {
	t.Helper()
	n, err := Parse(readPayload(t, name))
	require.NoError(t, err)
	return n
}

func TestConversationItem(t *testing.T) {
	c, err := ConversationItem(parsePayload(t, "conversation_user_created.json"))
	require.NoError(t, err)
	require.NotNil(t, c.Id, "conversation id/state")
	require.Equal(t, "185", *c.Id, "conversation id/state")
	require.NotNil(t, c.State, "conversation id/state")
	require.Equal(t, v2_16.ConversationStateOpen, *c.State, "conversation id/state")
	require.NotNil(t, c.Source, "source")
	require.NotNil(t, c.Source.Author, "source")
	require.Equal(t, "ada@example.com", *c.Source.Author.Email, "source")
	require.NotNil(t, c.Contacts, "contacts")
	require.Len(t, c.Contacts.Contacts, 1, "contacts")
	require.Equal(t, "user-42", *c.Contacts.Contacts[0].ExternalId, "contacts")
	require.Nil(t, c.AdminAssigneeId, "admin_assignee_id null decoded as")
}

func TestContactItem(t *testing.T) {
	c, err := ContactItem(parsePayload(t, "contact_created.json"))
	require.NoError(t, err)
	require.Equal(t, "6668261ea3f2c4a1e0d4c3c7", *c.Id, "contact")
	require.Equal(t, "grace@example.com", *c.Email, "contact")
	require.Equal(t, "user", *c.Role, "contact")
	// owner_id is a string from 2.16 on.
	require.NotNil(t, c.OwnerId, "owner_id")
	require.Equal(t, "991267", *c.OwnerId, "owner_id")
	require.NotNil(t, c.Location, "location")
	require.Equal(t, "Arlington", *c.Location.City, "location = %+v", c.Location)
	require.Equal(t, "team", c.CustomAttributes["plan"], "custom = %v", c.CustomAttributes)
}

// The generic decoder targets whichever version's types the app is set
// to; the 2.14 Contact has an integer owner_id. A numeric string fits it
// (Intercom sends integer ids as numeric strings, see docs/divergences.md),
// but an owner id that is no number does not, and the error says so.
func TestDecodeItemIntoOtherVersion(t *testing.T) {
	n := parsePayload(t, "contact_created.json")
	c, err := DecodeItem[v2_14.Contact](n)
	require.NoError(t, err, "2.16 contact into v2_14.Contact: %v, owner_id %v", err, c.OwnerId)
	require.NotNil(t, c.OwnerId, "2.16 contact into v2_14.Contact: %v, owner_id %v", err, c.OwnerId)
	require.Equal(t, 991267, *c.OwnerId, "2.16 contact into v2_14.Contact: %v, owner_id %v", err, c.OwnerId)
	n.Data.Item = []byte(strings.Replace(string(n.Data.Item), `"owner_id": "991267"`, `"owner_id": "admin-991267"`, 1))
	_, err = DecodeItem[v2_14.Contact](n)
	require.Error(t, err, "contact with a non-numeric owner_id decoded into v2_14.Contact, whose owner_id is an integer")
}

func TestItemTypeGuard(t *testing.T) {
	n := parsePayload(t, "contact_tag_created.json")
	_, err := ContactItem(n)
	require.ErrorIs(t, err, ErrItemType, "ContactItem(contact_tag)")
	_, err = ConversationItem(parsePayload(t, "ping.json"))
	require.ErrorIs(t, err, ErrItemType, "ConversationItem(ping)")
	// A caller-defined type decodes the contact_tag item.
	type contactTag struct {
		Tag     v2_16.Tag     `json:"tag"`
		Contact v2_16.Contact `json:"contact"`
	}
	ct, err := DecodeItemOfType[contactTag](n, "contact_tag")
	require.NoError(t, err)
	require.Equal(t, "VIP", *ct.Tag.Name, "contact_tag = %+v", ct)
	require.Equal(t, "user-77", *ct.Contact.ExternalId, "contact_tag = %+v", ct)
}

func TestCompanyItem(t *testing.T) {
	c, err := CompanyItem(parsePayload(t, "company_created.json"))
	require.NoError(t, err)
	require.Equal(t, "acme-7", *c.CompanyId, "company")
	require.Equal(t, 120, *c.MonthlySpend, "company")
	require.Equal(t, 40, *c.Size, "company")
}

func TestDecodeItemErrors(t *testing.T) {
	_, err := DecodeItem[v2_16.Contact](nil)
	require.Error(t, err, "nil notification decoded")
	n := &Notification{Topic: "contact.created", Data: Data{Item: []byte(`{"type":"contact","created_at":"yesterday"}`)}}
	_, err = ContactItem(n)
	require.Error(t, err, "string created_at decoded into an int field")
}
