package intercomtest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// contactFields are the fields a contact search can filter and sort on.
var contactFields = fieldTable[*contactRec]{
	fields: map[string]func(*contactRec) any{
		"id":                       func(r *contactRec) any { return optional(r.v.Id) },
		"role":                     func(r *contactRec) any { return optional(r.v.Role) },
		"name":                     func(r *contactRec) any { return optional(r.v.Name) },
		"email":                    func(r *contactRec) any { return optional(r.v.Email) },
		"email_domain":             func(r *contactRec) any { return optional(r.v.EmailDomain) },
		"external_id":              func(r *contactRec) any { return optional(r.v.ExternalId) },
		"phone":                    func(r *contactRec) any { return optional(r.v.Phone) },
		"owner_id":                 func(r *contactRec) any { return optional(r.v.OwnerId) },
		"created_at":               func(r *contactRec) any { return optional(r.v.CreatedAt) },
		"updated_at":               func(r *contactRec) any { return optional(r.v.UpdatedAt) },
		"signed_up_at":             func(r *contactRec) any { return optional(r.v.SignedUpAt) },
		"last_seen_at":             func(r *contactRec) any { return optional(r.v.LastSeenAt) },
		"unsubscribed_from_emails": func(r *contactRec) any { return optional(r.v.UnsubscribedFromEmails) },
		"tag_id":                   func(r *contactRec) any { return slices.Clone(r.tags) },
		"company_id":               func(r *contactRec) any { return slices.Clone(r.companies) },
	},
	custom: func(r *contactRec, name string) any { return customValue(r.v.CustomAttributes, name) },
	dates:  map[string]bool{"created_at": true, "updated_at": true, "signed_up_at": true, "last_seen_at": true},
}

