package facade_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// bigList is the size of the lists the style tests page through: 66 full
// pages of 150 and one of 107.
const bigList = 10_007

func testClient(t *testing.T, f *fakeList) *v2_16.Client {
	t.Helper()
	srv := f.start(t)
	// Without retries, so that a failure the fake injects reaches the
	// iterator; TestPaginationRetriedPage covers the default.
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL), facade.WithoutRetries())
	require.NoError(t, err)
	return c
}

// idsOf maps an item iterator to item ids, passing errors through.
func idsOf[T any](seq iter.Seq2[T, error], id func(T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			s := ""
			if err == nil {
				s = id(v)
			}
			if !yield(s, err) {
				return
			}
		}
	}
}

// pagesOf maps a page iterator to pages of ids.
func pagesOf[T any](seq iter.Seq2[facade.Page[T], error], id func(T) string) iter.Seq2[facade.Page[string], error] {
	return func(yield func(facade.Page[string], error) bool) {
		for p, err := range seq {
			out := facade.Page[string]{TotalCount: p.TotalCount, Next: p.Next}
			for _, v := range p.Items {
				out.Items = append(out.Items, id(v))
			}
			if !yield(out, err) {
				return
			}
		}
	}
}

func idOf(p *string) string { return facade.Deref(p) }

// styleCase is one operation per pagination style, with a fake Intercom
// that speaks that style.
type styleCase struct {
	name     string
	list     func(total int) *fakeList
	items    func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[string, error]
	pages    func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[facade.Page[string], error]
	requests int // for bigList items, 150 per page
}

var pagingSearchQuery = `{"field":"role","operator":"=","value":"user"}`

func pagingSearchBody(t testing.TB) v2_16.SearchContactsJSONRequestBody {
	var b v2_16.SearchContactsJSONRequestBody
	require.NoError(t, json.Unmarshal([]byte(`{"query":`+pagingSearchQuery+`}`), &b))
	return b
}

