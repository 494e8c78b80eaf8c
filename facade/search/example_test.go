package search_test

import (
	"context"
	"fmt"
	"log"

	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/facade/search"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Open conversations assigned to one admin: one query, ranged over page by
// page by the conversations search of the client's version.
func Example() {
	srv, err := intercomtest.Start() // an in-memory Intercom; in a test: intercomtest.New(t)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	for i, s := range []v2_16.ConversationState{"open", "closed", "open"} {
		srv.AddConversation(v2_16.Conversation{State: &s, AdminAssigneeId: &[]int{42, 42, 7}[i], Title: &[]string{"a", "b", "c"}[i]})
	}
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	q := search.And(
		search.Equals("state", "open"),
		search.Equals("admin_assignee_id", 42),
	)
	for conv, err := range c.Conversations.Search(context.Background(), q) {
		if err != nil {
			log.Fatal(err) // also a query that breaks one of Intercom's rules, before anything is sent
		}
		fmt.Println(conv.GetTitle())
	}
	// Output:
	// a
}

// A query Intercom would refuse is an error before anything is sent.
func ExampleQuery_Validate() {
	q := search.And(
		search.GreaterThanOrEquals("created_at", 1767225600), // >= is not supported on dates
	)
	fmt.Println(q.Validate())
	// Output:
	// intercom: invalid search query: query.AND[0](created_at >=): >= is not supported on date fields (use = for a day, < and > for ranges)
}
