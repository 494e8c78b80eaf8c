package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzPageMeta decodes arbitrary bytes as the metadata of a page, in all
// the forms Intercom uses (seeds in testdata/fuzz/FuzzPageMeta). The fast
// decoder must agree with a slow reference decoder written against
// map[string]any, never accept what is not JSON, and every style's rule
// must handle whatever it decoded without panicking and without moving
// backwards. PageMeta.read is the one parser of the paging fields (the
// typed decoders' listener and read-ahead's backward scan feed the same
// metaReader.set).
func FuzzPageMeta(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var m PageMeta
		err := m.read(data)

		ref, refErr := referenceMeta(data)
		if errors.Is(refErr, errAmbiguous) {
			// Keys that differ from ours only in case: encoding/json folds
			// case and the reference does not; compare nothing.
		} else {
			require.Equal(t, refErr == nil, err == nil, "decoder error %v, reference error %v, input %q", err, refErr, data)
			if err == nil {
				require.Equal(t, ref, m.summary(), "input %q", data)
			}
		}
		if err != nil {
			return
		}
		checkRules(t, &m)
	})
}

// metaSummary is what pagination reads from a page's metadata.
type metaSummary struct {
	Next                     nextState
	Cursor                   string
	NextPage, Page, Total    int
	HasNextPage, HasPage     bool
	HasTotal                 bool
	TotalCount               int
	ScrollParam, NextCursor  string
	HasMore, HasMoreSet      bool
	TopPage, TopTotalPages   int
	HasTopPage, HasTopTotalP bool
}

func (m *PageMeta) summary() metaSummary {
	return metaSummary{
		Next: m.Pages.Next.state, Cursor: m.Pages.Next.cursor,
		NextPage: m.Pages.Next.page.v, HasNextPage: m.Pages.Next.page.ok,
		Page: m.Pages.Page.v, HasPage: m.Pages.Page.ok,
		Total: m.Pages.TotalPages.v, HasTotal: m.Pages.TotalPages.ok,
		TotalCount:  m.totalCount(),
		ScrollParam: Deref(m.ScrollParam), NextCursor: Deref(m.NextCursor),
		HasMore: Deref(m.HasMore), HasMoreSet: m.HasMore != nil,
		TopPage: m.Page.v, HasTopPage: m.Page.ok, TopTotalPages: m.TotalPages.v, HasTopTotalP: m.TotalPages.ok,
	}
}

var errAmbiguous = errors.New("key differs from a known one only in case")

