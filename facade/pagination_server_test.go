package facade_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// fakeList is an httptest Intercom serving one paged list in one style. It
// reads the position and page size where the operation's table entry says
// requests carry them, so a test against it also proves the generated code
// sends them there.
type fakeList struct {
	method  string         // expected method; "" accepts any
	path    *regexp.Regexp // expected path; nil accepts any
	style   string         // cursor, page, search, scroll, next_cursor
	cursor  fakeLoc        // where the position arrives
	perPage fakeLoc        // where the page size arrives; zero: never sent
	items   []string       // path of the item array in the response
	total   int            // items in the list
	maxPer  int            // a larger per_page is answered 400
	defPer  int            // page size when none is sent (always, for scroll)
	form    string         // how the response reports what follows (see page)
	item    func(i int) string

	failOn     int // request number answered with failStatus/failBody
	failStatus int
	failBody   string
	stallOn    int               // request number that repeats its cursor, or ignores page
	wantQuery  string            // search: the body's query, every time
	wantParams map[string]string // query parameters every request must carry

	t        testing.TB
	requests atomic.Int32
	mu       sync.Mutex
	sent     []string // position of each request, as received
	sizes    []int    // page size of each request, 0 when none was sent
}

// fakeLoc is where a request carries a value: query.<name> or body.<path>.
type fakeLoc struct {
	in   string
	path []string
}

func loc(s string) fakeLoc {
	if s == "" {
		return fakeLoc{}
	}
	in, rest, _ := strings.Cut(s, ".")
	return fakeLoc{in: in, path: strings.Split(rest, ".")}
}

func (f *fakeList) start(t testing.TB) *httptest.Server {
	f.t = t
	if f.item == nil {
		f.item = func(i int) string { return `{"type":"item","id":"` + strconv.Itoa(i) + `"}` }
	}
	if f.defPer == 0 {
		f.defPer = 50
	}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return srv
}

func (f *fakeList) serve(w http.ResponseWriter, r *http.Request) {
	n := int(f.requests.Add(1))
	if f.method != "" {
		assert.Equal(f.t, f.method, r.Method, "request %d: method", n)
	}
	if f.path != nil {
		assert.Regexp(f.t, f.path, r.URL.Path, "request %d: path", n)
	}
	for k, v := range f.wantParams {
		assert.Equal(f.t, v, r.URL.Query().Get(k), "request %d: query %s", n, k)
	}
	var body map[string]any
	if r.Body != nil {
		raw, _ := io.ReadAll(r.Body)
		if len(raw) > 0 {
			assert.NoError(f.t, json.Unmarshal(raw, &body), "request %d: body %s", n, raw)
		}
	}
	if f.wantQuery != "" {
		q, _ := json.Marshal(body["query"])
		assert.Equal(f.t, f.wantQuery, string(q), "request %d: body query", n)
	}
	pos := f.read(r, body, f.cursor)
	size := 0
	if f.perPage.in != "" {
		size, _ = strconv.Atoi(f.read(r, body, f.perPage))
	}
	f.mu.Lock()
	f.sent = append(f.sent, pos)
	f.sizes = append(f.sizes, size)
	f.mu.Unlock()

	if n == f.failOn {
		w.WriteHeader(f.failStatus)
		io.WriteString(w, f.failBody)
		return
	}
	per := f.defPer
	if size > 0 && f.style != "scroll" {
		per = size
	}
	if f.maxPer > 0 && per > f.maxPer {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"per_page is limited to %d"}]}`, f.maxPer)
		return
	}
	off, page, ok := f.offset(pos, per, n)
	if !ok {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"bad cursor %q"}]}`, pos)
		return
	}
	end := min(off+per, f.total)
	off = min(off, end)
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, f.page(pos, off, end, per, page, n))
}

// read returns the value a request carries at l, as a string.
func (f *fakeList) read(r *http.Request, body map[string]any, l fakeLoc) string {
	switch l.in {
	case "query":
		return r.URL.Query().Get(l.path[0])
	case "body":
		var v any = body
		for _, k := range l.path {
			m, ok := v.(map[string]any)
			if !ok {
				return ""
			}
			v = m[k]
		}
		switch x := v.(type) {
		case string:
			return x
		case float64:
			return strconv.Itoa(int(x))
		}
	}
	return ""
}

var cursorPrefix = map[string]string{"cursor": "cur-", "search": "cur-", "scroll": "scr-", "next_cursor": "nc-"}

