package intercomtest

import (
	"errors"
	"fmt"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// The seeding helpers store typed values directly, without going through
// HTTP, and fill what Intercom would (id, type, timestamps). A value whose
// id is already known replaces the stored one. Each returns the value as
// the API would show it.

// AddContact stores a contact.
func (s *Server) AddContact(c v2_16.Contact) v2_16.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Relations are kept apart from the value: Tags, Companies and Notes
	// given here are ignored; use TagContact and AttachContact.
	c.Tags, c.Companies, c.Notes = nil, nil, nil
	return s.contactOut(s.st.putContact(c))
}

// AddCompany stores a company.
func (s *Server) AddCompany(co v2_16.Company) v2_16.Company {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.companyOut(s.st.putCompany(co))
}

// AddConversation stores a conversation. Its contacts need not exist.
func (s *Server) AddConversation(v v2_16.Conversation) v2_16.Conversation {
	s.mu.Lock()
	defer s.mu.Unlock()
	v.Tags = nil
	return s.convOut(s.st.putConversation(v))
}

// AddTag stores a tag.
func (s *Server) AddTag(t v2_16.Tag) v2_16.Tag {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.putTag(t).v
}

// AddAdmin stores an admin (a teammate).
func (s *Server) AddAdmin(a v2_16.Admin) v2_16.Admin {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.putAdmin(a)
}

// AddTeam stores a team.
func (s *Server) AddTeam(t v2_16.Team) v2_16.Team {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.putTeam(t)
}

// AddNote stores a note on the contact n.Contact names; without an author
// it is written by the token's admin.
func (s *Server) AddNote(n v2_16.Note) (v2_16.Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n.Contact == nil || s.st.contacts[n.Contact.GetId()] == nil {
		return v2_16.Note{}, errors.New("intercom: note for unknown contact")
	}
	if n.Author == nil {
		n.Author = facade.Ptr(s.st.admins[s.st.me].v)
	}
	return s.st.putNote(n).v, nil
}

// TagContact applies a stored tag to a stored contact.
func (s *Server) TagContact(contactID, tagID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.contacts[contactID]
	if !ok {
		return fmt.Errorf("intercom: unknown contact %q", contactID)
	}
	if _, ok := s.st.tags[tagID]; !ok {
		return fmt.Errorf("intercom: unknown tag %q", tagID)
	}
	r.tags = addUnique(r.tags, tagID)
	return nil
}

// TagConversation applies a stored tag to a stored conversation.
func (s *Server) TagConversation(conversationID, tagID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.convs[conversationID]
	if !ok {
		return fmt.Errorf("intercom: unknown conversation %q", conversationID)
	}
	if _, ok := s.st.tags[tagID]; !ok {
		return fmt.Errorf("intercom: unknown tag %q", tagID)
	}
	r.tags = addUnique(r.tags, tagID)
	return nil
}

// AttachContact attaches a stored contact to a stored company, by the ids
// Intercom gave them.
func (s *Server) AttachContact(contactID, companyID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.contacts[contactID]
	if !ok {
		return fmt.Errorf("intercom: unknown contact %q", contactID)
	}
	if _, ok := s.st.companies[companyID]; !ok {
		return fmt.Errorf("intercom: unknown company %q", companyID)
	}
	r.companies = addUnique(r.companies, companyID)
	return nil
}

// Me is the id of the admin the token belongs to (GET /me).
func (s *Server) Me() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.me
}

// Contact returns a stored contact as the API shows it.
func (s *Server) Contact(id string) (v2_16.Contact, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.contacts[id]
	if !ok {
		return v2_16.Contact{}, false
	}
	return s.contactOut(r), true
}

// Contacts returns every stored contact, archived ones included, oldest
// first.
func (s *Server) Contacts() []v2_16.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	return mapSlice(ordered(s.st.contacts), s.contactOut)
}

// Company returns a stored company by the id Intercom gave it.
func (s *Server) Company(id string) (v2_16.Company, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.companies[id]
	if !ok {
		return v2_16.Company{}, false
	}
	return s.companyOut(r), true
}

// Conversation returns a stored conversation with its parts.
func (s *Server) Conversation(id string) (v2_16.Conversation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.convs[id]
	if !ok {
		return v2_16.Conversation{}, false
	}
	return s.convOut(r), true
}

// Tags returns every stored tag, oldest first.
func (s *Server) Tags() []v2_16.Tag {
	s.mu.Lock()
	defer s.mu.Unlock()
	return mapSlice(ordered(s.st.tags), func(r *tagRec) v2_16.Tag { return r.v })
}
