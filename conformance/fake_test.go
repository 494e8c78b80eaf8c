//go:build conformance

package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntercomtestAnswersMatch2_16 checks that what the fake answers on
// every route it serves is valid against the 2.16 description's response
// schemas, so the fake cannot drift from the API it imitates.
func TestIntercomtestAnswersMatch2_16(t *testing.T) {
	ops, err := loadOperations(descriptionPath(t, "2.16"))
	require.NoError(t, err)
	srv := intercomtest.New(t)
	rec := &recorder{client: &http.Client{Timeout: 10 * time.Second}, keep: true}
	c, err := v2_16.New(append(srv.Options(), facade.WithHTTPClient(rec))...)
	require.NoError(t, err)
	driveFake(t, srv, c)

	checked := map[string]bool{}
	for _, ex := range rec.all {
		u, err := url.Parse(ex.url)
		require.NoError(t, err)
		op, ok := matchOperation(ops, ex.method, u.Path)
		if !assert.True(t, ok, "%s %s is not an operation of 2.16", ex.method, u.Path) {
			continue
		}
		checked[op.id] = true
		assert.NoError(t, validAnswer(op, ex), "%s (%s %s)", op.id, ex.method, u.Path)
	}
	fmt.Printf("intercomtest: %d answers of %d operations valid against 2.16\n", len(rec.all), len(checked))
}

// matchOperation finds the operation whose path template matches path.
func matchOperation(ops []operation, method, path string) (operation, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best operation
	bestLiterals := -1
	for _, op := range ops {
		if !strings.EqualFold(op.method, method) {
			continue
		}
		tmpl := strings.Split(strings.Trim(op.path, "/"), "/")
		if len(tmpl) != len(segs) {
			continue
		}
		literals, ok := 0, true
		for i, s := range tmpl {
			if strings.HasPrefix(s, "{") {
				continue
			}
			if s != segs[i] {
				ok = false
				break
			}
			literals++
		}
		if ok && literals > bestLiterals {
			best, bestLiterals = op, literals
		}
	}
	return best, bestLiterals >= 0
}

// validAnswer checks the status is described and the JSON body fits the
// described schema.
func validAnswer(op operation, ex *exchange) error {
	resp := op.op.Responses.Status(ex.status)
	if resp == nil {
		if ex.status >= 400 && ex.status != 429 {
			// Intercom answers errors the description does not list for
			// every operation (404s, 409s); check their shape instead.
			return validErrorList(ex.body)
		}
		return fmt.Errorf("status %d is not described", ex.status)
	}
	if len(ex.body) == 0 {
		return nil
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return fmt.Errorf("a JSON body where the description has none")
	}
	var v any
	if err := json.Unmarshal(ex.body, &v); err != nil {
		return err
	}
	if err := mt.Schema.Value.VisitJSON(v); err != nil {
		msg := err.Error()
		if len(msg) > 600 {
			msg = msg[:600] + "..."
		}
		return fmt.Errorf("body does not fit the schema: %s", msg)
	}
	return nil
}

func validErrorList(body []byte) error {
	var e v2_16.Error
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Type != "error.list" || len(e.Errors) == 0 || e.RequestId == nil {
		return fmt.Errorf("not an error.list: %s", body)
	}
	return nil
}

