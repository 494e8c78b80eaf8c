package intercomtest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Every page-numbered list reads per_page and page the same way: a
// default page size, and bad values refused before anything is looked up.
func TestPageNumberedListsCheckTheirPaging(t *testing.T) {
	srv, _ := newClient(t)
	co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr("co-1")})
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("ann@example.com"), Role: facade.Ptr("user")})
	for _, list := range []string{
		"GET /companies",
		"POST /companies/list",
		"GET /companies/" + *co.Id + "/contacts",
		"GET /contacts/" + *ct.Id + "/companies",
		"GET /contacts/" + *ct.Id + "/notes",
	} {
		method, path, _ := strings.Cut(list, " ")
		for _, q := range []string{"per_page=0", "per_page=151", "per_page=x", "page=0", "page=x"} {
			errorList(t, raw(t, srv, method, path+"?"+q, nil), http.StatusBadRequest, "parameter_invalid")
		}
		r := raw(t, srv, method, path+"?per_page=150&page=2", nil)
		assert.Equal(t, http.StatusOK, r.status, "%s with per_page=150&page=2: %s", list, r.body)
	}
}

// callWithQuery is a call as a handler sees it, for a GET with query q.
func callWithQuery(q string) *call {
	return &call{r: httptest.NewRequest(http.MethodGet, "/x?"+q, nil)}
}

// Reading the paging of each style: defaults, limits, and the 400 that
// Intercom answers for a bad value.
func TestPagingIsReadTheSameWayForEveryStyle(t *testing.T) {
	cases := []struct {
		name    string
		read    func() (paging, error)
		want    paging
		errAt   string // the field of the expected 400, "" for none
		message string
	}{
		{name: "cursor defaults", read: func() (paging, error) { return callWithQuery("").cursorPaging(10) },
			want: paging{style: byCursor, perPage: 10}},
		{name: "cursor query", read: func() (paging, error) { return callWithQuery("per_page=3&starting_after=abc").cursorPaging(10) },
			want: paging{style: byCursor, perPage: 3, after: "abc"}},
		{name: "cursor per_page too big", read: func() (paging, error) { return callWithQuery("per_page=151").cursorPaging(10) },
			errAt: "per_page", message: "per_page must be between 1 and 150"},
		{name: "cursor per_page not a number", read: func() (paging, error) { return callWithQuery("per_page=x").cursorPaging(10) },
			errAt: "per_page", message: "per_page must be an integer"},
		{name: "body none", read: func() (paging, error) { return bodyPaging(nil) },
			want: paging{style: byCursor, perPage: defaultCursorSize}},
		{name: "body given", read: func() (paging, error) {
			return bodyPaging(&bodyPagination{PerPage: facade.Ptr(5), StartingAfter: facade.Ptr("c")})
		}, want: paging{style: byCursor, perPage: 5, after: "c"}},
		{name: "body per_page zero", read: func() (paging, error) { return bodyPaging(&bodyPagination{PerPage: facade.Ptr(0)}) },
			errAt: "per_page", message: "per_page must be between 1 and 150"},
		{name: "numbers defaults", read: func() (paging, error) { return callWithQuery("").numberPaging(15) },
			want: paging{style: byNumber, perPage: 15, page: 1}},
		{name: "numbers given", read: func() (paging, error) { return callWithQuery("per_page=150&page=4").numberPaging(15) },
			want: paging{style: byNumber, perPage: 150, page: 4}},
		{name: "page zero", read: func() (paging, error) { return callWithQuery("page=0").numberPaging(15) },
			errAt: "page", message: "page must be between 1 and 1073741824"},
		{name: "scroll opens", read: func() (paging, error) {
			return callWithQuery("").scrollPaging(map[string]int{}, func() string { return "new" })
		}, want: paging{style: byScroll, perPage: scrollSize, scroll: "new"}},
		{name: "scroll continues", read: func() (paging, error) {
			return callWithQuery("scroll_param=s1").scrollPaging(map[string]int{"s1": 30}, func() string { return "new" })
		}, want: paging{style: byScroll, perPage: scrollSize, scroll: "s1", from: 30}},
		{name: "scroll unknown", read: func() (paging, error) {
			return callWithQuery("scroll_param=gone").scrollPaging(map[string]int{}, func() string { return "new" })
		}, errAt: "scroll_param", message: "scroll_param is invalid or has expired"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.read()
			if tc.errAt == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			var ae *apiError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, apiError{status: http.StatusBadRequest, code: "parameter_invalid", field: tc.errAt, msg: tc.message}, *ae)
		})
	}
}

