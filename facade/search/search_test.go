package search_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade/search"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
)

type state string

func TestEveryOperatorEncodesAsIntercomDocuments(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		q    search.Query
		want string
	}{
		{"equals string", search.Equals("email", "a@b.co"), `{"field":"email","operator":"=","value":"a@b.co"}`},
		{"equals named string", search.Equals("state", state("open")), `{"field":"state","operator":"=","value":"open"}`},
		{"equals bool", search.Equals("open", true), `{"field":"open","operator":"=","value":true}`},
		{"equals int", search.Equals("admin_assignee_id", 42), `{"field":"admin_assignee_id","operator":"=","value":42}`},
		{"equals date", search.Equals("created_at", day), `{"field":"created_at","operator":"=","value":1772323200}`},
		{"not equals", search.NotEquals("role", "lead"), `{"field":"role","operator":"!=","value":"lead"}`},
		{"in", search.In("id", "1", "2"), `{"field":"id","operator":"IN","value":["1","2"]}`},
		{"not in", search.NotIn("tag_ids", 7, 8), `{"field":"tag_ids","operator":"NIN","value":[7,8]}`},
		{"less than date", search.LessThan("created_at", day), `{"field":"created_at","operator":"<","value":1772323200}`},
		{"greater than int", search.GreaterThan("statistics.count_conversation_parts", 3), `{"field":"statistics.count_conversation_parts","operator":">","value":3}`},
		{"less or equal int", search.LessThanOrEquals("priority_score", 2.5), `{"field":"priority_score","operator":"<=","value":2.5}`},
		{"greater or equal int", search.GreaterThanOrEquals("count", int64(9)), `{"field":"count","operator":">=","value":9}`},
		{"contains", search.Contains("name", "Ada"), `{"field":"name","operator":"~","value":"Ada"}`},
		{"does not contain", search.DoesNotContain("name", "bot"), `{"field":"name","operator":"!~","value":"bot"}`},
		{"starts with", search.StartsWith("phone", "+44"), `{"field":"phone","operator":"^","value":"+44"}`},
		{"ends with", search.EndsWith("email", "@acme.com"), `{"field":"email","operator":"$","value":"@acme.com"}`},
		{"escaped", search.Equals("name", `a"<b>`), `{"field":"name","operator":"=","value":"a\"\u003cb\u003e"}`},
		{
			"nested groups",
			search.And(search.Or(search.Equals("a", 1), search.Equals("b", 2)), search.Equals("c", "x")),
			`{"operator":"AND","value":[{"operator":"OR","value":[{"field":"a","operator":"=","value":1},{"field":"b","operator":"=","value":2}]},{"field":"c","operator":"=","value":"x"}]}`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := json.Marshal(c.q)
			require.NoError(t, err)
			assert.JSONEq(t, c.want, string(got))
			// Byte for byte as encoding/json writes it (it escapes < > & in
			// every document, the generated client's bodies included).
			var escaped bytes.Buffer
			json.HTMLEscape(&escaped, []byte(c.want))
			assert.Equal(t, escaped.String(), string(got), "byte for byte")
		})
	}
}

