package codectest

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
)

type fuzzTarget struct {
	v   Version
	typ reflect.Type
}

// fuzzTargets lists every type with a generated decoder of every version
// (Version.Fast: for any other, DecodeJSON is encoding/json), in a fixed
// order, so that the fuzzer's selector names the same type across runs.
func fuzzTargets() []fuzzTarget {
	var out []fuzzTarget
	for _, v := range Versions {
		var ts []reflect.Type
		for typ := range v.Fast {
			ts = append(ts, typ)
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i].String() < ts[j].String() })
		for _, typ := range ts {
			out = append(out, fuzzTarget{v, typ})
		}
	}
	return out
}

// FuzzDecodeLikeEncodingJSON decodes arbitrary bytes into a chosen
// generated type with encoding/json and with DecodeJSON: the outcomes must
// agree. Plain "go test" runs the seeds (hostile inputs, and examples of a
// spread of types); "make fuzz-codec" explores further for a bounded time.
func FuzzDecodeLikeEncodingJSON(f *testing.F) {
	targets := fuzzTargets()
	index := map[reflect.Type]int{}
	for i, tg := range targets {
		if _, ok := index[tg.typ]; !ok {
			index[tg.typ] = i
		}
	}
	for _, data := range hostileInputs() {
		if len(data) < 4096 { // big seeds make minimisation crawl
			f.Add(uint16(0), data)
		}
	}
	for _, v := range Versions {
		if d := description(f, v.Version); d == nil {
			continue
		}
		for i, ex := range examples(f, v) {
			if ex.typ == nil || i%25 != 0 {
				continue
			}
			if sel, ok := index[fastTarget(v, ex.typ)]; ok {
				f.Add(uint16(sel), ex.data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, sel uint16, data []byte) {
		tg := targets[int(sel)%len(targets)]
		got, want := jsonx.Valid(data), json.Valid(data)
		assert.Equal(t, want, got, "jsonx.Valid(%q) = %v, json.Valid %v", data, got, want)
		std, fast := decodeBoth(tg.v, tg.typ, data)
		msg := agree(std, fast)
		assert.Empty(t, msg, "%s %v (%q): %s", tg.v.Header, tg.typ, data, msg)
	})
}