// cut gives the page a paging asks for and the window its pages object
// is rendered from.
func TestCutPages(t *testing.T) {
	items := []int{0, 1, 2, 3, 4, 5, 6}
	cases := []struct {
		name     string
		pg       paging
		want     []int
		wantWin  window
		nextFrom int // the offset the next cursor holds, -1 for none
	}{
		{"first cursor page", paging{style: byCursor, perPage: 3}, []int{0, 1, 2},
			window{from: 0, to: 3, page: 1, perPage: 3, totalPages: 3}, 3},
		{"middle cursor page", paging{style: byCursor, perPage: 3, after: encodeCursor(3)}, []int{3, 4, 5},
			window{from: 3, to: 6, page: 2, perPage: 3, totalPages: 3}, 6},
		{"last cursor page has no next", paging{style: byCursor, perPage: 3, after: encodeCursor(6)}, []int{6},
			window{from: 6, to: 7, page: 3, perPage: 3, totalPages: 3}, -1},
		{"page number 2", paging{style: byNumber, perPage: 3, page: 2}, []int{3, 4, 5},
			window{from: 3, to: 6, page: 2, perPage: 3, totalPages: 3}, -1},
		{"page number past the end is empty", paging{style: byNumber, perPage: 3, page: 9}, []int{},
			window{from: 7, to: 7, page: 3, perPage: 3, totalPages: 3}, -1},
		{"scroll from an offset", paging{style: byScroll, perPage: 15, scroll: "s", from: 5}, []int{5, 6},
			window{from: 5, to: 7, page: 1, perPage: 15, totalPages: 1, next: "s"}, -1},
		{"scroll at the end is empty", paging{style: byScroll, perPage: 15, scroll: "s", from: 7}, []int{},
			window{from: 7, to: 7, page: 1, perPage: 15, totalPages: 1, next: "s"}, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, w, err := cut(items, tc.pg)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			want := tc.wantWin
			if tc.nextFrom >= 0 {
				want.next = encodeCursor(tc.nextFrom)
			}
			assert.Equal(t, want, w)
		})
	}
}

func TestCutRefusesABadCursor(t *testing.T) {
	for _, after := range []string{"bogus", encodeCursor(8), "b2ZmOi0x" /* off:-1 */} {
		_, _, err := cut([]int{1, 2, 3, 4, 5, 6, 7}, paging{style: byCursor, perPage: 3, after: after})
		var ae *apiError
		require.ErrorAs(t, err, &ae, "starting_after %q", after)
		assert.Equal(t, http.StatusBadRequest, ae.status)
		assert.Equal(t, "parameter_invalid", ae.code)
		assert.Equal(t, "starting_after", ae.field)
	}
}

// The pages objects carry the window; only a cursor page with a
// following page has next.
func TestPagesObjects(t *testing.T) {
	w := window{from: 3, to: 6, page: 2, perPage: 3, totalPages: 3, next: encodeCursor(6)}
	cp := w.cursorPages()
	assert.Equal(t, 2, *cp.Page)
	assert.Equal(t, 3, *cp.PerPage)
	assert.Equal(t, 3, *cp.TotalPages)
	next, err := cp.Next.Get()
	require.NoError(t, err)
	assert.Equal(t, encodeCursor(6), next.StartingAfter.MustGet())
	assert.Equal(t, 3, *next.PerPage)

	w.next = ""
	assert.False(t, w.cursorPages().Next.IsSpecified())
	assert.False(t, w.numberPages().Next.IsSpecified())
	link := w.pagesLink()
	assert.Equal(t, v2_16.PagesLinkTypePages, *link.Type)
	assert.Equal(t, 2, *link.Page)
	assert.Equal(t, 3, *link.PerPage)
	assert.Equal(t, 3, *link.TotalPages)
}
