package intercomtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// conversationFields are the fields a conversation search can filter and
// sort on.
var conversationFields = fieldTable[*convRec]{
	fields: map[string]func(*convRec) any{
		"id":                func(r *convRec) any { return optional(r.v.Id) },
		"created_at":        func(r *convRec) any { return optional(r.v.CreatedAt) },
		"updated_at":        func(r *convRec) any { return optional(r.v.UpdatedAt) },
		"title":             func(r *convRec) any { return optional(r.v.Title) },
		"open":              func(r *convRec) any { return optional(r.v.Open) },
		"read":              func(r *convRec) any { return optional(r.v.Read) },
		"state":             func(r *convRec) any { return optionalString(r.v.State) },
		"priority":          func(r *convRec) any { return optionalString(r.v.Priority) },
		"snoozed_until":     func(r *convRec) any { return optional(r.v.SnoozedUntil) },
		"waiting_since":     func(r *convRec) any { return optional(r.v.WaitingSince) },
		"admin_assignee_id": func(r *convRec) any { return optional(r.v.AdminAssigneeId) },
		"team_assignee_id":  func(r *convRec) any { return optional(r.v.TeamAssigneeId) },
		"tag_ids":           func(r *convRec) any { return slices.Clone(r.tags) },
		"contact_ids":       func(r *convRec) any { return r.contactIDs() },
		"source.id":         func(r *convRec) any { return sourceField(r, func(s *v2_16.ConversationSource) *string { return s.Id }) },
		"source.type": func(r *convRec) any {
			return sourceField(r, func(s *v2_16.ConversationSource) *string { return s.Type })
		},
		"source.delivered_as": func(r *convRec) any {
			return sourceField(r, func(s *v2_16.ConversationSource) *string { return s.DeliveredAs })
		},
		"source.subject": func(r *convRec) any {
			return sourceField(r, func(s *v2_16.ConversationSource) *string { return s.Subject })
		},
		"source.body": func(r *convRec) any {
			return sourceField(r, func(s *v2_16.ConversationSource) *string { return s.Body })
		},
		"source.author.id": func(r *convRec) any {
			return authorField(r, func(a *v2_16.ConversationSourceAuthor) *string { return a.Id })
		},
		"source.author.name": func(r *convRec) any {
			return authorField(r, func(a *v2_16.ConversationSourceAuthor) *string { return a.Name })
		},
		"source.author.email": func(r *convRec) any {
			return authorField(r, func(a *v2_16.ConversationSourceAuthor) *string { return a.Email })
		},
	},
	custom: func(r *convRec, name string) any {
		if r.v.CustomAttributes == nil {
			return nil
		}
		return customValue(*r.v.CustomAttributes, name)
	},
}

func optionalString[T ~string](p *T) any {
	if p == nil {
		return nil
	}
	return string(*p)
}

func sourceField(r *convRec, f func(*v2_16.ConversationSource) *string) any {
	if r.v.Source == nil {
		return nil
	}
	return optional(f(r.v.Source))
}

func authorField(r *convRec, f func(*v2_16.ConversationSourceAuthor) *string) any {
	if r.v.Source == nil || r.v.Source.Author == nil {
		return nil
	}
	return optional(f(r.v.Source.Author))
}

func (r *convRec) contactIDs() []string {
	if r.v.Contacts == nil {
		return nil
	}
	return mapSlice(r.v.Contacts.Contacts, func(c v2_16.ContactReference) string { return c.GetId() })
}

