package facade

// advanceCursor is the rule of cursor (GET, starting_after in the query)
// and search (POST, starting_after in the body's pagination) listings: the
// next cursor is pages.next.starting_after, in the object or in a link's
// query; there is no next page without one. A cursor already sent, or a
// response that announces another page without a cursor, stalls the
// listing instead of looping or ending short.
func (p *pager) advanceCursor(m *PageMeta) (bool, error) {
	next := m.Pages.Next.cursor
	if next == "" {
		if m.moreAnnounced() {
			return false, p.stalled("Intercom announced another page but sent no starting_after cursor")
		}
		return false, nil
	}
	if p.remember(next) {
		// The page names as next a cursor already sent: it is the page
		// that named it before (a server ignoring starting_after).
		p.repeat = true
		return false, p.stalled("starting_after cursor %q was already used", next)
	}
	p.cursor = next
	return true, nil
}

// advanceNextCursor is the rule of listings that answer next_cursor and
// has_more (contact merge history): has_more false, or no next_cursor,
// ends the list; has_more true without a cursor, or a cursor already sent,
// stalls it.
func (p *pager) advanceNextCursor(m *PageMeta) (bool, error) {
	if m.HasMore != nil && !*m.HasMore {
		return false, nil
	}
	next := Deref(m.NextCursor)
	if next == "" {
		if m.HasMore != nil {
			return false, p.stalled("has_more is true but next_cursor is empty")
		}
		return false, nil
	}
	if p.remember(next) {
		p.repeat = true
		return false, p.stalled("next_cursor %q was already used", next)
	}
	p.cursor = next
	return true, nil
}
