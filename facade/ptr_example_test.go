package facade_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Optional fields are pointers: Ptr fills them in one composite literal.
func ExamplePtr() {
	reply := v2_16.AdminReplyConversationRequest{
		AdminId:           "991267",
		MessageType:       v2_16.AdminReplyConversationRequestMessageTypeComment,
		Type:              v2_16.AdminReplyConversationRequestTypeAdmin,
		Body:              facade.Ptr("Thanks, fixed!"),
		SkipNotifications: facade.Ptr(false), // sent as false, not left out
	}
	b, err := json.Marshal(reply)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(b))
	// Output:
	// {"admin_id":"991267","body":"Thanks, fixed!","message_type":"comment","skip_notifications":false,"type":"admin"}
}

// Every optional field has a getter that returns the zero value when the
// field, or anything before it in a chain, is absent.
func Example_getters() {
	var conv v2_16.Conversation
	if err := json.Unmarshal([]byte(`{"id":"123","source":{"author":{"name":"Ada"}}}`), &conv); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q %q\n", conv.GetId(), conv.GetSource().GetAuthor().GetName())
	fmt.Printf("%q\n", conv.GetSource().GetAuthor().GetEmail()) // no email: ""

	var missing *v2_16.Conversation // nil: e.g. not found
	fmt.Printf("%q %d\n", missing.GetSource().GetAuthor().GetName(), missing.GetCreatedAt())
	// Output:
	// "123" "Ada"
	// ""
	// "" 0
}
