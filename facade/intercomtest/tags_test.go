package intercomtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestFindListAndDeleteTags(t *testing.T) {
	srv, c := newClient(t)
	tag := srv.AddTag(v2_16.Tag{Name: facade.Ptr("beta")})
	found, err := c.API.FindTagWithResponse(ctx(t), *tag.Id)
	require.NoError(t, err, "find tag")
	require.Equal(t, "beta", *found.JSON200.Name, "find tag")
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("n@example.com")})
	require.NoError(t, srv.TagContact(*ct.Id, *tag.Id))
	_, err = c.API.DeleteTagWithResponse(ctx(t), *tag.Id)
	require.NoError(t, err)
	got, _ := srv.Contact(*ct.Id)
	require.Equal(t, 0, *got.Tags.TotalCount, "deleted tag still on the contact")
	list, err := c.API.ListTagsWithResponse(ctx(t))
	require.NoError(t, err, "tags after delete")
	require.Empty(t, list.JSON200.Data, "tags after delete")
}

func TestTagCompaniesAndUsersThroughPostTags(t *testing.T) {
	srv, c := newClient(t)
	co := srv.AddCompany(v2_16.Company{CompanyId: facade.Ptr("acme")})
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("u@example.com")})
	body := func(v any) *bytes.Reader {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return bytes.NewReader(b)
	}
	resp, err := c.API.CreateTagWithBodyWithResponse(ctx(t), "application/json", body(v2_16.TagCompanyRequest{
		Name: "partner", Companies: []v2_16.TagCompanyRequest_Companies{{CompanyId: facade.Ptr("acme")}},
	}))
	require.NoError(t, err, "tag company")
	require.Len(t, resp.JSON200.Companies, 1, "tag company")
	gotCo, _ := srv.Company(*co.Id)
	require.Len(t, gotCo.Tags.Tags, 1, "company tags %+v", gotCo.Tags)
	require.Equal(t, "partner", *gotCo.Tags.Tags[0].Name, "company tags %+v", gotCo.Tags)
	_, err = c.API.CreateTagWithBodyWithResponse(ctx(t), "application/json", body(v2_16.UntagCompanyRequest{
		Name: "partner", Companies: []v2_16.UntagCompanyRequest_Companies{{Id: co.Id, Untag: facade.Ptr(true)}},
	}))
	require.NoError(t, err)
	gotCo, _ = srv.Company(*co.Id)
	require.Empty(t, gotCo.Tags.Tags, "company not untagged")
	_, err = c.API.CreateTagWithBodyWithResponse(ctx(t), "application/json", body(v2_16.TagMultipleUsersRequest{
		Name: "partner", Users: []v2_16.TagMultipleUsersRequest_Users{{Id: ct.Id}},
	}))
	require.NoError(t, err)
	gotCt, _ := srv.Contact(*ct.Id)
	require.Equal(t, 1, *gotCt.Tags.TotalCount, "user not tagged")
	require.Len(t, srv.Tags(), 1, "the same name made more than one tag")
	errorList(t, raw(t, srv, "POST", "/tags", map[string]any{"name": "x", "users": []any{map[string]any{"id": "ghost"}}}), http.StatusNotFound, "not_found")
	require.Len(t, srv.Tags(), 1, "a failed request created a tag")
}
