package codectest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the package's test files: loading the descriptions'
// examples, decoding them both ways and comparing, the recorded-traffic
// fixtures, and the mutator that derives hostile variants of an example.

func TestMain(m *testing.M) {
	// Fast-path failures must surface, not be repaired by the fallback.
	jsonx.Strict = true
	os.Exit(m.Run())
}

// example is one JSON example and the Go type it should decode into.
type example struct {
	where string       // JSON pointer into the normalised description
	data  []byte       // the example, as JSON
	typ   reflect.Type // destination type (the value DecodeJSON gets a pointer to)
	// parse, for response examples, is the operation's Parse function and
	// status the response's status code.
	parse  func(*http.Response) (any, error)
	status int
	ctype  string
}

var (
	docsOnce sync.Once
	docs     map[string]map[string]any
	docsErr  error
)

// description returns the normalised description of a version, from the
// cache intercomgen generate fills, or by running the normaliser.
func description(t testing.TB, version string) map[string]any {
	t.Helper()
	docsOnce.Do(func() {
		docs = map[string]map[string]any{}
		root, err := filepath.Abs("../..")
		if err != nil {
			docsErr = err
			return
		}
		for _, v := range Versions {
			path := filepath.Join(root, ".cache", "normalized", v.Version+".json")
			if _, err := os.Stat(path); err != nil {
				cmd := exec.Command("go", "run", "./api/cmd/intercomgen", "normalize", "-version", v.Version, "-o", path)
				cmd.Dir = root
				if os.Getenv("INTERCOM_OPENAPI_DIR") == "" {
					if dir := filepath.Join(root, "..", "shared", "intercom-openapi"); dirExists(dir) {
						cmd.Env = append(os.Environ(), "INTERCOM_OPENAPI_DIR="+dir)
					}
				}
				if out, err := cmd.CombinedOutput(); err != nil {
					docsErr = fmt.Errorf("normalise %s: %v\n%s", v.Version, err, out)
					return
				}
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				docsErr = err
				return
			}
			var doc map[string]any
			if err := json.Unmarshal(raw, &doc); err != nil {
				docsErr = err
				return
			}
			docs[v.Version] = doc
		}
	})
	if docsErr != nil {
		require.Empty(t, os.Getenv("CI"), "descriptions unavailable: %v", docsErr)
		t.Skipf("descriptions unavailable (set INTERCOM_OPENAPI_DIR or run make generate): %v", docsErr)
	}
	return docs[version]
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// examples collects every JSON example of a version's description with
// its destination type: schema examples (components and, through the Go
// types' fields, nested property, item and map-value schemas), response
// examples (decoded through the Parse functions) and request body examples.
func examples(t testing.TB, v Version) []example {
	doc := description(t, v.Version)
	var out []example
	schemas, _ := dig(doc, "components", "schemas").(map[string]any)
	names := sortedKeys(schemas)
	for _, name := range names {
		newT, ok := v.Schemas[name]
		if !ok {
			continue
		}
		s, _ := schemas[name].(map[string]any)
		out = walkSchema(out, s, reflect.TypeOf(newT()).Elem(), "#/components/schemas/"+escape(name))
	}
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range sortedKeys(paths) {
		item, _ := paths[p].(map[string]any)
		for _, method := range sortedKeys(item) {
			op, _ := item[method].(map[string]any)
			id, _ := op["operationId"].(string)
			entry, ok := v.Operations[id]
			if !ok {
				continue
			}
			base := "#/paths/" + escape(p) + "/" + method
			if entry.Body != nil {
				content, _ := dig(op, "requestBody", "content").(map[string]any)
				for _, mt := range sortedKeys(content) {
					if !strings.Contains(mt, "json") {
						continue
					}
					typ := reflect.TypeOf(entry.Body()).Elem()
					for _, ex := range mediaExamples(content[mt], base+"/requestBody/content/"+escape(mt)) {
						out = append(out, example{where: ex.where, data: ex.data, typ: typ})
					}
				}
			}
			responses, _ := op["responses"].(map[string]any)
			for _, code := range sortedKeys(responses) {
				status, err := strconv.Atoi(code)
				if err != nil {
					continue // default, 2XX: no single status to feed Parse
				}
				content, _ := dig(responses[code], "content").(map[string]any)
				for _, mt := range sortedKeys(content) {
					if !strings.Contains(mt, "json") {
						continue
					}
					for _, ex := range mediaExamples(content[mt], base+"/responses/"+code+"/content/"+escape(mt)) {
						out = append(out, example{where: ex.where, data: ex.data, parse: entry.Parse, status: status, ctype: mt})
					}
				}
			}
		}
	}
	return out
}

// walkSchema adds the examples of schema s, whose Go type is typ, and
// descends into inline property, item and map-value schemas alongside the
// Go type. Referenced schemas are visited as components of their own.
func walkSchema(out []example, s map[string]any, typ reflect.Type, where string) []example {
	if s == nil || s["$ref"] != nil {
		return out
	}
	if ex, ok := s["example"]; ok {
		out = append(out, example{where: where + "/example", data: mustJSON(ex), typ: typ})
	}
	if exs, ok := s["examples"].([]any); ok {
		for i, ex := range exs {
			out = append(out, example{where: where + "/examples/" + strconv.Itoa(i), data: mustJSON(ex), typ: typ})
		}
	}
	st := typ
	for st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	switch st.Kind() {
	case reflect.Struct:
		props, _ := s["properties"].(map[string]any)
		for _, name := range sortedKeys(props) {
			if f, ok := fieldByJSONName(st, name); ok {
				ps, _ := props[name].(map[string]any)
				out = walkSchema(out, ps, f.Type, where+"/properties/"+escape(name))
			}
		}
	case reflect.Slice:
		items, _ := s["items"].(map[string]any)
		out = walkSchema(out, items, st.Elem(), where+"/items")
	case reflect.Map:
		ap, _ := s["additionalProperties"].(map[string]any)
		out = walkSchema(out, ap, st.Elem(), where+"/additionalProperties")
	}
	return out
}

func fieldByJSONName(st reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == name && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

type rawExample struct {
	where string
	data  []byte
}

// mediaExamples returns a media type object's example and examples.
func mediaExamples(media any, where string) []rawExample {
	m, _ := media.(map[string]any)
	var out []rawExample
	if ex, ok := m["example"]; ok {
		out = append(out, rawExample{where + "/example", mustJSON(ex)})
	}
	exs, _ := m["examples"].(map[string]any)
	for _, name := range sortedKeys(exs) {
		if val, ok := dig(exs[name], "value").(any); ok && val != nil {
			out = append(out, rawExample{where + "/examples/" + escape(name) + "/value", mustJSON(val)})
		}
	}
	return out
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte(fmt.Sprintf("%q", err.Error())) // cannot happen for decoded JSON
	}
	return b
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// outcome is what decoding produced: an error or a value.
type outcome struct {
	err error
	val any
}

// decodeBoth decodes data into a new typ with encoding/json and with the
// version's DecodeJSON.
func decodeBoth(v Version, typ reflect.Type, data []byte) (std, fast outcome) {
	a, b := reflect.New(typ), reflect.New(typ)
	std.err = json.Unmarshal(data, a.Interface())
	fast.err = v.Decode(data, b.Interface())
	std.val, fast.val = a.Elem().Interface(), b.Elem().Interface()
	return std, fast
}

// respond runs a Parse function on a response with the example's status
// and content type.
func respond(ex example, body []byte) (any, error) {
	return ex.parse(&http.Response{
		StatusCode: ex.status,
		Header:     http.Header{"Content-Type": {ex.ctype}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	})
}

// responseType is the type of the response's JSON<status> field, learnt by
// parsing a null body (which every destination accepts); false when the
// Parse function does not decode this status and content type.
func responseType(ex example) (reflect.Type, bool) {
	res, err := respond(ex, []byte("null"))
	if err != nil {
		return nil, false
	}
	fv := reflect.ValueOf(res).Elem().FieldByName("JSON" + strconv.Itoa(ex.status))
	if !fv.IsValid() || fv.IsNil() {
		return nil, false
	}
	return fv.Type().Elem(), true
}

// parseBoth feeds data to the Parse function and decodes it with
// encoding/json into the type Parse stores for the status.
func parseBoth(ex example, data []byte) (std, fast outcome, ok bool) {
	typ, ok := responseType(ex)
	if !ok {
		return std, fast, false
	}
	res, err := respond(ex, data)
	fast.err = err
	if err == nil {
		fast.val = reflect.ValueOf(res).Elem().FieldByName("JSON" + strconv.Itoa(ex.status)).Elem().Interface()
	}
	target := reflect.New(typ)
	std.err = json.Unmarshal(data, target.Interface())
	std.val = target.Elem().Interface()
	return std, fast, true
}

// agree reports how two outcomes differ, or "" when they agree: both
// failed, or both succeeded with deeply equal values.
func agree(std, fast outcome) string {
	switch {
	case (std.err == nil) != (fast.err == nil):
		return fmt.Sprintf("encoding/json error: %v; DecodeJSON error: %v", std.err, fast.err)
	case std.err == nil && !reflect.DeepEqual(std.val, fast.val):
		return fmt.Sprintf("values differ:\nencoding/json: %s\nDecodeJSON:    %s", dump(std.val), dump(fast.val))
	}
	return ""
}

func dump(v any) string {
	s := fmt.Sprintf("%+v", deref(reflect.ValueOf(v)))
	if len(s) > 2000 {
		s = s[:2000] + "..."
	}
	return s
}

func deref(v reflect.Value) any {
	for v.IsValid() && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// checked is what check did with an example.
type checked int

const (
	// noDestination: the Parse function does not decode this status and
	// content type.
	noDestination checked = iota
	// noDecoder: the destination has no generated decoder (a request
	// body, or another type Intercom does not send), so DecodeJSON or the
	// Parse function would be encoding/json itself: nothing to compare.
	noDecoder
	// compared: decoded both ways and compared.
	compared
)

// check decodes one (possibly mutated) example both ways and reports a
// disagreement, when the example has a destination with a generated
// decoder.
func check(t *testing.T, v Version, ex example, data []byte) checked {
	t.Helper()
	var std, fast outcome
	if ex.parse != nil {
		typ, ok := responseType(ex)
		if !ok {
			return noDestination
		}
		if !v.Fast[typ] {
			return noDecoder
		}
		std, fast, _ = parseBoth(ex, data)
	} else {
		typ := fastTarget(v, ex.typ)
		if typ == nil {
			return noDecoder
		}
		std, fast = decodeBoth(v, typ, data)
	}
	msg := agree(std, fast)
	assert.Empty(t, msg, "%s %s (%d bytes: %.300q):\n%s", v.Header, ex.where, len(data), data, msg)
	return compared
}

// fastTarget returns the destination DecodeJSON has a generated decoder
// for that an example of type typ is compared on: typ, or for the example
// of a pointer field the type it points to (DecodeJSON's cases are the
// types, not pointers to them); nil when there is none.
func fastTarget(v Version, typ reflect.Type) reflect.Type {
	for typ != nil {
		if v.Fast[typ] {
			return typ
		}
		if typ.Kind() != reflect.Pointer {
			return nil
		}
		typ = typ.Elem()
	}
	return nil
}

const (
	// A contact as recorded traffic has it: nulls in nullable fields
	// (required ones in 2.11), the avatar as a bare URL, and members the
	// descriptions lack.
	divContact = `{"type":"contact","id":"6a1b","workspace_id":"ws1","role":"user","email":"mo@example.net",
"name":null,"phone":null,"owner_id":null,"last_seen_at":null,"signed_up_at":1700000000,"external_id":null,
"avatar":"https://static.example.net/avatars/6a1b.png",
"sms_consent":true,"unsubscribed_from_sms":false,
"utm_campaign":"spring","utm_content":"banner","utm_medium":"email","utm_source":"newsletter","utm_term":"crm",
"referrer":"https://example.net/pricing",
"opted_in_subscription_types":{"type":"list","data":[{"type":"subscription","id":"77"}],"url":"/contacts/6a1b/subscriptions","total_count":1,"has_more":false},
"opted_out_subscription_types":{"type":"list","data":[],"url":"/contacts/6a1b/subscriptions","total_count":0,"has_more":false},
"location":{"type":"location","country":"Portugal","region":"Lisbon","city":"Lisbon","country_code":"PRT","continent_code":"EU"}}`
	divContactList = `{"type":"list","data":[` + divContact + `],"total_count":1,"pages":{"type":"pages","page":1,"per_page":"50","total_pages":1,"next":null}}`

	// A conversation: last_closed_by_id a number, the teammates under
	// admins, an assignee id "0", topics and ticket.
	divConversation = `{"type":"conversation","id":"9001","created_at":1700000000,"updated_at":1700000100,"title":null,
"admin_assignee_id":"0","team_assignee_id":null,"waiting_since":null,"snoozed_until":null,
"statistics":{"type":"conversation_statistics","last_closed_by_id":5017691,"count_reopens":1},
"teammates":{"type":"admin.list","admins":[{"type":"admin","id":"5017691"}]},
"topics":{"type":"topic.list","topics":[{"type":"topic","id":3,"name":"Billing"}],"total_count":1},
"ticket":{"type":"ticket","id":"44"}}`
	// GET /conversations with per_page as a string.
	divConversationList = `{"type":"conversation.list","conversations":[` + divConversation + `],"total_count":1,"pages":{"type":"pages","page":1,"per_page":"100","total_pages":1}}`

	divArticleItem = `{"type":"article","id":"31","workspace_id":"ws1","title":"Refunds","author_id":5017691,"state":"published","created_at":1700000000,"updated_at":1700000000,"content_id":881,"default_locale":"en"}`
	divArticle     = `{"type":"article","id":"31","workspace_id":"ws1","title":"Refunds","author_id":5017691,"state":"published","created_at":1700000000,"updated_at":1700000000,"content_id":881,
"statistics":{"type":"article_statistics","views":10,"conversations":4,"conversions":0,"reactions":1}}`

	divAdmin = `{"type":"admin","id":"5017691","name":"Ana","email":"ana@example.net","away_mode_enabled":true,"away_mode_reassign":false,"away_status_reason_id":12,"has_inbox_seat":true,"team_ids":[]}`

	divMessage = `{"type":"user_message","id":"2001","created_at":1700000000,"subject":"Hi","body":"<p>Hi</p>","message_type":"email","conversation_id":"9001",
"owner":{"type":"admin","id":"5017691","name":"Ana"}}`

	divTicketType = `{"type":"ticket_type","id":"15","name":"Bug","description":"Report a bug","icon":"B","workspace_id":"ws1","archived":false,"is_internal":true,"created_at":1700000000,"updated_at":1700000000}`

	// A ticket list item of an older version: ticket_state a string and
	// assignee ids "0".
	divTicketList = `{"type":"ticket.list","tickets":[{"type":"ticket","id":"700","ticket_id":"42","category":"Customer","ticket_attributes":{},
"ticket_state":"submitted","admin_assignee_id":"0","team_assignee_id":"0","created_at":1700000000,"updated_at":1700000000,"open":true}],
"total_count":1,"pages":{"type":"pages","page":1,"per_page":"20","total_pages":1}}`

	divActivityLogs = `{"type":"activity_log.list","pages":{"type":"pages","page":1,"per_page":"20","total_pages":1},"activity_logs":[
{"id":"a1","performed_by":{"type":"admin","id":"5017691","email":"ana@example.net"},"created_at":1700000000,"activity_type":"admin_away_mode_change",
"metadata":{"admin":{"id":"5017691","name":"Ana"},"team":{"id":"3","name":"Support"},"before":"away","after":{"away_mode":false}}}]}`
)

// divArticlePage is page n of GET /articles, whose pages.next is a link.
func divArticlePage(base string, n int) string {
	next := `"` + base + `/articles?page=2&per_page=1"`
	if n == 2 {
		next = "null"
	}
	return fmt.Sprintf(`{"type":"list","data":[%s],"total_count":2,"pages":{"type":"pages","page":%d,"per_page":1,"total_pages":2,"next":%s}}`,
		strings.Replace(divArticleItem, `"id":"31"`, fmt.Sprintf(`"id":"3%d"`, n), 1), n, next)
}

// parseOp runs a version's Parse function for op on a 200 body and returns
// the typed JSON200 value.
func parseOp(t *testing.T, v Version, op, body string) any {
	t.Helper()
	entry, ok := v.Operations[op]
	require.True(t, ok, "%s: no operation %s", v.Header, op)
	res, err := entry.Parse(&http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(body)),
	})
	require.NoError(t, err, "%s %s", v.Header, op)
	f := reflect.ValueOf(res).Elem().FieldByName("JSON200")
	require.True(t, f.IsValid(), "%s %s: no JSON200", v.Header, op)
	require.False(t, f.IsNil(), "%s %s: no JSON200", v.Header, op)
	return f.Interface()
}

// goField follows Go field names through pointers; invalid if missing.
func goField(v any, names ...string) reflect.Value {
	rv := reflect.ValueOf(v)
	for _, n := range names {
		for rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return reflect.Value{}
			}
			rv = rv.Elem()
		}
		if rv.Kind() != reflect.Struct {
			return reflect.Value{}
		}
		rv = rv.FieldByName(n)
		if !rv.IsValid() {
			return rv
		}
	}
	return rv
}

