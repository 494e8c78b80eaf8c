package jsonx

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestUndeclaredKeepsUnknownMembers(t *testing.T) {
	names := []string{"id", "email"}
	var m map[string]json.RawMessage
	Undeclared([]byte(`{"id":"1","EMAIL":"a@x","new":{"a":[1, 2]},"n":null,"new":"later","":0}`), names, &m)
	want := map[string]json.RawMessage{"new": json.RawMessage(`"later"`), "n": json.RawMessage(`null`), "": json.RawMessage(`0`)}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("Undeclared = %q, want %q (folded EMAIL is the email field; a later duplicate wins)", m, want)
	}
	var none map[string]json.RawMessage
	Undeclared([]byte(`{"id":"1"`), names, &none)
	Undeclared([]byte(`[1]`), names, &none)
	Undeclared([]byte(`{"x":`), names, &none)
	Undeclared([]byte(``), names, &none)
	if none != nil {
		t.Fatalf("invalid or non-object input stored %q", none)
	}
}

func TestAppendMembers(t *testing.T) {
	names := []string{"id"}
	m := map[string]json.RawMessage{"b": json.RawMessage(`[1]`), "a": json.RawMessage(`{"x":null}`), "ID": json.RawMessage(`"shadow"`)}
	got, err := AppendMembers([]byte(`{"id":"1"}`), m, names)
	if err != nil || string(got) != `{"id":"1","a":{"x":null},"b":[1]}` {
		t.Fatalf("AppendMembers = %s, %v", got, err)
	}
	got, err = AppendMembers([]byte(`{}`), map[string]json.RawMessage{"q\"": json.RawMessage(`true`)}, names)
	if err != nil || string(got) != `{"q\"":true}` {
		t.Fatalf("AppendMembers into {} = %s, %v", got, err)
	}
	if _, err := AppendMembers([]byte(`{}`), map[string]json.RawMessage{"bad": json.RawMessage(`{`)}, names); err == nil {
		t.Fatal("an invalid raw member was written")
	}
}

func TestAddMemberCopies(t *testing.T) {
	buf := []byte(`"abc"`)
	var m map[string]json.RawMessage
	AddMember(&m, "k", buf)
	buf[1] = 'z'
	if string(m["k"]) != `"abc"` {
		t.Fatalf("AddMember aliases its input: %s", m["k"])
	}
}
