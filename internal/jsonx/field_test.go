package jsonx

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeyIsAgreesWithKey: whenever KeyIs accepts a key, Key reads that same
// key from the same place and stops at the same offset; when it declines,
// it has consumed nothing.
func TestKeyIsAgreesWithKey(t *testing.T) {
	raw := []string{"type", "id", "a\"b", "a b"}
	names := make([]string, len(raw))
	for i, k := range raw {
		names[i] = QuoteKey(k)
	}
	cases := []struct {
		in   string // an object's inside, after the key count below
		n    int
		f    int
		want bool
	}{
		{`"type":1}`, 0, 0, true},
		{`,"type":1}`, 1, 0, true},
		{`, "type":1}`, 1, 0, false}, // whitespace is left to Key
		{`,` + "\n" + `"type":1}`, 1, 0, false},
		{` "type":1}`, 0, 0, false},
		{`"id":1}`, 0, 1, true},
		{`"a b":1}`, 0, 3, true},
		{`"type":1}`, 1, 0, false},      // separator missing
		{` ,"type":1}`, 1, 0, false},    // space before ',' is left to Key
		{`,"type" :1}`, 1, 0, false},    // space before ':' is left to Key
		{`"types":1}`, 0, 0, false},     // longer key
		{`"typ":1}`, 0, 0, false},       // shorter key
		{`"typ\u0065":1}`, 0, 0, false}, // escaped: Key unescapes it
		{`"Type":1}`, 0, 0, false},      // folding is Key's caller's business
		{`"type"`, 0, 0, false},         // truncated
		{`"type`, 0, 0, false},
		{`"type":`, 0, 0, true},
		{`"":1}`, 0, 2, false}, // a key QuoteKey cannot quote is never matched
		{`"a\"b":1}`, 0, 2, false},
		{`,"a\"b":1}`, 1, 2, false},
		{`,"":1}`, 1, 2, false},
		{`,`, 1, 2, false},
		{``, 0, 2, false},
		{`"id":1}`, 0, 4, false},
		{`"id":1}`, 0, -1, false},
		{`}`, 0, 0, false},
		{`,}`, 1, 0, false},
	}
	for _, c := range cases {
		// A wrapping object, so that the one under test is not the
		// outermost (whose keys KeyIs leaves to Key).
		data := []byte(`{"x":{` + c.in)
		d := Decoder{data: data}
		ok, err := d.Object()
		require.NoError(t, err)
		require.True(t, ok)
		_, err = d.Key(0)
		require.NoError(t, err)
		ok, err = d.Object()
		require.NoError(t, err)
		require.True(t, ok)
		start := d.pos
		got := d.KeyIs(c.n, c.f, names)
		if !assert.Equal(t, c.want, got, "KeyIs(%d, %d) on %q", c.n, c.f, c.in) {
			continue
		}
		if !got {
			assert.Equal(t, start, d.pos, "KeyIs on %q declined but moved from %d to %d", c.in, start, d.pos)
			continue
		}
		after := d.pos
		d.pos = start
		key, err := d.Key(c.n)
		require.NoError(t, err, "on %q: KeyIs took %q to %d; Key gives %q, %v, to %d", c.in, raw[c.f], after, key, err, d.pos)
		assert.Equal(t, raw[c.f], string(key), "on %q: KeyIs took %q to %d; Key gives %q, %v, to %d", c.in, raw[c.f], after, key, err, d.pos)
		assert.Equal(t, after, d.pos, "on %q: KeyIs took %q to %d; Key gives %q, %v, to %d", c.in, raw[c.f], after, key, err, d.pos)
	}
}

// TestKeyIsLeavesTheOutermostObjectToKey: top-level members always go
// through Key.
func TestKeyIsLeavesTheOutermostObjectToKey(t *testing.T) {
	d := Decoder{data: []byte(`{"type":1}`)}
	ok, err := d.Object()
	require.True(t, ok)
	require.NoError(t, err)
	require.False(t, d.KeyIs(0, 0, []string{QuoteKey("type")}), "KeyIs matched a key of the outermost object")
}

func TestQuoteKey(t *testing.T) {
	for in, want := range map[string]string{
		"type": `,"type":`, "a b": `,"a b":`, "": ",", `a"b`: ",", `a\b`: ",", "a\tb": ",", "caf\u00e9": ",", "a\x7f": ",",
	} {
		got := QuoteKey(in)
		assert.Equal(t, want, got, "QuoteKey(%q) = %q, want %q", in, got, want)
	}
}

