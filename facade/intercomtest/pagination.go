package intercomtest

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

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
	scrollSize         = 15
)

// window is one page cut from a result list.
type window struct {
	from, to   int // items[from:to]
	page       int // 1-based
	perPage    int
	totalPages int
	next       string // cursor of the following page, "" on the last
}

// cursorWindow cuts a page of n items for a cursor (starting_after).
func cursorWindow(n, perPage int, startingAfter string) (window, error) {
	from := 0
	if startingAfter != "" {
		off, ok := decodeCursor(startingAfter)
		if !ok || off > n {
			return window{}, errInvalid(http.StatusBadRequest, "starting_after", "Invalid starting_after param. Please try again using a starting_after from a previous response")
		}
		from = off
	}
	w := pageWindow(n, perPage, from)
	if w.to < n {
		w.next = encodeCursor(w.to)
	}
	return w, nil
}

// numberWindow cuts page number page (1-based) of n items.
func numberWindow(n, perPage, page int) window {
	return pageWindow(n, perPage, (page-1)*perPage)
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
		p.Next = nset(v2_16.StartingAfterPaging{PerPage: facade.Ptr(w.perPage), StartingAfter: nset(w.next)})
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

// bodyPagination is the pagination object of a search body.
type bodyPagination struct {
	PerPage       *int    `json:"per_page"`
	StartingAfter *string `json:"starting_after"`
}

// searchWindow cuts the page a search body asks for.
func searchWindow(n int, p *bodyPagination) (window, error) {
	per, after := defaultCursorSize, ""
	if p != nil {
		if p.PerPage != nil {
			per = *p.PerPage
			if per < 1 || per > maxPerPage {
				return window{}, errInvalid(http.StatusBadRequest, "per_page", "per_page must be between 1 and 150")
			}
		}
		if p.StartingAfter != nil {
			after = *p.StartingAfter
		}
	}
	return cursorWindow(n, per, after)
}
