package intercomtest

import "net/http"

// lookup is the step every handler takes to find a stored resource by id:
// the record, or missing(), the 404 Intercom answers for that resource.
// Intercom's 404s differ by resource (code and wording), so each resource
// names its own below.
func lookup[R any](m map[string]R, id string, missing func() *apiError) (R, error) {
	if r, ok := m[id]; ok {
		return r, nil
	}
	var zero R
	return zero, missing()
}

// lookupWhere finds the first record, in creation order, that match
// accepts: a lookup by another key than the id (an external id, say).
func lookupWhere[R interface{ order() int64 }](m map[string]R, match func(R) bool, missing func() *apiError) (R, error) {
	for _, r := range ordered(m) {
		if match(r) {
			return r, nil
		}
	}
	var zero R
	return zero, missing()
}

// The 404 answers, in Intercom's words for each resource.

func errContactNotFound() *apiError { return errNotFound("User") }

func errCompanyNotFound() *apiError {
	return &apiError{status: http.StatusNotFound, code: "company_not_found", msg: "Company Not Found"}
}

// errTaggedCompanyNotFound is POST /tags naming a company it cannot find:
// a plain not_found there, unlike the company endpoints.
func errTaggedCompanyNotFound() *apiError { return errNotFound("Company") }

func errConversationNotFound() *apiError {
	return &apiError{status: http.StatusNotFound, code: "not_found", msg: "Conversation not found"}
}

func errTagNotFound() *apiError   { return errNotFound("Tag") }
func errAdminNotFound() *apiError { return errNotFound("Admin") }
func errTeamNotFound() *apiError  { return errNotFound("Team") }
func errNoteNotFound() *apiError  { return errNotFound("Note") }
