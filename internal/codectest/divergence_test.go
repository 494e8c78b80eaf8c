package codectest

// Each shape Intercom has been seen to send where its descriptions say
// otherwise (docs/divergences.md), reproduced by bodies written here, fed
// through the Parse functions and the facade iterators of every generated
// version. A typed value is checked two ways: its Go fields, and what it
// encodes to, which must still carry every member the body sent (a null
// member may come back absent: in Go both are nil).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encoded returns what a typed value encodes to, as generic JSON.
func encoded(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// at follows a path of member names and array indexes ("0") in generic JSON.
func at(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// expect checks members of an encoded value; a nil want means absent or
// null (never a zero value).
func expect(t *testing.T, where string, m map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		got, ok := at(m, path)
		if w == nil {
			if ok {
				assert.Nil(t, got, "%s: %s, want null or absent", where, path)
			}
			continue
		}
		require.True(t, ok, "%s: %s = %v (present %v), want %v", where, path, got, ok, w)
		assert.Equal(t, w, got, "%s: %s = %v (present %v), want %v", where, path, got, ok, w)
	}
}

func deref2(rv reflect.Value) any {
	for rv.IsValid() && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return nil
	}
	return rv.Interface()
}

var (
	wantContact = map[string]any{
		"last_seen_at": nil, "owner_id": nil, "name": nil, "phone": nil, "signed_up_at": float64(1700000000),
		"avatar":      "https://static.example.net/avatars/6a1b.png",
		"sms_consent": true, "unsubscribed_from_sms": false,
		"utm_campaign": "spring", "utm_content": "banner", "utm_medium": "email", "utm_source": "newsletter", "utm_term": "crm",
		"referrer":                                 "https://example.net/pricing",
		"opted_in_subscription_types.data.0.id":    "77",
		"opted_out_subscription_types.total_count": float64(0),
		"location.country_code":                    "PRT", "location.continent_code": "EU",
	}
	wantConversation = map[string]any{
		"title": nil, "team_assignee_id": nil, "admin_assignee_id": float64(0),
		"statistics.last_closed_by_id": "5017691",
		"teammates.admins.0.id":        "5017691",
		"topics.topics.0.name":         "Billing",
		"ticket.id":                    "44",
	}
	wantArticle  = map[string]any{"content_id": float64(881), "statistics.conversations": float64(4)}
	wantActivity = map[string]any{"metadata.admin.name": "Ana", "metadata.team.id": float64(3), "metadata.before": "away", "metadata.after.away_mode": false}
)

func checkContact(t *testing.T, where string, c any) {
	t.Helper()
	expect(t, where, encoded(t, c), wantContact)
	f := goField(c, "LastSeenAt")
	require.True(t, f.IsValid(), "%s: no LastSeenAt field", where)
	assert.True(t, f.IsNil(), "%s: LastSeenAt holds %v for null", where, deref2(f))
	assert.Equal(t, "https://static.example.net/avatars/6a1b.png", deref2(goField(c, "Avatar", "ImageUrl")), "%s: Avatar.ImageUrl", where)
}

func checkConversation(t *testing.T, where string, c any) {
	t.Helper()
	expect(t, where, encoded(t, c), wantConversation)
	assert.Equal(t, "5017691", deref2(goField(c, "Statistics", "LastClosedById")), "%s: Statistics.LastClosedById", where)
}

func checkTicket(t *testing.T, where string, tk any) {
	t.Helper()
	expect(t, where, encoded(t, tk), map[string]any{"ticket_state": "submitted"})
	if f := goField(tk, "TicketState", "Category"); f.IsValid() {
		assert.Equal(t, "submitted", fmt.Sprint(deref2(f)), "%s: TicketState.Category", where)
	}
	f := goField(tk, "AdminAssigneeId")
	assert.Equal(t, "0", fmt.Sprint(deref2(f)), "%s: AdminAssigneeId = %v", where, deref2(f))
}

