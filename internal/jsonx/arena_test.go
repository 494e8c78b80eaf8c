package jsonx

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
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
	if err := Run(in, &got, func(d *Decoder, p *[]pair) error { return Slice(d, p, decodePair) }); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(in, &want); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if *got[i].A != *want[i].A || *got[i].B != *want[i].B {
			t.Fatalf("element %d: %q %q, want %q %q", i, *got[i].A, *got[i].B, *want[i].A, *want[i].B)
		}
	}

	var gotMaps, wantMaps []map[string]any
	if err := Run(in, &gotMaps, func(d *Decoder, p *[]map[string]any) error { return Slice(d, p, MapAny[string]) }); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(in, &wantMaps); err != nil {
		t.Fatal(err)
	}
	for i := range wantMaps {
		if gotMaps[i]["a"] != wantMaps[i]["a"] || gotMaps[i]["b"] != wantMaps[i]["b"] || len(gotMaps[i]) != 2 {
			t.Fatalf("element %d: %q, want %q", i, gotMaps[i], wantMaps[i])
		}
	}
}
