package intercomtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestConversationLifecycle(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	srv, c := newClient(t, WithClock(func() time.Time { return now }))
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("c@example.com"), Name: facade.Ptr("Cee")})
	team := srv.AddTeam(v2_16.Team{Name: facade.Ptr("Support")})
	me := srv.Me()

	msg, err := c.API.CreateConversationWithResponse(ctx(t), v2_16.CreateConversationJSONRequestBody{
		Body: "Hi there", From: v2_16.CreateConversationRequest_From{Type: v2_16.CreateConversationRequestFromTypeUser, Id: *ct.Id},
	})
	require.NoError(t, err, "create")
	require.NotNil(t, msg.JSON200, "create")
	require.NotEmpty(t, msg.JSON200.ConversationId, "create")
	id := msg.JSON200.ConversationId

	var reply v2_16.ReplyConversationRequest
	require.NoError(t, reply.FromAdminReplyConversationRequest(v2_16.AdminReplyConversationRequest{
		AdminId: me, Body: facade.Ptr("Hello!"), MessageType: v2_16.AdminReplyConversationRequestMessageTypeComment, Type: "admin",
	}))
	_, err = c.API.ReplyConversationWithResponse(ctx(t), id, reply)
	require.NoError(t, err)

	manage := func(v any) *v2_16.Conversation {
		t.Helper()
		b, err := json.Marshal(v)
		require.NoError(t, err)
		resp, err := c.API.ManageConversationWithBodyWithResponse(ctx(t), id, "application/json", bytes.NewReader(b))
		require.NoError(t, err)
		return resp.JSON200
	}
	got := manage(v2_16.AssignConversationRequest{AdminId: me, AssigneeId: *team.Id, MessageType: "assignment", Type: v2_16.AssignConversationRequestTypeTeam})
	require.NotNil(t, got.TeamAssigneeId, "assign to team")
	require.GreaterOrEqual(t, *got.TeamAssigneeId, 1, "assign to team")
	got = manage(v2_16.SnoozeConversationRequest{AdminId: me, MessageType: "snoozed", SnoozedUntil: int(now.Unix()) + 3600})
	require.Equal(t, v2_16.ConversationStateSnoozed, *got.State, "snooze")
	require.Equal(t, int(now.Unix())+3600, *got.SnoozedUntil, "snooze")
	got = manage(v2_16.OpenConversationRequest{AdminId: me, MessageType: "open"})
	require.Equal(t, v2_16.ConversationStateOpen, *got.State, "open")
	require.Nil(t, got.SnoozedUntil, "open")
	got = manage(v2_16.CloseConversationRequest{AdminId: me, MessageType: "close", Type: "admin", Body: facade.Ptr("Bye")})
	require.Equal(t, v2_16.ConversationStateClosed, *got.State, "close")
	require.False(t, *got.Open, "close")

	// A contact's reply reopens it.
	b, _ := json.Marshal(map[string]any{"type": "user", "message_type": "comment", "intercom_user_id": *ct.Id, "body": "One more thing"})
	r2, err := c.API.ReplyConversationWithBodyWithResponse(ctx(t), id, "application/json", bytes.NewReader(b))
	require.NoError(t, err, "contact reply")
	require.Equal(t, v2_16.ConversationStateOpen, *r2.JSON200.State, "contact reply")

	full, err := c.API.RetrieveConversationWithResponse(ctx(t), mustAtoi(t, id), nil)
	require.NoError(t, err)
	var kinds []string
	for _, p := range full.JSON200.ConversationParts.ConversationParts {
		kinds = append(kinds, *p.PartType)
	}
	require.Equal(t, []string{"comment", "assignment", "snoozed", "open", "close", "comment"}, kinds, "parts")
	require.Equal(t, 6, *full.JSON200.ConversationParts.TotalCount, "conversation %s", full.Body)
	require.Equal(t, "Hi there", *full.JSON200.Source.Body, "conversation %s", full.Body)

	errorList(t, raw(t, srv, "POST", "/conversations/"+id+"/parts",
		map[string]any{"message_type": "snoozed", "admin_id": me, "snoozed_until": now.Unix() - 1}), http.StatusUnprocessableEntity, "parameter_invalid")
	errorList(t, raw(t, srv, "POST", "/conversations", map[string]any{"body": "x", "from": map[string]any{"type": "user", "id": "ghost"}}), http.StatusNotFound, "not_found")
}

func TestConversationTagsListAndSearch(t *testing.T) {
	srv, c := newClient(t)
	a := srv.AddContact(v2_16.Contact{Email: facade.Ptr("a@example.com")})
	b := srv.AddContact(v2_16.Contact{Email: facade.Ptr("b@example.com")})
	urgent := srv.AddTag(v2_16.Tag{Name: facade.Ptr("urgent")})
	var ids []string
	for i := range 5 {
		who := a
		if i%2 == 1 {
			who = b
		}
		cv := srv.AddConversation(v2_16.Conversation{
			CreatedAt: facade.Ptr(1000 + i),
			Contacts:  &v2_16.ConversationContacts{Contacts: []v2_16.ContactReference{{Id: who.Id}}},
			Source:    &v2_16.ConversationSource{Author: &v2_16.ConversationSourceAuthor{Email: who.Email}},
		})
		ids = append(ids, *cv.Id)
	}
	_, err := c.API.AttachTagToConversationWithResponse(ctx(t), ids[4], v2_16.AttachTagToConversationJSONRequestBody{Id: *urgent.Id, AdminId: srv.Me()})
	require.NoError(t, err)

	// GET /conversations walks cursor pages.
	var listed []string
	var after *string
	for range 4 {
		resp, err := c.API.ListConversationsWithResponse(ctx(t), &v2_16.ListConversationsParams{PerPage: facade.Ptr(2), StartingAfter: after})
		require.NoError(t, err)
		for _, cv := range resp.JSON200.Conversations {
			listed = append(listed, *cv.Id)
		}
		next, err := resp.JSON200.Pages.Next.Get()
		if err != nil {
			break
		}
		after = facade.Ptr(next.StartingAfter.MustGet())
	}
	require.Equal(t, ids, listed, "listed")

	search := func(q string) []string {
		t.Helper()
		resp, err := c.API.SearchConversationsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(q))
		require.NoError(t, err)
		var out []string
		for _, cv := range resp.JSON200.Conversations {
			out = append(out, *cv.Id)
		}
		return out
	}
	require.Equal(t, ids[4:], search(`{"query":{"field":"tag_ids","operator":"IN","value":["`+*urgent.Id+`"]}}`), "by tag")
	require.Equal(t, ids[3:4], search(`{"query":{"operator":"AND","value":[{"field":"contact_ids","operator":"=","value":"`+*b.Id+`"},{"field":"created_at","operator":">=","value":1003}]}}`), "by contact and date")
	require.Equal(t, []string{ids[0], ids[2]}, search(`{"query":{"field":"source.author.email","operator":"=","value":"a@example.com"},"pagination":{"per_page":2}}`), "by author, first page")

	_, err = c.API.DetachTagFromConversationWithResponse(ctx(t), ids[4], *urgent.Id, v2_16.DetachTagFromConversationJSONRequestBody{AdminId: srv.Me()})
	require.NoError(t, err)
	gotCv, _ := srv.Conversation(ids[4])
	require.Empty(t, gotCv.Tags.Tags, "tag not removed")
}
