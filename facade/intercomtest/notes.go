package intercomtest

import (
	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// contactNotes lists a contact's notes, oldest first.
func (s *Server) contactNotes(contactID string) []*noteRec {
	return filter(ordered(s.st.notes), func(n *noteRec) bool {
		return n.v.Contact != nil && n.v.Contact.GetId() == contactID
	})
}

// putNote stores n; a note with a known id is replaced.
func (st *store) putNote(n v2_16.Note) *noteRec {
	n.Type = facade.Ptr("note")
	if n.GetId() == "" {
		n.Id = facade.Ptr(st.newID("note"))
	}
	if n.CreatedAt == nil {
		n.CreatedAt = facade.Ptr(st.unix())
	}
	if n.Contact != nil {
		n.Contact.Type = facade.Ptr("contact")
	}
	if old, ok := st.notes[*n.Id]; ok {
		old.v = n
		return old
	}
	r := &noteRec{seq: st.nextSeq(), v: n}
	st.notes[*n.Id] = r
	return r
}

// GET /contacts/{id}/notes: page numbers.
func (s *Server) listNotes(c *call) (any, error) {
	r, err := s.contact(c.param("id"))
	if err != nil {
		return nil, err
	}
	per, page, err := c.pageNumber(50)
	if err != nil {
		return nil, err
	}
	all := s.contactNotes(r.v.GetId())
	w := numberWindow(len(all), per, page)
	return v2_16.NoteList{
		Type:       facade.Ptr("list"),
		Data:       mapSlice(all[w.from:w.to], func(n *noteRec) v2_16.Note { return n.v }),
		TotalCount: facade.Ptr(len(all)),
		Pages:      w.numberPages(),
	}, nil
}

// POST /contacts/{id}/notes: the author is admin_id, or the token's admin.
func (s *Server) createNote(c *call) (any, error) {
	r, err := s.contact(c.param("id"))
	if err != nil {
		return nil, err
	}
	var body v2_16.CreateNoteJSONBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Body == "" {
		return nil, errMissing("body")
	}
	author := s.st.me
	if body.AdminId != nil {
		author = *body.AdminId
	}
	a, ok := s.st.admins[author]
	if !ok {
		return nil, errNotFound("Admin")
	}
	n := s.st.putNote(v2_16.Note{
		Body:    facade.Ptr(body.Body),
		Author:  facade.Ptr(a.v),
		Contact: &v2_16.Note_Contact{Id: r.v.Id},
	})
	return n.v, nil
}

// GET /notes/{id}
func (s *Server) retrieveNote(c *call) (any, error) {
	n, ok := s.st.notes[c.param("id")]
	if !ok {
		return nil, errNotFound("Note")
	}
	return n.v, nil
}
