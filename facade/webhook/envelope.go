package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// EventType is the "type" of every webhook envelope.
const EventType = "notification_event"

// TopicPing is the topic of the test notification Intercom sends from the
// Developer Hub; its item is {"type":"ping","message":...}.
const TopicPing = "ping"

// ErrInvalidNotification is wrapped by every error Parse returns.
var ErrInvalidNotification = errors.New("intercom: webhook: invalid notification")

// Notification is the envelope of one webhook delivery. Data.Item is kept
// as raw JSON: its shape depends on the topic, and DecodeItem turns it into
// the generated type the caller picks.
type Notification struct {
	// Type is always "notification_event".
	Type string `json:"type"`
	// ID identifies the notification; redeliveries carry the same ID.
	ID string `json:"id"`
	// Topic is the subscription topic, such as "conversation.user.created".
	Topic string `json:"topic"`
	// AppID is the workspace the event happened in (the app_id of its
	// installation), which tells public apps which customer it concerns.
	AppID string `json:"app_id"`
	// CreatedAt is when the event happened, in Unix seconds.
	CreatedAt int64 `json:"created_at"`
	// DeliveryAttempts counts attempts so far, this one included.
	DeliveryAttempts int `json:"delivery_attempts"`
	// FirstSentAt is when the first attempt was made, in Unix seconds.
	FirstSentAt int64 `json:"first_sent_at"`
	// DeliveryStatus is Intercom's delivery state at sending time.
	DeliveryStatus string `json:"delivery_status,omitempty"`
	// DeliveredAt is a Unix time Intercom sets once delivered (usually 0).
	DeliveredAt int64 `json:"delivered_at,omitempty"`
	// Data holds the object the event concerns.
	Data Data `json:"data"`
	// Links is kept raw; Intercom sends an empty object.
	Links json.RawMessage `json:"links,omitempty"`
	// Self is kept raw; Intercom sends null or a URL.
	Self json.RawMessage `json:"self,omitempty"`
}

// Data is the "data" member of a notification.
type Data struct {
	// Type is "notification_event_data".
	Type string `json:"type"`
	// Item is the object the event concerns, as sent: a conversation for
	// conversation.* topics, a contact for contact.created, and so on.
	Item json.RawMessage `json:"item"`
}

// Created returns CreatedAt as a time.
func (n *Notification) Created() time.Time { return time.Unix(n.CreatedAt, 0) }

// FirstSent returns FirstSentAt as a time.
func (n *Notification) FirstSent() time.Time { return time.Unix(n.FirstSentAt, 0) }

// ItemType returns the "type" member of Data.Item ("conversation",
// "contact", "contact_tag", ...), or "" if the item has none.
func (n *Notification) ItemType() string {
	var head struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(n.Data.Item, &head) != nil {
		return ""
	}
	return head.Type
}

// Parse decodes a notification envelope from a raw (already verified) body.
// It requires type "notification_event", a topic and a JSON object as
// data.item; every other member is optional, since Intercom adds members
// over time. Errors wrap ErrInvalidNotification.
func Parse(body []byte) (*Notification, error) {
	var n Notification
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&n); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidNotification, err)
	}
	// A second value after the envelope means the body is not one JSON
	// document: reject rather than silently ignore the rest.
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("%w: trailing data after the envelope", ErrInvalidNotification)
	}
	if n.Type != EventType {
		return nil, fmt.Errorf("%w: type %q, want %q", ErrInvalidNotification, n.Type, EventType)
	}
	if n.Topic == "" {
		return nil, fmt.Errorf("%w: no topic", ErrInvalidNotification)
	}
	if !isObject(n.Data.Item) {
		return nil, fmt.Errorf("%w: data.item is not a JSON object", ErrInvalidNotification)
	}
	return &n, nil
}

// isObject reports whether raw is a JSON object (not null, not a scalar).
func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	return len(raw) > 0 && raw[0] == '{'
}
