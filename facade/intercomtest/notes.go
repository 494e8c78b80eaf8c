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
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	pg, err := c.numberPaging(defaultNestedSize)
	if err != nil {
		return nil, err
	}
	all := s.contactNotes(r.v.GetId())
	page, w, err := cut(all, pg)
	if err != nil {
		return nil, err
	}
	return v2_16.NoteList{
		Type:       facade.Ptr("list"),
		Data:       mapSlice(page, func(n *noteRec) v2_16.Note { return n.v }),
		TotalCount: facade.Ptr(len(all)),
		Pages:      w.numberPages(),
	}, nil
}

// checkCreateNote: a note needs a body.
func checkCreateNote(body *v2_16.CreateNoteJSONBody) error {
	if body.Body == "" {
		return errMissing("body")
	}
	return nil
}

// POST /contacts/{id}/notes: the author is admin_id, or the token's admin.
func (s *Server) createNote(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	body, err := bind(c, checkCreateNote)
	if err != nil {
		return nil, err
	}
	author := s.st.me
	if body.AdminId != nil {
		author = *body.AdminId
	}
	a, err := lookup(s.st.admins, author, errAdminNotFound)
	if err != nil {
		return nil, err
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
	n, err := lookup(s.st.notes, c.param("id"), errNoteNotFound)
	if err != nil {
		return nil, err
	}
	return n.v, nil
}
