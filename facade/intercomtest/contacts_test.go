package intercomtest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestContactLifecycle(t *testing.T) {
	srv, c := newClient(t)
	ada := createContact(t, c, v2_16.CreateContactRequest{Email: facade.Ptr("ada@example.com"), Name: map[bool]string{true: "Ada"}})
	require.NotNil(t, ada.Id, "created %+v", ada)
	require.Equal(t, "contact", *ada.Type, "created %+v", ada)
	require.Equal(t, "user", *ada.Role, "created %+v", ada)
	require.Equal(t, "example.com", *ada.EmailDomain, "created %+v", ada)

	got, err := c.API.ShowContactWithResponse(ctx(t), *ada.Id, nil)
	require.NoError(t, err, "show")
	require.NotNil(t, got.JSON200, "show: %s", got.Body)
	require.Equal(t, "Ada", *got.JSON200.Name, "show: %s", got.Body)

	upd, err := c.API.UpdateContactWithBodyWithResponse(ctx(t), *ada.Id, nil, "application/json",
		jsonBody(`{"name":null,"external_id":"ext-1","custom_attributes":{"plan":"pro"}}`))
	require.NoError(t, err, "update")
	require.NotNil(t, upd.JSON200, "update")
	require.Nil(t, upd.JSON200.Name, "update: %s", upd.Body)
	require.Equal(t, "ext-1", *upd.JSON200.ExternalId, "update: %s", upd.Body)
	require.Equal(t, "pro", upd.JSON200.CustomAttributes["plan"], "update: %s", upd.Body)

	arch, err := c.API.ArchiveContactWithResponse(ctx(t), *ada.Id)
	require.NoError(t, err, "archive")
	require.True(t, *arch.JSON200.Archived, "archive")
	list, err := c.API.ListContactsWithResponse(ctx(t), nil)
	require.NoError(t, err, "archived contact listed")
	require.Equal(t, 0, *list.JSON200.TotalCount, "archived contact listed: %s", list.Body)
	_, err = c.API.UnarchiveContactWithResponse(ctx(t), *ada.Id)
	require.NoError(t, err)
	list, err = c.API.ListContactsWithResponse(ctx(t), nil)
	require.NoError(t, err, "unarchived contact not listed")
	require.Equal(t, 1, *list.JSON200.TotalCount, "unarchived contact not listed: %s", list.Body)

	del, err := c.API.DeleteContactWithResponse(ctx(t), *ada.Id)
	require.NoError(t, err, "delete")
	require.True(t, *del.JSON200.Deleted, "delete: %s", del.Body)
	require.Equal(t, *ada.Id, *del.JSON200.Id, "delete: %s", del.Body)
	_, ok := srv.Contact(*ada.Id)
	require.False(t, ok, "deleted contact still stored")
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
		require.NoError(t, err)
		l := resp.JSON200
		require.Equal(t, 7, *l.TotalCount, "page %d: %s", page, resp.Body)
		require.Equal(t, page, *l.Pages.Page, "page %d: %s", page, resp.Body)
		require.Equal(t, 3, *l.Pages.TotalPages, "page %d: %s", page, resp.Body)
		require.Equal(t, 3, *l.Pages.PerPage, "page %d: %s", page, resp.Body)
		require.Equal(t, "pages", string(*l.Pages.Type), "page %d: %s", page, resp.Body)
		for _, ct := range l.Data {
			got = append(got, *ct.Id)
		}
		next, err := l.Pages.Next.Get()
		if err != nil { // no next page
			require.Equal(t, 3, page, "no next on page %d: %s", page, resp.Body)
			break
		}
		after = next.StartingAfter.MustGet()
		require.LessOrEqual(t, page, 3, "too many pages")
	}
	require.Equal(t, want, got, "paged ids")
	errorList(t, raw(t, srv, "GET", "/contacts?starting_after=bogus", nil), http.StatusBadRequest, "parameter_invalid")
	errorList(t, raw(t, srv, "GET", "/contacts?per_page=151", nil), http.StatusBadRequest, "parameter_invalid")
}

func TestContactTagsAndCompanies(t *testing.T) {
	srv, c := newClient(t)
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("t@example.com")})
	tag := srv.AddTag(v2_16.Tag{Name: facade.Ptr("vip")})
	co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr("acme"), Name: facade.Ptr("Acme")})

	at, err := c.API.AttachTagToContactWithResponse(ctx(t), *ct.Id, v2_16.AttachTagToContactJSONRequestBody{Id: *tag.Id})
	require.NoError(t, err, "attach tag")
	require.Equal(t, "vip", *at.JSON200.Name, "attach tag")
	tags, err := c.API.ListTagsForAContactWithResponse(ctx(t), *ct.Id)
	require.NoError(t, err, "list tags")
	require.Len(t, tags.JSON200.Data, 1, "list tags: %s", tags.Body)
	got, _ := srv.Contact(*ct.Id)
	require.Equal(t, 1, *got.Tags.TotalCount, "contact tags %+v", got.Tags)
	require.Equal(t, *tag.Id, *got.Tags.Data[0].Id, "contact tags %+v", got.Tags)
	_, err = c.API.DetachTagFromContactWithResponse(ctx(t), *ct.Id, *tag.Id)
	require.NoError(t, err)
	got, _ = srv.Contact(*ct.Id)
	require.Equal(t, 0, *got.Tags.TotalCount, "tag not detached")

	ac, err := c.API.AttachContactToACompanyWithResponse(ctx(t), *ct.Id, v2_16.AttachContactToACompanyJSONRequestBody{Id: *co.Id})
	require.NoError(t, err, "attach company")
	require.Equal(t, 1, *ac.JSON200.UserCount, "attach company: %s", ac.Body)
	cos, err := c.API.ListCompaniesForAContactWithResponse(ctx(t), *ct.Id, nil)
	require.NoError(t, err, "contact companies")
	require.Len(t, cos.JSON200.Companies, 1, "contact companies: %s", cos.Body)
	require.Equal(t, "acme", *cos.JSON200.Companies[0].CompanyId, "contact companies: %s", cos.Body)
	members, err := c.API.ListAttachedContactsWithResponse(ctx(t), *co.Id, nil)
	require.NoError(t, err, "company contacts")
	require.Len(t, members.JSON200.Data, 1, "company contacts: %s", members.Body)
	require.Equal(t, *ct.Id, *members.JSON200.Data[0].Id, "company contacts: %s", members.Body)
	_, err = c.API.DetachContactFromACompanyWithResponse(ctx(t), *ct.Id, *co.Id)
	require.NoError(t, err)
	gotCo, _ := srv.Company(*co.Id)
	require.Equal(t, 0, *gotCo.UserCount, "contact not detached")
	errorList(t, raw(t, srv, "POST", "/contacts/"+*ct.Id+"/companies", map[string]string{"id": "nope"}), http.StatusNotFound, "company_not_found")
	errorList(t, raw(t, srv, "POST", "/contacts/"+*ct.Id+"/tags", map[string]string{"id": "nope"}), http.StatusNotFound, "not_found")
}
