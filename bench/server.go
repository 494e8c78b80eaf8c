package bench

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Server serves GET {prefix}/contacts with cursor pagination, the way the
// Intercom API pages contacts: per_page items, and pages.next.starting_after
// naming the cursor of the next page until the last one. The prefix
// /n/{total} serves total items (cycling through the distinct contacts, for
// streaming runs longer than the data set); without it, every contact once.
type Server struct {
	contacts [][]byte
}

// NewServer serves the given encoded contacts.
func NewServer(contacts [][]byte) *Server { return &Server{contacts: contacts} }

// Bytes is the size of all contacts, as a full export transfers them.
func (s *Server) Bytes() int {
	n := 0
	for _, c := range s.contacts {
		n += len(c) + 1
	}
	return n
}

// ServeHTTP answers GET /contacts (optionally under /n/{total}) with one
// page; anything else is 404, and bad paging parameters are 400.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	total := len(s.contacts)
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/n/"); ok {
		num, tail, _ := strings.Cut(rest, "/")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 {
			http.Error(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"bad total"}]}`, http.StatusBadRequest)
			return
		}
		total, path = n, "/"+tail
	}
	if r.Method != http.MethodGet || path != "/contacts" {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	perPage := 50
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 150 {
			http.Error(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"per_page"}]}`, http.StatusBadRequest)
			return
		}
		perPage = n
	}
	start := 0
	if c := q.Get("starting_after"); c != "" {
		n, ok := parseCursor(c)
		if !ok || n > total {
			http.Error(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"starting_after"}]}`, http.StatusBadRequest)
			return
		}
		start = n
	}
	end := min(start+perPage, total)
	var b bytes.Buffer
	b.Grow((end - start) * 2100)
	b.WriteString(`{"type":"list","data":[`)
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		b.Write(s.contacts[i%len(s.contacts)])
	}
	pages := (total + perPage - 1) / perPage
	fmt.Fprintf(&b, `],"total_count":%d,"pages":{"type":"pages","page":%d,"per_page":%d,"total_pages":%d`, total, start/perPage+1, perPage, pages)
	if end < total {
		fmt.Fprintf(&b, `,"next":{"per_page":%d,"starting_after":%q}`, perPage, cursor(end))
	}
	b.WriteString("}}")
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	_, _ = w.Write(b.Bytes())
}

// cursor is an opaque-looking token for the item offset n.
func cursor(n int) string { return "WzE2" + strconv.FormatInt(int64(n), 36) + "XQ" }

func parseCursor(c string) (int, bool) {
	body, ok := strings.CutPrefix(c, "WzE2")
	if !ok {
		return 0, false
	}
	body, ok = strings.CutSuffix(body, "XQ")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(body, 36, 64)
	return int(n), err == nil && n >= 0
}
