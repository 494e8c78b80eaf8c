package facade

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeErrorBody(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		want     errorBody
		complete bool
	}{
		{"error list", `{"type":"error.list","request_id":"e097e446","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`,
			errorBody{Type: "error.list", RequestID: "e097e446", Errors: []ErrorDetail{{Code: "unauthorized", Message: "Access Token Invalid"}}}, true},
		{"message shape", `{"type":"error","request_id":"req_123","message":"ruleset_id is required"}`,
			errorBody{Type: "error", RequestID: "req_123", Message: "ruleset_id is required"}, true},
		{"nulls and unknown members", `{"type":"error.list","request_id":null,"extra":{"a":[1,{"b":2}]},"errors":[{"code":"x","message":null,"field":"email","more":[true]}]}`,
			errorBody{Type: "error.list", Errors: []ErrorDetail{{Code: "x", Field: "email"}}}, true},
		{"wrong member types", `{"type":5,"errors":[{"code":{"nested":"x"},"message":["m"]},"not an object",null,{"code":"y"}]}`,
			errorBody{Errors: []ErrorDetail{{}, {Code: "y"}}}, true},
		{"errors not an array", `{"errors":{"code":"x"}}`, errorBody{}, true},
		{"duplicates: last wins", `{"type":"a","type":"b","errors":[{"code":"1"}],"errors":[{"code":"2","code":"3"}]}`,
			errorBody{Type: "b", Errors: []ErrorDetail{{Code: "3"}}}, true},
		{"huge number", `{"n":1e999999,"type":"t"}`, errorBody{Type: "t"}, true},
		{"cut in a detail", `{"type":"error.list","errors":[{"code":"a"},{"code":"b","message":"hal`,
			errorBody{Type: "error.list", Errors: []ErrorDetail{{Code: "a"}, {Code: "b"}}}, false},
		{"cut after a key", `{"request_id":"r","type"`, errorBody{RequestID: "r"}, false},
		{"trailing data", `{"type":"t"} {"type":"u"}`, errorBody{Type: "t"}, false},
		{"not an object", `["error"]`, errorBody{}, false},
		{"html", `<html><body>502</body></html>`, errorBody{}, false},
		{"empty", ``, errorBody{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, complete := decodeErrorBody([]byte(tc.body))
			require.Equal(t, tc.complete, complete, "decodeErrorBody = %+v, %v; want %+v, %v", got, complete, tc.want, tc.complete)
			require.True(t, equalBodies(got, tc.want), "decodeErrorBody = %+v, %v; want %+v, %v", got, complete, tc.want, tc.complete)
		})
	}
}

func equalBodies(a, b errorBody) bool {
	return a.Type == b.Type && a.RequestID == b.RequestID && a.Message == b.Message && slices.Equal(a.Errors, b.Errors)
}

// FuzzDecodeErrorBody: the streaming decoder never panics, and on every
// complete JSON object it agrees with a plain encoding/json reading of the
// same rules.
func FuzzDecodeErrorBody(f *testing.F) {
	f.Add([]byte(`{"type":"error.list","request_id":"e097e446-9ae6-44a8-8e13-2bf3008b87ef","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`))
	f.Add([]byte(`{"type":"error","request_id":"a1b2","message":"message_id is required"}`))
	f.Add([]byte(`{"type":"error.list","errors":[{"code":"parameter_invalid","message":"bad","field":"email"},null,3]}`))
	f.Add([]byte(`{"type":"error.list","errors":[{"code":"a"`))
	f.Add([]byte(`<html>502</html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, complete := decodeErrorBody(data)
		want, ok := referenceErrorBody(data)
		if ok != complete {
			// encoding/json also refuses nesting deeper than 10000.
			if complete && bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) > 10000 {
				return
			}
			require.Failf(t, "decodeErrorBody and encoding/json disagree", "decodeErrorBody complete = %v, encoding/json accepts = %v, for %q", complete, ok, data)
		}
		if !complete {
			return
		}
		require.True(t, equalBodies(got, want), "decodeErrorBody(%q)\n= %+v\nencoding/json reading: %+v", data, got, want)
	})
}

// referenceErrorBody reads an error body with encoding/json: exact member
// names, last duplicate wins, non-strings read as "", non-object items of
// errors skipped.
func referenceErrorBody(data []byte) (errorBody, bool) {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil || top == nil {
		return errorBody{}, false
	}
	str := func(m map[string]json.RawMessage, k string) string {
		var s string
		if raw, ok := m[k]; ok && json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	b := errorBody{Type: str(top, "type"), RequestID: str(top, "request_id"), Message: str(top, "message")}
	var items []json.RawMessage
	if raw, ok := top["errors"]; ok && bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		if json.Unmarshal(raw, &items) != nil {
			return errorBody{}, false
		}
	}
	for _, it := range items {
		if !strings.HasPrefix(string(bytes.TrimSpace(it)), "{") {
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(it, &m) != nil {
			return errorBody{}, false
		}
		b.Errors = append(b.Errors, ErrorDetail{Code: str(m, "code"), Message: str(m, "message"), Field: str(m, "field")})
	}
	return b, true
}
