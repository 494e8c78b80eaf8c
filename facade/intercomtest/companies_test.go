package intercomtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestCompanyCreateOrUpdateByCompanyID(t *testing.T) {
	srv, c := newClient(t)
	FirstNonNil, err := c.API.CreateOrUpdateCompanyWithResponse(ctx(t), v2_16.CreateOrUpdateCompanyJSONRequestBody{
		CompanyId: facade.Ptr("acme"), Name: facade.Ptr("Acme"), Plan: facade.Ptr("pro"), Size: facade.Ptr(10),
	})
	if err != nil || FirstNonNil.JSON200 == nil {
		t.Fatalf("create: %v", err)
	}
	second, err := c.API.CreateOrUpdateCompanyWithResponse(ctx(t), v2_16.CreateOrUpdateCompanyJSONRequestBody{
		CompanyId: facade.Ptr("acme"), Name: facade.Ptr("Acme Inc"), CustomAttributes: map[string]any{"tier": "gold"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := second.JSON200
	if *got.Id != *FirstNonNil.JSON200.Id || *got.Name != "Acme Inc" || *got.Size != 10 || *got.Plan.Name != "pro" || got.CustomAttributes["tier"] != "gold" {
		t.Fatalf("update by company_id: %s", second.Body)
	}
	list, err := c.API.RetrieveCompanyWithResponse(ctx(t), &v2_16.RetrieveCompanyParams{CompanyId: facade.Ptr("acme")})
	if err != nil || len(list.JSON200.Data) != 1 || *list.JSON200.TotalCount != 1 {
		t.Fatalf("retrieve by company_id: %v", err)
	}
	errorList(t, raw(t, srv, "GET", "/companies?company_id=nope", nil), http.StatusNotFound, "company_not_found")
	errorList(t, raw(t, srv, "POST", "/companies", map[string]any{"name": "no id"}), http.StatusBadRequest, "parameter_not_found")

	upd, err := c.API.UpdateCompanyWithResponse(ctx(t), *got.Id, v2_16.UpdateCompanyJSONRequestBody{Industry: facade.Ptr("tools")})
	if err != nil || *upd.JSON200.Industry != "tools" || *upd.JSON200.Name != "Acme Inc" {
		t.Fatalf("update: %v", err)
	}
	del, err := c.API.DeleteCompanyWithResponse(ctx(t), *got.Id)
	if err != nil || !*del.JSON200.Deleted {
		t.Fatalf("delete: %v", err)
	}
	errorList(t, raw(t, srv, "GET", "/companies/"+*got.Id, nil), http.StatusNotFound, "company_not_found")
}

func TestCompanyListPagesAndScroll(t *testing.T) {
	srv, c := newClient(t)
	for i := range 20 {
		srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr(fmt.Sprintf("co-%02d", i)), Name: facade.Ptr(fmt.Sprintf("Company %d", i))})
	}
	// POST /companies/list: page numbers, newest first by default.
	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		resp, err := c.API.ListAllCompaniesWithResponse(ctx(t), &v2_16.ListAllCompaniesParams{Page: facade.Ptr(page), PerPage: facade.Ptr(8)})
		if err != nil {
			t.Fatal(err)
		}
		l := resp.JSON200
		if *l.Pages.Page != page || *l.Pages.TotalPages != 3 || *l.TotalCount != 20 {
			t.Fatalf("page %d: %s", page, resp.Body)
		}
		if page == 1 && *l.Data[0].CompanyId != "co-19" {
			t.Fatalf("not newest first: %s", *l.Data[0].CompanyId)
		}
		for _, co := range l.Data {
			seen[*co.CompanyId] = true
		}
	}
	if len(seen) != 20 {
		t.Fatalf("pages covered %d companies, want 20", len(seen))
	}
	asc, err := c.API.ListAllCompaniesWithResponse(ctx(t), &v2_16.ListAllCompaniesParams{Order: facade.Ptr("asc")})
	if err != nil || *asc.JSON200.Data[0].CompanyId != "co-00" || len(asc.JSON200.Data) != 15 {
		t.Fatalf("asc: %v", err)
	}

	// GET /companies/scroll: follow scroll_param until an empty page.
	scrolled := 0
	var param *string
	for range 5 {
		resp, err := c.API.ScrollOverAllCompaniesWithResponse(ctx(t), &v2_16.ScrollOverAllCompaniesParams{ScrollParam: param})
		if err != nil {
			t.Fatal(err)
		}
		if resp.JSON200.ScrollParam == nil {
			t.Fatal("no scroll_param")
		}
		param = resp.JSON200.ScrollParam
		if len(resp.JSON200.Data) == 0 {
			break
		}
		scrolled += len(resp.JSON200.Data)
	}
	if scrolled != 20 {
		t.Fatalf("scrolled %d companies, want 20", scrolled)
	}
	errorList(t, raw(t, srv, "GET", "/companies/scroll?scroll_param=unknown", nil), http.StatusBadRequest, "parameter_invalid")
}