func styleCases(t *testing.T) []styleCase {
	contactParams := func() *v2_16.ListContactsParams {
		return &v2_16.ListContactsParams{IncludeMergeHistory: facade.Ptr(true)}
	}
	return []styleCase{{
		name: "cursor",
		list: func(total int) *fakeList {
			return &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/contacts$`), style: "cursor",
				cursor: loc("query.starting_after"), perPage: loc("query.per_page"), items: []string{"data"},
				total: total, maxPer: 150}
		},
		items: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[string, error] {
			return idsOf(c.ListContacts(ctx, contactParams(), opts...), func(v v2_16.Contact) string { return idOf(v.Id) })
		},
		pages: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[facade.Page[string], error] {
			return pagesOf(c.ListContactsPages(ctx, contactParams(), opts...), func(v v2_16.Contact) string { return idOf(v.Id) })
		},
		requests: 67,
	}, {
		name: "page",
		list: func(total int) *fakeList {
			return &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/companies/co1/contacts$`), style: "page",
				cursor: loc("query.page"), perPage: loc("query.per_page"), items: []string{"data"}, total: total, maxPer: 150}
		},
		items: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[string, error] {
			return idsOf(c.ListAttachedContacts(ctx, "co1", nil, append([]facade.PageOption{facade.PageSize(150)}, opts...)...), func(v v2_16.Contact) string { return idOf(v.Id) })
		},
		pages: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[facade.Page[string], error] {
			return pagesOf(c.ListAttachedContactsPages(ctx, "co1", nil, append([]facade.PageOption{facade.PageSize(150)}, opts...)...), func(v v2_16.Contact) string { return idOf(v.Id) })
		},
		requests: 67,
	}, {
		name: "search",
		list: func(total int) *fakeList {
			return &fakeList{method: http.MethodPost, path: regexp.MustCompile(`^/contacts/search$`), style: "search",
				cursor: loc("body.pagination.starting_after"), perPage: loc("body.pagination.per_page"), items: []string{"data"},
				total: total, maxPer: 150, wantQuery: pagingSearchQuery}
		},
		items: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[string, error] {
			return idsOf(c.SearchContacts(ctx, nil, pagingSearchBody(t), opts...), func(v v2_16.Contact) string { return idOf(v.Id) })
		},
		pages: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[facade.Page[string], error] {
			return pagesOf(c.SearchContactsPages(ctx, nil, pagingSearchBody(t), opts...), func(v v2_16.Contact) string { return idOf(v.Id) })
		},
		requests: 67,
	}, {
		name: "scroll",
		list: func(total int) *fakeList {
			return &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/companies/scroll$`), style: "scroll",
				cursor: loc("query.scroll_param"), items: []string{"data"}, total: total, defPer: 150}
		},
		items: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[string, error] {
			return idsOf(c.ScrollOverAllCompanies(ctx, nil, opts...), func(v v2_16.Company) string { return idOf(v.Id) })
		},
		pages: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[facade.Page[string], error] {
			return pagesOf(c.ScrollOverAllCompaniesPages(ctx, nil, opts...), func(v v2_16.Company) string { return idOf(v.Id) })
		},
		requests: 68, // the empty page that ends a scroll
	}, {
		name: "next_cursor",
		list: func(total int) *fakeList {
			return &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/contacts/c1/merge_history$`), style: "next_cursor",
				cursor: loc("query.cursor"), perPage: loc("query.per_page"), items: []string{"data"}, total: total, maxPer: 150,
				item: func(i int) string { return `{"type":"merge","source_contact_id":"` + strconv.Itoa(i) + `"}` }}
		},
		items: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[string, error] {
			return idsOf(c.ListContactMergeHistory(ctx, "c1", nil, opts...), func(v v2_16.MergeHistoryItem) string { return idOf(v.SourceContactId) })
		},
		pages: func(c *v2_16.Client, ctx context.Context, opts ...facade.PageOption) iter.Seq2[facade.Page[string], error] {
			return pagesOf(c.ListContactMergeHistoryPages(ctx, "c1", nil, opts...), func(v v2_16.MergeHistoryItem) string { return idOf(v.SourceContactId) })
		},
		requests: 67,
	}}
}

// drain ranges over seq to its end, returning the ids before the first
// error, the errors, and whether anything was yielded after an error.
func drain(seq iter.Seq2[string, error]) (ids []string, errs []error, afterError bool) {
	for id, err := range seq {
		if len(errs) > 0 {
			afterError = true
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, id)
	}
	return ids, errs, afterError
}

// assertRange checks that ids are exactly from..to-1, each once, in order.
func assertRange(t *testing.T, ids []string, from, to int) {
	t.Helper()
	if len(ids) != to-from {
		first, last := "", ""
		if len(ids) > 0 {
			first, last = ids[0], ids[len(ids)-1]
		}
		t.Fatalf("%d items (first %q, last %q), want %d..%d", len(ids), first, last, from, to-1)
	}
	for i, id := range ids {
		if id != strconv.Itoa(from+i) {
			t.Fatalf("item %d is %q, want %d", i, id, from+i)
		}
	}
}

func TestPaginationEveryItemOnce(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(bigList)
			if sc.name == "cursor" {
				// What the params ask besides paging goes out every time.
				f.wantParams = map[string]string{"include_merge_history": "true"}
			}
			c := testClient(t, f)
			ids, errs, _ := drain(sc.items(c, context.Background()))
			require.Empty(t, errs)
			assertRange(t, ids, 0, bigList)
			assert.EqualValues(t, sc.requests, f.requests.Load(), "requests")
			if f.perPage.in != "" {
				for i, s := range f.pageSizes() {
					require.Equal(t, 150, s, "per_page of request %d", i+1)
				}
			}
		})
	}
}