// optional turns a nil pointer into an absent (nil) search value.
func optional[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// contactOut renders a contact with the lists Intercom derives.
func (s *Server) contactOut(r *contactRec) v2_16.Contact {
	c := r.v
	id := c.GetId()
	c.Tags = &v2_16.ContactTags{
		Data:       mapSlice(r.tags, func(t string) v2_16.AddressableList { return addressable("tag", t, "/tags/"+t) }),
		HasMore:    facade.Ptr(false),
		TotalCount: facade.Ptr(len(r.tags)),
		Url:        facade.Ptr("/contacts/" + id + "/tags"),
	}
	c.Companies = &v2_16.ContactCompanies{
		Data: mapSlice(r.companies, func(co string) v2_16.CompanyData {
			return v2_16.CompanyData{Id: facade.Ptr(co), Type: facade.Ptr(v2_16.CompanyDataTypeCompany), Url: facade.Ptr("/companies/" + co)}
		}),
		HasMore:    facade.Ptr(false),
		TotalCount: facade.Ptr(len(r.companies)),
		Url:        facade.Ptr("/contacts/" + id + "/companies"),
	}
	notes := s.contactNotes(id)
	c.Notes = &v2_16.ContactNotes{
		Data:       mapSlice(notes, func(n *noteRec) v2_16.AddressableList { return addressable("note", n.v.GetId(), "/notes/"+n.v.GetId()) }),
		HasMore:    facade.Ptr(false),
		TotalCount: facade.Ptr(len(notes)),
		Url:        facade.Ptr("/contacts/" + id + "/notes"),
	}
	return c
}

func addressable(typ, id, url string) v2_16.AddressableList {
	return v2_16.AddressableList{Type: facade.Ptr(typ), Id: facade.Ptr(id), Url: facade.Ptr(url)}
}

// putContact stores c, filling what Intercom fills; a contact with a known
// id is replaced, keeping its relations.
func (st *store) putContact(c v2_16.Contact) *contactRec {
	c.Type = facade.Ptr("contact")
	if c.GetId() == "" {
		c.Id = facade.Ptr(st.newID("contact"))
	}
	if c.Role == nil {
		c.Role = facade.Ptr("user")
	}
	if c.WorkspaceId == nil {
		c.WorkspaceId = facade.Ptr(st.appID)
	}
	now := st.unix()
	if c.CreatedAt == nil {
		c.CreatedAt = facade.Ptr(now)
	}
	if c.UpdatedAt == nil {
		c.UpdatedAt = c.CreatedAt
	}
	if c.Email != nil {
		c.EmailDomain = facade.Ptr(emailDomain(*c.Email))
	}
	if c.CustomAttributes == nil {
		c.CustomAttributes = map[string]any{}
	}
	for _, f := range []**bool{&c.HasHardBounced, &c.MarkedEmailAsSpam, &c.UnsubscribedFromEmails} {
		if *f == nil {
			*f = facade.Ptr(false)
		}
	}
	if old, ok := st.contacts[*c.Id]; ok {
		old.v = c
		return old
	}
	r := &contactRec{seq: st.nextSeq(), v: c}
	st.contacts[*c.Id] = r
	return r
}

func emailDomain(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return d
}

// duplicate finds another contact holding the same email (among users) or
// external id, which Intercom refuses with 409.
func (st *store) duplicate(self, role string, email, externalID *string) *contactRec {
	for _, r := range st.contacts {
		if r.v.GetId() == self {
			continue
		}
		if externalID != nil && *externalID != "" && r.v.GetExternalId() == *externalID {
			return r
		}
		if email != nil && *email != "" && role == "user" && r.v.GetRole() == "user" && strings.EqualFold(r.v.GetEmail(), *email) {
			return r
		}
	}
	return nil
}

// checkCreateContact: a contact needs an email, an external id or a role,
// and the role is user or lead.
func checkCreateContact(req *v2_16.CreateContactRequest) error {
	if req.GetEmail() == "" && req.GetExternalId() == "" && req.GetRole() == "" {
		return errMissing("email, external_id or role")
	}
	if role := req.GetRole(); role != "" {
		return checkRole(role)
	}
	return nil
}

// checkUpdateContact: a role given is user or lead.
func checkUpdateContact(req *v2_16.UpdateContactRequest) error {
	if req.Role != nil {
		return checkRole(*req.Role)
	}
	return nil
}

func checkRole(role string) error {
	if role != "user" && role != "lead" {
		return errInvalid(http.StatusUnprocessableEntity, "role", "role must be user or lead")
	}
	return nil
}

// POST /contacts
func (s *Server) createContact(c *call) (any, error) {
	req, err := bind(c, checkCreateContact)
	if err != nil {
		return nil, err
	}
	role := req.GetRole()
	if role == "" {
		role = "user"
	}
	if d := s.st.duplicate("", role, req.Email, req.ExternalId); d != nil {
		return nil, errConflict("A contact matching those details already exists with id=" + d.v.GetId())
	}
	v := v2_16.Contact{Role: facade.Ptr(role), Email: req.Email, ExternalId: req.ExternalId}
	applyContactFields(&v, contactFields2{req.Name, req.Phone, req.Avatar, req.OwnerId, req.SignedUpAt, req.LastSeenAt, req.UnsubscribedFromEmails, req.CustomAttributes})
	return s.contactOut(s.st.putContact(v)), nil
}

// contactFields2 are the optional, nullable fields create and update share.
type contactFields2 struct {
	name, phone, avatar, ownerID nullable.Nullable[string]
	signedUpAt, lastSeenAt       nullable.Nullable[int]
	unsubscribed                 nullable.Nullable[bool]
	custom                       nullable.Nullable[map[string]any]
}

// applyContactFields sets what a request gives: a value sets a field, an
// explicit null clears it, an absent field stays.
func applyContactFields(v *v2_16.Contact, f contactFields2) {
	setNullable(&v.Name, f.name)
	setNullable(&v.Phone, f.phone)
	setNullable(&v.OwnerId, f.ownerID)
	setNullable(&v.SignedUpAt, f.signedUpAt)
	setNullable(&v.LastSeenAt, f.lastSeenAt)
	setNullable(&v.UnsubscribedFromEmails, f.unsubscribed)
	if a, err := f.avatar.Get(); err == nil {
		v.Avatar = &v2_16.Contact_Avatar{Type: facade.Ptr("avatar"), ImageUrl: facade.Ptr(a)}
	} else if f.avatar.IsNull() {
		v.Avatar = nil
	}
	if m, err := f.custom.Get(); err == nil {
		if v.CustomAttributes == nil {
			v.CustomAttributes = map[string]any{}
		}
		for k, x := range m {
			v.CustomAttributes[k] = x
		}
	}
}

// setNullable copies a nullable request field onto a stored pointer field.
func setNullable[T any](dst **T, n nullable.Nullable[T]) {
	if x, err := n.Get(); err == nil {
		*dst = facade.Ptr(x)
	} else if n.IsNull() {
		*dst = nil
	}
}

// GET /contacts/{id}
func (s *Server) showContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	return s.contactOut(r), nil
}