func TestDivergencesThroughParse(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			checkContact(t, "ShowContact", parseOp(t, v, "ShowContact", divContact))
			list := encoded(t, parseOp(t, v, "ListContacts", divContactList))
			expect(t, "ListContacts", list, map[string]any{"pages.per_page": float64(50)})

			checkConversation(t, "retrieveConversation", parseOp(t, v, "retrieveConversation", divConversation))
			convs := encoded(t, parseOp(t, v, "listConversations", divConversationList))
			expect(t, "listConversations", convs, map[string]any{"pages.per_page": float64(100), "conversations.0.statistics.last_closed_by_id": "5017691"})

			articles := encoded(t, parseOp(t, v, "listArticles", divArticlePage("https://api.intercom.io", 1)))
			expect(t, "listArticles", articles, map[string]any{"pages.next": "https://api.intercom.io/articles?page=2&per_page=1", "data.0.content_id": float64(881)})
			expect(t, "retrieveArticle", encoded(t, parseOp(t, v, "retrieveArticle", divArticle)), wantArticle)

			expect(t, "retrieveAdmin", encoded(t, parseOp(t, v, "retrieveAdmin", divAdmin)), map[string]any{"away_status_reason_id": float64(12)})
			expect(t, "createMessage", encoded(t, parseOp(t, v, "createMessage", divMessage)), map[string]any{"owner.name": "Ana"})
			expect(t, "getTicketType", encoded(t, parseOp(t, v, "getTicketType", divTicketType)), map[string]any{"is_internal": true})

			tickets := parseOp(t, v, "searchTickets", divTicketList)
			first := goField(tickets, "Tickets").Index(0).Interface()
			checkTicket(t, "searchTickets", first)

			logs := encoded(t, parseOp(t, v, "listActivityLogs", divActivityLogs))
			expect(t, "listActivityLogs", logs, map[string]any{"pages.per_page": float64(20), "activity_logs.0.metadata.team.name": "Support", "activity_logs.0.metadata.admin.name": "Ana", "activity_logs.0.metadata.before": "away", "activity_logs.0.metadata.after.away_mode": false})
		})
	}
}