func TestPaginationFailureOnPageTwoOfThree(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(450)
			f.failOn, f.failStatus = 2, http.StatusInternalServerError
			f.failBody = `{"type":"error.list","errors":[{"code":"server_error","message":"boom"}]}`
			c := testClient(t, f)
			ids, errs, after := drain(sc.items(c, context.Background()))
			assertRange(t, ids, 0, 150)
			require.Len(t, errs, 1, "one error")
			assert.False(t, after, "nothing after the error")
			var apiErr *facade.Error
			require.ErrorAs(t, errs[0], &apiErr)
			assert.Equal(t, http.StatusInternalServerError, apiErr.StatusCode)
			assert.Contains(t, string(apiErr.Body), "boom")
			// A 500 may have moved the scroll past the lost page.
			assert.Equal(t, sc.name == "scroll", errors.Is(errs[0], facade.ErrScrollExpired))
			assert.EqualValues(t, 2, f.requests.Load())
		})
	}
}

func TestPaginationCancelledContext(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(bigList)
			c := testClient(t, f)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var ids []string
			var errs []error
			for id, err := range sc.items(c, ctx, facade.ReadAhead(0)) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				ids = append(ids, id)
				cancel()
			}
			// The page already received is yielded; no other is asked for
			// (without read-ahead).
			assertRange(t, ids, 0, 150)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], context.Canceled)
			assert.EqualValues(t, 1, f.requests.Load())

			// A context cancelled before the loop sends nothing.
			f2 := sc.list(bigList)
			c2 := testClient(t, f2)
			ids, errs, _ = drain(sc.items(c2, ctx))
			assert.Empty(t, ids)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], context.Canceled)
			assert.EqualValues(t, 0, f2.requests.Load())
		})
	}
}

func TestPaginationEarlyBreak(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(bigList)
			c := testClient(t, f)
			n := 0
			for _, err := range sc.items(c, context.Background(), facade.ReadAhead(0)) {
				require.NoError(t, err)
				if n++; n == 160 { // into the second page
					break
				}
			}
			assert.EqualValues(t, 2, f.requests.Load())
			pages := 0
			for _, err := range sc.pages(c, context.Background(), facade.ReadAhead(0)) {
				require.NoError(t, err)
				pages++
				break
			}
			assert.Equal(t, 1, pages)
			assert.EqualValues(t, 3, f.requests.Load(), "one more request for one page")
		})
	}
}

func TestPaginationStalledCursor(t *testing.T) {
	for _, sc := range styleCases(t) {
		if sc.name == "scroll" {
			continue // a scroll_param may repeat; see TestScrollWithoutScrollParam
		}
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(bigList)
			f.stallOn = 2
			c := testClient(t, f)
			ids, errs, after := drain(sc.items(c, context.Background()))
			// The second page names as next the cursor it was asked with:
			// that is what the first page again looks like (a server
			// ignoring starting_after), so none of it is yielded; for page
			// numbers, page 1 comes again instead of page 2.
			assertRange(t, ids, 0, 150)
			require.Len(t, errs, 1)
			assert.False(t, after)
			assert.ErrorIs(t, errs[0], facade.ErrPaginationStalled)
			assert.EqualValues(t, 2, f.requests.Load())
		})
	}
}

func TestPaginationResumeFromSavedCursor(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(bigList)
			c := testClient(t, f)
			var first facade.Page[string]
			for p, err := range sc.pages(c, context.Background(), facade.ReadAhead(0)) {
				require.NoError(t, err)
				first = p
				break
			}
			require.NotEmpty(t, first.Next)
			assertRange(t, first.Items, 0, 150)
			rest, errs, _ := drain(sc.items(c, context.Background(), facade.ResumeFrom(first.Next)))
			require.Empty(t, errs)
			assertRange(t, rest, 150, bigList)
			assert.EqualValues(t, sc.requests, f.requests.Load(), "no page fetched twice")
		})
	}
}