// driveFake calls every route intercomtest serves, successes and errors.
func driveFake(t *testing.T, srv *intercomtest.Server, c *v2_16.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p := func(s string) *string { return &s }
	body := func(s string) *strings.Reader { return strings.NewReader(s) }
	must := func(_ any, err error) {
		t.Helper()
		require.NoError(t, err)
	}
	api := c.API
	me := srv.Me()
	team := srv.AddTeam(v2_16.Team{Name: p("Support")})
	must(api.IdentifyAdminWithResponse(ctx))
	must(api.ListAdminsWithResponse(ctx, nil))
	must(api.RetrieveAdminWithResponse(ctx, atoi(t, me)))
	must(api.ListTeamsWithResponse(ctx))
	must(api.RetrieveTeamWithResponse(ctx, *team.Id))

	created, err := api.CreateContactWithBodyWithResponse(ctx, "application/json", body(`{"email":"a@example.com","name":"Ada","external_id":"a1","custom_attributes":{"plan":"pro"}}`))
	must(created, err)
	var ada v2_16.Contact
	must(nil, json.Unmarshal(created.Body, &ada))
	id := *ada.Id
	must(api.CreateContactWithBodyWithResponse(ctx, "application/json", body(`{"role":"lead","phone":"+100"}`)))
	must(api.ShowContactWithResponse(ctx, id, nil))
	must(api.ShowContactByExternalIdWithResponse(ctx, "a1", nil))
	must(api.UpdateContactWithBodyWithResponse(ctx, id, nil, "application/json", body(`{"name":"Ada L"}`)))
	must(api.ListContactsWithResponse(ctx, nil))
	must(api.SearchContactsWithBodyWithResponse(ctx, nil, "application/json", body(`{"query":{"field":"email","operator":"~","value":"example"},"pagination":{"per_page":1}}`)))

	tag := srv.AddTag(v2_16.Tag{Name: p("vip")})
	must(api.ListTagsWithResponse(ctx))
	must(api.CreateTagWithBodyWithResponse(ctx, "application/json", body(`{"name":"beta"}`)))
	must(api.FindTagWithResponse(ctx, *tag.Id))
	must(api.AttachTagToContactWithResponse(ctx, id, v2_16.AttachTagToContactJSONRequestBody{Id: *tag.Id}))
	must(api.ListTagsForAContactWithResponse(ctx, id))

	co, err := api.CreateOrUpdateCompanyWithResponse(ctx, v2_16.CreateOrUpdateCompanyJSONRequestBody{CompanyId: p("acme"), Name: p("Acme"), Plan: p("pro")})
	must(co, err)
	coID := *co.JSON200.Id
	must(api.CreateTagWithBodyWithResponse(ctx, "application/json", body(`{"name":"vip","companies":[{"company_id":"acme"}]}`)))
	must(api.RetrieveCompanyWithResponse(ctx, &v2_16.RetrieveCompanyParams{CompanyId: p("acme")}))
	must(api.ListAllCompaniesWithResponse(ctx, nil))
	must(api.ScrollOverAllCompaniesWithResponse(ctx, nil))
	must(api.RetrieveACompanyByIdWithResponse(ctx, coID))
	must(api.UpdateCompanyWithResponse(ctx, coID, v2_16.UpdateCompanyJSONRequestBody{Industry: p("tools")}))
	must(api.AttachContactToACompanyWithResponse(ctx, id, v2_16.AttachContactToACompanyJSONRequestBody{Id: coID}))
	must(api.ListCompaniesForAContactWithResponse(ctx, id, nil))
	must(api.ListAttachedContactsWithResponse(ctx, coID, nil))

	noteResp, err := c.Core.Do(mustRequest(t, ctx, srv, "POST", "/contacts/"+id+"/notes", `{"body":"<p>hi</p>","admin_id":"`+me+`"}`))
	must(noteResp, err)
	noteResp.Body.Close()
	notes, err := api.ListNotesWithResponse(ctx, id, nil)
	must(notes, err)
	must(api.RetrieveNoteWithResponse(ctx, atoi(t, *notes.JSON200.Data[0].Id)))

	msg, err := api.CreateConversationWithResponse(ctx, v2_16.CreateConversationJSONRequestBody{Body: "Hi", From: v2_16.CreateConversationRequest_From{Type: "user", Id: id}})
	must(msg, err)
	conv := msg.JSON200.ConversationId
	must(api.ReplyConversationWithBodyWithResponse(ctx, conv, "application/json", body(`{"type":"admin","message_type":"comment","admin_id":"`+me+`","body":"Hello"}`)))
	for _, m := range []string{
		`{"message_type":"assignment","type":"team","admin_id":"` + me + `","assignee_id":"` + *team.Id + `"}`,
		`{"message_type":"snoozed","admin_id":"` + me + `","snoozed_until":4102444800}`,
		`{"message_type":"open","admin_id":"` + me + `"}`,
		`{"message_type":"close","type":"admin","admin_id":"` + me + `"}`,
	} {
		must(api.ManageConversationWithBodyWithResponse(ctx, conv, "application/json", body(m)))
	}
	must(api.AttachTagToConversationWithResponse(ctx, conv, v2_16.AttachTagToConversationJSONRequestBody{Id: *tag.Id, AdminId: me}))
	must(api.RetrieveConversationWithResponse(ctx, atoi(t, conv), nil))
	must(api.UpdateConversationWithResponse(ctx, atoi(t, conv), nil, v2_16.UpdateConversationJSONRequestBody{Read: func() *bool { b := true; return &b }()}))
	must(api.ListConversationsWithResponse(ctx, nil))
	must(api.SearchConversationsWithBodyWithResponse(ctx, nil, "application/json", body(`{"query":{"field":"open","operator":"=","value":false}}`)))
	must(api.DetachTagFromConversationWithResponse(ctx, conv, *tag.Id, v2_16.DetachTagFromConversationJSONRequestBody{AdminId: me}))

	must(api.DetachTagFromContactWithResponse(ctx, id, *tag.Id))
	must(api.DetachContactFromACompanyWithResponse(ctx, id, coID))
	must(api.ArchiveContactWithResponse(ctx, id))
	must(api.UnarchiveContactWithResponse(ctx, id))
	must(api.DeleteContactWithResponse(ctx, id))
	must(api.DeleteCompanyWithResponse(ctx, coID))
	must(api.DeleteTagWithResponse(ctx, *tag.Id))

	// Errors: their bodies must be error.list too.
	_, err = api.ShowContactWithResponse(ctx, id, nil)
	require.Error(t, err, "deleted contact found")
	_, err = api.RetrieveACompanyByIdWithResponse(ctx, coID)
	require.Error(t, err, "deleted company found")
}

func mustRequest(t *testing.T, ctx context.Context, srv *intercomtest.Server, method, path, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, srv.URL()+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	return req
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	_, err := fmt.Sscan(s, &n)
	require.NoError(t, err, "%q is not a number", s)
	return n
}

// TestValidAnswerRejectsWrongShapes shows the check above can fail.
func TestValidAnswerRejectsWrongShapes(t *testing.T) {
	ops, err := loadOperations(descriptionPath(t, "2.16"))
	require.NoError(t, err)
	op, ok := matchOperation(ops, "GET", "/tags")
	require.True(t, ok, "matched")
	require.Equal(t, "listTags", op.id, "matched")
	require.NoError(t, validAnswer(op, &exchange{status: 200, body: []byte(`{"type":"list","data":[{"type":"tag","id":"1","name":"x"}]}`)}), "valid answer rejected")
	require.Error(t, validAnswer(op, &exchange{status: 200, body: []byte(`{"type":"list","data":[{"type":"tag","id":1}]}`)}), "a numeric tag id passed")
	require.Error(t, validAnswer(op, &exchange{status: 404, body: []byte(`{"message":"nope"}`)}), "a 404 without error.list passed")
	op, _ = matchOperation(ops, "GET", "/contacts/find_by_external_id/x")
	require.Equal(t, "ShowContactByExternalId", op.id, "literal segments should win")
}