// putConversation stores v, filling what Intercom fills; a conversation
// with a known id is replaced, keeping its tags.
func (st *store) putConversation(v v2_16.Conversation) *convRec {
	v.Type = facade.Ptr("conversation")
	if v.GetId() == "" {
		v.Id = facade.Ptr(st.newID("conversation"))
	}
	if v.CreatedAt == nil {
		v.CreatedAt = facade.Ptr(st.unix())
	}
	if v.UpdatedAt == nil {
		v.UpdatedAt = v.CreatedAt
	}
	if v.State == nil {
		v.State = facade.Ptr(v2_16.ConversationStateOpen)
	}
	v.Open = facade.Ptr(*v.State != v2_16.ConversationStateClosed)
	if v.Read == nil {
		v.Read = facade.Ptr(false)
	}
	if v.Contacts == nil {
		v.Contacts = &v2_16.ConversationContacts{}
	}
	v.Contacts.Type = facade.Ptr(v2_16.ConversationContactsTypeContactList)
	if v.ConversationParts == nil {
		v.ConversationParts = &v2_16.ConversationParts{}
	}
	v.ConversationParts.Type = facade.Ptr(v2_16.ConversationPartsTypeConversationPartList)
	if old, ok := st.convs[*v.Id]; ok {
		old.v = v
		return old
	}
	r := &convRec{seq: st.nextSeq(), v: v}
	st.convs[*v.Id] = r
	return r
}

// convOut renders a conversation with its tags and part count.
func (s *Server) convOut(r *convRec) v2_16.Conversation {
	v := r.v
	v.Tags = &v2_16.Tags{Type: facade.Ptr(v2_16.TagsTypeTagList), Tags: s.tagList(r.tags)}
	parts := *v.ConversationParts
	parts.ConversationParts = slices.Clone(parts.ConversationParts)
	parts.TotalCount = facade.Ptr(len(parts.ConversationParts))
	v.ConversationParts = &parts
	return v
}

// convListItem renders a conversation as lists and searches show it:
// the same fields without the parts. Going through JSON keeps the two
// generated types in step without naming every field.
func (s *Server) convListItem(r *convRec) v2_16.ConversationListItem {
	var item v2_16.ConversationListItem
	b, err := json.Marshal(s.convOut(r))
	if err == nil {
		_ = json.Unmarshal(b, &item)
	}
	return item
}

// actingAdmin finds the admin a request acts as: admin_id is required and
// must name a stored admin.
func (s *Server) actingAdmin(id string) (*adminRec, error) {
	if id == "" {
		return nil, errMissing("admin_id")
	}
	return lookup(s.st.admins, id, errAdminNotFound)
}

// addPart appends a conversation part and touches the conversation.
func (s *Server) addPart(r *convRec, part v2_16.ConversationPart) {
	now := s.st.unix()
	part.Type = facade.Ptr("conversation_part")
	part.Id = facade.Ptr(s.st.newID("part"))
	part.CreatedAt, part.UpdatedAt, part.NotifiedAt = facade.Ptr(now), facade.Ptr(now), facade.Ptr(now)
	if part.Attachments == nil {
		part.Attachments = []v2_16.PartAttachment{}
	}
	r.v.ConversationParts.ConversationParts = append(r.v.ConversationParts.ConversationParts, part)
	r.v.UpdatedAt = facade.Ptr(now)
}

func adminAuthor(a *adminRec) *v2_16.ConversationPartAuthor {
	return &v2_16.ConversationPartAuthor{Type: facade.Ptr("admin"), Id: a.v.Id, Name: a.v.Name, Email: a.v.Email}
}

// checkCreateConversation: a conversation needs a body and the contact it
// is from.
func checkCreateConversation(req *v2_16.CreateConversationRequest) error {
	if req.Body == "" {
		return errMissing("body")
	}
	if req.From.Id == "" {
		return errMissing("from")
	}
	return nil
}