func nest(open, close string, depth int, inner string) []byte {
	return []byte(strings.Repeat(open, depth) + inner + strings.Repeat(close, depth))
}

// hostileInputs are malformed, truncated and adversarial documents.
func hostileInputs() map[string][]byte {
	in := map[string][]byte{
		"empty":              {},
		"space":              []byte("  \n"),
		"nul":                {0},
		"bom":                []byte("\xef\xbb\xbf{}"),
		"trailing garbage":   []byte(`{"id":"1"} x`),
		"two values":         []byte(`{} {}`),
		"trailing comma":     []byte(`{"id":"1",}`),
		"missing colon":      []byte(`{"id" "1"}`),
		"single quotes":      []byte(`{'id':'1'}`),
		"bad escape":         []byte(`{"id":"\q"}`),
		"escape apostrophe":  []byte(`{"id":"\'"}`),
		"short unicode":      []byte(`{"id":"\u12"}`),
		"raw control":        []byte("{\"id\":\"a\x01b\"}"),
		"invalid utf8 key":   []byte("{\"\xff\xfeid\":\"1\"}"),
		"invalid utf8 value": []byte("{\"id\":\"\xff\xfe\xc3\x28\xed\xa0\x80\"}"),
		"lone surrogates":    []byte(`{"id":"\ud800\udc00\udc00\ud800x"}`),
		"huge int":           []byte(`{"created_at":123456789012345678901234567890123456789}`),
		"huge exponent":      []byte(`{"custom_attributes":{"a":1e999999999}}`),
		"tiny exponent":      []byte(`{"custom_attributes":{"a":1e-999999999}}`),
		"float into int":     []byte(`{"created_at":1.0}`),
		"leading zero":       []byte(`{"created_at":01}`),
		"minus only":         []byte(`{"created_at":-}`),
		"plus sign":          []byte(`{"created_at":+1}`),
		"hex":                []byte(`{"created_at":0x10}`),
		"NaN":                []byte(`{"custom_attributes":{"a":NaN}}`),
		"bare word":          []byte(`{"id":nul}`),
		"true prefix":        []byte(`{"has_hard_bounced":truex}`),
		"unterminated":       []byte(`{"id":"abc`),
		"unclosed object":    []byte(`{"id":"abc"`),
		"unclosed array":     []byte(`{"data":[{"id":"1"}`),
		"duplicate keys": []byte(`{"id":"1","id":"2","location":{"city":"a"},"location":{"country":"b"},` +
			`"companies":{"data":[{"id":"x"},{"id":"y"}]},"companies":{"data":[{"type":"company"}]},` +
			`"custom_attributes":{"a":1},"custom_attributes":{"b":2},"location":null}`),
		"case folding": []byte(`{"ID":"1","EMAIL":"a","Location":{"CITY":"x"},"\u212aey":1,"\u017figned_up_at":5}`),
		"wrong kinds":  []byte(`{"id":1,"data":{},"pages":[],"custom_attributes":"x","companies":true}`),
	}
	const limit = 10000 // encoding/json's nesting limit
	for _, d := range []int{limit - 1, limit, limit + 1, 100000} {
		in["deep arrays "+strconv.Itoa(d)] = nest("[", "]", d, "")
		in["deep objects "+strconv.Itoa(d)] = nest(`{"a":`, "}", d, "1")
		// Nested under fields: a free-form map, an unknown key (skipped),
		// and a union (raw value handed to its UnmarshalJSON).
		in["deep custom attributes "+strconv.Itoa(d)] = append(append([]byte(`{"custom_attributes":{"x":`), nest("[", "]", d-2, "")...), "}}"...)
		in["deep unknown field "+strconv.Itoa(d)] = append(append([]byte(`{"zzz":`), nest("[", "]", d-1, "")...), '}')
	}
	in["long string"] = []byte(`{"id":"` + strings.Repeat("a\\u00e9", 200000) + `"}`)
	in["many keys"] = append(append([]byte("{"), bytes.Repeat([]byte(`"k":1,`), 100000)...), `"k":1}`...)
	return in
}