func TestDocumentedRejections(t *testing.T) {
	fifteen := make([]search.Query, search.MaxGroupSize)
	for i := range fifteen {
		fifteen[i] = search.Equals("id", i)
	}
	sixteen := append(append([]search.Query{}, fifteen...), search.Equals("id", 16))
	day := time.Now()
	cases := []struct {
		name string
		q    search.Query
		why  string
	}{
		{"zero query", search.Query{}, "empty query"},
		{"empty group", search.And(), "no filters"},
		{"group too large", search.Or(sixteen...), "16 filters"},
		{"nested too deep", search.And(search.Or(search.And(search.Equals("a", 1)))), "nested deeper"},
		{"no field", search.Equals("", "x"), "no field"},
		{"in without values", search.In[string]("id"), "at least one value"},
		{"not in without values", search.NotIn[int]("id"), "at least one value"},
		{"!= on a date value", search.NotEquals("custom_attributes.renewal", day), "not supported on date"},
		{"!= on a date field", search.NotEquals("created_at", 1700000000), "not supported on date"},
		{">= on a date", search.GreaterThanOrEquals("updated_at", day), "not supported on date"},
		{"<= on a date", search.LessThanOrEquals("signed_up_at", 1700000000), "not supported on date"},
		{"IN on a date", search.In("created_at", day), "not supported on date"},
		{"NIN on a date", search.NotIn("last_seen_at", 1, 2), "not supported on date"},
		{"deep member invalid", search.And(search.Equals("a", 1), search.Or(search.Equals("b", 2), search.In[int]("c"))), "query.AND[1].OR[1](c IN)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.q.Validate()
			require.Error(t, err)
			assert.True(t, errors.Is(err, search.ErrInvalidQuery))
			assert.Contains(t, err.Error(), c.why)
			assert.True(t, strings.HasPrefix(err.Error(), "intercom: "))
			_, err = json.Marshal(c.q)
			assert.ErrorIs(t, err, search.ErrInvalidQuery, "an invalid query never encodes")
			_, err = search.Body[v2_16.SearchContactsJSONRequestBody](c.q)
			assert.ErrorIs(t, err, search.ErrInvalidQuery)
		})
	}
	// At the limits, not beyond them: accepted.
	require.NoError(t, search.Or(fifteen...).Validate())
	require.NoError(t, search.And(search.Or(search.Equals("a", 1)), search.Equals("b", 2)).Validate())
	require.NoError(t, search.GreaterThan("created_at", day).Validate())
	require.NoError(t, search.Equals("created_at", day).Validate())
}

// The same query goes into the contacts, conversations and tickets (and,
// in Preview, companies) search bodies of every version byte for byte.
func TestOneQueryForEverySearchOfEveryVersion(t *testing.T) {
	q := search.And(
		search.Equals("state", "open"),
		search.Or(search.Equals("admin_assignee_id", 42), search.In("team_assignee_id", 1, 2)),
		search.GreaterThan("created_at", time.Unix(1700000000, 0)),
	)
	want, err := json.Marshal(q)
	require.NoError(t, err)

	bodies := map[string]func() (any, error){
		"2.11 contacts":         func() (any, error) { return search.Body[v2_11.SearchContactsJSONRequestBody](q) },
		"2.11 conversations":    func() (any, error) { return search.Body[v2_11.SearchConversationsJSONRequestBody](q) },
		"2.11 tickets":          func() (any, error) { return search.Body[v2_11.SearchTicketsJSONRequestBody](q) },
		"2.14 contacts":         func() (any, error) { return search.Body[v2_14.SearchContactsJSONRequestBody](q) },
		"2.14 conversations":    func() (any, error) { return search.Body[v2_14.SearchConversationsJSONRequestBody](q) },
		"2.14 tickets":          func() (any, error) { return search.Body[v2_14.SearchTicketsJSONRequestBody](q) },
		"2.16 contacts":         func() (any, error) { return search.Body[v2_16.SearchContactsJSONRequestBody](q) },
		"2.16 conversations":    func() (any, error) { return search.Body[v2_16.SearchConversationsJSONRequestBody](q) },
		"2.16 tickets":          func() (any, error) { return search.Body[v2_16.SearchTicketsJSONRequestBody](q) },
		"Preview contacts":      func() (any, error) { return search.Body[preview.SearchContactsJSONRequestBody](q) },
		"Preview conversations": func() (any, error) { return search.Body[preview.SearchConversationsJSONRequestBody](q) },
		"Preview tickets":       func() (any, error) { return search.Body[preview.SearchTicketsJSONRequestBody](q) },
		"Preview companies":     func() (any, error) { return search.Body[preview.SearchCompaniesJSONRequestBody](q) },
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			b, err := body()
			require.NoError(t, err)
			sent, err := json.Marshal(b)
			require.NoError(t, err)
			var got struct {
				Query json.RawMessage `json:"query"`
			}
			require.NoError(t, json.Unmarshal(sent, &got))
			assert.Equal(t, string(want), string(got.Query))
		})
	}
}

func TestBodyRefusesATypeWithoutQuery(t *testing.T) {
	_, err := search.Body[v2_16.CreateOrUpdateTagRequest](search.Equals("a", 1))
	assert.ErrorIs(t, err, search.ErrInvalidQuery)
}

func TestStringShowsJSONOrReason(t *testing.T) {
	assert.Equal(t, `{"field":"a","operator":"=","value":1}`, search.Equals("a", 1).String())
	assert.Contains(t, search.And().String(), "no filters")
}
