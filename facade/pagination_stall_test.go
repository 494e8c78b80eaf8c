package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

// firstPage is a page of n items, numbered from 0, with the given pages
// object members.
func firstPage(n int, pages string) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`{"type":"company","id":"%d"}`, i)
	}
	return fmt.Sprintf(`{"type":"list","data":[%s],"total_count":%d,"pages":{"type":"pages"%s}}`, strings.Join(items, ","), 10*n, pages)
}

// A server that ignores the position it is asked for answers the first
// page to every request. The listing must end with ErrPaginationStalled
// before any item comes a second time, with and without read-ahead.
func TestPaginationStallsBeforeRepeating(t *testing.T) {
	cases := map[string]struct{ body string }{
		"page numbers ignored, no page number, total_pages": {
			body: firstPage(150, `,"per_page":150,"total_pages":10`),
		},
		"page numbers ignored, no page number, next link": {
			body: firstPage(150, `,"per_page":150,"next":"https://api.intercom.io/companies/list?page=2"`),
		},
		"page numbers ignored, no page number, next object": {
			body: firstPage(150, `,"per_page":150,"next":{"page":2}`),
		},
		"starting_after ignored": {
			body: strings.Replace(firstPage(150, `,"per_page":150,"next":{"starting_after":"WzE1MF0="}`), `"company"`, `"contact"`, -1),
		},
	}
	for name, tc := range cases {
		for _, ahead := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/readahead %d", name, ahead), func(t *testing.T) {
				var requests atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					requests.Add(1)
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, tc.body)
				}))
				defer srv.Close()
				c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
				require.NoError(t, err)
				seen := map[string]bool{}
				var errs []error
				if strings.HasPrefix(name, "starting_after") {
					for contact, err := range c.ListContacts(context.Background(), nil, facade.ReadAhead(ahead)) {
						if err != nil {
							errs = append(errs, err)
							continue
						}
						id := facade.Deref(contact.Id)
						require.False(t, seen[id], "item %s yielded twice", id)
						seen[id] = true
					}
				} else {
					for company, err := range c.ListAllCompanies(context.Background(), nil, facade.ReadAhead(ahead)) {
						if err != nil {
							errs = append(errs, err)
							continue
						}
						id := facade.Deref(company.Id)
						require.False(t, seen[id], "item %s yielded twice", id)
						seen[id] = true
					}
				}
				require.Len(t, seen, 150, "items, errors %v", errs)
				require.Len(t, errs, 1)
				require.ErrorIs(t, errs[0], facade.ErrPaginationStalled)
			})
		}
	}
}
