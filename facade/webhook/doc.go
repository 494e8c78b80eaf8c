// Package webhook receives Intercom webhook notifications: it verifies the
// X-Hub-Signature header, parses the notification_event envelope, decodes
// the item into the generated API types and, through Handler, drops
// redelivered notifications and dispatches the rest by topic.
//
// Intercom signs every notification with HMAC-SHA1 of the raw request body,
// keyed with the app's client secret (Developer Hub, Basic information), and
// sends it as "X-Hub-Signature: sha1=<hex>". Delivery is at least once: a
// notification that is not answered with a 2xx in time is sent again with
// the same id. A captured delivery stays validly signed, so Handler also
// refuses notifications whose signed timestamps are older than its max
// age. Fin Agent API webhooks are signed with HMAC-SHA256 in
// X-Fin-Agent-API-Webhook-Signature (VerifyFinAgent).
//
// See docs/webhooks.md for a walk-through.
package webhook
