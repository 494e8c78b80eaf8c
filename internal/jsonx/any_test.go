package jsonx

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMapAnyLikeEncodingJSON: free-form objects, whose keys and string
// values are cut from the decoder's arena, decode as encoding/json decodes
// them, judged on the fast path alone.
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
		`{"a":0,"b":-0,"c":7,"d":-7,"e":[0,-0,1,-1,2.5,-0.0,1e2]}`, `{"a":01}`, `{"a":-01}`, `{"a":-}`, `{"a":-x}`,
		`{"a":123456789012345,"b":-123456789012345,"c":1234567890123456,"d":12345678901234567890}`,
		`{"a":9007199254740993}`, `{"a":1e400}`, `{"a":1.5e3,"b":1E-2,"c":0.1}`, `{"a":1`, `{"a":-`,
	} {
		var got, want map[string]any
		gerr := Run([]byte(in), &got, MapAny[string])
		werr := json.Unmarshal([]byte(in), &want)
		if !assert.Equal(t, werr == nil, gerr == nil, "%s: error %v, encoding/json %v", in, gerr, werr) || gerr != nil {
			continue
		}
		assert.Equal(t, want, got, in)
		// Sprint tells -0 from 0, which DeepEqual does not.
		assert.Equal(t, fmt.Sprint(want), fmt.Sprint(got), in)
	}
}
