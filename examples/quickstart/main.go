// Command quickstart walks through the client's everyday calls: it creates
// a contact, tags it, lists contacts page by page, searches conversations,
// then removes what it created.
//
// With INTERCOM_TOKEN set it talks to Intercom (INTERCOM_BASE_URL picks
// another region's server); without it, it starts an in-memory
// intercomtest server, so it runs anywhere with no account:
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

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Getenv("INTERCOM_TOKEN"), os.Getenv("INTERCOM_BASE_URL")); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run connects to Intercom when token is set, to a fresh intercomtest
// server otherwise, and runs the walkthrough, printing each step to w.
func run(ctx context.Context, w io.Writer, token, baseURL string) error {
	var c *facade.Client
	if token != "" {
		opts := []facade.Option{facade.WithToken(token)}
		if baseURL != "" {
			opts = append(opts, facade.WithBaseURL(baseURL))
		}
		var err error
		if c, err = facade.New(opts...); err != nil {
			return err
		}
		fmt.Fprintf(w, "Using Intercom at %s (INTERCOM_TOKEN is set)\n", c.BaseURL())
	} else {
		srv, err := intercomtest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		seed(srv)
		if c, err = srv.Client(); err != nil {
			return err
		}
		fmt.Fprintf(w, "Using intercomtest at %s (set INTERCOM_TOKEN to use Intercom)\n", srv.URL())
	}
	return walkthrough(ctx, w, c)
}

// seed gives the fake workspace something to find: a customer with an
// open conversation.
func seed(srv *intercomtest.Server) {
	grace := srv.AddContact(v2_16.Contact{Email: ptr("grace@example.com"), Name: ptr("Grace Hopper")})
	srv.AddConversation(v2_16.Conversation{
		Title: ptr("Where is my compiler?"),
		Contacts: &v2_16.ConversationContacts{Contacts: []v2_16.ContactReference{
			{Type: ptr(v2_16.ContactReferenceTypeContact), Id: grace.Id},
		}},
		Source: &v2_16.ConversationSource{Type: ptr("conversation"), Body: ptr("Hello, my compiler is missing."),
			Author: &v2_16.ConversationSourceAuthor{Type: ptr("user"), Id: grace.Id, Email: grace.Email}},
	})
}

func walkthrough(ctx context.Context, w io.Writer, c *facade.Client) error {
	me, err := c.API.IdentifyAdminWithResponse(ctx)
	if err != nil {
		return fmt.Errorf("who am I: %w", err)
	}
	fmt.Fprintf(w, "1. Authenticated as %s <%s>\n", str(me.JSON200.Name), str(me.JSON200.Email))

	email := fmt.Sprintf("quickstart-%d@example.com", time.Now().UnixNano())
	contact, err := createContact(ctx, c, v2_16.CreateContactRequest{Email: ptr(email), Name: map[bool]string{true: "Quickstart Example"}})
	if err != nil {
		return fmt.Errorf("create contact: %w", err)
	}
	fmt.Fprintf(w, "2. Created contact %s <%s>\n", str(contact.Id), str(contact.Email))
	defer func() {
		// Leave the workspace as it was: ctx may be done, so use a fresh one.
		cctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := c.API.DeleteContactWithResponse(cctx, str(contact.Id)); err != nil {
			fmt.Fprintf(w, "   (could not delete contact %s: %v)\n", str(contact.Id), err)
			return
		}
		fmt.Fprintf(w, "6. Deleted contact %s\n", str(contact.Id))
	}()

	tag, err := createTag(ctx, c, "quickstart")
	if err != nil {
		return fmt.Errorf("create tag: %w", err)
	}
	if _, err := c.API.AttachTagToContactWithResponse(ctx, str(contact.Id), v2_16.AttachTagToContactJSONRequestBody{Id: str(tag.Id)}); err != nil {
		return fmt.Errorf("tag contact: %w", err)
	}
	fmt.Fprintf(w, "3. Tagged the contact %q (tag %s)\n", str(tag.Name), str(tag.Id))

	n, pages, err := listContacts(ctx, c, 50, 3)
	if err != nil {
		return fmt.Errorf("list contacts: %w", err)
	}
	fmt.Fprintf(w, "4. Listed %d contacts in %d page(s)\n", n, pages)

	convs, err := searchOpenConversations(ctx, c, time.Now().AddDate(0, 0, -30))
	if err != nil {
		return fmt.Errorf("search conversations: %w", err)
	}
	fmt.Fprintf(w, "5. Found %d open conversation(s) from the last 30 days\n", len(convs))
	for _, cv := range convs {
		fmt.Fprintf(w, "   - %s %q\n", str(cv.Id), str(cv.Title))
	}
	return nil
}

// listContacts walks the cursor pages of GET /contacts, at most maxPages.
// (The facade's iterators will make this a range loop.)
func listContacts(ctx context.Context, c *facade.Client, perPage, maxPages int) (total, pages int, err error) {
	after := ""
	for pages < maxPages {
		resp, err := c.API.ListContactsWithResponse(ctx, nil, pageQuery(perPage, after))
		if err != nil {
			return total, pages, err
		}
		pages++
		total += len(resp.JSON200.Data)
		next, err := resp.JSON200.Pages.Next.Get()
		if err != nil || next.StartingAfter.MustGet() == "" {
			break
		}
		after = next.StartingAfter.MustGet()
	}
	return total, pages, nil
}

// searchOpenConversations finds open conversations created since a time.
func searchOpenConversations(ctx context.Context, c *facade.Client, since time.Time) ([]v2_16.ConversationListItem, error) {
	var open, recent v2_16.SingleFilterSearchRequest_Value
	if err := open.FromSingleFilterSearchRequestValue2(true); err != nil {
		return nil, err
	}
	if err := recent.FromSingleFilterSearchRequestValue1(int(since.Unix())); err != nil {
		return nil, err
	}
	var filters v2_16.MultipleFilterSearchRequest_Value
	if err := filters.FromMultipleFilterSearchRequestValue1([]v2_16.SingleFilterSearchRequest{
		{Field: ptr("open"), Operator: ptr(v2_16.SingleFilterSearchRequestOperatorEqual), Value: map[bool]v2_16.SingleFilterSearchRequest_Value{true: open}},
		{Field: ptr("created_at"), Operator: ptr(v2_16.SingleFilterSearchRequestOperatorGreaterThan), Value: map[bool]v2_16.SingleFilterSearchRequest_Value{true: recent}},
	}); err != nil {
		return nil, err
	}
	var q v2_16.SearchRequest_Query
	if err := q.FromMultipleFilterSearchRequest(v2_16.MultipleFilterSearchRequest{
		Operator: ptr(v2_16.MultipleFilterSearchRequestOperatorAND), Value: &filters,
	}); err != nil {
		return nil, err
	}
	resp, err := c.API.SearchConversationsWithResponse(ctx, nil, v2_16.SearchConversationsJSONRequestBody{Query: q})
	if err != nil {
		return nil, err
	}
	return resp.JSON200.Conversations, nil
}

func ptr[T any](v T) *T { return &v }

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
