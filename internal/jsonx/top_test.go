package jsonx

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// members runs decodePair over doc through RunBody with a TopLevel and
// returns what it reported.
func members(t *testing.T, doc string) (map[string]string, bool, error) {
	t.Helper()
	got := map[string]string{}
	top := &TopLevel{Member: func(key, raw []byte) { got[string(key)] = string(raw) }}
	body := NewBody([]byte(doc))
	body.Top = top
	rsp := &http.Response{Body: body}
	data, err := ReadBody(rsp)
	require.NoError(t, err)
	var v pair
	err = RunBody(rsp, data, &v, decodePair)
	return got, top.Complete, err
}

// Without the fast path (the intercom_stdjson tag) nothing reports
// members, and Complete says so: callers find them another way.
func requireFast(t *testing.T) {
	t.Helper()
	if Fast {
		return
	}
	got, complete, err := members(t, `{"a":"x","pages":1}`)
	require.NoError(t, err, "intercom_stdjson: members %q, complete %v, err %v; want none, false", got, complete, err)
	assert.False(t, complete, "intercom_stdjson: members %q, complete %v, err %v; want none, false", got, complete, err)
	assert.Empty(t, got, "intercom_stdjson: members %q, complete %v, err %v; want none, false", got, complete, err)
	t.Skip("intercom_stdjson: the generated decoders, which report members, are not used")
}

func TestRunBodyReportsTopLevelMembers(t *testing.T) {
	requireFast(t)
	got, complete, err := members(t, ` { "a" : "x", "pages":{"next":{"starting_after":"c\"1"}} ,"b":"y","total_count": 7 , "n":null} `)
	require.NoError(t, err, "err %v, complete %v", err, complete)
	require.True(t, complete, "err %v, complete %v", err, complete)
	want := map[string]string{"a": `"x"`, "pages": `{"next":{"starting_after":"c\"1"}}`, "b": `"y"`, "total_count": `7`, "n": `null`}
	require.Len(t, got, len(want), "members %q, want %q", got, want)
	for k, w := range want {
		// Leading whitespace may remain; the value itself must be exact.
		g := strings.TrimLeft(got[k], " \t\r\n")
		assert.Equal(t, w, g, "%s: %q, want %q", k, g, w)
	}
	_, nested := got["next"]
	assert.False(t, nested, "a nested member was reported as top-level")
}

func TestRunBodyEscapedKeyAndEmptyObject(t *testing.T) {
	requireFast(t)
	got, complete, err := members(t, `{"p\u0061ges":1}`)
	require.NoError(t, err, "got %q, complete %v, err", got, complete)
	require.True(t, complete, "got %q, complete %v, err", got, complete)
	assert.Equal(t, "1", got["pages"], "got %q, complete %v, err", got, complete)
	got, complete, err = members(t, `{}`)
	require.NoError(t, err, "empty object: %q, %v", got, complete)
	require.True(t, complete, "empty object: %q, %v", got, complete)
	assert.Empty(t, got, "empty object: %q, %v", got, complete)
}

// Complete stays false whenever the members cannot be trusted to be all:
// no object at the top, or a fallback to encoding/json.
func TestRunBodyIncomplete(t *testing.T) {
	for _, doc := range []string{`null`, `{"a":1}`, `{"a":"x"`, `[{"a":"x"}]`} {
		_, complete, _ := members(t, doc)
		assert.False(t, complete, "%s: complete", doc)
	}
}

// Without a TopLevel, RunBody is Run, and a plain body is read as before.
func TestRunBodyWithoutListener(t *testing.T) {
	rsp := &http.Response{Body: io.NopCloser(strings.NewReader(`{"a":"x"}`)), ContentLength: -1}
	data, err := ReadBody(rsp)
	require.NoError(t, err)
	var v pair
	require.NoError(t, RunBody(rsp, data, &v, decodePair), "%v", v)
	require.NotNil(t, v.A, "%v", v)
	assert.Equal(t, "x", *v.A, "%v", v)
}

// Members hands over the top-level members in document order, keys
// unescaped and values raw; null is an object without members; anything
// else that is not an object, or not JSON, is an error.
func TestMembers(t *testing.T) {
	type kv struct{ Key, Raw string }
	collect := func(doc string) ([]kv, error) {
		var got []kv
		err := Members([]byte(doc), func(k, raw []byte) { got = append(got, kv{string(k), string(raw)}) })
		return got, err
	}
	got, err := collect(` {"data":[1,{"a":"}"}],"pa\u0067es":{"next":null}, "n": -1.5e3 } `)
	require.NoError(t, err)
	assert.Equal(t, []kv{{"data", `[1,{"a":"}"}]`}, {"pages", `{"next":null}`}, {"n", `-1.5e3`}}, got)
	got, err = collect("null")
	require.NoError(t, err)
	assert.Empty(t, got, "null")
	for _, doc := range []string{`[1]`, `"s"`, `{"a":1`, `{"a":1} x`, `{"a":}`, ``} {
		_, err := collect(doc)
		assert.Error(t, err, "%q", doc)
	}
}