// GET /contacts/find_by_external_id/{external_id}
func (s *Server) showContactByExternalID(c *call) (any, error) {
	ext := c.param("external_id")
	r, err := lookupWhere(s.st.contacts, func(r *contactRec) bool { return r.v.GetExternalId() == ext }, errContactNotFound)
	if err != nil {
		return nil, err
	}
	return s.contactOut(r), nil
}

// PUT /contacts/{id}
func (s *Server) updateContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	req, err := bind(c, checkUpdateContact)
	if err != nil {
		return nil, err
	}
	v := r.v
	if req.Role != nil {
		v.Role = req.Role
	}
	if req.Email != nil {
		v.Email = req.Email
		v.EmailDomain = facade.Ptr(emailDomain(*req.Email))
	}
	if req.ExternalId != nil {
		v.ExternalId = req.ExternalId
	}
	if d := s.st.duplicate(v.GetId(), v.GetRole(), req.Email, req.ExternalId); d != nil {
		return nil, errConflict("A contact matching those details already exists with id=" + d.v.GetId())
	}
	applyContactFields(&v, contactFields2{req.Name, req.Phone, req.Avatar, req.OwnerId, req.SignedUpAt, req.LastSeenAt, req.UnsubscribedFromEmails, req.CustomAttributes})
	v.UpdatedAt = facade.Ptr(s.st.unix())
	r.v = v
	return s.contactOut(r), nil
}

// DELETE /contacts/{id}
func (s *Server) deleteContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	id := r.v.GetId()
	delete(s.st.contacts, id)
	for nid, n := range s.st.notes {
		if n.v.Contact != nil && n.v.Contact.GetId() == id {
			delete(s.st.notes, nid)
		}
	}
	return v2_16.ContactDeleted{Type: facade.Ptr(v2_16.ContactDeletedTypeContact), Id: facade.Ptr(id), ExternalId: r.v.ExternalId, Deleted: facade.Ptr(true)}, nil
}

// POST /contacts/{id}/archive
func (s *Server) archiveContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	r.archived = true
	return v2_16.ContactArchived{Type: facade.Ptr(v2_16.ContactArchivedTypeContact), Id: r.v.Id, ExternalId: r.v.ExternalId, Archived: facade.Ptr(true)}, nil
}

// POST /contacts/{id}/unarchive
func (s *Server) unarchiveContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	r.archived = false
	return v2_16.ContactUnarchived{Type: facade.Ptr(v2_16.ContactUnarchivedTypeContact), Id: r.v.Id, ExternalId: r.v.ExternalId, Archived: facade.Ptr(false)}, nil
}

// activeContacts are the contacts lists and searches return: archived
// ones are left out, as Intercom does.
func (s *Server) activeContacts() []*contactRec {
	return filter(ordered(s.st.contacts), func(r *contactRec) bool { return !r.archived })
}

// GET /contacts: cursor pagination (per_page, starting_after).
func (s *Server) listContacts(c *call) (any, error) {
	pg, err := c.cursorPaging(defaultContactSize)
	if err != nil {
		return nil, err
	}
	return s.contactPage(s.activeContacts(), pg)
}

// contactPage cuts the page pg asks for from all, as a contact list.
func (s *Server) contactPage(all []*contactRec, pg paging) (any, error) {
	page, w, err := cut(all, pg)
	if err != nil {
		return nil, err
	}
	return v2_16.ContactList{
		Type:       facade.Ptr(v2_16.ContactListTypeList),
		Data:       mapSlice(page, s.contactOut),
		TotalCount: facade.Ptr(len(all)),
		Pages:      w.cursorPages(),
	}, nil
}

// searchBody is a search request as both contact and conversation
// searches take it.
type searchBody struct {
	Query      *searchQuery    `json:"query"`
	Pagination *bodyPagination `json:"pagination"`
	Sort       *struct {
		Field string `json:"field"`
		Order string `json:"order"`
	} `json:"sort"`
}

// checkSearch: a search needs a query.
func checkSearch(body *searchBody) error {
	if body.Query == nil {
		return errMissing("query")
	}
	return nil
}

