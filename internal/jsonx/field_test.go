package jsonx

import (
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
