package jsonx

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestMapAnyLikeEncodingJSON: free-form objects, whose string values share
// the keys' allocation, decode as encoding/json decodes them, judged on
// the fast path alone.
func TestMapAnyLikeEncodingJSON(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	Strict = true
	defer func() { Strict = false }()
	for _, in := range []string{
		`{}`, `null`, `{"":""}`, `{"":"","":"x"}`, `{"a":"x","a":"y"}`, `{"a":"x","a":1}`, `{"a":1,"a":"x"}`,
		`{"a":"\u00e9\n\ud83d\ude00","b":{"c":"d","":"","e":{"f":"g"}},"h":["i",1,null,{"j":"k"}],"l":1.5,"m":true}`,
		"{\"a\":\"\xff\xfe\",\"b\xff\":\"c\"}", `{"a":"\ud800"}`, `{"a\"b":"c\\d"}`,
		`{"a":"x"`, `{"a":"x`, `{"a":"\u12"}`, `{"a":"x",}`, `{"a" "x"}`, `{"a":"x"}x`,
	} {
		var got, want map[string]any
		gerr := Run([]byte(in), &got, MapAny[string])
		werr := json.Unmarshal([]byte(in), &want)
		if (gerr == nil) != (werr == nil) {
			t.Errorf("%s: error %v, encoding/json %v", in, gerr, werr)
			continue
		}
		if gerr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, encoding/json %#v", in, got, want)
		}
	}
}