// POST /conversations: a contact starts a conversation.
func (s *Server) createConversation(c *call) (any, error) {
	req, err := bind(c, checkCreateConversation)
	if err != nil {
		return nil, err
	}
	ct, err := lookup(s.st.contacts, req.From.Id, errContactNotFound)
	if err != nil {
		return nil, err
	}
	created := s.st.unix()
	if req.CreatedAt != nil {
		created = *req.CreatedAt
	}
	msgID := s.st.newID("message")
	r := s.st.putConversation(v2_16.Conversation{
		CreatedAt:    facade.Ptr(created),
		WaitingSince: facade.Ptr(created),
		Source: &v2_16.ConversationSource{
			Type:        facade.Ptr("conversation"),
			Id:          facade.Ptr(msgID),
			DeliveredAs: facade.Ptr("customer_initiated"),
			Subject:     req.Subject,
			Body:        facade.Ptr(req.Body),
			Author:      &v2_16.ConversationSourceAuthor{Type: ct.v.Role, Id: ct.v.Id, Name: ct.v.Name, Email: ct.v.Email},
			Attachments: []v2_16.PartAttachment{},
		},
		Contacts: &v2_16.ConversationContacts{Contacts: []v2_16.ContactReference{{
			Type: facade.Ptr(v2_16.ContactReferenceTypeContact), Id: ct.v.Id, ExternalId: ct.v.ExternalId,
		}}},
	})
	return v2_16.Message{
		Type:           "user_message",
		Id:             msgID,
		CreatedAt:      created,
		Body:           req.Body,
		Subject:        req.Subject,
		MessageType:    v2_16.MessageMessageTypeInapp,
		ConversationId: r.v.Id,
	}, nil
}

// GET /conversations/{id}
func (s *Server) retrieveConversation(c *call) (any, error) {
	r, err := lookup(s.st.convs, c.param("id"), errConversationNotFound)
	if err != nil {
		return nil, err
	}
	return s.convOut(r), nil
}

// PUT /conversations/{id}: read, title and custom attributes.
func (s *Server) updateConversation(c *call) (any, error) {
	r, err := lookup(s.st.convs, c.param("id"), errConversationNotFound)
	if err != nil {
		return nil, err
	}
	req, err := bind[v2_16.UpdateConversationRequest](c, nil)
	if err != nil {
		return nil, err
	}
	if req.Read != nil {
		r.v.Read = req.Read
	}
	if req.Title != nil {
		r.v.Title = req.Title
	}
	if req.CustomAttributes != nil {
		if r.v.CustomAttributes == nil {
			r.v.CustomAttributes = &v2_16.CustomAttributes{}
		}
		for k, v := range *req.CustomAttributes {
			(*r.v.CustomAttributes)[k] = v
		}
	}
	r.v.UpdatedAt = facade.Ptr(s.st.unix())
	return s.convOut(r), nil
}

// replyRequest covers admin and contact replies.
type replyRequest struct {
	Type           string   `json:"type"`
	MessageType    string   `json:"message_type"`
	Body           *string  `json:"body"`
	AdminID        string   `json:"admin_id"`
	IntercomUserID string   `json:"intercom_user_id"`
	UserID         string   `json:"user_id"`
	Email          string   `json:"email"`
	AttachmentURLs []string `json:"attachment_urls"`
}

// checkReply: a reply is a comment, note or quick reply, by an admin or
// a user.
func checkReply(req *replyRequest) error {
	switch req.MessageType {
	case "comment", "note", "quick_reply":
	case "":
		return errMissing("message_type")
	default:
		return errInvalid(http.StatusBadRequest, "message_type", "message_type must be comment, note or quick_reply")
	}
	switch req.Type {
	case "admin", "user":
	case "":
		return errMissing("type")
	default:
		return errInvalid(http.StatusBadRequest, "type", "type must be admin or user")
	}
	return nil
}

