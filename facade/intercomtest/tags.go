package intercomtest

import (
	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// putTag stores t; a tag with a known id is replaced.
func (st *store) putTag(t v2_16.Tag) *tagRec {
	t.Type = facade.Ptr("tag")
	if t.GetId() == "" {
		t.Id = facade.Ptr(st.newID("tag"))
	}
	if old, ok := st.tags[*t.Id]; ok {
		old.v = t
		return old
	}
	r := &tagRec{seq: st.nextSeq(), v: t}
	st.tags[*t.Id] = r
	return r
}

// tagList renders the tags with the given ids, skipping deleted ones.
func (s *Server) tagList(ids []string) []v2_16.Tag {
	out := []v2_16.Tag{}
	for _, id := range ids {
		if t, ok := s.st.tags[id]; ok {
			out = append(out, t.v)
		}
	}
	return out
}

// GET /tags
func (s *Server) listTags(c *call) (any, error) {
	return v2_16.TagList{
		Type: facade.Ptr(v2_16.TagListTypeList),
		Data: mapSlice(ordered(s.st.tags), func(r *tagRec) v2_16.Tag { return r.v }),
	}, nil
}

// tagRequest covers the four bodies POST /tags takes: create or rename a
// tag, tag or untag companies, tag contacts.
type tagRequest struct {
	Name      string  `json:"name"`
	ID        *string `json:"id"`
	Companies []struct {
		ID        *string `json:"id"`
		CompanyID *string `json:"company_id"`
		Untag     *bool   `json:"untag"`
	} `json:"companies"`
	Users []struct {
		ID *string `json:"id"`
	} `json:"users"`
}

// checkTagRequest: every POST /tags body names the tag.
func checkTagRequest(req *tagRequest) error {
	if req.Name == "" {
		return errMissing("name")
	}
	return nil
}

// POST /tags
func (s *Server) createTag(c *call) (any, error) {
	req, err := bind(c, checkTagRequest)
	if err != nil {
		return nil, err
	}
	// Check every target before changing anything, so that a bad id
	// leaves the workspace as it was.
	var cos []*companyRec
	for _, x := range req.Companies {
		var co *companyRec
		var err error
		switch {
		case x.ID != nil:
			co, err = lookup(s.st.companies, *x.ID, errTaggedCompanyNotFound)
		case x.CompanyID != nil:
			co, err = lookupWhere(s.st.companies, func(r *companyRec) bool { return r.v.GetCompanyId() == *x.CompanyID }, errTaggedCompanyNotFound)
		default:
			err = errTaggedCompanyNotFound()
		}
		if err != nil {
			return nil, err
		}
		cos = append(cos, co)
	}
	var users []*contactRec
	for _, u := range req.Users {
		if u.ID == nil {
			return nil, errContactNotFound()
		}
		r, err := lookup(s.st.contacts, *u.ID, errContactNotFound)
		if err != nil {
			return nil, err
		}
		users = append(users, r)
	}
	var t *tagRec
	switch {
	case req.ID != nil:
		r, err := lookup(s.st.tags, *req.ID, errTagNotFound)
		if err != nil {
			return nil, err
		}
		r.v.Name = facade.Ptr(req.Name)
		t = r
	default:
		for _, r := range ordered(s.st.tags) {
			if r.v.GetName() == req.Name {
				t = r
				break
			}
		}
		if t == nil {
			t = s.st.putTag(v2_16.Tag{Name: facade.Ptr(req.Name)})
		}
	}
	id := t.v.GetId()
	out := v2_16.TagCreateResponse{Type: facade.Ptr("tag"), Id: t.v.Id, Name: t.v.Name}
	for i, co := range cos {
		untag := req.Companies[i].Untag != nil && *req.Companies[i].Untag
		if untag {
			co.tags = remove(co.tags, id)
		} else {
			co.tags = addUnique(co.tags, id)
		}
		out.Companies = append(out.Companies, v2_16.TagCreateResponse_Companies{Id: co.v.Id, Tagged: facade.Ptr(!untag)})
	}
	for _, u := range users {
		u.tags = addUnique(u.tags, id)
		out.Users = append(out.Users, v2_16.TagCreateResponse_Users{Id: u.v.Id, Tagged: facade.Ptr(true)})
	}
	return out, nil
}

// GET /tags/{id}
func (s *Server) findTag(c *call) (any, error) {
	t, err := lookup(s.st.tags, c.param("id"), errTagNotFound)
	if err != nil {
		return nil, err
	}
	return v2_16.TagBasic{Type: facade.Ptr("tag"), Id: t.v.Id, Name: t.v.Name}, nil
}

// DELETE /tags/{id}: removes the tag from everything it was on; the answer
// has no body.
func (s *Server) deleteTag(c *call) (any, error) {
	t, err := lookup(s.st.tags, c.param("id"), errTagNotFound)
	if err != nil {
		return nil, err
	}
	id := t.v.GetId()
	delete(s.st.tags, id)
	for _, r := range s.st.contacts {
		r.tags = remove(r.tags, id)
	}
	for _, r := range s.st.companies {
		r.tags = remove(r.tags, id)
	}
	for _, r := range s.st.convs {
		r.tags = remove(r.tags, id)
	}
	return nil, nil
}