// runSearch filters all with the body's query and sorts it when asked.
func runSearch[T any](body *searchBody, t fieldTable[T], all []T) ([]T, error) {
	pred, err := compileQuery(body.Query, t, 0)
	if err != nil {
		return nil, err
	}
	hits := filter(all, pred)
	if body.Sort != nil && body.Sort.Field != "" {
		get, err := t.accessor(body.Sort.Field)
		if err != nil {
			return nil, err
		}
		desc := false
		switch body.Sort.Order {
		case "", "ascending":
		case "descending":
			desc = true
		default:
			return nil, &apiError{status: http.StatusBadRequest, code: "invalid_sort_order", field: "order",
				msg: "Invalid sort order '" + body.Sort.Order + "'. Must be one of: ascending, descending"}
		}
		slices.SortStableFunc(hits, func(a, b T) int {
			c, _ := compare(get(a), searchOperand(get(b)))
			if desc {
				return -c
			}
			return c
		})
	}
	return hits, nil
}

// searchOperand turns a field value into the form compare takes for the
// query side.
func searchOperand(v any) any {
	if n, ok := v.(int); ok {
		return float64(n)
	}
	return v
}

// POST /contacts/search: body pagination.
func (s *Server) searchContacts(c *call) (any, error) {
	body, err := bind(c, checkSearch)
	if err != nil {
		return nil, err
	}
	hits, err := runSearch(&body, contactFields.byDay(s.tz), s.activeContacts())
	if err != nil {
		return nil, err
	}
	pg, err := bodyPaging(body.Pagination)
	if err != nil {
		return nil, err
	}
	return s.contactPage(hits, pg)
}

// GET /contacts/{id}/tags
func (s *Server) listContactTags(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	return v2_16.TagList{Type: facade.Ptr(v2_16.TagListTypeList), Data: s.tagList(r.tags)}, nil
}

// POST /contacts/{id}/tags
func (s *Server) attachTagToContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	body, err := bind[v2_16.AttachTagToContactJSONBody](c, nil)
	if err != nil {
		return nil, err
	}
	t, err := lookup(s.st.tags, body.Id, errTagNotFound)
	if err != nil {
		return nil, err
	}
	r.tags = addUnique(r.tags, body.Id)
	return t.v, nil
}

// DELETE /contacts/{id}/tags/{tag_id}
func (s *Server) detachTagFromContact(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	t, err := lookup(s.st.tags, c.param("tag_id"), errTagNotFound)
	if err != nil {
		return nil, err
	}
	r.tags = remove(r.tags, c.param("tag_id"))
	return t.v, nil
}

// GET /contacts/{id}/companies
func (s *Server) listContactCompanies(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	pg, err := c.numberPaging(defaultNestedSize)
	if err != nil {
		return nil, err
	}
	var cos []v2_16.Company
	for _, id := range r.companies {
		if co, ok := s.st.companies[id]; ok {
			cos = append(cos, s.companyOut(co))
		}
	}
	page, w, err := cut(cos, pg)
	if err != nil {
		return nil, err
	}
	return v2_16.ContactAttachedCompanies{
		Type:       facade.Ptr(v2_16.ContactAttachedCompaniesTypeList),
		Companies:  page,
		TotalCount: facade.Ptr(len(cos)),
		Pages:      w.pagesLink(),
	}, nil
}

// POST /contacts/{id}/companies
func (s *Server) attachContactToCompany(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	body, err := bind(c, checkAttachCompany)
	if err != nil {
		return nil, err
	}
	co, err := lookup(s.st.companies, body.Id, errCompanyNotFound)
	if err != nil {
		return nil, err
	}
	r.companies = addUnique(r.companies, body.Id)
	return s.companyOut(co), nil
}

// DELETE /contacts/{id}/companies/{company_id}
func (s *Server) detachContactFromCompany(c *call) (any, error) {
	r, err := lookup(s.st.contacts, c.param("id"), errContactNotFound)
	if err != nil {
		return nil, err
	}
	co, err := lookup(s.st.companies, c.param("company_id"), errCompanyNotFound)
	if err != nil {
		return nil, err
	}
	r.companies = remove(r.companies, c.param("company_id"))
	return s.companyOut(co), nil
}

// checkAttachCompany: the company to attach is required, and Intercom
// words its absence in its own way.
func checkAttachCompany(body *v2_16.AttachContactToACompanyJSONBody) error {
	if body.Id == "" {
		return &apiError{status: http.StatusBadRequest, code: "parameter_not_found", msg: "company not specified"}
	}
	return nil
}
