package webhook

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/intercom-go/intercom/gen/v2_16"
)

// ErrItemType is returned when a notification's item is not of the type a
// typed helper expects (a contact_tag item given to ContactItem, say).
var ErrItemType = errors.New("intercom: webhook: unexpected item type")

// DecodeItem decodes n's data.item into T, typically a generated type such
// as v2_16.Conversation or v2_14.Contact: the item has the same shape as the
// REST API's object of the same type, so use the package of the API version
// the app is set to. Unknown members are ignored.
func DecodeItem[T any](n *Notification) (T, error) {
	var v T
	if n == nil || len(n.Data.Item) == 0 {
		return v, fmt.Errorf("intercom: webhook: notification has no item")
	}
	if err := json.Unmarshal(n.Data.Item, &v); err != nil {
		return v, fmt.Errorf("intercom: webhook: decoding %s item of %q into %T: %w", n.ItemType(), n.Topic, v, err)
	}
	return v, nil
}

// DecodeItemOfType is DecodeItem that first checks the item's "type"
// member is one of types, failing with ErrItemType otherwise. It guards
// against a handler registered for a topic family receiving an item of
// another shape (contact.tag.created carries a contact_tag, not a contact).
func DecodeItemOfType[T any](n *Notification, types ...string) (T, error) {
	var zero T
	if n == nil {
		return zero, fmt.Errorf("intercom: webhook: nil notification")
	}
	got := n.ItemType()
	for _, t := range types {
		if got == t {
			return DecodeItem[T](n)
		}
	}
	return zero, fmt.Errorf("%w: %q item in %q notification, want %q", ErrItemType, got, n.Topic, types)
}

// ConversationItem decodes the conversation carried by conversation.*
// notifications into the default API version's type.
func ConversationItem(n *Notification) (v2_16.Conversation, error) {
	return DecodeItemOfType[v2_16.Conversation](n, "conversation")
}

// ContactItem decodes the contact carried by contact.created, contact.
// user.created, contact.lead.created and similar notifications into the
// default API version's type.
func ContactItem(n *Notification) (v2_16.Contact, error) {
	return DecodeItemOfType[v2_16.Contact](n, "contact")
}

// CompanyItem decodes the company carried by company.created, company.
// updated and company.deleted notifications into the default API version's
// type.
func CompanyItem(n *Notification) (v2_16.Company, error) {
	return DecodeItemOfType[v2_16.Company](n, "company")
}
