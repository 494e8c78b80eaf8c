package facade

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

type tailMember struct{ Key, Raw string }

func tailOf(data []byte) ([]tailMember, bool) {
	var got []tailMember
	ok := lastMembers(data, func(key, raw []byte) {
		got = append(got, tailMember{string(key), string(bytes.TrimSpace(raw))})
	})
	return got, ok
}

func TestLastMembers(t *testing.T) {
	big := `[` + strings.Repeat(`{"id":"x"},`, tailWindow/10) + `{"id":"y"}]`
	for name, tc := range map[string]struct {
		doc  string
		want []tailMember
		ok   bool
	}{
		"page": {`{"type":"list","data":` + big + `,"total_count":3,"pages":{"type":"pages","next":{"starting_after":"WzE2XQ"}}}`,
			[]tailMember{{"total_count", "3"}, {"pages", `{"type":"pages","next":{"starting_after":"WzE2XQ"}}`}}, true},
		"small object, every member": {` { "a" : 1 , "b":[1,{"c":"]"}], "d" : "x\"y\\" , "e":null,"f":-1.5e+3 } `,
			[]tailMember{{"a", "1"}, {"b", `[1,{"c":"]"}]`}, {"d", `"x\"y\\"`}, {"e", "null"}, {"f", "-1.5e+3"}}, true},
		"escaped key":       {`{"p\u0061ges":{},"x\\":true}`, []tailMember{{"pages", "{}"}, {`x\`, "true"}}, true},
		"empty object":      {`{}`, nil, true},
		"items last":        {`{"pages":{"next":null},"data":` + big + `}`, nil, true},
		"not an object":     {`[1,2]`, nil, false},
		"cut":               {`{"data":[1,2],"pages":{"next":`, nil, false},
		"empty":             {``, nil, false},
		"garbage before":    {`xx"a":1}`, nil, false},
		"string in a value": {`{"a":"{\"b\":[}"}`, []tailMember{{"a", `"{\"b\":[}"`}}, true},
	} {
		t.Run(name, func(t *testing.T) {
			got, ok := tailOf([]byte(tc.doc))
			assert.Equal(t, tc.ok, ok)
			if tc.ok {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

// membersForward lists the members of a JSON object with encoding/json.
func membersForward(data []byte) ([]tailMember, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var ms []tailMember
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, false
		}
		ms = append(ms, tailMember{tok.(string), string(raw)})
	}
	return ms, true
}

// FuzzLastMembers: on any input lastMembers stays inside the data; on a JSON
// object it reports a suffix of its members, exactly as encoding/json reads
// them, and all of them when the object is small.
func FuzzLastMembers(f *testing.F) {
	for _, s := range []string{
		`{"type":"list","data":[{"id":"1"}],"total_count":1,"pages":{"next":{"starting_after":"a\"b"}}}`,
		`{"a":[1,[2,{"b":"}\\\""}]],"c":"\\\\"}`, `{"\\"":1}`, `{}`, `"}"`, `}`, `{"a":}`, `{"a":1,}`, `\"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := tailOf(data)
		if !json.Valid(data) {
			return
		}
		all, isObject := membersForward(data)
		if !isObject {
			assert.False(t, ok, "not an object")
			return
		}
		if !assert.True(t, ok, "an object") {
			return
		}
		if len(got) > len(all) {
			t.Fatalf("%d members reported, the object has %d", len(got), len(all))
		}
		assert.Equal(t, all[len(all)-len(got):], got, "a suffix of the members")
		if len(data) < tailWindow && len(all) <= maxTailMembers {
			assert.Len(t, got, len(all), "a small object is read whole")
		}
	})
}