// POST /conversations/{id}/reply: an admin comment or note, or a contact
// reply (which reopens the conversation). The id "last" means the
// replying contact's latest conversation.
func (s *Server) replyConversation(c *call) (any, error) {
	req, err := bind(c, checkReply)
	if err != nil {
		return nil, err
	}
	part := v2_16.ConversationPart{PartType: facade.Ptr(req.MessageType), Body: req.Body}
	var from *contactRec
	if req.Type == "admin" {
		a, err := s.actingAdmin(req.AdminID)
		if err != nil {
			return nil, err
		}
		part.Author = adminAuthor(a)
	} else {
		from, err = lookupWhere(s.st.contacts, req.names, errContactNotFound)
		if err != nil {
			return nil, err
		}
		if req.MessageType == "note" {
			return nil, errInvalid(http.StatusUnprocessableEntity, "message_type", "contacts cannot add notes")
		}
		part.Author = &v2_16.ConversationPartAuthor{Type: from.v.Role, Id: from.v.Id, Name: from.v.Name, Email: from.v.Email}
	}
	if (req.Body == nil || *req.Body == "") && len(req.AttachmentURLs) == 0 {
		return nil, errMissing("body")
	}
	id := c.param("id")
	if id == "last" && from != nil {
		id = s.lastConversationOf(from.v.GetId())
	}
	r, err := lookup(s.st.convs, id, errConversationNotFound)
	if err != nil {
		return nil, err
	}
	s.addPart(r, part)
	if from != nil {
		r.v.State, r.v.Open, r.v.SnoozedUntil = facade.Ptr(v2_16.ConversationStateOpen), facade.Ptr(true), nil
		r.v.WaitingSince = r.v.UpdatedAt
	} else if req.MessageType != "note" {
		r.v.WaitingSince = nil
	}
	return s.convOut(r), nil
}

// names reports whether r is the contact a user reply names.
func (req *replyRequest) names(r *contactRec) bool {
	return req.IntercomUserID != "" && r.v.GetId() == req.IntercomUserID ||
		req.UserID != "" && r.v.GetExternalId() == req.UserID ||
		req.Email != "" && r.v.GetEmail() == req.Email
}

func (s *Server) lastConversationOf(contactID string) string {
	last := ""
	for _, r := range ordered(s.st.convs) {
		if slices.Contains(r.contactIDs(), contactID) {
			last = r.v.GetId()
		}
	}
	return last
}

// manageRequest covers close, snooze, open and assignment.
type manageRequest struct {
	MessageType  string  `json:"message_type"`
	Type         string  `json:"type"`
	AdminID      string  `json:"admin_id"`
	AssigneeID   string  `json:"assignee_id"`
	Body         *string `json:"body"`
	SnoozedUntil *int    `json:"snoozed_until"`
}

// POST /conversations/{id}/parts: close, snooze, open or assign.
func (s *Server) manageConversation(c *call) (any, error) {
	r, err := lookup(s.st.convs, c.param("id"), errConversationNotFound)
	if err != nil {
		return nil, err
	}
	req, err := bind[manageRequest](c, nil)
	if err != nil {
		return nil, err
	}
	a, err := s.actingAdmin(req.AdminID)
	if err != nil {
		return nil, err
	}
	part := v2_16.ConversationPart{Author: adminAuthor(a), Body: req.Body}
	switch req.MessageType {
	case "close":
		part.PartType = facade.Ptr("close")
		r.v.State, r.v.Open, r.v.SnoozedUntil = facade.Ptr(v2_16.ConversationStateClosed), facade.Ptr(false), nil
	case "snoozed":
		if req.SnoozedUntil == nil {
			return nil, errMissing("snoozed_until")
		}
		if *req.SnoozedUntil <= s.st.unix() {
			return nil, errInvalid(http.StatusUnprocessableEntity, "snoozed_until", "snoozed_until must be in the future")
		}
		part.PartType = facade.Ptr("snoozed")
		r.v.State, r.v.Open, r.v.SnoozedUntil = facade.Ptr(v2_16.ConversationStateSnoozed), facade.Ptr(true), req.SnoozedUntil
	case "open":
		part.PartType = facade.Ptr("open")
		r.v.State, r.v.Open, r.v.SnoozedUntil = facade.Ptr(v2_16.ConversationStateOpen), facade.Ptr(true), nil
	case "assignment":
		if err := s.assign(r, &req, &part); err != nil {
			return nil, err
		}
	case "":
		return nil, errMissing("message_type")
	default:
		return nil, errInvalid(http.StatusBadRequest, "message_type", "message_type must be close, snoozed, open or assignment")
	}
	s.addPart(r, part)
	return s.convOut(r), nil
}

