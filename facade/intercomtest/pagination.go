package intercomtest

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// Intercom's page sizes: default and maximum per style. The maximum is the
// pagination guide's "the max amount for any API is 150"; listing contacts
// defaults to 10 (Intercom-OpenAPI pull request 639), searching to 50.
const (
	maxPerPage         = 150
	defaultContactSize = 10
	defaultCursorSize  = 50
	defaultConvSize    = 20
	defaultCompanySize = 15
	defaultNestedSize  = 50 // a contact's notes and companies, a company's contacts
	scrollSize         = 15
)

// The paging step of every list handler is two calls: read the paging the
// request asks for (cursorPaging, bodyPaging, numberPaging, scrollPaging),
// which refuses bad values before anything is looked up, as Intercom does;
// then cut the page from the list. One window type carries the result to
// the pages object of each style.

// pagingStyle is one of Intercom's pagination styles.
type pagingStyle int

const (
	byCursor pagingStyle = iota // per_page and starting_after
	byNumber                    // per_page and page
	byScroll                    // scroll_param, a fixed page size
)

// paging is what a request asks of a list.
type paging struct {
	style   pagingStyle
	perPage int
	after   string // byCursor: starting_after, "" for the first page
	page    int    // byNumber: 1-based
	scroll  string // byScroll: the scroll_param this page answers with
	from    int    // byScroll: the offset the scroll has reached
}

// cursorPaging reads per_page and starting_after from the query.
func (c *call) cursorPaging(defPer int) (paging, error) {
	per, err := c.queryInt("per_page", defPer, 1, maxPerPage)
	if err != nil {
		return paging{}, err
	}
	return paging{style: byCursor, perPage: per, after: c.query("starting_after")}, nil
}

// bodyPagination is the pagination object of a search body.
type bodyPagination struct {
	PerPage       *int    `json:"per_page"`
	StartingAfter *string `json:"starting_after"`
}

// bodyPaging reads the pagination object of a search body (nil: the
// first page of the default size).
func bodyPaging(p *bodyPagination) (paging, error) {
	pg := paging{style: byCursor, perPage: defaultCursorSize}
	if p == nil {
		return pg, nil
	}
	if p.PerPage != nil {
		pg.perPage = *p.PerPage
		if pg.perPage < 1 || pg.perPage > maxPerPage {
			return paging{}, errInvalid(http.StatusBadRequest, "per_page", "per_page must be between 1 and 150")
		}
	}
	if p.StartingAfter != nil {
		pg.after = *p.StartingAfter
	}
	return pg, nil
}

// numberPaging reads per_page (defPer when absent, at most maxPerPage) and
// page (1-based, 1 when absent) from the query.
func (c *call) numberPaging(defPer int) (paging, error) {
	per, err := c.queryInt("per_page", defPer, 1, maxPerPage)
	if err != nil {
		return paging{}, err
	}
	page, err := c.queryInt("page", 1, 1, 1<<30)
	if err != nil {
		return paging{}, err
	}
	return paging{style: byNumber, perPage: per, page: page}, nil
}

// scrollPaging reads scroll_param: none opens a new scroll (newParam gives
// its id), a known one continues where it stopped, an unknown one is a 400.
// The handler records where the page it cut ends (scrolls[w.next] = w.to).
func (c *call) scrollPaging(scrolls map[string]int, newParam func() string) (paging, error) {
	param := c.query("scroll_param")
	pg := paging{style: byScroll, perPage: scrollSize, scroll: param}
	if param == "" {
		pg.scroll = newParam()
		return pg, nil
	}
	off, ok := scrolls[param]
	if !ok {
		return paging{}, errInvalid(http.StatusBadRequest, "scroll_param", "scroll_param is invalid or has expired")
	}
	pg.from = off
	return pg, nil
}

// window is one page cut from a result list.
type window struct {
	from, to   int // items[from:to]
	page       int // 1-based
	perPage    int
	totalPages int
	// next is how to ask for the following page: the cursor
	// (starting_after) of a cursor page, "" on the last one; the
	// scroll_param of a scroll page.
	next string
}

// cut is the paging step's second half: the page of all that p asks for,
// and its window. Only a cursor can be refused here, since whether it
// points inside the list depends on the list.
func cut[T any](all []T, p paging) ([]T, window, error) {
	n := len(all)
	var w window
	switch p.style {
	case byCursor:
		from := 0
		if p.after != "" {
			off, ok := decodeCursor(p.after)
			if !ok || off > n {
				return nil, window{}, errInvalid(http.StatusBadRequest, "starting_after", "Invalid starting_after param. Please try again using a starting_after from a previous response")
			}
			from = off
		}
		w = pageWindow(n, p.perPage, from)
		if w.to < n {
			w.next = encodeCursor(w.to)
		}
	case byNumber:
		w = pageWindow(n, p.perPage, (p.page-1)*p.perPage)
	case byScroll:
		w = pageWindow(n, p.perPage, p.from)
		w.next = p.scroll
	}
	return all[w.from:w.to], w, nil
}

func pageWindow(n, perPage, from int) window {
	to := min(from+perPage, n)
	if from > n {
		from, to = n, n
	}
	return window{
		from: from, to: to, perPage: perPage,
		page:       from/perPage + 1,
		totalPages: (n + perPage - 1) / perPage,
	}
}

// cursorPages renders w as a cursor-style pages object: next carries the
// starting_after of the following page.
func (w window) cursorPages() *v2_16.CursorPages {
	p := w.numberPages()
	if w.next != "" {
		p.Next = nullable.NewNullableWithValue(v2_16.StartingAfterPaging{PerPage: facade.Ptr(w.perPage), StartingAfter: nullable.NewNullableWithValue(w.next)})
	}
	return p
}

// numberPages renders w as a page-number pages object.
func (w window) numberPages() *v2_16.CursorPages {
	return &v2_16.CursorPages{
		Type:       facade.Ptr(v2_16.CursorPagesTypePages),
		Page:       facade.Ptr(w.page),
		PerPage:    facade.Ptr(w.perPage),
		TotalPages: facade.Ptr(w.totalPages),
	}
}

// pagesLink renders w as the pages object of a contact's companies, which
// the description types apart from the others.
func (w window) pagesLink() *v2_16.PagesLink {
	return &v2_16.PagesLink{
		Type:       facade.Ptr(v2_16.PagesLinkTypePages),
		Page:       facade.Ptr(w.page),
		PerPage:    facade.Ptr(w.perPage),
		TotalPages: facade.Ptr(w.totalPages),
	}
}

// Cursors are opaque to clients, as Intercom's are; inside they hold the
// offset of the next item.
func encodeCursor(off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("off:" + strconv.Itoa(off)))
}

func decodeCursor(s string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	n, ok := strings.CutPrefix(string(b), "off:")
	if !ok {
		return 0, false
	}
	off, err := strconv.Atoi(n)
	return off, err == nil && off >= 0
}