func TestPaginationPagesReportTotalAndNext(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(400)
			c := testClient(t, f)
			var got []facade.Page[string]
			for p, err := range sc.pages(c, context.Background()) {
				require.NoError(t, err)
				got = append(got, p)
			}
			wantPages := 3
			if sc.name == "scroll" {
				wantPages = 4 // and the empty one
			}
			require.Len(t, got, wantPages)
			for i, p := range got {
				switch sc.name {
				case "scroll", "next_cursor":
					assert.Equal(t, -1, p.TotalCount, "these lists report no total")
				default:
					assert.Equal(t, 400, p.TotalCount)
				}
				if i < 2 {
					assert.NotEmpty(t, p.Next, "page %d", i+1)
				}
			}
			assert.Empty(t, got[len(got)-1].Next, "the last page has no cursor")
		})
	}
}

func TestPaginationIsLazyAndRestartable(t *testing.T) {
	f := styleCases(t)[0].list(300)
	c := testClient(t, f)
	seq := c.ListContacts(context.Background(), nil)
	assert.EqualValues(t, 0, f.requests.Load(), "no request before the loop")
	for range 2 {
		ids, errs, _ := drain(idsOf(seq, func(v v2_16.Contact) string { return idOf(v.Id) }))
		require.Empty(t, errs)
		assertRange(t, ids, 0, 300)
	}
	assert.EqualValues(t, 4, f.requests.Load())
}

