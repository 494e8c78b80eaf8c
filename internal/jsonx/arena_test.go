package jsonx

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

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
