package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lenientT is shaped like a generated type with lenient fields: its
// decoder is written as intercomgen writes one, and its UnmarshalJSON as
// intercomgen writes the encoding/json side, through Relax.
type lenientT struct {
	PerPage *int    `json:"per_page,omitempty"`
	N       int     `json:"n"`
	S       *string `json:"s,omitempty"`
	V       string  `json:"v"`
	Plain   *int    `json:"plain,omitempty"`
}

var (
	lenientNames = []string{"per_page", "n", "s", "v", "plain"}
	lenientKinds = []byte{IntOrString, IntOrString, StringOrNumber, StringOrNumber, AsDeclared}
)

func (v *lenientT) UnmarshalJSON(data []byte) error {
	data = Relax(data, lenientNames, lenientKinds)
	type plain lenientT
	return json.Unmarshal(data, (*plain)(v))
}

func decodeLenientT(d *Decoder, v *lenientT) error {
	ok, err := d.Object()
	if !ok {
		return err
	}
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil || key == nil {
			return err
		}
		switch matchField(key, lenientNames) {
		case 0:
			v.PerPage, err = IntOrStringTo(d, v.PerPage)
		case 1:
			err = IntOrStringValue(d, &v.N)
		case 2:
			v.S, err = StringOrNumberTo(d, v.S)
		case 3:
			err = StringOrNumberValue(d, &v.V)
		case 4:
			v.Plain, err = IntTo(d, v.Plain)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

func TestLenientFastAndRelaxAgree(t *testing.T) {
	old := Strict
	Strict = true
	defer func() { Strict = old }()
	inputs := []string{
		`{"per_page":"100","n":"-5","s":12345,"v":1.5e3}`,
		`{"per_page":100,"n":7,"s":"x","v":"y"}`,
		`{ "PER_PAGE" : "7" , "N":"0"}`,
		`{"per_page":"\u0031\u0030"}`,
		`{"per_page":null,"s":null,"v":null,"n":null}`,
		`{"per_page":"1","per_page":"2"}`,
		`{"s":-0,"v":0.25}`,
		`{"plain":"5"}`,
		`{"per_page":"1e2"}`,
		`{"per_page":"01"}`,
		`{"per_page":" 1"}`,
		`{"per_page":"99999999999999999999"}`,
		`{"per_page":"abc"}`,
		`{"n":true}`,
		`{"s":[1]}`,
		`{"nested":{"per_page":"3"},"per_page":"4"}`,
		`null`,
		`"str"`,
		`{"per_page":"1"`,
	}
	for _, in := range inputs {
		var std, fast lenientT
		errStd := json.Unmarshal([]byte(in), &std)
		errFast := Run([]byte(in), &fast, decodeLenientT)
		if !assert.Equal(t, errStd == nil, errFast == nil, "%s: encoding/json error %v, fast error %v", in, errStd, errFast) {
			continue
		}
		if errStd == nil {
			assert.Equal(t, std, fast, in)
		}
	}
	var v lenientT
	require.NoError(t, Run([]byte(`{"per_page":"100","n":"-5","s":12345,"v":1.5e3}`), &v, decodeLenientT))
	require.NotNil(t, v.PerPage, "decoded %+v", v)
	require.Equal(t, 100, *v.PerPage, "decoded %+v", v)
	require.Equal(t, -5, v.N, "decoded %+v", v)
	require.NotNil(t, v.S, "decoded %+v", v)
	require.Equal(t, "12345", *v.S, "decoded %+v", v)
	require.Equal(t, "1.5e3", v.V, "decoded %+v", v)
	require.Error(t, Run([]byte(`{"plain":"5"}`), &v, decodeLenientT), "a field that is not lenient accepted a string")
}

func TestRelaxLeavesOtherInputAlone(t *testing.T) {
	for _, in := range []string{`{"per_page":"1"`, `[1]`, `{"other":"1"}`, `{"per_page":"x"}`, `{"per_page":`, `{"per_page":"1"} x`, `{"per_page":"1",}`, ``} {
		assert.Equal(t, in, string(Relax([]byte(in), lenientNames, lenientKinds)), "Relax")
	}
	got := string(Relax([]byte(`{"a":1, "per_page" : "12" ,"s":3}`), lenientNames, lenientKinds))
	assert.Equal(t, `{"a":1, "per_page" : 12 ,"s":"3"}`, got, "Relax rewrote to %s", got)
}

func TestQuery(t *testing.T) {
	q := Query("https://api.intercom.io/articles?page=2&per_page=50&starting_after=WzE2")
	n, ok := QueryInt(q, "per_page")
	require.True(t, ok, "per_page = %d %v", n, ok)
	require.Equal(t, 50, n, "per_page = %d %v", n, ok)
	s, ok := QueryString(q, "starting_after")
	require.True(t, ok, "starting_after = %q %v", s, ok)
	require.Equal(t, "WzE2", s, "starting_after = %q %v", s, ok)
	_, ok = QueryInt(q, "missing")
	require.False(t, ok, "missing parameter found")
	_, ok = QueryInt(Query("https://x/?per_page=abc"), "per_page")
	require.False(t, ok, "non-numeric per_page read as a number")
}