// node is a JSON value that keeps object member order and number text, so
// that examples can be re-emitted with mutations encoding/json's tree
// would lose (duplicate keys, key spelling, exact numbers).
type node struct {
	kind byte // '{', '[', '"', '0' (number), 't', 'f', 'n'
	keys []string
	vals []*node // object values or array elements
	text string  // string value or number literal
}

func parseTree(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return readNode(dec)
}

func readNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '{' {
			n := &node{kind: '{'}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := readNode(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
				n.vals = append(n.vals, v)
			}
			_, err := dec.Token()
			return n, err
		}
		n := &node{kind: '['}
		for dec.More() {
			v, err := readNode(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		_, err := dec.Token()
		return n, err
	case string:
		return &node{kind: '"', text: tok}, nil
	case json.Number:
		return &node{kind: '0', text: string(tok)}, nil
	case bool:
		if tok {
			return &node{kind: 't'}, nil
		}
		return &node{kind: 'f'}, nil
	}
	return &node{kind: 'n'}, nil
}

// mutator re-emits trees with random, JSON-valid-or-not changes aimed at
// the corners of encoding/json's behaviour.
type mutator struct {
	r    *rand.Rand
	rate float64 // chance that a given node is changed
}

func (m *mutator) chance() bool { return m.r.Float64() < m.rate }

