package facade

import (
	"fmt"
	"strconv"
	"strings"
)

// advancePage is the rule of page-numbered listings. An empty page, or
// pages.next null, ends the list. Otherwise, where the response gives
// total_pages (in pages or at the top level) the list ends at that page, so
// that the last page costs no extra empty request; where it does not, the
// list goes on only while pages.next is present. The next page is the one
// pages.next names (object or link), or the one after; a next page that
// does not move forward stalls the listing. Where pages.next also carries a
// starting_after cursor, the next request sends it too: some listings the
// descriptions call page-numbered are served by cursor, and a page number
// alone would be ignored there.
func (p *pager) advancePage(m *PageMeta, items int) (bool, error) {
	next := m.Pages.Next
	if items == 0 || next.state == nextNull {
		return false, nil
	}
	if total, ok := m.totalPages(); ok {
		if p.page >= total {
			return false, nil
		}
	} else if next.state == nextAbsent {
		return false, nil
	}
	if c := next.cursor; c != "" {
		if p.remember(c) {
			p.repeat = true
			return false, p.stalled("starting_after cursor %q was already used", c)
		}
		p.cursor = c
	}
	want := p.page + 1
	if next.page.ok {
		if next.page.v <= p.page {
			// It names itself or an earlier page as next: it is an
			// earlier page again (a server ignoring page).
			p.repeat = true
			return false, p.stalled("pages.next names page %d after page %d", next.page.v, p.page)
		}
		want = next.page.v
	}
	p.page = want
	return true, nil
}

// pagePosition is the resume token of a page-numbered listing: the page
// number alone, or with the cursor Intercom answered, "7:WzE2...".
func pagePosition(page int, cursor string) string {
	if cursor == "" {
		return strconv.Itoa(page)
	}
	return strconv.Itoa(page) + ":" + cursor
}

func parsePagePosition(s string) (page int, cursor string, err error) {
	num, cursor, _ := strings.Cut(s, ":")
	page, err = strconv.Atoi(num)
	if err != nil || page < 1 {
		return 0, "", fmt.Errorf("want a page position from Page.Next")
	}
	return page, cursor, nil
}
