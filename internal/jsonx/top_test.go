package jsonx

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
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
	if err != nil {
		t.Fatal(err)
	}
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
	if err != nil || complete || len(got) != 0 {
		t.Errorf("intercom_stdjson: members %q, complete %v, err %v; want none, false", got, complete, err)
	}
	t.Skip("intercom_stdjson: the generated decoders, which report members, are not used")
}

func TestRunBodyReportsTopLevelMembers(t *testing.T) {
	requireFast(t)
	got, complete, err := members(t, ` { "a" : "x", "pages":{"next":{"starting_after":"c\"1"}} ,"b":"y","total_count": 7 , "n":null} `)
	if err != nil || !complete {
		t.Fatalf("err %v, complete %v", err, complete)
	}
	want := map[string]string{"a": `"x"`, "pages": `{"next":{"starting_after":"c\"1"}}`, "b": `"y"`, "total_count": `7`, "n": `null`}
	if len(got) != len(want) {
		t.Fatalf("members %q, want %q", got, want)
	}
	for k, w := range want {
		// Leading whitespace may remain; the value itself must be exact.
		if g := strings.TrimLeft(got[k], " \t\r\n"); g != w {
			t.Errorf("%s: %q, want %q", k, g, w)
		}
	}
	if _, nested := got["next"]; nested {
		t.Error("a nested member was reported as top-level")
	}
}

func TestRunBodyEscapedKeyAndEmptyObject(t *testing.T) {
	requireFast(t)
	got, complete, err := members(t, `{"p\u0061ges":1}`)
	if err != nil || !complete || got["pages"] != "1" {
		t.Errorf("got %q, complete %v, err %v", got, complete, err)
	}
	got, complete, err = members(t, `{}`)
	if err != nil || !complete || len(got) != 0 {
		t.Errorf("empty object: %q, %v, %v", got, complete, err)
	}
}

// Complete stays false whenever the members cannot be trusted to be all:
// no object at the top, or a fallback to encoding/json.
func TestRunBodyIncomplete(t *testing.T) {
	for _, doc := range []string{`null`, `{"a":1}`, `{"a":"x"`, `[{"a":"x"}]`} {
		_, complete, _ := members(t, doc)
		if complete {
			t.Errorf("%s: complete", doc)
		}
	}
}

// Without a TopLevel, RunBody is Run, and a plain body is read as before.
func TestRunBodyWithoutListener(t *testing.T) {
	rsp := &http.Response{Body: io.NopCloser(strings.NewReader(`{"a":"x"}`)), ContentLength: -1}
	data, err := ReadBody(rsp)
	if err != nil {
		t.Fatal(err)
	}
	var v pair
	if err := RunBody(rsp, data, &v, decodePair); err != nil || v.A == nil || *v.A != "x" {
		t.Errorf("%v %v", v, err)
	}
}

func TestBodyIsHandedOverWithoutACopy(t *testing.T) {
	data := []byte(`{"a":"x"}`)
	b := NewBody(data)
	head := make([]byte, 2)
	if n, err := b.Read(head); n != 2 || err != nil || string(head) != `{"` {
		t.Fatalf("Read: %d %v %q", n, err, head)
	}
	got, err := ReadBody(&http.Response{Body: b, ContentLength: int64(len(data))})
	if err != nil || string(got) != `a":"x"}` {
		t.Fatalf("ReadBody: %q %v", got, err)
	}
	if &got[0] != &data[2] {
		t.Error("ReadBody copied an in-memory body")
	}
	if b.Len() != 0 {
		t.Errorf("Len %d after ReadBody", b.Len())
	}
	if n, err := b.Read(head); n != 0 || err != io.EOF {
		t.Errorf("Read after the end: %d %v", n, err)
	}
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
	if err != nil {
		t.Fatal(err)
	}
	want := []kv{{"data", `[1,{"a":"}"}]`}, {"pages", `{"next":null}`}, {"n", `-1.5e3`}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got, err := collect("null"); err != nil || len(got) != 0 {
		t.Errorf("null: %v, %v", got, err)
	}
	for _, doc := range []string{`[1]`, `"s"`, `{"a":1`, `{"a":1} x`, `{"a":}`, ``} {
		if _, err := collect(doc); err == nil {
			t.Errorf("%q: no error", doc)
		}
	}
}
