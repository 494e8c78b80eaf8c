package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUndeclaredKeepsUnknownMembers(t *testing.T) {
	names := []string{"id", "email"}
	var m map[string]json.RawMessage
	Undeclared([]byte(`{"id":"1","EMAIL":"a@x","new":{"a":[1, 2]},"n":null,"new":"later","":0}`), names, &m)
	want := map[string]json.RawMessage{"new": json.RawMessage(`"later"`), "n": json.RawMessage(`null`), "": json.RawMessage(`0`)}
	require.Equal(t, want, m, "Undeclared = %q, want %q (folded EMAIL is the email field; a later duplicate wins)", m, want)
	var none map[string]json.RawMessage
	Undeclared([]byte(`{"id":"1"`), names, &none)
	Undeclared([]byte(`[1]`), names, &none)
	Undeclared([]byte(`{"x":`), names, &none)
	Undeclared([]byte(``), names, &none)
	require.Nil(t, none, "invalid or non-object input stored")
}

func TestAppendMembers(t *testing.T) {
	names := []string{"id"}
	m := map[string]json.RawMessage{"b": json.RawMessage(`[1]`), "a": json.RawMessage(`{"x":null}`), "ID": json.RawMessage(`"shadow"`)}
	got, err := AppendMembers([]byte(`{"id":"1"}`), m, names)
	require.NoError(t, err, "AppendMembers = %s", got)
	require.Equal(t, `{"id":"1","a":{"x":null},"b":[1]}`, string(got), "AppendMembers = %s", got)
	got, err = AppendMembers([]byte(`{}`), map[string]json.RawMessage{"q\"": json.RawMessage(`true`)}, names)
	require.NoError(t, err, "AppendMembers into {} = %s", got)
	require.Equal(t, `{"q\"":true}`, string(got), "AppendMembers into {} = %s", got)
	_, err = AppendMembers([]byte(`{}`), map[string]json.RawMessage{"bad": json.RawMessage(`{`)}, names)
	require.Error(t, err, "an invalid raw member was written")
}

func TestAddMemberCopies(t *testing.T) {
	buf := []byte(`"abc"`)
	var m map[string]json.RawMessage
	AddMember(&m, "k", buf)
	buf[1] = 'z'
	require.Equal(t, `"abc"`, string(m["k"]), "AddMember aliases its input: %s", m["k"])
}
