package intercomtest_test

import (
	"net/http"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestAdminsTeamsTagsAndNotes(t *testing.T) {
	srv, c := newClient(t)
	me, err := c.API.IdentifyAdminWithResponse(ctx(t))
	if err != nil || *me.JSON200.Id != srv.Me() || me.JSON200.App == nil {
		t.Fatalf("me: %v", err)
	}
	bob := srv.AddAdmin(v2_16.Admin{Name: facade.Ptr("Bob"), Email: facade.Ptr("bob@example.com")})
	admins, err := c.API.ListAdminsWithResponse(ctx(t), nil)
	if err != nil || len(admins.JSON200.Admins) != 2 || *admins.JSON200.Admins[1].Name != "Bob" {
		t.Fatalf("admins: %v", err)
	}
	one, err := c.API.RetrieveAdminWithResponse(ctx(t), mustAtoi(t, *bob.Id))
	if err != nil || *one.JSON200.Email != "bob@example.com" {
		t.Fatalf("admin: %v", err)
	}

	team := srv.AddTeam(v2_16.Team{Name: facade.Ptr("Billing"), AdminIds: []int{mustAtoi(t, *bob.Id)}})
	teams, err := c.API.ListTeamsWithResponse(ctx(t))
	if err != nil || len(teams.JSON200.Teams) != 1 {
		t.Fatalf("teams: %v", err)
	}
	if got, err := c.API.RetrieveTeamWithResponse(ctx(t), *team.Id); err != nil || *got.JSON200.Name != "Billing" {
		t.Fatalf("team: %v", err)
	}
	errorList(t, raw(t, srv, "GET", "/teams/404", nil), http.StatusNotFound, "not_found")

	tag := srv.AddTag(v2_16.Tag{Name: facade.Ptr("beta")})
	if got, err := c.API.FindTagWithResponse(ctx(t), *tag.Id); err != nil || *got.JSON200.Name != "beta" {
		t.Fatalf("find tag: %v", err)
	}
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("n@example.com")})
	if err := srv.TagContact(*ct.Id, *tag.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.API.DeleteTagWithResponse(ctx(t), *tag.Id); err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Contact(*ct.Id); *got.Tags.TotalCount != 0 {
		t.Fatal("deleted tag still on the contact")
	}
	if list, err := c.API.ListTagsWithResponse(ctx(t)); err != nil || len(list.JSON200.Data) != 0 {
		t.Fatalf("tags after delete: %v", err)
	}

	// Notes: the typed createNote takes an integer contact id (a defect of
	// the description, contact ids are hex strings), so send it raw.
	r := raw(t, srv, "POST", "/contacts/"+*ct.Id+"/notes", map[string]any{"body": "<p>Called them</p>", "admin_id": *bob.Id})
	if r.status != http.StatusOK {
		t.Fatalf("create note: %d %s", r.status, r.body)
	}
	notes, err := c.API.ListNotesWithResponse(ctx(t), *ct.Id, nil)
	if err != nil || len(notes.JSON200.Data) != 1 || *notes.JSON200.Data[0].Author.Name != "Bob" {
		t.Fatalf("notes: %v", err)
	}
	note, err := c.API.RetrieveNoteWithResponse(ctx(t), mustAtoi(t, *notes.JSON200.Data[0].Id))
	if err != nil || *note.JSON200.Body != "<p>Called them</p>" || *note.JSON200.Contact.Id != *ct.Id {
		t.Fatalf("note: %v", err)
	}
	if got, _ := srv.Contact(*ct.Id); *got.Notes.TotalCount != 1 {
		t.Fatal("contact does not list its note")
	}
	errorList(t, raw(t, srv, "POST", "/contacts/"+*ct.Id+"/notes", map[string]any{"admin_id": *bob.Id}), http.StatusBadRequest, "parameter_not_found")
}
