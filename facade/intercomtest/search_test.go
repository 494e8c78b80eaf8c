package intercomtest

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestSearchContacts(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { return now }
	srv, c := newClient(t, WithClock(clock))
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
			require.NoError(t, err)
			var got []string
			for _, ct := range resp.JSON200.Data {
				if ct.ExternalId != nil {
					got = append(got, *ct.ExternalId)
				} else {
					got = append(got, *ct.Email)
				}
			}
			require.Equal(t, tc.want, got)
			require.Equal(t, len(tc.want), *resp.JSON200.TotalCount)
		})
	}

	// Body pagination walks the hits in pages.
	q := `{"query":{"field":"created_at","operator":">","value":0},"pagination":{"per_page":3}}`
	resp, err := c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(q))
	require.NoError(t, err, "page 1")
	require.Len(t, resp.JSON200.Data, 3, "page 1: %s", resp.Body)
	require.Equal(t, 2, *resp.JSON200.Pages.TotalPages, "page 1: %s", resp.Body)
	next, _ := resp.JSON200.Pages.Next.Get()
	q2 := `{"query":{"field":"created_at","operator":">","value":0},"pagination":{"per_page":3,"starting_after":"` + next.StartingAfter.MustGet() + `"}}`
	resp, err = c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json", jsonBody(q2))
	require.NoError(t, err, "page 2")
	require.Len(t, resp.JSON200.Data, 1, "page 2: %s", resp.Body)
	require.Equal(t, "Edsger Dijkstra", *resp.JSON200.Data[0].Name, "page 2: %s", resp.Body)
	require.False(t, resp.JSON200.Pages.Next.IsSpecified(), "page 2: %s", resp.Body)

	// Sorting, and the query checks Intercom makes.
	resp, err = c.API.SearchContactsWithBodyWithResponse(ctx(t), nil, "application/json",
		jsonBody(`{"query":{"field":"created_at","operator":">","value":0},"sort":{"field":"created_at","order":"descending"}}`))
	require.NoError(t, err, "sort")
	require.Equal(t, "Edsger Dijkstra", *resp.JSON200.Data[0].Name, "sort: %s", resp.Body)
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "shoe_size", "operator": "=", "value": 1}}), http.StatusBadRequest, "parameter_invalid")
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "email", "operator": "≈", "value": "x"}}), http.StatusBadRequest, "parameter_invalid")
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": map[string]any{"field": "email", "operator": "=", "value": "x"}, "sort": map[string]any{"field": "email", "order": "desc"}}), http.StatusBadRequest, "invalid_sort_order")
	deep := map[string]any{"operator": "AND", "value": []any{map[string]any{"operator": "OR", "value": []any{map[string]any{"operator": "AND", "value": []any{map[string]any{"field": "email", "operator": "=", "value": "x"}}}}}}}
	errorList(t, raw(t, srv, "POST", "/contacts/search", map[string]any{"query": deep}), http.StatusBadRequest, "parameter_invalid")
}

// TestSearchContactsDatesByWorkspaceDay: Date fields compare by calendar
// day in the workspace's timezone, and >=, <=, != are refused on them.
func TestSearchContactsDatesByWorkspaceDay(t *testing.T) {
	tokyo := time.FixedZone("UTC+9", 9*3600)
	srv, c := newClient(t, WithTimezone(tokyo))
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
	ids, _ := search(fmt.Sprintf(`{"field":"created_at","operator":"=","value":%d}`, march2))
	require.Equal(t, []string{"late"}, ids, "= March 2nd in UTC+9")
	// > an instant on March 1st (UTC+9) matches from March 2nd.
	ids, _ = search(fmt.Sprintf(`{"field":"created_at","operator":">","value":%d}`, march2-1))
	require.Equal(t, []string{"late"}, ids, "> March 1st")
	// > an earlier instant of the same day does not.
	ids, _ = search(fmt.Sprintf(`{"field":"created_at","operator":">","value":%d}`, march2+60))
	require.Empty(t, ids, "> March 2nd 00:01")
	for _, op := range []string{">=", "<=", "!=", "IN"} {
		var apiErr *facade.Error
		_, err := search(fmt.Sprintf(`{"field":"created_at","operator":%q,"value":%d}`, op, at))
		if assert.True(t, errors.As(err, &apiErr), "%s on a date: %v, want a 400", op, err) {
			assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, "%s on a date", op)
		}
	}
}
