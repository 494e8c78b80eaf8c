package jsonx

import "testing"

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
		if ok, err := d.Object(); !ok || err != nil {
			t.Fatal(err)
		}
		if _, err := d.Key(0); err != nil {
			t.Fatal(err)
		}
		if ok, err := d.Object(); !ok || err != nil {
			t.Fatal(err)
		}
		start := d.pos
		got := d.KeyIs(c.n, c.f, names)
		if got != c.want {
			t.Errorf("KeyIs(%d, %d) on %q = %v, want %v", c.n, c.f, c.in, got, c.want)
			continue
		}
		if !got {
			if d.pos != start {
				t.Errorf("KeyIs on %q declined but moved from %d to %d", c.in, start, d.pos)
			}
			continue
		}
		after := d.pos
		d.pos = start
		key, err := d.Key(c.n)
		if err != nil || string(key) != raw[c.f] || d.pos != after {
			t.Errorf("on %q: KeyIs took %q to %d; Key gives %q, %v, to %d", c.in, raw[c.f], after, key, err, d.pos)
		}
	}
}

// TestKeyIsLeavesTheOutermostObjectToKey: top-level members always go
// through Key.
func TestKeyIsLeavesTheOutermostObjectToKey(t *testing.T) {
	d := Decoder{data: []byte(`{"type":1}`)}
	if ok, err := d.Object(); !ok || err != nil {
		t.Fatal(err)
	}
	if d.KeyIs(0, 0, []string{QuoteKey("type")}) {
		t.Fatal("KeyIs matched a key of the outermost object")
	}
}

func TestQuoteKey(t *testing.T) {
	for in, want := range map[string]string{
		"type": `,"type":`, "a b": `,"a b":`, "": ",", `a"b`: ",", `a\b`: ",", "a\tb": ",", "caf\u00e9": ",", "a\x7f": ",",
	} {
		if got := QuoteKey(in); got != want {
			t.Errorf("QuoteKey(%q) = %q, want %q", in, got, want)
		}
	}
}
