package intercomtest

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestCompanyCreateOrUpdateByCompanyID(t *testing.T) {
	srv, c := newClient(t)
	first, err := c.API.CreateOrUpdateCompanyWithResponse(ctx(t), v2_16.CreateOrUpdateCompanyJSONRequestBody{
		CompanyId: facade.Ptr("acme"), Name: facade.Ptr("Acme"), Plan: facade.Ptr("pro"), Size: facade.Ptr(10),
	})
	require.NoError(t, err, "create")
	require.NotNil(t, first.JSON200, "create")
	second, err := c.API.CreateOrUpdateCompanyWithResponse(ctx(t), v2_16.CreateOrUpdateCompanyJSONRequestBody{
		CompanyId: facade.Ptr("acme"), Name: facade.Ptr("Acme Inc"), CustomAttributes: map[string]any{"tier": "gold"},
	})
	require.NoError(t, err)
	got := second.JSON200
	require.Equal(t, *first.JSON200.Id, *got.Id, "update by company_id: %s", second.Body)
	require.Equal(t, "Acme Inc", *got.Name, "update by company_id: %s", second.Body)
	require.Equal(t, 10, *got.Size, "update by company_id: %s", second.Body)
	require.Equal(t, "pro", *got.Plan.Name, "update by company_id: %s", second.Body)
	require.Equal(t, "gold", got.CustomAttributes["tier"], "update by company_id: %s", second.Body)
	list, err := c.API.RetrieveCompanyWithResponse(ctx(t), &v2_16.RetrieveCompanyParams{CompanyId: facade.Ptr("acme")})
	require.NoError(t, err, "retrieve by company_id")
	require.Len(t, list.JSON200.Data, 1, "retrieve by company_id")
	require.Equal(t, 1, *list.JSON200.TotalCount, "retrieve by company_id")
	errorList(t, raw(t, srv, "GET", "/companies?company_id=nope", nil), http.StatusNotFound, "company_not_found")
	errorList(t, raw(t, srv, "POST", "/companies", map[string]any{"name": "no id"}), http.StatusBadRequest, "parameter_not_found")

	upd, err := c.API.UpdateCompanyWithResponse(ctx(t), *got.Id, v2_16.UpdateCompanyJSONRequestBody{Industry: facade.Ptr("tools")})
	require.NoError(t, err, "update")
	require.Equal(t, "tools", *upd.JSON200.Industry, "update")
	require.Equal(t, "Acme Inc", *upd.JSON200.Name, "update")
	del, err := c.API.DeleteCompanyWithResponse(ctx(t), *got.Id)
	require.NoError(t, err, "delete")
	require.True(t, *del.JSON200.Deleted, "delete")
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
		require.NoError(t, err)
		l := resp.JSON200
		require.Equal(t, page, *l.Pages.Page, "page %d: %s", page, resp.Body)
		require.Equal(t, 3, *l.Pages.TotalPages, "page %d: %s", page, resp.Body)
		require.Equal(t, 20, *l.TotalCount, "page %d: %s", page, resp.Body)
		if page == 1 {
			require.Equal(t, "co-19", *l.Data[0].CompanyId, "not newest first")
		}
		for _, co := range l.Data {
			seen[*co.CompanyId] = true
		}
	}
	require.Len(t, seen, 20, "pages covered %d companies, want 20", len(seen))
	asc, err := c.API.ListAllCompaniesWithResponse(ctx(t), &v2_16.ListAllCompaniesParams{Order: facade.Ptr("asc")})
	require.NoError(t, err, "asc")
	require.Equal(t, "co-00", *asc.JSON200.Data[0].CompanyId, "asc")
	require.Len(t, asc.JSON200.Data, 15, "asc")

	// GET /companies/scroll: follow scroll_param until an empty page.
	scrolled := 0
	var param *string
	for range 5 {
		resp, err := c.API.ScrollOverAllCompaniesWithResponse(ctx(t), &v2_16.ScrollOverAllCompaniesParams{ScrollParam: param})
		require.NoError(t, err)
		require.NotNil(t, resp.JSON200.ScrollParam, "no scroll_param")
		param = resp.JSON200.ScrollParam
		if len(resp.JSON200.Data) == 0 {
			break
		}
		scrolled += len(resp.JSON200.Data)
	}
	require.Equal(t, 20, scrolled, "scrolled companies")
	errorList(t, raw(t, srv, "GET", "/companies/scroll?scroll_param=unknown", nil), http.StatusBadRequest, "parameter_invalid")
}
