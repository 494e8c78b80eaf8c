package intercomtest

import (
	"net/url"

	"github.com/intercom-go/intercom/internal/pathtmpl"
)

// route maps a method and path pattern to its handler. A handler runs with
// the server's lock held and takes the same steps in the same order, each
// shared by every handler:
//
//   - lookup: the resources the path names, lookup(s.st.contacts,
//     c.param("id"), errContactNotFound) (lookup.go), answering Intercom's
//     404 for that resource;
//   - validate: the body, bind(c, checkX) (validate.go), answering 400 or
//     422 with Intercom's error.list; checks that need stored state follow;
//   - page: for a list, the paging the request asks for (c.cursorPaging,
//     bodyPaging, c.numberPaging, c.scrollPaging) read before anything else,
//     then cut(all, pg) (pagination.go);
//   - respond: the handler returns the value to encode (nil for no body) or
//     an *apiError, and serveHTTP writes it with respond or respondError
//     (respond.go).
//
// Adding an endpoint is a row here and a handler built from those steps.
type route struct {
	method  string
	pattern string
	h       func(*Server, *call) (any, error)
	segs    pathtmpl.Template
}

// routes lists every endpoint the fake serves, literal paths before the
// patterns they would otherwise be taken for.
var routes = compileRoutes([]route{
	// admins.go
	{method: "GET", pattern: "/me", h: (*Server).identifyAdmin},
	{method: "GET", pattern: "/admins", h: (*Server).listAdmins},
	{method: "GET", pattern: "/admins/{id}", h: (*Server).retrieveAdmin},
	{method: "GET", pattern: "/teams", h: (*Server).listTeams},
	{method: "GET", pattern: "/teams/{id}", h: (*Server).retrieveTeam},

	// contacts.go
	{method: "GET", pattern: "/contacts", h: (*Server).listContacts},
	{method: "POST", pattern: "/contacts", h: (*Server).createContact},
	{method: "POST", pattern: "/contacts/search", h: (*Server).searchContacts},
	{method: "GET", pattern: "/contacts/find_by_external_id/{external_id}", h: (*Server).showContactByExternalID},
	{method: "GET", pattern: "/contacts/{id}", h: (*Server).showContact},
	{method: "PUT", pattern: "/contacts/{id}", h: (*Server).updateContact},
	{method: "DELETE", pattern: "/contacts/{id}", h: (*Server).deleteContact},
	{method: "POST", pattern: "/contacts/{id}/archive", h: (*Server).archiveContact},
	{method: "POST", pattern: "/contacts/{id}/unarchive", h: (*Server).unarchiveContact},
	{method: "GET", pattern: "/contacts/{id}/tags", h: (*Server).listContactTags},
	{method: "POST", pattern: "/contacts/{id}/tags", h: (*Server).attachTagToContact},
	{method: "DELETE", pattern: "/contacts/{id}/tags/{tag_id}", h: (*Server).detachTagFromContact},
	{method: "GET", pattern: "/contacts/{id}/companies", h: (*Server).listContactCompanies},
	{method: "POST", pattern: "/contacts/{id}/companies", h: (*Server).attachContactToCompany},
	{method: "DELETE", pattern: "/contacts/{id}/companies/{company_id}", h: (*Server).detachContactFromCompany},

	// notes.go
	{method: "GET", pattern: "/contacts/{id}/notes", h: (*Server).listNotes},
	{method: "POST", pattern: "/contacts/{id}/notes", h: (*Server).createNote},
	{method: "GET", pattern: "/notes/{id}", h: (*Server).retrieveNote},

	// companies.go
	{method: "GET", pattern: "/companies", h: (*Server).retrieveCompanies},
	{method: "POST", pattern: "/companies", h: (*Server).createOrUpdateCompany},
	{method: "POST", pattern: "/companies/list", h: (*Server).listCompanies},
	{method: "GET", pattern: "/companies/scroll", h: (*Server).scrollCompanies},
	{method: "GET", pattern: "/companies/{id}", h: (*Server).retrieveCompany},
	{method: "PUT", pattern: "/companies/{id}", h: (*Server).updateCompany},
	{method: "DELETE", pattern: "/companies/{id}", h: (*Server).deleteCompany},
	{method: "GET", pattern: "/companies/{id}/contacts", h: (*Server).listCompanyContacts},

	// conversations.go
	{method: "GET", pattern: "/conversations", h: (*Server).listConversations},
	{method: "POST", pattern: "/conversations", h: (*Server).createConversation},
	{method: "POST", pattern: "/conversations/search", h: (*Server).searchConversations},
	{method: "GET", pattern: "/conversations/{id}", h: (*Server).retrieveConversation},
	{method: "PUT", pattern: "/conversations/{id}", h: (*Server).updateConversation},
	{method: "POST", pattern: "/conversations/{id}/reply", h: (*Server).replyConversation},
	{method: "POST", pattern: "/conversations/{id}/parts", h: (*Server).manageConversation},
	{method: "POST", pattern: "/conversations/{id}/tags", h: (*Server).attachTagToConversation},
	{method: "DELETE", pattern: "/conversations/{id}/tags/{tag_id}", h: (*Server).detachTagFromConversation},

	// tags.go
	{method: "GET", pattern: "/tags", h: (*Server).listTags},
	{method: "POST", pattern: "/tags", h: (*Server).createTag},
	{method: "GET", pattern: "/tags/{id}", h: (*Server).findTag},
	{method: "DELETE", pattern: "/tags/{id}", h: (*Server).deleteTag},
})

func compileRoutes(rs []route) []route {
	for i := range rs {
		rs[i].segs = pathtmpl.Parse(rs[i].pattern)
	}
	return rs
}

// matchRoute finds the first route for method and the escaped path (as
// sent, u.EscapedPath()), with the path parameters it captured, unescaped.
// Splitting the escaped path keeps an escaped slash inside its segment: the
// external_id "crm/42" arrives as crm%2F42 and is one parameter, as it is
// for Intercom, not two segments.
func matchRoute(method, escapedPath string) (*route, map[string]string) {
	segs := pathtmpl.Split(escapedPath)
	for i, seg := range segs {
		u, err := url.PathUnescape(seg)
		if err != nil {
			return nil, nil // a malformed escape matches no route
		}
		segs[i] = u
	}
	for i := range routes {
		rt := &routes[i]
		if rt.method != method {
			continue
		}
		if _, ok := rt.segs.Match(segs); ok {
			return rt, rt.segs.Params(segs)
		}
	}
	return nil, nil
}
