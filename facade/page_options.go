package facade

import "fmt"

// PageOption tunes one paged listing: the page size, how many items to
// stop after, and where to resume. Pass them last to any iterator:
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
	err      error
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
		c.err = fmt.Errorf(format, args...)
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
			c.fail("facade: PageSize(%d): the page size must be at least 1", n)
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
			c.fail("facade: MaxItems(%d): the limit must be at least 1", n)
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
			c.fail("facade: ResumeFrom(\"\"): the cursor is empty (Page.Next is empty after the last page)")
			return
		}
		c.resume, c.resuming = cursor, true
	}
}
