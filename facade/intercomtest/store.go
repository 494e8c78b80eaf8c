package intercomtest

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// store is the fake workspace's state. Records keep the generated type of
// the resource plus the relations Intercom derives fields from.
type store struct {
	now   func() time.Time
	seq   int64            // creation order across all records
	ids   map[string]int64 // last id handed out per kind
	me    string           // the admin the token belongs to
	appID string

	contacts  map[string]*contactRec
	companies map[string]*companyRec
	convs     map[string]*convRec
	tags      map[string]*tagRec
	admins    map[string]*adminRec
	teams     map[string]*teamRec
	notes     map[string]*noteRec
	scrolls   map[string]int // scroll_param -> offset of its next page
}

type contactRec struct {
	seq       int64
	v         v2_16.Contact // tags, companies and notes are derived
	archived  bool
	tags      []string
	companies []string
}

type companyRec struct {
	seq  int64
	v    v2_16.Company // tags and user_count are derived
	tags []string
}

type convRec struct {
	seq  int64
	v    v2_16.Conversation // tags are derived
	tags []string
}

type tagRec struct {
	seq int64
	v   v2_16.Tag
}

type adminRec struct {
	seq int64
	v   v2_16.Admin
}

type teamRec struct {
	seq int64
	v   v2_16.Team
}

type noteRec struct {
	seq int64
	v   v2_16.Note
}

func (r *contactRec) order() int64 { return r.seq }
func (r *companyRec) order() int64 { return r.seq }
func (r *convRec) order() int64    { return r.seq }
func (r *tagRec) order() int64     { return r.seq }
func (r *adminRec) order() int64   { return r.seq }
func (r *teamRec) order() int64    { return r.seq }
func (r *noteRec) order() int64    { return r.seq }

func newStore(now func() time.Time) *store {
	st := &store{
		now:       now,
		ids:       map[string]int64{},
		appID:     "intercomtest",
		contacts:  map[string]*contactRec{},
		companies: map[string]*companyRec{},
		convs:     map[string]*convRec{},
		tags:      map[string]*tagRec{},
		admins:    map[string]*adminRec{},
		teams:     map[string]*teamRec{},
		notes:     map[string]*noteRec{},
		scrolls:   map[string]int{},
	}
	me := st.putAdmin(v2_16.Admin{Name: facade.Ptr("Ada Admin"), Email: facade.Ptr("ada@example.com"), JobTitle: facade.Ptr("Support lead")})
	st.me = me.GetId()
	return st
}

// nextSeq returns the next creation-order number.
func (st *store) nextSeq() int64 {
	st.seq++
	return st.seq
}

// Id formats follow Intercom's: contacts and companies have 24 hex
// digits, the rest decimal numbers.
func (st *store) newID(kind string) string {
	st.ids[kind]++
	n := st.ids[kind]
	switch kind {
	case "contact":
		return fmt.Sprintf("6762f0d0%016x", n)
	case "company":
		return fmt.Sprintf("6762f0a6%016x", n)
	case "admin":
		return fmt.Sprint(991000000 + n)
	case "team":
		return fmt.Sprint(8000000 + n)
	case "conversation":
		return fmt.Sprint(100000 + n)
	case "part":
		return fmt.Sprint(500000 + n)
	case "message":
		return fmt.Sprint(400000000 + n)
	case "scroll":
		return fmt.Sprintf("00000000-0000-4000-a000-%012x", n)
	}
	return fmt.Sprint(n)
}

func (st *store) unix() int { return int(st.now().Unix()) }

// ordered returns the records of m in creation order.
func ordered[R interface{ order() int64 }](m map[string]R) []R {
	out := make([]R, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b R) int { return cmp.Compare(a.order(), b.order()) })
	return out
}

// filter keeps the records p accepts.
func filter[R any](rs []R, p func(R) bool) []R {
	out := rs[:0:0]
	for _, r := range rs {
		if p(r) {
			out = append(out, r)
		}
	}
	return out
}

// mapSlice applies f to each element.
func mapSlice[A, B any](as []A, f func(A) B) []B {
	out := make([]B, len(as))
	for i, a := range as {
		out[i] = f(a)
	}
	return out
}

func addUnique(list []string, id string) []string {
	if slices.Contains(list, id) {
		return list
	}
	return append(list, id)
}

func remove(list []string, id string) []string {
	return slices.DeleteFunc(list, func(s string) bool { return s == id })
}
