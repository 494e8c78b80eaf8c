package intercomtest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestAdminsAndTeams(t *testing.T) {
	srv, c := newClient(t)
	me, err := c.API.IdentifyAdminWithResponse(ctx(t))
	require.NoError(t, err, "me")
	require.Equal(t, srv.Me(), *me.JSON200.Id, "me")
	require.NotNil(t, me.JSON200.App, "me")
	bob := srv.AddAdmin(v2_16.Admin{Name: facade.Ptr("Bob"), Email: facade.Ptr("bob@example.com")})
	admins, err := c.API.ListAdminsWithResponse(ctx(t), nil)
	require.NoError(t, err, "admins")
	require.Len(t, admins.JSON200.Admins, 2, "admins")
	require.Equal(t, "Bob", *admins.JSON200.Admins[1].Name, "admins")
	one, err := c.API.RetrieveAdminWithResponse(ctx(t), mustAtoi(t, *bob.Id))
	require.NoError(t, err, "admin")
	require.Equal(t, "bob@example.com", *one.JSON200.Email, "admin")

	team := srv.AddTeam(v2_16.Team{Name: facade.Ptr("Billing"), AdminIds: []int{mustAtoi(t, *bob.Id)}})
	teams, err := c.API.ListTeamsWithResponse(ctx(t))
	require.NoError(t, err, "teams")
	require.Len(t, teams.JSON200.Teams, 1, "teams")
	got, err := c.API.RetrieveTeamWithResponse(ctx(t), *team.Id)
	require.NoError(t, err, "team")
	require.Equal(t, "Billing", *got.JSON200.Name, "team")
	errorList(t, raw(t, srv, "GET", "/teams/404", nil), http.StatusNotFound, "not_found")
}