func TestOrderPredictsWhatItLearnt(t *testing.T) {
	var o [4]Learnt
	order := Order(o[:])
	for f := -1; f < 3; f++ {
		g := order.After(f)
		assert.Equal(t, f+1, g, "before learning, after %d: %d, want %d", f, g, f+1)
	}
	last := order.Learn(-1, 2)  // field 2 came first
	last = order.Learn(last, 0) // then field 0
	last = order.Learn(last, -1)
	assert.Equal(t, 0, last, "a key of no field moved the prediction")
	order.Learn(last, 1) // field 1 after the key of no field: after 0
	for _, c := range [][2]int{{-1, 2}, {2, 0}, {0, 1}, {1, 2}} {
		g := order.After(c[0])
		assert.Equal(t, c[1], g, "after %d: %d, want %d", c[0], g, c[1])
	}
	assert.Equal(t, 8, order.After(7), "after a field out of range")
}

// triple is decoded the way generated decoders decode a struct, counting
// the keys that were not predicted.
type triple struct{ A, B, C *string }

var (
	orderTriple [4]Learnt
	namesTriple = []string{QuoteKey("a"), QuoteKey("b"), QuoteKey("c")}
	missed      int
)

func decodeTriple(d *Decoder, v *triple) error {
	ok, err := d.Object()
	if !ok {
		return err
	}
	last := -1
	for n := 0; ; n++ {
		f := Order(orderTriple[:]).After(last)
		if d.KeyIs(n, f, namesTriple) {
			last = f
		} else {
			key, err := d.Key(n)
			if err != nil || key == nil {
				return err
			}
			missed++
			f = -1
			switch string(key) {
			case "a":
				f = 0
			case "b":
				f = 1
			case "c":
				f = 2
			}
			last = Order(orderTriple[:]).Learn(last, f)
		}
		switch f {
		case 0:
			v.A, err = StringTo(d, v.A)
		case 1:
			v.B, err = StringTo(d, v.B)
		case 2:
			v.C, err = StringTo(d, v.C)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

// Objects whose keys come in an order of their own, with a key of no
// field among them, miss predictions only while the order is learnt (and
// on that key), and decode as encoding/json decodes them.
func TestKeysInAnOrderOfTheirOwnArePredicted(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	in := "[" + strings.TrimSuffix(strings.Repeat(`{"c":"3","x":0,"a":"1","b":"2"},`, 100), ",") + "]"
	missed = 0
	var got, want []triple
	require.NoError(t, Run([]byte(in), &got, func(d *Decoder, p *[]triple) error { return Slice(d, p, decodeTriple) }))
	require.NoError(t, json.Unmarshal([]byte(in), &want))
	for i := range want {
		require.Equal(t, *want[i].A, *got[i].A, "element %d differs", i)
		require.Equal(t, *want[i].B, *got[i].B, "element %d differs", i)
		require.Equal(t, *want[i].C, *got[i].C, "element %d differs", i)
	}
	// Each object misses on "x", which is no field; the first object also
	// on "c", its first key, and on "a", which it had yet to learn.
	assert.Equal(t, 100+2, missed, "keys not predicted")
}

// TestFieldChoosesAsEncodingJSON: Field finds the field encoding/json
// stores a key in (the exact name first, else the first field whose name
// folds to the key's fold), for every key of a struct whose names collide
// under folding, and -1 for a key of no field.
func TestFieldChoosesAsEncodingJSON(t *testing.T) {
	type s struct {
		A int `json:"kelvin"`
		B int `json:"KELVIN"`
		C int `json:"name"`
		D int `json:"\u212aelvin"` // Kelvin sign: folds like K
		E int `json:"id"`
	}
	fs := NewFields([]string{"kelvin", "KELVIN", "name", "\u212aelvin", "id"})
	require.True(t, slices.IsSorted(fs.Names) && slices.IsSorted(fs.Folded), "NewFields sorts its lists: %+v", fs)
	for _, key := range []string{"kelvin", "KELVIN", "Kelvin", "kELVIN", "\u212aelvin", "name", "NAME", "Name", "id", "ID", "iD", "other", "", "names"} {
		var want s
		require.NoError(t, json.Unmarshal([]byte(`{"`+key+`":1}`), &want))
		wantField := -1
		for i, v := range []int{want.A, want.B, want.C, want.D, want.E} {
			if v == 1 {
				wantField = i
			}
		}
		d := &Decoder{}
		assert.Equal(t, wantField, d.Field([]byte(key), &fs), "key %q", key)
	}
}