func (m *mutator) emit(b *bytes.Buffer, n *node) {
	m.space(b)
	if m.chance() {
		if m.r.IntN(3) == 0 {
			m.replacement(b, n)
			return
		}
	}
	switch n.kind {
	case '{':
		b.WriteByte('{')
		first := true
		member := func(k string, v *node) {
			if !first {
				b.WriteByte(',')
			}
			first = false
			m.space(b)
			m.key(b, k)
			m.space(b)
			b.WriteByte(':')
			m.emit(b, v)
			m.space(b)
		}
		for i, k := range n.keys {
			if m.chance() && m.r.IntN(4) == 0 {
				continue // drop the member
			}
			member(k, n.vals[i])
			if m.chance() {
				// The same key again: encoding/json decodes into what the
				// first occurrence left (pointers, slices, structs).
				member(k, n.vals[m.r.IntN(len(n.vals))])
			}
		}
		if m.chance() {
			member("unknown_"+strconv.Itoa(m.r.IntN(9)), n)
		}
		b.WriteByte('}')
	case '[':
		b.WriteByte('[')
		count := 0
		for _, v := range n.vals {
			reps := 1
			if m.chance() {
				reps = m.r.IntN(3) // drop or repeat
			}
			for ; reps > 0; reps-- {
				if count > 0 {
					b.WriteByte(',')
				}
				count++
				m.emit(b, v)
			}
		}
		b.WriteByte(']')
	case '"':
		m.str(b, n.text)
	case '0':
		if m.chance() {
			b.WriteString(hugeNumbers[m.r.IntN(len(hugeNumbers))])
		} else {
			b.WriteString(n.text)
		}
	case 't':
		b.WriteString("true")
	case 'f':
		b.WriteString("false")
	default:
		b.WriteString("null")
	}
}

