package facade_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// cannedContacts answers GET /contacts from memory, 150 contacts a page, so
// that the benchmarks measure the client, not a network.
type cannedContacts struct {
	pages [][]byte
}

func newCannedContacts(total int) *cannedContacts {
	c := &cannedContacts{}
	per := 150
	totalPages := (total + per - 1) / per
	for off := 0; off < total; off += per {
		var b strings.Builder
		b.WriteString(`{"type":"list","data":[`)
		end := min(off+per, total)
		for i := off; i < end; i++ {
			if i > off {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"type":"contact","id":"%d","role":"user","email":"c%d@example.com","name":"Contact %d","created_at":1700000000,"updated_at":1700000001}`, i, i, i)
		}
		fmt.Fprintf(&b, `],"total_count":%d,"pages":{"type":"pages","page":%d,"per_page":%d,"total_pages":%d`, total, off/per+1, per, totalPages)
		if end < total {
			fmt.Fprintf(&b, `,"next":{"page":%d,"starting_after":"cur-%d"}`, off/per+2, end)
		}
		b.WriteString("}}")
		c.pages = append(c.pages, []byte(b.String()))
	}
	return c
}

func (c *cannedContacts) Do(r *http.Request) (*http.Response, error) {
	i := 0
	if s := r.URL.Query().Get("starting_after"); s != "" {
		off, _ := strconv.Atoi(strings.TrimPrefix(s, "cur-"))
		i = off / 150
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(c.pages[i])), Request: r}, nil
}

const benchContacts = 10_007

// BenchmarkPaginationIterator ranges over every contact with the iterator.
func BenchmarkPaginationIterator(b *testing.B) {
	c, err := v2_16.New(facade.WithToken("t"), facade.WithHTTPClient(newCannedContacts(benchContacts)))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for contact, err := range c.ListContacts(ctx, nil) {
			if err != nil {
				b.Fatal(err)
			}
			if contact.Id != nil {
				n++
			}
		}
		if n != benchContacts {
			b.Fatalf("%d contacts", n)
		}
	}
}

// BenchmarkPaginationHandLoop is the loop a user would write with the
// generated client alone, the baseline of the iterator.
func BenchmarkPaginationHandLoop(b *testing.B) {
	c, err := v2_16.New(facade.WithToken("t"), facade.WithHTTPClient(newCannedContacts(benchContacts)))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		per := 150
		params := &v2_16.ListContactsParams{PerPage: &per}
		for {
			resp, err := c.API.ListContactsWithResponse(ctx, params)
			if err != nil {
				b.Fatal(err)
			}
			for _, contact := range resp.JSON200.Data {
				if contact.Id != nil {
					n++
				}
			}
			next, err := resp.JSON200.Pages.Next.Get()
			if err != nil {
				break
			}
			cursor, err := next.StartingAfter.Get()
			if err != nil || cursor == "" {
				break
			}
			params.StartingAfter = &cursor
		}
		if n != benchContacts {
			b.Fatalf("%d contacts", n)
		}
	}
}
