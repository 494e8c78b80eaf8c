package facade

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// PageMeta is what every paged response says about its list. The generated
// envelope of each operation embeds it beside the operation's item array.
// It accepts every form Intercom sends: pages as an object or null;
// pages.next as a cursor object, a URL, or null; total_pages inside pages
// or at the top level; numbers as JSON numbers or numeric strings.
//
// Its fields are read one way only, member by member (metaReader.set),
// whoever finds the members: the generated decoder while it decodes the
// items (decodeTyped), a scan of the top-level object when no generated
// decoder read the page (PageMeta.read), or the backward scan read-ahead
// guesses from (paginate_tail.go). encoding/json never sees them.
type PageMeta struct {
	Pages       pagesInfo `json:"-"`
	TotalCount  flexInt   `json:"-"`
	TotalPages  flexInt   `json:"-"` // top-level form (audiences, content snippets)
	Page        flexInt   `json:"-"` // top-level form
	ScrollParam *string   `json:"-"`
	NextCursor  *string   `json:"-"`
	HasMore     *bool     `json:"-"`
}

func (m *PageMeta) meta() *PageMeta { return m }

// read reads m from the top-level members of the JSON object data.
func (m *PageMeta) read(data []byte) error {
	r := metaReader{m: m}
	if err := jsonx.Members(data, r.set); err != nil {
		return err
	}
	return r.err
}

// metaReader sets the fields of m from top-level members, one by one in
// document order, as encoding/json would decode the whole object into
// them: each occurrence of a field overwrites the one before, keys match
// ignoring case, and the first error is kept.
type metaReader struct {
	m    *PageMeta
	err  error
	fold [32]byte
}

// set is the one place a paging field is parsed.
func (r *metaReader) set(key, raw []byte) {
	var err error
	m := r.m
	switch string(jsonx.AppendFold(r.fold[:0], key)) {
	case "PAGES":
		err = m.Pages.UnmarshalJSON(raw)
	case "TOTAL_COUNT":
		err = m.TotalCount.UnmarshalJSON(raw)
	case "TOTAL_PAGES":
		err = m.TotalPages.UnmarshalJSON(raw)
	case "PAGE":
		err = m.Page.UnmarshalJSON(raw)
	case "SCROLL_PARAM":
		err = jsonPtr(raw, &m.ScrollParam)
	case "NEXT_CURSOR":
		err = jsonPtr(raw, &m.NextCursor)
	case "HAS_MORE":
		err = jsonPtr(raw, &m.HasMore)
	}
	if err != nil && r.err == nil {
		r.err = err
	}
}

// jsonPtr decodes raw into *p as encoding/json decodes a pointer field:
// null sets it to nil, anything else to a new value.
func jsonPtr[T any](raw []byte, p **T) error {
	raw = bytes.TrimSpace(raw)
	if isNull(raw) {
		*p = nil
		return nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return err
	}
	*p = v
	return nil
}

// pageNumber is the number of the page the response holds, if it says.
func (m *PageMeta) pageNumber() (int, bool) {
	if m.Pages.Page.ok {
		return m.Pages.Page.v, true
	}
	return m.Page.v, m.Page.ok
}

// totalPages is how many pages the list has, if the response says.
func (m *PageMeta) totalPages() (int, bool) {
	if m.Pages.TotalPages.ok {
		return m.Pages.TotalPages.v, true
	}
	return m.TotalPages.v, m.TotalPages.ok
}

// totalCount is the size of the whole list, or -1.
func (m *PageMeta) totalCount() int {
	if m.TotalCount.ok {
		return m.TotalCount.v
	}
	return -1
}

// moreAnnounced reports whether the response says another page follows,
// whatever form it uses.
func (m *PageMeta) moreAnnounced() bool {
	switch m.Pages.Next.state {
	case nextLink:
		return true
	case nextObject:
		if m.Pages.Next.cursor != "" {
			return true
		}
		if cur, ok := m.pageNumber(); ok && m.Pages.Next.page.ok && m.Pages.Next.page.v > cur {
			return true
		}
	}
	cur, ok := m.pageNumber()
	total, tok := m.totalPages()
	return ok && tok && cur < total
}

// nextState says which form pages.next took.
type nextState uint8

const (
	nextAbsent nextState = iota
	nextNull
	nextObject // {"page": 2, "starting_after": "..."}
	nextLink   // "https://api.intercom.io/articles?page=2"
)

// nextInfo is pages.next, reduced to what pagination needs.
type nextInfo struct {
	state  nextState
	cursor string  // starting_after of the object, or of the link's query
	page   flexInt // page of the object, or of the link's query
}

// pagesInfo is the pages object.
type pagesInfo struct {
	Page       flexInt
	PerPage    flexInt
	TotalPages flexInt
	Next       nextInfo
}

