package jsonx

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRunUsesTheFastPathPerBuildTag: the fast path runs exactly when Fast
// is set (it is not under the intercom_stdjson tag), and the result is the
// same either way.
func TestRunUsesTheFastPathPerBuildTag(t *testing.T) {
	called := false
	var v pair
	err := Run([]byte(`{"a":"x","b":"y"}`), &v, func(d *Decoder, p *pair) error {
		called = true
		return decodePair(d, p)
	})
	require.NoError(t, err, "Run: %v, %+v", err, v)
	require.NotNil(t, v.A, "Run: %v, %+v", err, v)
	require.Equal(t, "x", *v.A, "Run: %v, %+v", err, v)
	require.Equal(t, "y", *v.B, "Run: %v, %+v", err, v)
	require.Equal(t, Fast, called, "fast path called: %v, Fast: %v", called, Fast)
}

// TestRunFallsBackToEncodingJSON: a fast-path failure yields encoding/json's
// own error and result, unless Strict asks for the fast path's error.
func TestRunFallsBackToEncodingJSON(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: there is no fast path to fall back from")
	}
	failing := func(d *Decoder, p *pair) error { return d.syntax("planted failure") }
	var v pair
	err := Run([]byte(`{"a":"x"}`), &v, failing)
	require.NoError(t, err, "fallback did not decode with encoding/json")
	require.NotNil(t, v.A, "fallback did not decode with encoding/json")
	require.Equal(t, "x", *v.A, "fallback did not decode with encoding/json")
	var se *json.SyntaxError
	require.ErrorAs(t, Run([]byte(`{"a":`), &v, failing), &se)
	// As with encoding/json, a syntax error leaves the destination as it
	// was, even though the fast path wrote to it before failing.
	before := "kept"
	w := pair{A: nil, B: &before}
	err = Run([]byte(`{"a":"x","b":`), &w, decodePair)
	require.ErrorAs(t, err, &se, "after a syntax error")
	require.Nil(t, w.A, "after a syntax error")
	require.Same(t, &before, w.B, "after a syntax error")
	require.Equal(t, "kept", before, "after a syntax error")
	// A zero destination is zero again (run keeps no copy of it).
	var z pair
	require.ErrorAs(t, Run([]byte(`{"a":"x","b":`), &z, decodePair), &se, "zero destination")
	require.Equal(t, pair{}, z, "zero destination after a syntax error")
	var ie *json.InvalidUnmarshalError
	require.ErrorAs(t, Run([]byte(`{}`), (*pair)(nil), decodePair), &ie, "nil destination")
	// The untyped entries the generated code calls answer a nil or
	// non-pointer destination as encoding/json does, without calling fn.
	never := func(*Decoder) error { t.Fatal("fn called"); return nil }
	require.ErrorAs(t, RunFunc([]byte(`{}`), (*pair)(nil), never), &ie, "RunFunc, nil destination")
	require.ErrorAs(t, RunFunc([]byte(`{}`), pair{}, never), &ie, "RunFunc, not a pointer")
	require.ErrorAs(t, RunBodyFunc(nil, []byte(`{}`), (*pair)(nil), never), &ie, "RunBodyFunc, nil destination")
	var u pair
	require.NoError(t, RunFunc([]byte(`{"a":"x","b":"y"}`), &u, func(d *Decoder) error { return decodePair(d, &u) }))
	require.Equal(t, "x", *u.A)
	require.Equal(t, "y", *u.B)
	Strict = true
	defer func() { Strict = false }()
	var je *Error
	require.ErrorAs(t, Run([]byte(`{"a":"x"}`), &v, failing), &je, "Strict")
	require.Equal(t, "planted failure", je.Msg, "Strict")
}

// TestSharedStringsStayDistinct decodes more string values than one shared
// block holds, with escapes and duplicate keys: every target must get its
// own value, and none may alias another.
func TestSharedStringsStayDistinct(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	const n = 500
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		v := strconv.Itoa(i) + strings.Repeat("z", i%40)
		b.WriteString(`{"a":"` + v + `\u00e9","b":"drop","b":"` + v + `"}`)
	}
	b.WriteString("]")
	var got []pair
	err := Run([]byte(b.String()), &got, func(d *Decoder, p *[]pair) error { return Slice(d, p, decodePair) })
	var want []pair
	require.NoError(t, err, "decode: %v", err)
	require.NoError(t, json.Unmarshal([]byte(b.String()), &want), "decode: %v", err)
	require.Len(t, got, n, "%d elements", len(got))
	seen := map[*string]bool{}
	for i := range got {
		require.Equal(t, *want[i].A, *got[i].A, "element %d", i)
		require.Equal(t, *want[i].B, *got[i].B, "element %d", i)
		require.False(t, seen[got[i].A], "element %d shares a target", i)
		require.False(t, seen[got[i].B], "element %d shares a target", i)
		require.NotSame(t, got[i].A, got[i].B, "element %d shares a target", i)
		seen[got[i].A], seen[got[i].B] = true, true
	}
	*got[0].A = "changed"
	require.NotEqual(t, "changed", *got[1].A, "writing one field changed another")
	require.NotEqual(t, "changed", *got[0].B, "writing one field changed another")
}

// TestArenaStringsStayIntact decodes many strings of mixed lengths, with
// escapes and invalid UTF-8 (whose replacement is three times longer than
// the byte it replaces, so an unescaped value can outgrow the space left in
// its block), into pointer fields and free-form maps. Every string handed
// out earlier must still hold its value at the end: the arena may only be
// appended to.
func TestArenaStringsStayIntact(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	Strict = true
	defer func() { Strict = false }()
	r := rand.New(rand.NewPCG(3, 4))
	value := func() string {
		switch r.IntN(6) {
		case 0:
			return ""
		case 1:
			return strings.Repeat("\xff", r.IntN(2*strChunk))
		case 2:
			return strings.Repeat(`\u00e9`, r.IntN(300))
		case 3:
			return strings.Repeat("x", strChunk/4+r.IntN(3)-1)
		default:
			return strings.Repeat("ab", r.IntN(40))
		}
	}
	var b strings.Builder
	b.WriteString(`[`)
	for i := 0; i < 400; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"a":"` + value() + `","b":"` + value() + `"}`)
	}
	b.WriteString(`]`)
	in := []byte(b.String())

	var got, want []pair
	require.NoError(t, Run(in, &got, func(d *Decoder, p *[]pair) error { return Slice(d, p, decodePair) }))
	require.NoError(t, json.Unmarshal(in, &want))
	for i := range want {
		require.Equal(t, *want[i].A, *got[i].A, "element %d", i)
		require.Equal(t, *want[i].B, *got[i].B, "element %d", i)
	}

	var gotMaps, wantMaps []map[string]any
	require.NoError(t, Run(in, &gotMaps, func(d *Decoder, p *[]map[string]any) error { return Slice(d, p, MapAny[string]) }))
	require.NoError(t, json.Unmarshal(in, &wantMaps))
	for i := range wantMaps {
		require.Equal(t, wantMaps[i]["a"], gotMaps[i]["a"], "element %d", i)
		require.Equal(t, wantMaps[i]["b"], gotMaps[i]["b"], "element %d", i)
		require.Len(t, gotMaps[i], 2, "element %d", i)
	}
}
