package facade

import "fmt"

// PageOption tunes one paged listing: the page size, how many items to
// stop after, where to resume and how far to read ahead. Pass them last to any iterator:
//
//	for c, err := range client.ListContacts(ctx, nil, facade.PageSize(50), facade.MaxItems(500)) { ... }
type PageOption func(*pageConfig)

// pageConfig is the options of one listing. An invalid option is reported
// as the first (and only) error of the iteration.
type pageConfig struct {
	pageSize int
	maxItems int
	resume   string
	resuming bool
	// readAhead is ReadAhead's n when readAheadSet; otherwise the default.
	readAhead    int
	readAheadSet bool
	err          error
}

func newPageConfig(opts []PageOption) pageConfig {
	var c pageConfig
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

func (c *pageConfig) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, args...))
	}
}

// PageSize asks for n items per request (per_page). It takes precedence
// over a per_page the params set. A size above the operation's documented
// maximum is lowered to it. Without PageSize or params, the iterator asks
// for the maximum where the API documents one, and otherwise lets Intercom
// choose. n must be at least 1. Scroll listings have no page size.
func PageSize(n int) PageOption {
	return func(c *pageConfig) {
		if n < 1 {
			c.fail("PageSize(%d): the page size must be at least 1", n)
			return
		}
		c.pageSize = n
	}
}

// MaxItems stops the listing after n items, sending no request beyond the
// page that holds the n-th. Cursor and search listings also shrink the
// last request's page size to what is left. n must be at least 1.
func MaxItems(n int) PageOption {
	return func(c *pageConfig) {
		if n < 1 {
			c.fail("MaxItems(%d): the limit must be at least 1", n)
			return
		}
		c.maxItems = n
	}
}

// ResumeFrom starts the listing at a cursor saved from Page.Next, so that a
// listing interrupted after a page continues with the page after it. The
// cursor is opaque: a starting_after cursor, a page number or a
// scroll_param, depending on the operation. Resume a page-numbered listing
// with the page size it started with, or pages shift. An empty cursor is an
// error: Page.Next is empty only after the last page, and there is nothing
// to resume.
func ResumeFrom(cursor string) PageOption {
	return func(c *pageConfig) {
		if cursor == "" {
			c.fail("ResumeFrom(\"\"): the cursor is empty (Page.Next is empty after the last page)")
			return
		}
		c.resume, c.resuming = cursor, true
	}
}

// ReadAhead sets how many pages a listing may have requested beyond the one
// the loop is on (default 2). The next request leaves as soon as a
// page's body has arrived, while that page is decoded, so that exports
// spend little time waiting on the network; pages still arrive in order,
// and a read-ahead request the decoded page does not ask for after all is
// dropped. The cost is up to n requests the loop never uses when it stops
// early. ReadAhead(0) sends each request only when the loop needs its
// page. Scroll listings never read ahead: every scroll request moves the
// scroll. n must be between 0 and 8.
func ReadAhead(n int) PageOption {
	return func(c *pageConfig) {
		if n < 0 || n > maxReadAhead {
			c.fail("ReadAhead(%d): want 0 to %d pages", n, maxReadAhead)
			return
		}
		c.readAhead, c.readAheadSet = n, true
	}
}

// maxReadAhead bounds ReadAhead: each page read ahead is held in memory.
const maxReadAhead = 8
