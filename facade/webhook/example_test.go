package webhook_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/intercom-go/intercom/facade/webhook"
	"github.com/intercom-go/intercom/gen/v2_16"
)

const notification = `{"type":"notification_event","app_id":"abc12def","id":"notif_1","topic":"conversation.user.created",
"created_at":1718093301,"first_sent_at":1718093302,"delivery_attempts":1,
"data":{"type":"notification_event_data","item":{"type":"conversation","id":"185","state":"open"}}}`

// Verify checks a body against its X-Hub-Signature header before anything
// else reads it.
func ExampleVerify() {
	secret := []byte("client-secret")
	body := []byte(notification)
	header := webhook.Sign(secret, body) // what Intercom sends

	fmt.Println(webhook.Verify(secret, body, header))
	err := webhook.Verify(secret, append(body, ' '), header)
	fmt.Println(errors.Is(err, webhook.ErrSignatureMismatch))
	err = webhook.Verify(secret, body, "")
	fmt.Println(errors.Is(err, webhook.ErrMissingSignature))
	// Output:
	// <nil>
	// true
	// true
}

// Parse reads the envelope; ConversationItem decodes the conversation it
// carries into the generated type.
func ExampleParse() {
	n, err := webhook.Parse([]byte(notification))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := webhook.ConversationItem(n)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Topic, n.AppID, *c.Id, *c.State)
	// Output: conversation.user.created abc12def 185 open
}

// A Handler serves the endpoint registered in the Developer Hub: it
// verifies, drops redeliveries and dispatches by topic.
func ExampleHandler() {
	secret := []byte("client-secret")
	h, err := webhook.NewHandler(secret, webhook.WithAckTimeout(time.Second),
		// The recorded notification was signed in June 2024: read the
		// freshness check's clock from then. In production, leave it out.
		webhook.WithClock(func() time.Time { return time.Unix(1718093400, 0) }))
	if err != nil {
		fmt.Println(err)
		return
	}
	done := make(chan struct{})
	_ = h.Handle("conversation.*", webhook.On(func(ctx context.Context, n *webhook.Notification, c v2_16.Conversation) error {
		fmt.Println("conversation", *c.Id, "from", n.Topic)
		close(done)
		return nil
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer h.Close(context.Background())

	send := func() int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader([]byte(notification)))
		req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, []byte(notification)))
		resp, err := srv.Client().Do(req)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	fmt.Println(send())
	<-done
	fmt.Println(send()) // the same notification again: acknowledged, not run
	// Output:
	// conversation 185 from conversation.user.created
	// 200
	// 200
}
