package codectest

// Decoding a response into the generated types and encoding the typed
// value again must lose nothing: every member the body sent comes back
// with its value, declared or not (undeclared ones through each type's
// Undeclared field). What may differ, because Go cannot tell the cases
// apart or the wire form changes but not the value:
//   - a null member, an empty array or object may come back absent;
//   - a member absent from the body may come back with a zero value (a
//     required field is a plain value);
//   - a number sent as a numeric string comes back as the number, and a
//     number read into a string field as that string (docs/divergences.md);
//   - a timestamp may come back in another RFC 3339 spelling of the same
//     instant.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lost returns how the encoded value out fails to carry the decoded body
// in; "" when it carries everything.
func lost(path string, in, out any) string {
	switch x := in.(type) {
	case nil:
		if zeroish(out) {
			return "" // null into a value that cannot hold it (a description defect): its zero value
		}
	case map[string]any:
		o, ok := out.(map[string]any)
		if !ok {
			if len(nonNull(x)) == 0 && out == nil {
				return ""
			}
			return fmt.Sprintf("%s: sent an object, encoded %s", path, short(out))
		}
		for _, k := range sortedKeys(x) {
			v := x[k]
			ov, present := o[k]
			if !present {
				if empty(v) {
					continue
				}
				return fmt.Sprintf("%s.%s: sent %s, dropped", path, k, short(v))
			}
			if msg := lost(path+"."+k, v, ov); msg != "" {
				return msg
			}
		}
		return ""
	case []any:
		o, ok := out.([]any)
		if !ok {
			if len(x) == 0 && out == nil {
				return ""
			}
			return fmt.Sprintf("%s: sent an array, encoded %s", path, short(out))
		}
		if len(o) != len(x) {
			return fmt.Sprintf("%s: sent %d elements, encoded %d", path, len(x), len(o))
		}
		for i := range x {
			if msg := lost(path+"."+strconv.Itoa(i), x[i], o[i]); msg != "" {
				return msg
			}
		}
		return ""
	}
	if sameScalar(in, out) {
		return ""
	}
	return fmt.Sprintf("%s: sent %s, encoded %s", path, short(in), short(out))
}

func nonNull(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if v != nil {
			out[k] = v
		}
	}
	return out
}

// zeroish reports whether an encoded value is a Go zero value.
func zeroish(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case float64:
		return x == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !zeroish(e) {
				return false
			}
		}
		return true
	}
	return false
}

// empty reports whether a member may come back absent: null, [] or {}.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !empty(e) {
				return false
			}
		}
		return true
	}
	return false
}

func sameScalar(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	switch x := a.(type) {
	case string:
		switch y := b.(type) {
		case float64: // "100" read as 100
			return x == strconv.FormatFloat(y, 'f', -1, 64) || x == strconv.FormatFloat(y, 'g', -1, 64)
		case string:
			t1, e1 := time.Parse(time.RFC3339Nano, x)
			t2, e2 := time.Parse(time.RFC3339Nano, y)
			return e1 == nil && e2 == nil && t1.Equal(t2)
		}
	case float64:
		if y, ok := b.(string); ok { // 5017691 read as "5017691"
			f, err := strconv.ParseFloat(y, 64)
			return err == nil && f == x
		}
	}
	return false
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:120]) + "..."
	}
	return string(b)
}

func generic(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

// TestRoundTripKeepsEveryMember decodes every response example of every
// version through its Parse function, and the bodies of this package's
// own fixtures, and checks that encoding the typed value carries every
// member the body sent.
func TestRoundTripKeepsEveryMember(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			checked, failed := 0, 0
			for _, ex := range examples(t, v) {
				if ex.parse == nil || ex.status < 200 || ex.status > 299 {
					continue
				}
				typ, ok := responseType(ex)
				if !ok {
					continue
				}
				res, err := respond(ex, ex.data)
				if err != nil {
					continue // an example that does not decode (listed in examplecheck)
				}
				val := reflect.ValueOf(res).Elem().FieldByName("JSON" + strconv.Itoa(ex.status))
				if val.IsNil() || typ == nil {
					continue
				}
				out, err := json.Marshal(val.Interface())
				if !assert.NoError(t, err, "%s: encode", ex.where) {
					continue
				}
				checked++
				if msg := lost("$", generic(t, ex.data), generic(t, out)); msg != "" {
					failed++
					if failed <= 20 { // report the first twenty
						assert.Failf(t, "member lost in the round trip", "%s: %s", ex.where, msg)
					}
				}
			}
			require.NotEqual(t, 0, checked, "no response example checked")
			t.Logf("%s: %d response examples round-tripped, %d lost a member", v.Header, checked, failed)
		})
	}
}

// The bodies of divergence_test.go, with members no version declares
// added at the top and nested, round-trip through each Parse function,
// and the undeclared ones are reachable.
func TestRoundTripOwnFixtures(t *testing.T) {
	extra := `"brand_new_member":{"kind":"x","n":[1,2.5,null]},"another_one":"y",`
	fixtures := map[string]string{
		"ShowContact":          strings.Replace(strings.Replace(divContact, `{"type":"contact",`, `{"type":"contact",`+extra, 1), `"continent_code":"EU"`, `"continent_code":"EU","timezone":"Europe/Lisbon"`, 1),
		"ListContacts":         strings.Replace(divContactList, `"total_count":1,`, `"total_count":1,`+extra, 1),
		"retrieveConversation": strings.Replace(divConversation, `"count_reopens":1`, `"count_reopens":1,"median_time_to_reply":77`, 1),
		"listConversations":    divConversationList,
		"listArticles":         divArticlePage("https://api.intercom.io", 1),
		"retrieveArticle":      strings.Replace(divArticle, `"views":10,`, `"views":10,"fin_extra":{"a":true},`, 1),
		"retrieveAdmin":        strings.Replace(divAdmin, `"team_ids":[]`, `"team_ids":[3,4],"avatar_color":"#ff0000"`, 1),
		"createMessage":        divMessage,
		"getTicketType":        divTicketType,
		"searchTickets":        divTicketList,
		"listActivityLogs":     divActivityLogs,
	}
	ops := make([]string, 0, len(fixtures))
	for op := range fixtures {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			for _, op := range ops {
				body := fixtures[op]
				typed := parseOp(t, v, op, body)
				out, err := json.Marshal(typed)
				require.NoError(t, err, "%s: encode", op)
				msg := lost("$", generic(t, []byte(body)), generic(t, out))
				assert.Empty(t, msg, "%s: %s", op, msg)
			}
			c := parseOp(t, v, "ShowContact", fixtures["ShowContact"])
			members := func(f reflect.Value) map[string]json.RawMessage {
				require.True(t, f.IsValid(), "%s: no Undeclared field", v.Header)
				m, _ := f.Interface().(map[string]json.RawMessage)
				return m
			}
			u := members(goField(c, "Undeclared"))
			assert.Equal(t, `{"kind":"x","n":[1,2.5,null]}`, string(u["brand_new_member"]), "Contact.Undeclared = %s", short(u))
			assert.Equal(t, `"y"`, string(u["another_one"]), "Contact.Undeclared = %s", short(u))
			_, declared := u["email"]
			assert.False(t, declared, "a declared member is also in Undeclared")
			loc := members(goField(c, "Location", "Undeclared"))
			assert.Equal(t, `"Europe/Lisbon"`, string(loc["timezone"]), "Contact.Location.Undeclared = %s", short(loc))
		})
	}
}