// Every page-numbered list reads per_page and page the same way: a
// default page size, and bad values refused before anything is looked up.
func TestPageNumberedListsCheckTheirPaging(t *testing.T) {
	srv, _ := newClient(t)
	co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr("co-1")})
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("ann@example.com"), Role: facade.Ptr("user")})
	for _, list := range []string{
		"GET /companies",
		"POST /companies/list",
		"GET /companies/" + *co.Id + "/contacts",
		"GET /contacts/" + *ct.Id + "/companies",
		"GET /contacts/" + *ct.Id + "/notes",
	} {
		method, path, _ := strings.Cut(list, " ")
		for _, q := range []string{"per_page=0", "per_page=151", "per_page=x", "page=0", "page=x"} {
			errorList(t, raw(t, srv, method, path+"?"+q, nil), http.StatusBadRequest, "parameter_invalid")
		}
		if r := raw(t, srv, method, path+"?per_page=150&page=2", nil); r.status != http.StatusOK {
			t.Errorf("%s with per_page=150&page=2: %d %s", list, r.status, r.body)
		}
	}
}

func TestTagCompaniesAndUsersThroughPostTags(t *testing.T) {
	srv, c := newClient(t)
	co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr("acme")})
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("u@example.com")})
	body := func(v any) *bytes.Reader {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.NewReader(b)
	}
	resp, err := c.API.CreateTagWithBodyWithResponse(ctx(t), "application/json", body(v2_16.TagCompanyRequest{
		Name: "partner", Companies: []v2_16.TagCompanyRequest_Companies{{CompanyId: facade.Ptr("acme")}},
	}))
	if err != nil || len(resp.JSON200.Companies) != 1 {
		t.Fatalf("tag company: %v", err)
	}
	if got, _ := srv.Company(*co.Id); len(got.Tags.Tags) != 1 || *got.Tags.Tags[0].Name != "partner" {
		t.Fatalf("company tags %+v", got.Tags)
	}
	if _, err := c.API.CreateTagWithBodyWithResponse(ctx(t), "application/json", body(v2_16.UntagCompanyRequest{
		Name: "partner", Companies: []v2_16.UntagCompanyRequest_Companies{{Id: co.Id, Untag: facade.Ptr(true)}},
	})); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Company(*co.Id); len(got.Tags.Tags) != 0 {
		t.Fatal("company not untagged")
	}
	if _, err := c.API.CreateTagWithBodyWithResponse(ctx(t), "application/json", body(v2_16.TagMultipleUsersRequest{
		Name: "partner", Users: []v2_16.TagMultipleUsersRequest_Users{{Id: ct.Id}},
	})); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Contact(*ct.Id); *got.Tags.TotalCount != 1 {
		t.Fatal("user not tagged")
	}
	if tags := srv.Tags(); len(tags) != 1 {
		t.Fatalf("the same name made %d tags", len(tags))
	}
	errorList(t, raw(t, srv, "POST", "/tags", map[string]any{"name": "x", "users": []any{map[string]any{"id": "ghost"}}}), http.StatusNotFound, "not_found")
	if len(srv.Tags()) != 1 {
		t.Fatal("a failed request created a tag")
	}
}
