package intercomtest_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestContactLifecycle(t *testing.T) {
	srv, c := newClient(t)
	ada := createContact(t, c, v2_16.CreateContactRequest{Email: facade.Ptr("ada@example.com"), Name: map[bool]string{true: "Ada"}})
	if ada.Id == nil || *ada.Type != "contact" || *ada.Role != "user" || *ada.EmailDomain != "example.com" {
		t.Fatalf("created %+v", ada)
	}

	got, err := c.API.ShowContactWithResponse(ctx(t), *ada.Id, nil)
	if err != nil || got.JSON200 == nil || *got.JSON200.Name != "Ada" {
		t.Fatalf("show: %v %s", err, got.Body)
	}

	upd, err := c.API.UpdateContactWithBodyWithResponse(ctx(t), *ada.Id, nil, "application/json",
		jsonBody(`{"name":null,"external_id":"ext-1","custom_attributes":{"plan":"pro"}}`))
	if err != nil || upd.JSON200 == nil {
		t.Fatalf("update: %v", err)
	}
	if upd.JSON200.Name != nil || *upd.JSON200.ExternalId != "ext-1" || upd.JSON200.CustomAttributes["plan"] != "pro" {
		t.Fatalf("update: %s", upd.Body)
	}

	arch, err := c.API.ArchiveContactWithResponse(ctx(t), *ada.Id)
	if err != nil || !*arch.JSON200.Archived {
		t.Fatalf("archive: %v", err)
	}
	list, err := c.API.ListContactsWithResponse(ctx(t), nil)
	if err != nil || *list.JSON200.TotalCount != 0 {
		t.Fatalf("archived contact listed: %v %s", err, list.Body)
	}
	if _, err := c.API.UnarchiveContactWithResponse(ctx(t), *ada.Id); err != nil {
		t.Fatal(err)
	}
	list, err = c.API.ListContactsWithResponse(ctx(t), nil)
	if err != nil || *list.JSON200.TotalCount != 1 {
		t.Fatalf("unarchived contact not listed: %v %s", err, list.Body)
	}

	del, err := c.API.DeleteContactWithResponse(ctx(t), *ada.Id)
	if err != nil || !*del.JSON200.Deleted || *del.JSON200.Id != *ada.Id {
		t.Fatalf("delete: %v %s", err, del.Body)
	}
	if _, ok := srv.Contact(*ada.Id); ok {
		t.Fatal("deleted contact still stored")
	}
	errorList(t, raw(t, srv, "GET", "/contacts/"+*ada.Id, nil), http.StatusNotFound, "not_found")
}

func TestContactCreateErrors(t *testing.T) {
	srv, c := newClient(t)
	createContact(t, c, v2_16.CreateContactRequest{Email: facade.Ptr("dup@example.com")})
	errorList(t, raw(t, srv, "POST", "/contacts", map[string]any{"email": "dup@example.com"}), http.StatusConflict, "conflict")
	errorList(t, raw(t, srv, "POST", "/contacts", map[string]any{"name": "nobody"}), http.StatusBadRequest, "parameter_not_found")
	errorList(t, raw(t, srv, "POST", "/contacts", map[string]any{"role": "admin"}), http.StatusUnprocessableEntity, "parameter_invalid")
	errorList(t, raw(t, srv, "POST", "/contacts", nil), http.StatusBadRequest, "parameter_invalid")
}

func TestListContactsCursorPages(t *testing.T) {
	srv, c := newClient(t)
	var want []string
	for i := range 7 {
		ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr(string(rune('a'+i)) + "@example.com")})
		want = append(want, *ct.Id)
	}
	var got []string
	after := ""
	for page := 1; ; page++ {
		edit := query("per_page", "3")
		if after != "" {
			edit = query("per_page", "3", "starting_after", after)
		}
		resp, err := c.API.ListContactsWithResponse(ctx(t), nil, edit)
		if err != nil {
			t.Fatal(err)
		}
		l := resp.JSON200
		if *l.TotalCount != 7 || *l.Pages.Page != page || *l.Pages.TotalPages != 3 || *l.Pages.PerPage != 3 || *l.Pages.Type != "pages" {
			t.Fatalf("page %d: %s", page, resp.Body)
		}
		for _, ct := range l.Data {
			got = append(got, *ct.Id)
		}
		next, err := l.Pages.Next.Get()
		if err != nil { // no next page
			if page != 3 {
				t.Fatalf("no next on page %d: %s", page, resp.Body)
			}
			break
		}
		after = next.StartingAfter.MustGet()
		if page > 3 {
			t.Fatal("too many pages")
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged ids %v, want %v", got, want)
	}
	errorList(t, raw(t, srv, "GET", "/contacts?starting_after=bogus", nil), http.StatusBadRequest, "parameter_invalid")
	errorList(t, raw(t, srv, "GET", "/contacts?per_page=151", nil), http.StatusBadRequest, "parameter_invalid")
}

