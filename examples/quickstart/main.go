// Command quickstart walks through the client's everyday calls: it creates
// a contact, tags it, lists contacts with an iterator, searches
// conversations with another, then removes what it created.
//
// With INTERCOM_TOKEN set it talks to Intercom, configured from the
// environment by facade.FromEnv (INTERCOM_REGION or INTERCOM_BASE_URL
// pick the server, INTERCOM_VERSION the API version); without it, it
// starts an in-memory intercomtest server, so it runs anywhere with no
// account:
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/oapi-codegen/nullable"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/facade/search"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run connects to Intercom when INTERCOM_TOKEN is set, to a fresh
// intercomtest server otherwise, and runs the walkthrough, printing each
// step to w.
func run(ctx context.Context, w io.Writer) error {
	if os.Getenv(facade.EnvToken) != "" {
		c, err := v2_16.New(facade.FromEnv())
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Using Intercom at %s, API %s (INTERCOM_TOKEN is set)\n", c.BaseURL(), c.Version())
		return walkthrough(ctx, w, c)
	}
	srv, err := intercomtest.Start()
	if err != nil {
		return err
	}
	defer srv.Close()
	seed(srv)
	c, err := srv.Client()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Using intercomtest at %s (set INTERCOM_TOKEN to use Intercom)\n", srv.URL())
	return walkthrough(ctx, w, c)
}

// seed gives the fake workspace something to find: a customer with an
// open conversation.
func seed(srv *intercomtest.Server) {
	grace := srv.AddContact(v2_16.Contact{Email: facade.Ptr("grace@example.com"), Name: facade.Ptr("Grace Hopper")})
	srv.AddConversation(v2_16.Conversation{
		Title: facade.Ptr("Where is my compiler?"),
		Contacts: &v2_16.ConversationContacts{Contacts: []v2_16.ContactReference{
			{Type: facade.Ptr(v2_16.ContactReferenceTypeContact), Id: grace.Id},
		}},
		Source: &v2_16.ConversationSource{Type: facade.Ptr("conversation"), Body: facade.Ptr("Hello, my compiler is missing."),
			Author: &v2_16.ConversationSourceAuthor{Type: facade.Ptr("user"), Id: grace.Id, Email: grace.Email}},
	})
}

// Bounds on what the walkthrough reads from a real workspace.
const (
	contactsPerPage = 50
	maxContacts     = 150
	maxResults      = 20
)

func walkthrough(ctx context.Context, w io.Writer, c *v2_16.Client) error {
	me, err := c.Admins.Identify(ctx)
	if err != nil {
		return fmt.Errorf("who am I: %w", err)
	}
	fmt.Fprintf(w, "1. Authenticated as %s <%s>\n", me.GetName(), me.GetEmail())

	email := fmt.Sprintf("quickstart-%d@example.com", time.Now().UnixNano())
	created, err := c.Contacts.Create(ctx, v2_16.CreateContactJSONRequestBody{
		Email: facade.Ptr(email),
		Name:  nullable.NewNullableWithValue("Quickstart Example"),
	})
	if err != nil {
		return fmt.Errorf("create contact: %w", err)
	}
	contactID := created.GetId()
	fmt.Fprintf(w, "2. Created contact %s <%s>\n", contactID, created.GetEmail())
	defer func() {
		// Leave the workspace as it was: ctx may be done, so use a fresh one.
		cctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := c.Contacts.Delete(cctx, contactID); err != nil {
			fmt.Fprintf(w, "   (could not delete contact %s: %v)\n", contactID, err)
			return
		}
		fmt.Fprintf(w, "6. Deleted contact %s\n", contactID)
	}()

	tag, err := c.Tags.CreateOrUpdate(ctx, v2_16.CreateOrUpdateTagRequest{Name: "quickstart"})
	if err != nil {
		return fmt.Errorf("create tag: %w", err)
	}
	tagID := tag.GetId()
	if _, err := c.Tags.AttachToContact(ctx, contactID, v2_16.AttachTagToContactJSONRequestBody{Id: tagID}); err != nil {
		return fmt.Errorf("tag contact: %w", err)
	}
	fmt.Fprintf(w, "3. Tagged the contact %q (tag %s)\n", tag.GetName(), tagID)

	n, found, err := listContacts(ctx, c, contactID)
	if err != nil {
		return fmt.Errorf("list contacts: %w", err)
	}
	switch {
	case found:
		fmt.Fprintf(w, "4. Listed %d contacts, the new one among them\n", n)
	default:
		fmt.Fprintf(w, "4. Listed %d contacts (the new one is not among the first %d)\n", n, maxContacts)
	}

	convs, err := searchOpenConversations(ctx, c, time.Now().AddDate(0, 0, -30))
	if err != nil {
		return fmt.Errorf("search conversations: %w", err)
	}
	fmt.Fprintf(w, "5. Found %d open conversation(s) from the last 30 days\n", len(convs))
	for _, cv := range convs {
		fmt.Fprintf(w, "   - %s %q\n", cv.GetId(), cv.GetTitle())
	}
	return nil
}

// listContacts ranges over GET /contacts with the iterator, which follows
// the cursor pages and stops after maxContacts. It counts the contacts and
// looks for the one with id want.
func listContacts(ctx context.Context, c *v2_16.Client, want string) (n int, found bool, err error) {
	for contact, err := range c.Contacts.List(ctx, nil, facade.PageSize(contactsPerPage), facade.MaxItems(maxContacts)) {
		if err != nil {
			return n, found, err // the loop's last value
		}
		n++
		found = found || contact.GetId() == want
	}
	return n, found, nil
}

// searchOpenConversations finds open conversations created since a time,
// at most maxResults of them, with the search iterator.
func searchOpenConversations(ctx context.Context, c *v2_16.Client, since time.Time) ([]v2_16.ConversationListItem, error) {
	q := search.And(search.Equals("open", true), search.GreaterThan("created_at", since))
	var found []v2_16.ConversationListItem
	for cv, err := range c.Conversations.Search(ctx, q, facade.MaxItems(maxResults)) {
		if err != nil {
			return found, err
		}
		found = append(found, cv)
	}
	return found, nil
}