var hugeNumbers = []string{
	"1e400", "-1e400", "1e-400", "123456789012345678901234567890", "9223372036854775807",
	"9223372036854775808", "-9223372036854775808", "-9223372036854775809", "4294967296",
	"2147483648", "1.5", "-0", "0.0", "1E2", "3.4028235e38", "3.5e38", "0e0", "1e+2",
}

// replacement writes a value of another kind in place of n.
func (m *mutator) replacement(b *bytes.Buffer, n *node) {
	switch m.r.IntN(9) {
	case 0:
		b.WriteString("null")
	case 1:
		b.WriteString("true")
	case 2:
		b.WriteString(hugeNumbers[m.r.IntN(len(hugeNumbers))])
	case 3:
		m.str(b, "replaced")
	case 4:
		b.WriteString("{}")
	case 5:
		b.WriteString("[]")
	case 6:
		b.WriteString(`{"type":"x","id":1,"ID":"2"}`)
	case 7:
		b.WriteString(`[null,1,"a",{}]`)
	default:
		m.str(b, "2024-01-02T03:04:05Z")
	}
}

// key writes an object key, sometimes respelt so that only encoding/json's
// case-insensitive matching (ASCII and Unicode folding) finds the field.
func (m *mutator) key(b *bytes.Buffer, k string) {
	if m.chance() {
		switch m.r.IntN(4) {
		case 0:
			k = strings.ToUpper(k)
		case 1:
			k = strings.ReplaceAll(k, "k", "\u212a") // KELVIN SIGN folds to k
		case 2:
			k = strings.ReplaceAll(k, "s", "\u017f") // LATIN SMALL LETTER LONG S folds to s
		default:
			if k != "" {
				k = strings.ToUpper(k[:1]) + k[1:]
			}
		}
	}
	m.str(b, k)
}