// The caller's params and body are copied: neither the cursor nor the page
// size the iterator sends is written back into them, and their other fields
// go out with every request.
func TestPaginationLeavesParamsAlone(t *testing.T) {
	f := styleCases(t)[0].list(500)
	c := testClient(t, f)
	per := 100
	params := &v2_16.ListContactsParams{IncludeMergeHistory: facade.Ptr(true), PerPage: &per}
	ids, errs, _ := drain(idsOf(c.ListContacts(context.Background(), params), func(v v2_16.Contact) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 0, 500)
	assert.Equal(t, []int{100, 100, 100, 100, 100}, f.pageSizes(), "the params' per_page is used")
	assert.Same(t, &per, params.PerPage)
	assert.Equal(t, 100, per)
	assert.Nil(t, params.StartingAfter)
	assert.Nil(t, params.Page)

	s := styleCases(t)[2].list(500)
	sc := testClient(t, s)
	body := pagingSearchBody(t)
	body.Pagination = nullable.NewNullableWithValue(v2_16.StartingAfterPaging{PerPage: &per})
	ids, errs, _ = drain(idsOf(sc.SearchContacts(context.Background(), nil, body), func(v v2_16.Contact) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 0, 500)
	pg := body.Pagination.MustGet()
	assert.False(t, pg.StartingAfter.IsSpecified(), "the caller's body has no cursor")
	assert.Same(t, &per, pg.PerPage)
	assert.Equal(t, []string{"", "cur-100", "cur-200", "cur-300", "cur-400"}, s.positions(), "the cursor advances")
}

// A cursor in the caller's params is where the listing starts.
func TestPaginationStartsAtParamsCursor(t *testing.T) {
	f := styleCases(t)[0].list(1000)
	c := testClient(t, f)
	ids, errs, _ := drain(idsOf(c.ListContacts(context.Background(), &v2_16.ListContactsParams{StartingAfter: facade.Ptr("cur-700")}),
		func(v v2_16.Contact) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 700, 1000)

	p := styleCases(t)[1].list(1000)
	pc := testClient(t, p)
	ids, errs, _ = drain(idsOf(pc.ListAttachedContacts(context.Background(), "co1", &v2_16.ListAttachedContactsParams{Page: facade.Ptr(3), PerPage: facade.Ptr(100)}),
		func(v v2_16.Contact) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 200, 1000)
}

func TestPaginationPageSize(t *testing.T) {
	f := styleCases(t)[0].list(100)
	c := testClient(t, f)
	ids, errs, _ := drain(idsOf(c.ListContacts(context.Background(), nil, facade.PageSize(20)), func(v v2_16.Contact) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 0, 100)
	assert.Equal(t, []int{20, 20, 20, 20, 20}, f.pageSizes())

	// Above the documented maximum (which the fake enforces with a 400).
	f = styleCases(t)[0].list(400)
	c = testClient(t, f)
	ids, errs, _ = drain(idsOf(c.ListContacts(context.Background(), nil, facade.PageSize(500)), func(v v2_16.Contact) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 0, 400)
	assert.Equal(t, []int{150, 150, 150}, f.pageSizes())
}

func TestPaginationMaxItems(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(bigList)
			c := testClient(t, f)
			ids, errs, _ := drain(sc.items(c, context.Background(), facade.MaxItems(200)))
			require.Empty(t, errs)
			assertRange(t, ids, 0, 200)
			assert.EqualValues(t, 2, f.requests.Load())
			switch sc.name {
			case "cursor", "search", "next_cursor":
				assert.Equal(t, []int{150, 50}, f.pageSizes(), "the last request asks for what is left")
			case "page":
				assert.Equal(t, []int{150, 150}, f.pageSizes(), "page numbers need one page size")
			}

			// Below one page: one request, and a page-numbered list asks for
			// no more than the limit.
			f = sc.list(bigList)
			c = testClient(t, f)
			var pages []facade.Page[string]
			for p, err := range sc.pages(c, context.Background(), facade.MaxItems(40)) {
				require.NoError(t, err)
				pages = append(pages, p)
			}
			require.Len(t, pages, 1)
			assertRange(t, pages[0].Items, 0, 40)
			assert.EqualValues(t, 1, f.requests.Load())
			if sc.name != "scroll" {
				assert.Equal(t, []int{40}, f.pageSizes())
			}
		})
	}
}

func TestPaginationBadOptions(t *testing.T) {
	for name, opt := range map[string]facade.PageOption{
		"PageSize(0)":      facade.PageSize(0),
		"MaxItems(-1)":     facade.MaxItems(-1),
		"ResumeFrom(\"\")": facade.ResumeFrom(""),
	} {
		t.Run(name, func(t *testing.T) {
			f := styleCases(t)[0].list(10)
			c := testClient(t, f)
			ids, errs, _ := drain(idsOf(c.ListContacts(context.Background(), nil, opt), func(v v2_16.Contact) string { return idOf(v.Id) }))
			assert.Empty(t, ids)
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), name[:len(name)-3])
			assert.EqualValues(t, 0, f.requests.Load())
		})
	}
	f := styleCases(t)[1].list(10)
	c := testClient(t, f)
	_, errs, _ := drain(idsOf(c.ListCompanies(context.Background(), nil, facade.ResumeFrom("cur-3")), func(v v2_16.Company) string { return idOf(v.Id) }))
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "want a page position")
	assert.EqualValues(t, 0, f.requests.Load())
}