// divServer answers the list operations with the bodies above.
func divServer(t *testing.T) *httptest.Server {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		var body string
		switch {
		case r.URL.Path == "/contacts":
			body = divContactList
		case r.URL.Path == "/conversations":
			body = divConversationList
		case r.URL.Path == "/articles":
			n := 1
			if r.URL.Query().Get("page") == "2" {
				n = 2
			}
			body = divArticlePage(srv.URL, n)
		case r.URL.Path == "/tickets/search":
			body = divTicketList
		case r.URL.Path == "/admins/activity_logs":
			body = divActivityLogs
		default:
			http.NotFound(w, r)
			return
		}
		_, _ = io.Copy(w, bytes.NewReader([]byte(body)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// all collects an iterator's items.
func all[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for it, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, it)
	}
	return out, nil
}

// lists runs each list operation's iterator of one version and returns
// the items, as any, by operation.
type lists func(ctx context.Context, base string) (map[string][]any, error)

func items[T any](out map[string][]any, name string, seq iter.Seq2[T, error]) error {
	got, err := all(seq)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, it := range got {
		out[name] = append(out[name], it)
	}
	return nil
}

var iterators = map[string]lists{
	"2.11": func(ctx context.Context, base string) (map[string][]any, error) {
		c, err := v2_11.New(facade.WithToken("t"), facade.WithBaseURL(base))
		if err != nil {
			return nil, err
		}
		out := map[string][]any{}
		return out, errorsJoin(
			items(out, "contacts", c.ListContacts(ctx, nil)),
			items(out, "conversations", c.ListConversations(ctx, nil)),
			items(out, "articles", c.ListArticles(ctx, nil)),
			items(out, "tickets", c.SearchTickets(ctx, v2_11.SearchTicketsJSONRequestBody{})),
			items(out, "activity", c.ListActivityLogs(ctx, &v2_11.ListActivityLogsParams{})),
		)
	},
	"2.14": func(ctx context.Context, base string) (map[string][]any, error) {
		c, err := v2_14.New(facade.WithToken("t"), facade.WithBaseURL(base))
		if err != nil {
			return nil, err
		}
		out := map[string][]any{}
		return out, errorsJoin(
			items(out, "contacts", c.ListContacts(ctx, nil)),
			items(out, "conversations", c.ListConversations(ctx, nil)),
			items(out, "articles", c.ListArticles(ctx, nil)),
			items(out, "tickets", c.SearchTickets(ctx, v2_14.SearchTicketsJSONRequestBody{})),
			items(out, "activity", c.ListActivityLogs(ctx, &v2_14.ListActivityLogsParams{})),
		)
	},
	"2.16": func(ctx context.Context, base string) (map[string][]any, error) {
		c, err := v2_16.New(facade.WithToken("t"), facade.WithBaseURL(base))
		if err != nil {
			return nil, err
		}
		out := map[string][]any{}
		return out, errorsJoin(
			items(out, "contacts", c.ListContacts(ctx, nil)),
			items(out, "conversations", c.ListConversations(ctx, nil)),
			items(out, "articles", c.ListArticles(ctx, nil)),
			items(out, "tickets", c.SearchTickets(ctx, v2_16.SearchTicketsJSONRequestBody{})),
			items(out, "activity", c.ListActivityLogs(ctx, &v2_16.ListActivityLogsParams{})),
		)
	},
	"Preview": func(ctx context.Context, base string) (map[string][]any, error) {
		c, err := preview.New(facade.WithToken("t"), facade.WithBaseURL(base))
		if err != nil {
			return nil, err
		}
		out := map[string][]any{}
		return out, errorsJoin(
			items(out, "contacts", c.ListContacts(ctx, nil)),
			items(out, "conversations", c.ListConversations(ctx, nil)),
			items(out, "articles", c.ListArticles(ctx, nil)),
			items(out, "tickets", c.SearchTickets(ctx, preview.SearchTicketsJSONRequestBody{})),
			items(out, "activity", c.ListActivityLogs(ctx, &preview.ListActivityLogsParams{})),
		)
	},
}

func errorsJoin(errs ...error) error {
	var msgs []string
	for _, err := range errs {
		if err != nil {
			msgs = append(msgs, err.Error())
		}
	}
	if msgs == nil {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

func TestDivergencesThroughIterators(t *testing.T) {
	srv := divServer(t)
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			run, ok := iterators[v.Header]
			require.True(t, ok, "no iterators for %s: add the new version here", v.Header)
			got, err := run(context.Background(), srv.URL)
			require.NoError(t, err)
			require.Len(t, got["contacts"], 1, "items: %d contacts, %d conversations, %d tickets, %d activity logs", len(got["contacts"]), len(got["conversations"]), len(got["tickets"]), len(got["activity"]))
			require.Len(t, got["conversations"], 1, "items: %d contacts, %d conversations, %d tickets, %d activity logs", len(got["contacts"]), len(got["conversations"]), len(got["tickets"]), len(got["activity"]))
			require.Len(t, got["tickets"], 1, "items: %d contacts, %d conversations, %d tickets, %d activity logs", len(got["contacts"]), len(got["conversations"]), len(got["tickets"]), len(got["activity"]))
			require.Len(t, got["activity"], 1, "items: %d contacts, %d conversations, %d tickets, %d activity logs", len(got["contacts"]), len(got["conversations"]), len(got["tickets"]), len(got["activity"]))
			checkContact(t, "ListContacts", got["contacts"][0])
			checkConversation(t, "ListConversations", got["conversations"][0])
			checkTicket(t, "SearchTickets", got["tickets"][0])
			expect(t, "ListActivityLogs", encoded(t, got["activity"][0]), wantActivity)
			require.Len(t, got["articles"], 2, "ListArticles: %d articles over two pages linked by pages.next URLs, want 2", len(got["articles"]))
			expect(t, "ListArticles", encoded(t, got["articles"][1]), map[string]any{"id": "32", "content_id": float64(881)})
		})
	}
}