// UnmarshalJSON accepts null or an object.
func (p *pagesInfo) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if isNull(b) {
		*p = pagesInfo{}
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("pages: want an object or null, got %s", metaSnippet(b))
	}
	var raw pagesRaw
	if err := jsonx.Run(b, &raw, decodePagesRaw); err != nil {
		return fmt.Errorf("pages: %w", err)
	}
	*p = pagesInfo{Page: raw.Page, PerPage: raw.PerPage, TotalPages: raw.TotalPages}
	return p.Next.parse(bytes.TrimSpace(raw.Next))
}

// pagesRaw is the pages object as encoding/json would read it.
type pagesRaw struct {
	Page       flexInt         `json:"page"`
	PerPage    flexInt         `json:"per_page"`
	TotalPages flexInt         `json:"total_pages"`
	Next       json.RawMessage `json:"next"`
}

// decodePagesRaw is the jsonx fast path for pagesRaw (jsonx.Run falls back
// to encoding/json when it fails, so errors stay encoding/json's).
func decodePagesRaw(d *jsonx.Decoder, v *pagesRaw) error {
	return eachMember(d, func(folded, raw []byte) error {
		switch string(folded) {
		case "PAGE":
			return v.Page.UnmarshalJSON(raw)
		case "PER_PAGE":
			return v.PerPage.UnmarshalJSON(raw)
		case "TOTAL_PAGES":
			return v.TotalPages.UnmarshalJSON(raw)
		case "NEXT":
			return v.Next.UnmarshalJSON(raw)
		}
		return nil
	})
}

// nextObj is pages.next as an object.
type nextObj struct {
	Page          flexInt `json:"page"`
	StartingAfter *string `json:"starting_after"`
}

func decodeNextObject(d *jsonx.Decoder, v *nextObj) error {
	return eachMember(d, func(folded, raw []byte) error {
		switch string(folded) {
		case "PAGE":
			return v.Page.UnmarshalJSON(raw)
		case "STARTING_AFTER":
			return jsonPtr(raw, &v.StartingAfter)
		}
		return nil
	})
}

// eachMember reads an object (or null) member by member, handing fn each
// key in folded form, as encoding/json matches keys, and the raw value.
func eachMember(d *jsonx.Decoder, fn func(folded, raw []byte) error) error {
	ok, err := d.Object()
	if !ok {
		return err
	}
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil || key == nil {
			return err
		}
		folded := d.Fold(key)
		raw, err := d.Raw()
		if err != nil {
			return err
		}
		if err := fn(folded, raw); err != nil {
			return err
		}
	}
}

func (n *nextInfo) parse(b []byte) error {
	switch {
	case len(b) == 0:
		n.state = nextAbsent
	case isNull(b):
		n.state = nextNull
	case b[0] == '"':
		var link string
		if err := json.Unmarshal(b, &link); err != nil {
			return fmt.Errorf("pages.next: %w", err)
		}
		if link == "" {
			n.state = nextNull
			return nil
		}
		n.state = nextLink
		// A link that does not parse still says that a page follows; the
		// style decides whether it can follow it without a cursor.
		if u, err := url.Parse(link); err == nil {
			q := u.Query()
			n.cursor = q.Get("starting_after")
			if s := q.Get("page"); s != "" {
				if v, err := strconv.Atoi(s); err == nil {
					n.page = flexInt{v: v, ok: true}
				}
			}
		}
	case b[0] == '{':
		var obj nextObj
		if err := jsonx.Run(b, &obj, decodeNextObject); err != nil {
			return fmt.Errorf("pages.next: %w", err)
		}
		n.state = nextObject
		n.page = obj.Page
		if obj.StartingAfter != nil {
			n.cursor = *obj.StartingAfter
		}
	default:
		return fmt.Errorf("pages.next: want an object, a URL or null, got %s", metaSnippet(b))
	}
	return nil
}

// flexInt is an integer that may arrive as a number, a numeric string or
// null; ok says whether one was present.
type flexInt struct {
	v  int
	ok bool
}

// UnmarshalJSON accepts 3, 3.0, "3" and null.
func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*f = flexInt{}
	if isNull(b) {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, ok := intFromText(s)
	if !ok {
		return fmt.Errorf("want an integer, got %s", metaSnippet(b))
	}
	*f = flexInt{v: v, ok: true}
	return nil
}

// intFromText reads an integer written as digits or as an integral number
// ("3", "3.0", "3e0").
func intFromText(s string) (int, bool) {
	if v, err := strconv.Atoi(s); err == nil {
		return v, true
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != math.Trunc(x) || math.Abs(x) > 1<<53 {
		return 0, false
	}
	return int(x), true
}

func isNull(b []byte) bool { return string(b) == "null" }

// metaSnippet describes a JSON value for an error message.
func metaSnippet(b []byte) string {
	// The kind of value only: its text is the server's, and may echo a
	// credential that a cut-off quote would no longer match in full.
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '"':
		return fmt.Sprintf("a string of %d bytes", len(b))
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return fmt.Sprintf("a number or other value of %d bytes", len(b))
}