// Every form a page-numbered list reports its end in, and page numbers on
// a POST.
func TestPaginationPageForms(t *testing.T) {
	for _, form := range []string{"total", "link", "linkonly", "object"} {
		t.Run(form, func(t *testing.T) {
			f := styleCases(t)[1].list(bigList)
			f.form = form
			c := testClient(t, f)
			ids, errs, _ := drain(styleCases(t)[1].items(c, context.Background()))
			require.Empty(t, errs)
			assertRange(t, ids, 0, bigList)
			assert.EqualValues(t, 67, f.requests.Load(), "no extra empty request")
		})
	}
	t.Run("top-level total_pages", func(t *testing.T) {
		f := &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/content_snippets$`), style: "page", form: "top",
			cursor: loc("query.page"), perPage: loc("query.per_page"), items: []string{"data"}, total: bigList}
		c := testClient(t, f)
		ids, errs, _ := drain(idsOf(c.ListContentSnippets(context.Background(), nil, facade.PageSize(150)), func(v v2_16.ContentSnippet) string { return idOf(v.Id) }))
		require.Empty(t, errs)
		assertRange(t, ids, 0, bigList)
		assert.EqualValues(t, 67, f.requests.Load())
	})
	t.Run("POST with page parameters", func(t *testing.T) {
		f := &fakeList{method: http.MethodPost, path: regexp.MustCompile(`^/companies/list$`), style: "page", form: "link",
			cursor: loc("query.page"), perPage: loc("query.per_page"), items: []string{"data"}, total: bigList, maxPer: 150}
		c := testClient(t, f)
		// 200 asked, 150 sent: the pagination guide's maximum for any API.
		ids, errs, _ := drain(idsOf(c.ListAllCompanies(context.Background(), nil, facade.PageSize(200)), func(v v2_16.Company) string { return idOf(v.Id) }))
		require.Empty(t, errs)
		assertRange(t, ids, 0, bigList)
		assert.EqualValues(t, 67, f.requests.Load())
		for _, s := range f.pageSizes() {
			require.Equal(t, 150, s)
		}
	})
}

// A cursor list may carry its next cursor in a link.
func TestPaginationCursorInLink(t *testing.T) {
	f := &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/conversations$`), style: "cursor", form: "link",
		cursor: loc("query.starting_after"), perPage: loc("query.per_page"), items: []string{"conversations"}, total: bigList, maxPer: 150}
	c := testClient(t, f)
	ids, errs, _ := drain(idsOf(c.ListConversations(context.Background(), nil), func(v v2_16.ConversationListItem) string { return idOf(v.Id) }))
	require.Empty(t, errs)
	assertRange(t, ids, 0, bigList)
	assert.EqualValues(t, 67, f.requests.Load())
}

// A cursor list answered with page numbers cannot continue: that is
// reported, not a silently short list.
func TestPaginationCursorAnsweredWithPages(t *testing.T) {
	f := styleCases(t)[0].list(bigList)
	f.form = "pageonly"
	c := testClient(t, f)
	ids, errs, _ := drain(idsOf(c.ListContacts(context.Background(), nil), func(v v2_16.Contact) string { return idOf(v.Id) }))
	assertRange(t, ids, 0, 150)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], facade.ErrPaginationStalled)
	assert.EqualValues(t, 1, f.requests.Load())
}

