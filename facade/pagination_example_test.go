package facade_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/search"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// pagingServer answers the n-th request with answers[n] and records every
// request, so that the examples can show what each iterator sent.
type pagingServer struct {
	*httptest.Server
	mu    sync.Mutex
	lines []string
}

func newPagingServer(answers ...string) *pagingServer {
	s := &pagingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		line := r.Method + " " + r.URL.Path
		if r.URL.RawQuery != "" {
			line += "?" + r.URL.RawQuery
		}
		if body, _ := io.ReadAll(r.Body); len(body) > 0 {
			var b bytes.Buffer
			_ = json.Compact(&b, body)
			line += " " + b.String()
		}
		s.mu.Lock()
		n := len(s.lines)
		s.lines = append(s.lines, line)
		s.mu.Unlock()
		if n >= len(answers) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, answers[n])
	}))
	return s
}

// printRequests prints the requests the server received, in order.
func (s *pagingServer) printRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lines {
		fmt.Println(">", l)
	}
}

func pagingClient(srv *pagingServer) *v2_16.Client {
	c, err := v2_16.New(facade.WithToken("token"), facade.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	return c
}

// Cursor pagination: each page names the cursor of the next one in
// pages.next.starting_after, and the iterator sends it back.
func ExampleClient_ListContacts() {
	srv := newPagingServer(
		`{"type":"list","total_count":3,"data":[{"id":"1","name":"Ada"},{"id":"2","name":"Grace"}],
		  "pages":{"type":"pages","page":1,"per_page":2,"total_pages":2,"next":{"page":2,"starting_after":"WzJd"}}}`,
		`{"type":"list","total_count":3,"data":[{"id":"3","name":"Linus"}],
		  "pages":{"type":"pages","page":2,"per_page":2,"total_pages":2}}`,
	)
	defer srv.Close()
	c := pagingClient(srv)

	for contact, err := range c.ListContacts(context.Background(), nil, facade.PageSize(2)) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(contact.GetId(), contact.GetName())
	}
	srv.printRequests()
	// Output:
	// 1 Ada
	// 2 Grace
	// 3 Linus
	// > GET /contacts?per_page=2
	// > GET /contacts?starting_after=WzJd&per_page=2
}

// Page-number pagination stops at total_pages: no request for an empty
// page after the last one.
func ExampleClient_ListCompanies() {
	srv := newPagingServer(
		`{"type":"list","total_count":3,"data":[{"id":"a","name":"Acme"},{"id":"b","name":"Bolt"}],
		  "pages":{"type":"pages","page":1,"per_page":2,"total_pages":2,"next":"https://api.intercom.io/companies?page=2&per_page=2"}}`,
		`{"type":"list","total_count":3,"data":[{"id":"c","name":"Cog"}],
		  "pages":{"type":"pages","page":2,"per_page":2,"total_pages":2,"next":null}}`,
	)
	defer srv.Close()
	c := pagingClient(srv)

	for company, err := range c.ListCompanies(context.Background(), nil, facade.PageSize(2)) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(company.GetName())
	}
	srv.printRequests()
	// Output:
	// Acme
	// Bolt
	// Cog
	// > GET /companies?page=1&per_page=2
	// > GET /companies?page=2&per_page=2
}

// Search pagination carries the cursor in the request body; the iterator
// sends a copy of the body with the cursor of each next page.
func ExampleClient_SearchContacts() {
	srv := newPagingServer(
		`{"type":"list","total_count":2,"data":[{"id":"1","email":"ada@example.com"}],
		  "pages":{"type":"pages","page":1,"per_page":1,"total_pages":2,"next":{"per_page":1,"starting_after":"c1"}}}`,
		`{"type":"list","total_count":2,"data":[{"id":"2","email":"grace@example.com"}],
		  "pages":{"type":"pages","page":2,"per_page":1,"total_pages":2}}`,
	)
	defer srv.Close()
	c := pagingClient(srv)

	body, err := search.Body[v2_16.SearchContactsJSONRequestBody](search.Equals("role", "user"))
	if err != nil {
		log.Fatal(err)
	}
	for contact, err := range c.SearchContacts(context.Background(), nil, body, facade.PageSize(1)) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(contact.GetEmail())
	}
	srv.printRequests()
	// Output:
	// ada@example.com
	// grace@example.com
	// > POST /contacts/search {"pagination":{"per_page":1},"query":{"field":"role","operator":"=","value":"user"}}
	// > POST /contacts/search {"pagination":{"per_page":1,"starting_after":"c1"},"query":{"field":"role","operator":"=","value":"user"}}
}