func TestSearchContacts(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { return now }
	srv, c := newClient(t, intercomtest.WithClock(clock))
	// Contact search compares dates by calendar day (in the workspace's
	// timezone, UTC here): the seeds lie on days 1 to 4 of 1970.
	const day = 86400
	seed := []v2_16.Contact{
		{Email: facade.Ptr("ada@example.com"), Name: facade.Ptr("Ada Lovelace"), ExternalId: facade.Ptr("u1"), CreatedAt: facade.Ptr(1 * day)},
		{Email: facade.Ptr("alan@example.org"), Name: facade.Ptr("Alan Turing"), ExternalId: facade.Ptr("u2"), CreatedAt: facade.Ptr(2 * day)},
		{Email: facade.Ptr("grace@example.com"), Name: facade.Ptr("Grace Hopper"), ExternalId: facade.Ptr("u3"), CreatedAt: facade.Ptr(3 * day), CustomAttributes: map[string]any{"plan": "pro"}},
		{Email: facade.Ptr("edsger@example.org"), Name: facade.Ptr("Edsger Dijkstra"), CreatedAt: facade.Ptr(4*day + 3600)},
	}
	for _, ct := range seed {
		srv.AddContact(ct)
	}
	cases := []struct {
		name  string
		query string
		want  []string // external ids, or email when none
	}{
		{"email equals", `{"field":"email","operator":"=","value":"alan@example.org"}`, []string{"u2"}},
		{"email ends with", `{"field":"email","operator":"$","value":"example.com"}`, []string{"u1", "u3"}},
		{"name contains", `{"field":"name","operator":"~","value":"ra"}`, []string{"u3", "edsger@example.org"}},
		{"name starts with", `{"field":"name","operator":"^","value":"A"}`, []string{"u1", "u2"}},
		{"external id in", `{"field":"external_id","operator":"IN","value":["u1","u3","zz"]}`, []string{"u1", "u3"}},
		{"external id absent", `{"field":"external_id","operator":"=","value":null}`, []string{"edsger@example.org"}},
		{"created after", `{"field":"created_at","operator":">","value":"216000"}`, []string{"u3", "edsger@example.org"}},
		{"AND", `{"operator":"AND","value":[{"field":"created_at","operator":">","value":129600},{"field":"email","operator":"~","value":".org"}]}`, []string{"u2", "edsger@example.org"}},
		{"OR", `{"operator":"OR","value":[{"field":"external_id","operator":"=","value":"u1"},{"field":"name","operator":"=","value":"Alan Turing"}]}`, []string{"u1", "u2"}},
		{"nested", `{"operator":"OR","value":[{"field":"email","operator":"=","value":"ada@example.com"},{"operator":"AND","value":[{"field":"created_at","operator":"<","value":388800},{"field":"custom_attributes.plan","operator":"=","value":"pro"}]}]}`, []string{"u1", "u3"}},
		{"not equal", `{"field":"email","operator":"!=","value":"ada@example.com"}`, []string{"u2", "u3", "edsger@example.org"}},
		{"created on a day", `{"field":"created_at","operator":"=","value":345600}`, []string{"edsger@example.org"}},
		{"> starts at the next day", `{"field":"created_at","operator":">","value":345599}`, []string{"edsger@example.org"}},
		{"< ends before the day", `{"field":"created_at","operator":"<","value":176400}`, []string{"u1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(`{"query":`+tc.query+`}`))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ct := range resp.JSON200.Data {
				if ct.ExternalId != nil {
					got = append(got, *ct.ExternalId)
				} else {
					got = append(got, *ct.Email)
				}
			}
			if !slices.Equal(got, tc.want) || *resp.JSON200.TotalCount != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}

	// Body pagination walks the hits in pages.
	q := `{"query":{"field":"created_at","operator":">","value":0},"pagination":{"per_page":3}}`
	resp, err := c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(q))
	if err != nil || len(resp.JSON200.Data) != 3 || *resp.JSON200.Pages.TotalPages != 2 {
		t.Fatalf("page 1: %v %s", err, resp.Body)
	}
	next, _ := resp.JSON200.Pages.Next.Get()
	q2 := `{"query":{"field":"created_at","operator":">","value":0},"pagination":{"per_page":3,"starting_after":"` + next.StartingAfter.MustGet() + `"}}`
	resp, err = c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(q2))
	if err != nil || len(resp.JSON200.Data) != 1 || *resp.JSON200.Data[0].Name != "Edsger Dijkstra" || resp.JSON200.Pages.Next.IsSpecified() {
		t.Fatalf("page 2: %v %s", err, resp.Body)
	}

	// Sorting, and the query checks Intercom makes.
	resp, err = c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json",
		jsonBody(`{"query":{"field":"created_at","operator":">","value":0},"sort":{"field":"created_at","order":"descending"}}`))
	if err != nil || *resp.JSON200.Data[0].Name != "Edsger Dijkstra" {
		t.Fatalf("sort: %v %s", err, resp.Body)
	}
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "shoe_size", "operator": "=", "value": 1}}), http.StatusBadRequest, "parameter_invalid")
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "email", "operator": "≈", "value": "x"}}), http.StatusBadRequest, "parameter_invalid")
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "email", "operator": "=", "value": "x"}, "sort": map[string]any{"field": "email", "order": "desc"}}), http.StatusBadRequest, "invalid_sort_order")
	deep := map[string]any{"operator": "AND", "value": []any{map[string]any{"operator": "OR", "value": []any{map[string]any{"operator": "AND", "value": []any{map[string]any{"field": "email", "operator": "=", "value": "x"}}}}}}}
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": deep}), http.StatusBadRequest, "parameter_invalid")
}

