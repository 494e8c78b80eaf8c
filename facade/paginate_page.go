package facade

// advancePage is the rule of page-numbered listings. An empty page, or
// pages.next null, ends the list. Otherwise, where the response gives
// total_pages (in pages or at the top level) the list ends at that page, so
// that the last page costs no extra empty request; where it does not, the
// list goes on only while pages.next is present. The next page is the one
// pages.next names (object or link), or the one after; a next page that
// does not move forward stalls the listing.
func (p *pager) advancePage(m *pageMeta, items int) (bool, error) {
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
	want := p.page + 1
	if next.page.ok {
		if next.page.v <= p.page {
			return false, p.stalled("pages.next names page %d after page %d", next.page.v, p.page)
		}
		want = next.page.v
	}
	p.page = want
	return true, nil
}