func TestScrollExpired(t *testing.T) {
	scroll := styleCases(t)[3]
	for name, tc := range map[string]struct {
		status  int
		body    string
		failOn  int
		expired bool
	}{
		"expired scroll_param": {http.StatusNotFound, `{"type":"error.list","errors":[{"code":"not_found","message":"scroll_param not found or expired"}]}`, 3, true},
		"restart the scroll":   {http.StatusInternalServerError, `{"type":"error.list","errors":[{"code":"server_error","message":"Request failed due to an internal network error. Please restart the scroll operation."}]}`, 3, true},
		"other server error":   {http.StatusInternalServerError, `{"type":"error.list","errors":[{"code":"server_error","message":"boom"}]}`, 3, true},
		"bad gateway":          {http.StatusBadGateway, `<html>502</html>`, 2, true},
		"rate limited":         {http.StatusTooManyRequests, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`, 2, false},
		"scroll already open":  {http.StatusBadRequest, `{"type":"error.list","errors":[{"code":"scroll_exists","message":"scroll already exists for this workspace"}]}`, 1, false},
	} {
		t.Run(name, func(t *testing.T) {
			f := scroll.list(bigList)
			f.failOn, f.failStatus, f.failBody = tc.failOn, tc.status, tc.body
			c := testClient(t, f)
			ids, errs, after := drain(scroll.items(c, context.Background()))
			assertRange(t, ids, 0, 150*(tc.failOn-1))
			require.Len(t, errs, 1)
			assert.False(t, after)
			assert.Equal(t, tc.expired, errors.Is(errs[0], facade.ErrScrollExpired), "%v", errs[0])
			var apiErr *facade.Error
			require.ErrorAs(t, errs[0], &apiErr, "the API error stays reachable")
			assert.Equal(t, tc.status, apiErr.StatusCode)
		})
	}
}

func TestScrollWithoutScrollParam(t *testing.T) {
	f := styleCases(t)[3].list(bigList)
	f.item = func(i int) string { return `{"id":"` + strconv.Itoa(i) + `"}` }
	srv := f.start(t)
	// A proxy that drops scroll_param from the first answer.
	c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL), facade.WithoutRetries(), facade.WithHTTPClient(pagingDoer(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&m))
		resp.Body.Close()
		delete(m, "scroll_param")
		b, _ := json.Marshal(m)
		resp.Body = io.NopCloser(bytes.NewReader(b))
		resp.ContentLength = int64(len(b))
		return resp, nil
	})))
	require.NoError(t, err)
	ids, errs, _ := drain(styleCases(t)[3].items(c, context.Background()))
	assert.Len(t, ids, 150)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], facade.ErrPaginationStalled)
}

func TestPaginationDecodeError(t *testing.T) {
	f := styleCases(t)[0].list(bigList)
	f.item = func(i int) string { return `{"id":` + strconv.Itoa(i) + `}` } // a number where a string belongs
	c := testClient(t, f)
	ids, errs, _ := drain(idsOf(c.ListContacts(context.Background(), nil), func(v v2_16.Contact) string { return idOf(v.Id) }))
	assert.Empty(t, ids)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "ListContacts: page 1: decode")
}

// A 200 whose body holds no page (empty, or null) ends the listing with an
// error matching io.ErrUnexpectedEOF, not as if the list had ended there.
func TestPaginationAnswerWithoutPage(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "null": "null", "blank": " \n"} {
		t.Run(name, func(t *testing.T) {
			f := styleCases(t)[0].list(450)
			f.failOn, f.failStatus, f.failBody = 2, http.StatusOK, body
			c := testClient(t, f)
			ids, errs, _ := drain(styleCases(t)[0].items(c, context.Background()))
			assertRange(t, ids, 0, 150)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], io.ErrUnexpectedEOF)
			assert.Contains(t, errs[0].Error(), "ListContacts: page 2")
		})
	}
}

// pagingDoer adapts a function to Doer.
type pagingDoer func(*http.Request) (*http.Response, error)

func (d pagingDoer) Do(r *http.Request) (*http.Response, error) { return d(r) }

// With the client's default retries, a transient failure on page 2 is
// retried under the iterator: every item still comes exactly once. The
// scroll is the exception (TestScrollIsNotResent): a 503 may have moved it
// on, so it ends with ErrScrollExpired after the first page instead.
func TestPaginationRetriedPage(t *testing.T) {
	for _, sc := range styleCases(t) {
		t.Run(sc.name, func(t *testing.T) {
			f := sc.list(450)
			f.failOn, f.failStatus, f.failBody = 2, http.StatusServiceUnavailable, `{"type":"error.list","errors":[{"code":"service_unavailable","message":"try again"}]}`
			srv := f.start(t)
			fast := facade.DefaultRetryPolicy()
			fast.BaseDelay, fast.MaxDelay = time.Millisecond, time.Millisecond
			c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL), facade.WithRetryPolicy(fast))
			require.NoError(t, err)
			ids, errs, _ := drain(sc.items(c, context.Background()))
			if sc.name == "scroll" {
				assertRange(t, ids, 0, 150)
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], facade.ErrScrollExpired)
				assert.EqualValues(t, 2, f.requests.Load(), "not re-sent")
				return
			}
			require.Empty(t, errs)
			assertRange(t, ids, 0, 450)
			assert.EqualValues(t, 4, f.requests.Load(), "3 pages and the retry")
		})
	}
}
