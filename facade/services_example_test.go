package facade_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/oapi-codegen/nullable"

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
		body := v2_16.AttachTagToConversationJSONRequestBody{Id: tag.GetId(), AdminId: me.GetId()}
		if _, err := c.Tags.AttachToConversation(ctx, conv.GetId(), body); err != nil {
			log.Fatal(err)
		}
		fmt.Println("tagged", conv.GetTitle())
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

// Export every contact to CSV: one loop over every page.
func Example_exportContactsCSV() {
	srv, c := exampleWorkspace()
	defer srv.Close()

	w := csv.NewWriter(os.Stdout)
	_ = w.Write([]string{"id", "email", "name"})
	for contact, err := range c.Contacts.List(context.Background(), nil, facade.PageSize(150)) {
		if err != nil {
			log.Fatal(err)
		}
		_ = w.Write([]string{contact.GetId(), contact.GetEmail(), contact.GetName()})
	}
	w.Flush()
	// Output:
	// id,email,name
	// 6762f0d00000000000000001,ada@example.com,Ada Lovelace
	// 6762f0d00000000000000002,grace@example.com,Grace Hopper
}

// Reply to a conversation as an admin, then close it. The reply's
// message_type is a required argument; type: admin is filled in.
func Example_replyAndClose() {
	srv, c := exampleWorkspace()
	defer srv.Close()
	ctx := context.Background()
	conv := srv.AddConversation(v2_16.Conversation{Title: facade.Ptr("Refund please")})

	reply := v2_16.AdminReplyConversationRequest{AdminId: srv.Me(), Body: facade.Ptr("Refunded, sorry!")}
	if _, err := c.Conversations.ReplyAdmin(ctx, conv.GetId(), v2_16.AdminReplyConversationRequestMessageTypeComment, reply); err != nil {
		log.Fatal(err)
	}
	closed, err := c.Conversations.ManageClose(ctx, conv.GetId(), v2_16.CloseConversationRequest{AdminId: srv.Me()})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(closed.GetState())
	// Output: closed
}

// Create a contact, or update the one Intercom already has with that
// email (a 409 Conflict).
func Example_createOrUpdateContact() {
	srv, c := exampleWorkspace()
	defer srv.Close()
	ctx := context.Background()

	email, name := "ada@example.com", "Ada King"
	contact, err := c.Contacts.Create(ctx, v2_16.CreateContactJSONRequestBody{Email: &email, Name: nullable.NewNullableWithValue(name)})
	if errors.Is(err, facade.ErrConflict) {
		for found, searchErr := range c.Contacts.Search(ctx, search.Equals("email", email), facade.MaxItems(1)) {
			if searchErr != nil {
				log.Fatal(searchErr)
			}
			contact, err = c.Contacts.Update(ctx, found.GetId(), v2_16.UpdateContactJSONRequestBody{Name: nullable.NewNullableWithValue(name)})
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(contact.GetEmail(), contact.GetName())
	// Output: ada@example.com Ada King
}

// exampleWorkspace is an in-memory Intercom with two contacts, and a client
// of it.
func exampleWorkspace() (*intercomtest.Server, *v2_16.Client) {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	srv.AddContact(v2_16.Contact{Email: facade.Ptr("ada@example.com"), Name: facade.Ptr("Ada Lovelace")})
	srv.AddContact(v2_16.Contact{Email: facade.Ptr("grace@example.com"), Name: facade.Ptr("Grace Hopper")})
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}
