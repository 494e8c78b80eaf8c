package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/facade/search"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Services: tag every open conversation of one admin. Each operation is one
// call on the service of its tag in Intercom's reference; a search ranges
// over every page.
func Example_services() {
	srv, err := intercomtest.Start() // an in-memory Intercom; in a test: intercomtest.New(t)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	seedConversations(srv)
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	me, err := c.Admins.Identify(ctx)
	if err != nil {
		log.Fatal(err)
	}
	tag, err := c.Tags.Get(ctx, "1")
	if err != nil {
		log.Fatal(err)
	}
	open := search.And(search.Equals("state", "open"), search.Equals("admin_assignee_id", 42))
	for conv, err := range c.Conversations.Search(ctx, open) {
		if err != nil {
			log.Fatal(err)
		}
		body := v2_16.AttachTagToConversationJSONRequestBody{Id: *tag.Id, AdminId: *me.Id}
		if _, err := c.Tags.AttachToConversation(ctx, *conv.Id, body); err != nil {
			log.Fatal(err)
		}
		fmt.Println("tagged", *conv.Title)
	}
	// Output:
	// tagged Refund please
}

func seedConversations(srv *intercomtest.Server) {
	srv.AddTag(v2_16.Tag{Name: facade.Ptr("escalated")})
	for i, state := range []v2_16.ConversationState{"open", "closed", "open"} {
		srv.AddConversation(v2_16.Conversation{
			State:           &state,
			AdminAssigneeId: &[]int{42, 42, 7}[i],
			Title:           &[]string{"Refund please", "Thanks!", "Login issue"}[i],
		})
	}
}