// assign sets the admin or team assignee; assignee "0" unassigns.
func (s *Server) assign(r *convRec, req *manageRequest, part *v2_16.ConversationPart) error {
	if req.AssigneeID == "" {
		return errMissing("assignee_id")
	}
	part.PartType = facade.Ptr("assignment")
	var n int
	if req.AssigneeID != "0" {
		var err error
		if n, err = strconv.Atoi(req.AssigneeID); err != nil {
			return errInvalid(http.StatusBadRequest, "assignee_id", "assignee_id must be a number")
		}
	}
	switch req.Type {
	case "team":
		if n != 0 {
			if _, err := lookup(s.st.teams, req.AssigneeID, errTeamNotFound); err != nil {
				return err
			}
		}
		r.v.TeamAssigneeId = assignee(n)
	case "admin", "":
		if n != 0 {
			if _, err := lookup(s.st.admins, req.AssigneeID, errAdminNotFound); err != nil {
				return err
			}
		}
		r.v.AdminAssigneeId = assignee(n)
	default:
		return errInvalid(http.StatusBadRequest, "type", "type must be admin or team")
	}
	kind := req.Type
	if kind == "" {
		kind = "admin"
	}
	part.AssignedTo = &v2_16.Reference{Type: facade.Ptr(kind), Id: facade.Ptr(req.AssigneeID)}
	return nil
}

func assignee(n int) *int {
	if n == 0 {
		return nil
	}
	return facade.Ptr(n)
}

// GET /conversations: cursor pagination (per_page, starting_after).
func (s *Server) listConversations(c *call) (any, error) {
	pg, err := c.cursorPaging(defaultConvSize)
	if err != nil {
		return nil, err
	}
	return s.convPage(ordered(s.st.convs), pg)
}

// convPage cuts the page pg asks for from all, as a conversation list.
func (s *Server) convPage(all []*convRec, pg paging) (any, error) {
	page, w, err := cut(all, pg)
	if err != nil {
		return nil, err
	}
	return v2_16.ConversationList{
		Type:          facade.Ptr(v2_16.ConversationListTypeConversationList),
		Conversations: mapSlice(page, s.convListItem),
		TotalCount:    facade.Ptr(len(all)),
		Pages:         w.cursorPages(),
	}, nil
}

// POST /conversations/search: body pagination.
func (s *Server) searchConversations(c *call) (any, error) {
	body, err := bind(c, checkSearch)
	if err != nil {
		return nil, err
	}
	hits, err := runSearch(&body, conversationFields, ordered(s.st.convs))
	if err != nil {
		return nil, err
	}
	pg, err := bodyPaging(body.Pagination)
	if err != nil {
		return nil, err
	}
	return s.convPage(hits, pg)
}

// tagBody is the body of tagging and untagging a conversation.
type tagBody struct {
	ID      string `json:"id"`
	AdminID string `json:"admin_id"`
}

// POST /conversations/{id}/tags
func (s *Server) attachTagToConversation(c *call) (any, error) {
	r, err := lookup(s.st.convs, c.param("id"), errConversationNotFound)
	if err != nil {
		return nil, err
	}
	body, err := bind[tagBody](c, nil)
	if err != nil {
		return nil, err
	}
	if _, err := s.actingAdmin(body.AdminID); err != nil {
		return nil, err
	}
	t, err := lookup(s.st.tags, body.ID, errTagNotFound)
	if err != nil {
		return nil, err
	}
	r.tags = addUnique(r.tags, body.ID)
	return t.v, nil
}

// DELETE /conversations/{id}/tags/{tag_id}
func (s *Server) detachTagFromConversation(c *call) (any, error) {
	r, err := lookup(s.st.convs, c.param("id"), errConversationNotFound)
	if err != nil {
		return nil, err
	}
	body, err := bind[tagBody](c, nil)
	if err != nil {
		return nil, err
	}
	if _, err := s.actingAdmin(body.AdminID); err != nil {
		return nil, err
	}
	t, err := lookup(s.st.tags, c.param("tag_id"), errTagNotFound)
	if err != nil {
		return nil, err
	}
	r.tags = remove(r.tags, c.param("tag_id"))
	return t.v, nil
}