func TestContactTagsAndCompanies(t *testing.T) {
	srv, c := newClient(t)
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("t@example.com")})
	tag := srv.AddTag(v2_16.Tag{Name: facade.Ptr("vip")})
	co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr("acme"), Name: facade.Ptr("Acme")})

	at, err := c.API.AttachTagToContactWithResponse(ctx(t), *ct.Id, v2_16.AttachTagToContactJSONRequestBody{Id: *tag.Id})
	if err != nil || *at.JSON200.Name != "vip" {
		t.Fatalf("attach tag: %v", err)
	}
	tags, err := c.API.ListTagsForAContactWithResponse(ctx(t), *ct.Id)
	if err != nil || len(tags.JSON200.Data) != 1 {
		t.Fatalf("list tags: %v %s", err, tags.Body)
	}
	if got, _ := srv.Contact(*ct.Id); *got.Tags.TotalCount != 1 || *got.Tags.Data[0].Id != *tag.Id {
		t.Fatalf("contact tags %+v", got.Tags)
	}
	if _, err := c.API.DetachTagFromContactWithResponse(ctx(t), *ct.Id, *tag.Id); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Contact(*ct.Id); *got.Tags.TotalCount != 0 {
		t.Fatal("tag not detached")
	}

	ac, err := c.API.AttachContactToACompanyWithResponse(ctx(t), *ct.Id, v2_16.AttachContactToACompanyJSONRequestBody{Id: *co.Id})
	if err != nil || *ac.JSON200.UserCount != 1 {
		t.Fatalf("attach company: %v %s", err, ac.Body)
	}
	cos, err := c.API.ListCompaniesForAContactWithResponse(ctx(t), *ct.Id, nil)
	if err != nil || len(cos.JSON200.Companies) != 1 || *cos.JSON200.Companies[0].CompanyId != "acme" {
		t.Fatalf("contact companies: %v %s", err, cos.Body)
	}
	members, err := c.API.ListAttachedContactsWithResponse(ctx(t), *co.Id, nil)
	if err != nil || len(members.JSON200.Data) != 1 || *members.JSON200.Data[0].Id != *ct.Id {
		t.Fatalf("company contacts: %v %s", err, members.Body)
	}
	if _, err := c.API.DetachContactFromACompanyWithResponse(ctx(t), *ct.Id, *co.Id); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Company(*co.Id); *got.UserCount != 0 {
		t.Fatal("contact not detached")
	}
	errorList(t, raw(t, srv, "POST", "/contacts/"+*ct.Id+"/companies", map[string]string{"id": "nope"}), http.StatusNotFound, "company_not_found")
	errorList(t, raw(t, srv, "POST", "/contacts/"+*ct.Id+"/tags", map[string]string{"id": "nope"}), http.StatusNotFound, "not_found")
}