// str writes a string, sometimes with escapes, surrogates, invalid UTF-8
// or raw control characters.
func (m *mutator) str(b *bytes.Buffer, s string) {
	if !m.chance() {
		q, _ := json.Marshal(s)
		b.Write(q)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteString(strconv.FormatInt(int64(c)>>4, 16))
			b.WriteString(strconv.FormatInt(int64(c)&15, 16))
		case m.r.IntN(8) == 0 && c < 0x80:
			b.WriteString(`\u00` + strconv.FormatInt(int64(c), 16))
		default:
			b.WriteByte(c)
		}
	}
	extras := []string{`\ud83d\ude00`, `\ud800`, `\udc00x`, "\xff", "\xc3\x28", `\/`, `\b\f\n\r\t`, "\x01", `\u00e9`, "é", `\x`, `\u12`, "\xed\xa0\x80"}
	b.WriteString(extras[m.r.IntN(len(extras))])
	b.WriteByte('"')
}

func (m *mutator) space(b *bytes.Buffer) {
	if m.r.IntN(20) == 0 {
		b.WriteString([]string{" ", "\n\t", "\r\n ", "\v", "\u00a0"}[m.r.IntN(5)])
	}
}

// variants returns mutated copies of an example: tree mutations at a few
// rates, and truncations.
func variants(r *rand.Rand, data []byte, n int) [][]byte {
	var out [][]byte
	tree, err := parseTree(data)
	if err == nil {
		for i := 0; i < n; i++ {
			m := &mutator{r: r, rate: []float64{0.05, 0.15, 0.4}[i%3]}
			var b bytes.Buffer
			m.emit(&b, tree)
			out = append(out, b.Bytes())
		}
	}
	for _, cut := range []int{1, len(data) / 3, len(data) / 2, len(data) - 1} {
		if cut > 0 && cut < len(data) {
			out = append(out, data[:cut])
		}
	}
	return out
}
