package jsonx

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Undeclared members: Intercom sends members its descriptions do not
// declare (docs/divergences.md). A type whose schema the normaliser gave an
// Undeclared field (map[string]json.RawMessage, json:"-") keeps them there,
// as raw JSON, and writes them back when encoded, so that decoding then
// encoding a response loses nothing. The generated decoders store an
// unknown member with AddMember; the generated UnmarshalJSON methods, for
// encoding/json, with Undeclared; the generated MarshalJSON methods append
// them with AppendMembers.

// AddMember stores a copy of raw under name, making the map if needed. A
// later member of the same name replaces an earlier one, as a later key
// replaces an earlier one in a map that encoding/json decodes.
func AddMember(m *map[string]json.RawMessage, name string, raw []byte) {
	if *m == nil {
		*m = make(map[string]json.RawMessage, 2)
	}
	(*m)[name] = append(json.RawMessage(nil), raw...)
}

// Undeclared stores the members of the JSON object data that match none
// of names (a struct's fields' JSON names, matched as encoding/json
// matches them) in *m. The generated UnmarshalJSON methods call it after
// encoding/json has decoded data without error, so data is valid; input
// that is not an object stores nothing, and the walk stops at the first
// syntax error.
func Undeclared(data []byte, names []string, m *map[string]json.RawMessage) {
	d := &Decoder{data: data}
	if ok, err := d.Object(); !ok || err != nil {
		return
	}
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil || key == nil {
			return
		}
		var name string
		unknown := matchField(key, names) < 0
		if unknown {
			name = string(key) // the key buffer is reused while the value is read
		}
		raw, err := d.Raw()
		if err != nil {
			return
		}
		if unknown {
			AddMember(m, name, raw)
		}
	}
}

// AppendMembers adds members to the JSON object obj (as encoding/json
// writes a struct), in name order so that the output is stable. A member
// whose name one of names would take (a declared field) is left out: the
// field is what the value holds.
func AppendMembers(obj []byte, members map[string]json.RawMessage, names []string) ([]byte, error) {
	keys := make([]string, 0, len(members))
	for k := range members {
		if matchField([]byte(k), names) < 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return obj, nil
	}
	sort.Strings(keys)
	end := bytes.LastIndexByte(obj, '}')
	if end < 0 {
		return obj, nil
	}
	out := make([]byte, 0, len(obj)+32*len(keys))
	out = append(out, obj[:end]...)
	empty := len(bytes.TrimSpace(obj[bytes.IndexByte(obj, '{')+1:end])) == 0
	for _, k := range keys {
		v := members[k]
		if !json.Valid(v) {
			return nil, &json.UnsupportedValueError{Str: "undeclared member " + k + " is not valid JSON"}
		}
		if !empty {
			out = append(out, ',')
		}
		empty = false
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		out = append(append(append(out, kb...), ':'), v...)
	}
	return append(out, obj[end:]...), nil
}