// TestSearchContactsDatesByWorkspaceDay: Date fields compare by calendar
// day in the workspace's timezone, and >=, <=, != are refused on them.
func TestSearchContactsDatesByWorkspaceDay(t *testing.T) {
	tokyo := time.FixedZone("UTC+9", 9*3600)
	srv, c := newClient(t, intercomtest.WithTimezone(tokyo))
	// 2024-03-01 20:00 UTC is 2024-03-02 05:00 in UTC+9.
	at := time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC).Unix()
	srv.AddContact(v2_16.Contact{ExternalId: facade.Ptr("late"), CreatedAt: facade.Ptr(int(at))})
	search := func(q string) ([]string, error) {
		resp, err := c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(`{"query":`+q+`}`))
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, ct := range resp.JSON200.Data {
			ids = append(ids, *ct.ExternalId)
		}
		return ids, nil
	}
	march2 := time.Date(2024, 3, 2, 0, 0, 0, 0, tokyo).Unix()
	if ids, _ := search(fmt.Sprintf(`{"field":"created_at","operator":"=","value":%d}`, march2)); !slices.Equal(ids, []string{"late"}) {
		t.Fatalf("= March 2nd in UTC+9: %v", ids)
	}
	// > an instant on March 1st (UTC+9) matches from March 2nd.
	if ids, _ := search(fmt.Sprintf(`{"field":"created_at","operator":">","value":%d}`, march2-1)); !slices.Equal(ids, []string{"late"}) {
		t.Fatalf("> March 1st: %v", ids)
	}
	// > an earlier instant of the same day does not.
	if ids, _ := search(fmt.Sprintf(`{"field":"created_at","operator":">","value":%d}`, march2+60)); len(ids) != 0 {
		t.Fatalf("> March 2nd 00:01: %v", ids)
	}
	for _, op := range []string{">=", "<=", "!=", "IN"} {
		var apiErr *facade.Error
		if _, err := search(fmt.Sprintf(`{"field":"created_at","operator":%q,"value":%d}`, op, at)); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
			t.Errorf("%s on a date: %v, want a 400", op, err)
		}
	}
}

// A path parameter holding a slash travels escaped (crm%2F42) and is one
// parameter: the server matches the escaped path, as Intercom does.
func TestEscapedPathParameter(t *testing.T) {
	srv, c := newClient(t)
	created := createContact(t, c, v2_16.CreateContactRequest{Email: facade.Ptr("crm@example.com"), ExternalId: facade.Ptr("crm/42")})
	got, err := c.API.ShowContactByExternalIdWithResponse(ctx(t), "crm/42", nil)
	if err != nil {
		t.Fatalf("find by external id crm/42: %v", err)
	}
	if got.JSON200 == nil || *got.JSON200.Id != *created.Id {
		t.Fatalf("find by external id crm/42: %s", got.Body)
	}
	if r := raw(t, srv, http.MethodGet, "/contacts/find_by_external_id/crm%2F42", nil); r.status != http.StatusOK {
		t.Fatalf("escaped path: %d %s", r.status, r.body)
	}
	// Unescaped, the slash splits the path: no such route.
	if r := raw(t, srv, http.MethodGet, "/contacts/find_by_external_id/crm/42", nil); r.status != http.StatusNotFound {
		t.Fatalf("unescaped slash: %d %s", r.status, r.body)
	}
	if r := raw(t, srv, http.MethodGet, "/contacts/"+url.PathEscape(*created.Id), nil); r.status != http.StatusOK {
		t.Fatalf("escaped plain id: %d", r.status)
	}
}