// referenceMeta decodes metadata the slow way, through map[string]any.
func referenceMeta(data []byte) (metaSummary, error) {
	var s metaSummary
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return s, err
	}
	if len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")) > 0 {
		return s, errors.New("data after the value")
	}
	if duplicateKeys(data) {
		// A map keeps only the last of repeated keys, while our decoder
		// reports an invalid earlier one: compare nothing.
		return s, errAmbiguous
	}
	obj, ok := top.(map[string]any)
	if !ok {
		if top == nil {
			s.TotalCount = -1
			return s, nil // null decodes to nothing
		}
		return s, errors.New("not an object")
	}
	if err := exactKeys(obj, "pages", "total_count", "total_pages", "page", "scroll_param", "next_cursor", "has_more"); err != nil {
		return s, err
	}
	var errs []error
	flex := func(v any, present bool) (int, bool) {
		if !present || v == nil {
			return 0, false
		}
		var text string
		switch x := v.(type) {
		case json.Number:
			text = string(x)
		case string:
			text = x
		default:
			errs = append(errs, errors.New("not a number"))
			return 0, false
		}
		n, ok := intFromText(text)
		if !ok {
			errs = append(errs, errors.New("not an integer"))
		}
		return n, ok
	}
	str := func(v any, present bool) string {
		if !present || v == nil {
			return ""
		}
		x, ok := v.(string)
		if !ok {
			errs = append(errs, errors.New("not a string"))
		}
		return x
	}
	get := func(m map[string]any, k string) (any, bool) { v, ok := m[k]; return v, ok }

	s.TotalCount = -1
	if n, ok := flex(get(obj, "total_count")); ok {
		s.TotalCount = n
	}
	s.TopPage, s.HasTopPage = flex(get(obj, "page"))
	s.TopTotalPages, s.HasTopTotalP = flex(get(obj, "total_pages"))
	s.ScrollParam = str(get(obj, "scroll_param"))
	s.NextCursor = str(get(obj, "next_cursor"))
	if v, ok := obj["has_more"]; ok && v != nil {
		b, isBool := v.(bool)
		if !isBool {
			errs = append(errs, errors.New("has_more not a bool"))
		}
		s.HasMore, s.HasMoreSet = b, true
	}
	if pv, ok := obj["pages"]; ok && pv != nil {
		pages, isObj := pv.(map[string]any)
		if !isObj {
			return s, errors.New("pages not an object")
		}
		if err := exactKeys(pages, "page", "per_page", "total_pages", "next"); err != nil {
			return s, err
		}
		s.Page, s.HasPage = flex(get(pages, "page"))
		flex(get(pages, "per_page"))
		s.Total, s.HasTotal = flex(get(pages, "total_pages"))
		switch next, present := pages["next"]; {
		case !present:
			s.Next = nextAbsent
		case next == nil:
			s.Next = nextNull
		default:
			switch x := next.(type) {
			case string:
				if x == "" {
					s.Next = nextNull
					break
				}
				s.Next = nextLink
				if u, err := url.Parse(x); err == nil {
					q := u.Query()
					s.Cursor = q.Get("starting_after")
					if p := q.Get("page"); p != "" {
						if n, err := strconv.Atoi(p); err == nil {
							s.NextPage, s.HasNextPage = n, true
						}
					}
				}
			case map[string]any:
				if err := exactKeys(x, "page", "starting_after"); err != nil {
					return s, err
				}
				s.Next = nextObject
				s.NextPage, s.HasNextPage = flex(get(x, "page"))
				s.Cursor = str(get(x, "starting_after"))
			default:
				errs = append(errs, errors.New("next neither object, string nor null"))
			}
		}
	}
	if len(errs) > 0 {
		return s, errs[0]
	}
	return s, nil
}

// exactKeys reports keys that encoding/json would fold onto one of known.
func exactKeys(m map[string]any, known ...string) error {
	for k := range m {
		for _, want := range known {
			if k != want && strings.EqualFold(k, want) {
				return errAmbiguous
			}
		}
	}
	return nil
}

// checkRules runs every style's rule on decoded metadata: none may panic,
// and a rule that says "more" must have moved its position forward.
func checkRules(t *testing.T, m *PageMeta) {
	for _, style := range []PageStyle{StyleCursor, StylePage, StyleSearch, StyleScroll, StyleNextCursor} {
		for _, items := range []int{0, 3} {
			p, err := newPager(PageSpec{Op: "Fuzz", Style: style, Start: "c0", StartPage: 2}, pageConfig{})
			require.NoError(t, err)
			before, beforePage := p.cursor, p.page
			if p.check(m) != nil {
				continue
			}
			more, err := p.advance(m, items)
			if err != nil {
				require.ErrorIs(t, err, ErrPaginationStalled, "style %d", style)
			}
			if !more {
				continue
			}
			require.NoError(t, err, "style %d: more and an error", style)
			switch style {
			case StylePage:
				require.Greater(t, p.page, beforePage, "page style must move forward")
			case StyleScroll:
				require.NotEmpty(t, p.cursor, "scroll goes on without a scroll_param")
			default:
				require.NotEmpty(t, p.cursor, "style %d goes on without a cursor", style)
				require.NotEqual(t, before, p.cursor, "style %d goes on with the same cursor", style)
			}
			require.NotEmpty(t, p.position(), "style %d: more but no resume cursor", style)
		}
	}
}

// duplicateKeys reports whether any object in data repeats a key.
func duplicateKeys(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		keys  map[string]bool
		isObj bool
		key   bool // the next token of an object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.isObj && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			k, _ := tok.(string)
			if top.keys[k] {
				return true
			}
			top.keys[k] = true
			top.key = false
			continue
		}
		switch d, _ := tok.(json.Delim); d {
		case '{':
			stack = append(stack, &frame{keys: map[string]bool{}, isObj: true, key: true})
			continue
		case '[':
			stack = append(stack, &frame{})
			continue
		case ']', '}':
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].isObj {
			stack[len(stack)-1].key = true
		}
	}
}
