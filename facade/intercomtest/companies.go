package intercomtest

import (
	"net/http"
	"slices"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// companyByCompanyID finds a company by the id the workspace gave it.
func (st *store) companyByCompanyID(companyID string) *companyRec {
	for _, r := range st.companies {
		if r.v.GetCompanyId() == companyID {
			return r
		}
	}
	return nil
}

// putCompany stores co, filling what Intercom fills; a company with a known
// id is replaced, keeping its tags.
func (st *store) putCompany(co v2_16.Company) *companyRec {
	co.Type = facade.Ptr(v2_16.CompanyTypeCompany)
	if co.GetId() == "" {
		co.Id = facade.Ptr(st.newID("company"))
	}
	if co.AppId == nil {
		co.AppId = facade.Ptr(st.appID)
	}
	now := st.unix()
	if co.CreatedAt == nil {
		co.CreatedAt = facade.Ptr(now)
	}
	if co.UpdatedAt == nil {
		co.UpdatedAt = co.CreatedAt
	}
	if co.CustomAttributes == nil {
		co.CustomAttributes = map[string]any{}
	}
	if co.MonthlySpend == nil {
		co.MonthlySpend = facade.Ptr(0)
	}
	if co.SessionCount == nil {
		co.SessionCount = facade.Ptr(0)
	}
	if co.Plan == nil {
		co.Plan = &v2_16.Company_Plan{}
	}
	if old, ok := st.companies[*co.Id]; ok {
		old.v = co
		return old
	}
	r := &companyRec{seq: st.nextSeq(), v: co}
	st.companies[*co.Id] = r
	return r
}

// companyOut renders a company with its tags and user count.
func (s *Server) companyOut(r *companyRec) v2_16.Company {
	co := r.v
	co.Tags = &v2_16.Company_Tags{Type: facade.Ptr(v2_16.CompanyTagsTypeTagList), Tags: []v2_16.TagBasic{}}
	for _, id := range r.tags {
		if t, ok := s.st.tags[id]; ok {
			co.Tags.Tags = append(co.Tags.Tags, v2_16.TagBasic{Type: facade.Ptr("tag"), Id: t.v.Id, Name: t.v.Name})
		}
	}
	co.Segments = &v2_16.Company_Segments{Type: facade.Ptr(v2_16.CompanySegmentsTypeSegmentList), Segments: []v2_16.Segment{}}
	co.UserCount = facade.Ptr(len(s.companyContacts(co.GetId())))
	return co
}

// companyContacts lists the contacts attached to a company.
func (s *Server) companyContacts(id string) []*contactRec {
	return filter(ordered(s.st.contacts), func(r *contactRec) bool { return slices.Contains(r.companies, id) })
}

// applyCompany copies the fields a create-or-update or update request sets.
func applyCompany(co *v2_16.Company, name, industry, website, plan *string, size, spend *int, custom map[string]any) {
	if name != nil {
		co.Name = name
	}
	if industry != nil {
		co.Industry = industry
	}
	if website != nil {
		co.Website = website
	}
	if plan != nil {
		co.Plan = &v2_16.Company_Plan{Type: facade.Ptr("plan"), Id: plan, Name: plan}
	}
	if size != nil {
		co.Size = size
	}
	if spend != nil {
		co.MonthlySpend = spend
	}
	if len(custom) > 0 && co.CustomAttributes == nil {
		co.CustomAttributes = map[string]any{}
	}
	for k, v := range custom {
		co.CustomAttributes[k] = v
	}
}

// checkUpsertCompany: a company is created or updated by its company_id.
func checkUpsertCompany(req *v2_16.CreateOrUpdateCompanyRequest) error {
	if req.GetCompanyId() == "" {
		return errMissing("company_id")
	}
	return nil
}

// POST /companies: create, or update the company with that company_id.
func (s *Server) createOrUpdateCompany(c *call) (any, error) {
	req, err := bind(c, checkUpsertCompany)
	if err != nil {
		return nil, err
	}
	var co v2_16.Company
	r := s.st.companyByCompanyID(*req.CompanyId)
	if r != nil {
		co = r.v
		co.UpdatedAt = facade.Ptr(s.st.unix())
	} else {
		co.CompanyId = req.CompanyId
		co.RemoteCreatedAt = req.RemoteCreatedAt
	}
	applyCompany(&co, req.Name, req.Industry, req.Website, req.Plan, req.Size, req.MonthlySpend, req.CustomAttributes)
	if req.GetUpdateLastRequestAt() {
		co.LastRequestAt = facade.Ptr(s.st.unix())
	}
	return s.companyOut(s.st.putCompany(co)), nil
}

// GET /companies: filter by company_id, name, tag_id or segment_id, with
// page numbers.
func (s *Server) retrieveCompanies(c *call) (any, error) {
	pg, err := c.numberPaging(defaultCompanySize)
	if err != nil {
		return nil, err
	}
	all := ordered(s.st.companies)
	byKey := false
	if id := c.query("company_id"); id != "" {
		byKey = true
		all = filter(all, func(r *companyRec) bool { return r.v.GetCompanyId() == id })
	}
	if name := c.query("name"); name != "" {
		byKey = true
		all = filter(all, func(r *companyRec) bool { return r.v.GetName() == name })
	}
	if tag := c.query("tag_id"); tag != "" {
		all = filter(all, func(r *companyRec) bool { return slices.Contains(r.tags, tag) })
	}
	if c.query("segment_id") != "" {
		all = nil // the fake has no segments
	}
	if byKey && len(all) == 0 {
		return nil, errCompanyNotFound()
	}
	return s.companyPage(all, pg)
}

// companyPage cuts the page pg asks for from all, as a company list.
func (s *Server) companyPage(all []*companyRec, pg paging) (any, error) {
	page, w, err := cut(all, pg)
	if err != nil {
		return nil, err
	}
	return v2_16.CompanyList{
		Type:       facade.Ptr(v2_16.CompanyListTypeList),
		Data:       mapSlice(page, s.companyOut),
		TotalCount: facade.Ptr(len(all)),
		Pages:      w.numberPages(),
	}, nil
}

// POST /companies/list: every company, newest first unless order=asc.
func (s *Server) listCompanies(c *call) (any, error) {
	pg, err := c.numberPaging(defaultCompanySize)
	if err != nil {
		return nil, err
	}
	all := ordered(s.st.companies)
	switch c.query("order") {
	case "", "desc":
		slices.Reverse(all)
	case "asc":
	default:
		return nil, errInvalid(http.StatusBadRequest, "order", "order must be asc or desc")
	}
	return s.companyPage(all, pg)
}

// GET /companies/scroll: the first call opens a scroll; each call with its
// scroll_param returns the next page, and an empty page at the end.
func (s *Server) scrollCompanies(c *call) (any, error) {
	pg, err := c.scrollPaging(s.st.scrolls, func() string { return s.st.newID("scroll") })
	if err != nil {
		return nil, err
	}
	page, w, err := cut(ordered(s.st.companies), pg)
	if err != nil {
		return nil, err
	}
	s.st.scrolls[w.next] = w.to
	return v2_16.CompanyScroll{
		Type:        facade.Ptr(v2_16.CompanyScrollTypeList),
		Data:        mapSlice(page, s.companyOut),
		ScrollParam: facade.Ptr(w.next),
	}, nil
}

// GET /companies/{id}
func (s *Server) retrieveCompany(c *call) (any, error) {
	r, err := lookup(s.st.companies, c.param("id"), errCompanyNotFound)
	if err != nil {
		return nil, err
	}
	return s.companyOut(r), nil
}

// PUT /companies/{id}
func (s *Server) updateCompany(c *call) (any, error) {
	r, err := lookup(s.st.companies, c.param("id"), errCompanyNotFound)
	if err != nil {
		return nil, err
	}
	req, err := bindOptional[v2_16.UpdateCompanyRequest](c, nil)
	if err != nil {
		return nil, err
	}
	co := r.v
	applyCompany(&co, req.Name, req.Industry, req.Website, req.Plan, req.Size, req.MonthlySpend, req.CustomAttributes)
	co.UpdatedAt = facade.Ptr(s.st.unix())
	r.v = co
	return s.companyOut(r), nil
}

// DELETE /companies/{id}: also detaches its contacts.
func (s *Server) deleteCompany(c *call) (any, error) {
	r, err := lookup(s.st.companies, c.param("id"), errCompanyNotFound)
	if err != nil {
		return nil, err
	}
	id := r.v.GetId()
	delete(s.st.companies, id)
	for _, ct := range s.st.contacts {
		ct.companies = remove(ct.companies, id)
	}
	return v2_16.DeletedCompanyObject{Object: facade.Ptr(v2_16.DeletedCompanyObjectObjectCompany), Id: facade.Ptr(id), Deleted: facade.Ptr(true)}, nil
}

// GET /companies/{id}/contacts: page numbers.
func (s *Server) listCompanyContacts(c *call) (any, error) {
	r, err := lookup(s.st.companies, c.param("id"), errCompanyNotFound)
	if err != nil {
		return nil, err
	}
	pg, err := c.numberPaging(defaultNestedSize)
	if err != nil {
		return nil, err
	}
	all := s.companyContacts(r.v.GetId())
	page, w, err := cut(all, pg)
	if err != nil {
		return nil, err
	}
	return v2_16.CompanyAttachedContacts{
		Type:       facade.Ptr(v2_16.CompanyAttachedContactsTypeList),
		Data:       mapSlice(page, s.contactOut),
		TotalCount: facade.Ptr(len(all)),
		Pages:      w.numberPages(),
	}, nil
}