// The companies scroll ends at its first empty page. A scroll that can no
// longer continue is reported as ErrScrollExpired: start a new one.
func ExampleClient_ScrollOverAllCompanies() {
	srv := newPagingServer(
		`{"type":"list","data":[{"id":"a","name":"Acme"},{"id":"b","name":"Bolt"}],"pages":null,"total_count":null,"scroll_param":"s1"}`,
		`{"type":"list","data":[],"pages":null,"total_count":null,"scroll_param":"s1"}`,
	)
	defer srv.Close()
	c := pagingClient(srv)

	for company, err := range c.ScrollOverAllCompanies(context.Background(), nil) {
		if errors.Is(err, facade.ErrScrollExpired) {
			fmt.Println("the scroll expired: start again")
			break
		}
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(company.GetName())
	}
	srv.printRequests()
	// Output:
	// Acme
	// Bolt
	// > GET /companies/scroll
	// > GET /companies/scroll?scroll_param=s1
}

// Some lists answer next_cursor and has_more instead of a pages object.
func ExampleClient_ListContactMergeHistory() {
	srv := newPagingServer(
		`{"type":"list","data":[{"source_contact_id":"old1"}],"next_cursor":"n1","has_more":true}`,
		`{"type":"list","data":[{"source_contact_id":"old2"}],"next_cursor":null,"has_more":false}`,
	)
	defer srv.Close()
	c := pagingClient(srv)

	for merge, err := range c.ListContactMergeHistory(context.Background(), "c1", nil, facade.PageSize(1)) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(merge.GetSourceContactId())
	}
	srv.printRequests()
	// Output:
	// old1
	// old2
	// > GET /contacts/c1/merge_history?per_page=1
	// > GET /contacts/c1/merge_history?cursor=n1&per_page=1
}

// The Pages variant yields whole pages with the total count and the cursor
// to resume after each: save Page.Next, and later continue with ResumeFrom.
func ExampleClient_ListContactsPages() {
	srv := newPagingServer(
		`{"type":"list","total_count":3,"data":[{"id":"1"},{"id":"2"}],
		  "pages":{"type":"pages","page":1,"per_page":2,"total_pages":2,"next":{"page":2,"starting_after":"WzJd"}}}`,
		`{"type":"list","total_count":3,"data":[{"id":"3"}],
		  "pages":{"type":"pages","page":2,"per_page":2,"total_pages":2}}`,
	)
	defer srv.Close()
	c := pagingClient(srv)
	ctx := context.Background()

	var checkpoint string
	// ReadAhead(0): this loop stops after one page, so nothing is requested
	// ahead of it.
	for page, err := range c.ListContactsPages(ctx, nil, facade.PageSize(2), facade.ReadAhead(0)) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d of %d contacts; next: %q\n", len(page.Items), page.TotalCount, page.Next)
		checkpoint = page.Next
		break // e.g. the process stops here
	}

	// Later: continue where the last completed page ended.
	for contact, err := range c.ListContacts(ctx, nil, facade.PageSize(2), facade.ResumeFrom(checkpoint)) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("resumed with", contact.GetId())
	}
	srv.printRequests()
	// Output:
	// 2 of 3 contacts; next: "WzJd"
	// resumed with 3
	// > GET /contacts?per_page=2
	// > GET /contacts?starting_after=WzJd&per_page=2
}

// MaxItems stops after n items; with cursors the last request asks only
// for what is left.
func ExampleMaxItems() {
	srv := newPagingServer(
		`{"type":"list","total_count":500,"data":[{"id":"1"},{"id":"2"},{"id":"3"}],
		  "pages":{"type":"pages","page":1,"per_page":3,"total_pages":167,"next":{"starting_after":"c3"}}}`,
		`{"type":"list","total_count":500,"data":[{"id":"4"}],
		  "pages":{"type":"pages","page":2,"per_page":1,"total_pages":500,"next":{"starting_after":"c4"}}}`,
	)
	defer srv.Close()
	c := pagingClient(srv)

	n := 0
	for _, err := range c.ListContacts(context.Background(), nil, facade.PageSize(3), facade.MaxItems(4)) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "contacts")
	srv.printRequests()
	// Output:
	// 4 contacts
	// > GET /contacts?per_page=3
	// > GET /contacts?starting_after=c3&per_page=1
}