// offset turns a position into the first item of the page.
func (f *fakeList) offset(pos string, per, n int) (off, page int, ok bool) {
	if f.style == "page" {
		page = 1
		if pos != "" {
			p, err := strconv.Atoi(pos)
			if err != nil || p < 1 {
				return 0, 0, false
			}
			page = p
		}
		if n == f.stallOn {
			page = 1 // a server that ignores page
		}
		return (page - 1) * per, page, true
	}
	if pos == "" {
		return 0, 1, true
	}
	s, found := strings.CutPrefix(pos, cursorPrefix[f.style])
	off, err := strconv.Atoi(s)
	if !found || err != nil || off < 0 {
		return 0, 0, false
	}
	// The page a cursor falls in, rounding up, so that the page holding the
	// last item is numbered total_pages.
	return off, (off+per-1)/per + 1, true
}

// page renders one response.
func (f *fakeList) page(pos string, off, end, per, page, n int) string {
	var items strings.Builder
	items.WriteByte('[')
	for i := off; i < end; i++ {
		if i > off {
			items.WriteByte(',')
		}
		items.WriteString(f.item(i))
	}
	items.WriteByte(']')
	list := items.String()
	for i := len(f.items) - 1; i >= 0; i-- {
		list = fmt.Sprintf(`{%q:%s}`, f.items[i], list)
	}
	list = strings.TrimSuffix(strings.TrimPrefix(list, "{"), "}")
	totalPages := (f.total + per - 1) / per
	more := end < f.total
	next := cursorPrefix[f.style] + strconv.Itoa(end)
	if n == f.stallOn {
		next = pos
		more = true
	}
	var meta string
	switch f.style {
	case "cursor", "search":
		pages := fmt.Sprintf(`"type":"pages","page":%d,"per_page":%d,"total_pages":%d`, page, per, totalPages)
		if more {
			switch f.form {
			case "link":
				pages += fmt.Sprintf(`,"next":"https://api.intercom.io/x?per_page=%d&starting_after=%s"`, per, next)
			case "pageonly": // a page-numbered answer to a cursor request
				pages += fmt.Sprintf(`,"next":"https://api.intercom.io/x?page=%d"`, page+1)
			default:
				pages += fmt.Sprintf(`,"next":{"page":%d,"starting_after":%q}`, page+1, next)
			}
		}
		meta = fmt.Sprintf(`"total_count":%d,"pages":{%s}`, f.total, pages)
	case "page":
		base := fmt.Sprintf(`"page":%d,"per_page":%d`, page, per)
		link := fmt.Sprintf(`"https://api.intercom.io/x?page=%d&per_page=%d"`, page+1, per)
		nextPage := "null"
		if more {
			nextPage = link
		}
		switch f.form {
		case "top":
			meta = fmt.Sprintf(`"total_count":%d,%s,"total_pages":%d`, f.total, base, totalPages)
		case "link":
			meta = fmt.Sprintf(`"total_count":%d,"pages":{"type":"pages",%s,"total_pages":%d,"next":%s}`, f.total, base, totalPages, nextPage)
		case "linkonly": // no total_pages: the link alone says what follows
			if more {
				base += `,"next":` + link
			}
			meta = fmt.Sprintf(`"pages":{"type":"pages",%s}`, base)
		case "object":
			obj := "null"
			if more {
				obj = fmt.Sprintf(`{"page":%d}`, page+1)
			}
			meta = fmt.Sprintf(`"total_count":"%d","pages":{"type":"pages",%s,"total_pages":"%d","next":%s}`, f.total, base, totalPages, obj)
		default: // total_pages only, as the description examples show
			meta = fmt.Sprintf(`"total_count":%d,"pages":{"type":"pages",%s,"total_pages":%d}`, f.total, base, totalPages)
		}
	case "scroll":
		meta = fmt.Sprintf(`"pages":null,"total_count":null,"scroll_param":%q`, "scr-"+strconv.Itoa(end))
	case "next_cursor":
		nc := "null"
		if more {
			nc = strconv.Quote(next)
		}
		meta = fmt.Sprintf(`"next_cursor":%s,"has_more":%t`, nc, more)
	}
	return `{"type":"list",` + list + "," + meta + "}"
}

func (f *fakeList) positions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent...)
}

func (f *fakeList) pageSizes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.sizes...)
}
