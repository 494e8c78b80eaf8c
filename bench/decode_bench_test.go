package bench

import (
	"encoding/json"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/intercom-go/intercom/internal/jsonx"
)

// BenchmarkDecodePage decodes one page of 150 contacts with DecodeJSON
// (the generated decoders) and with encoding/json, for profiling.
func BenchmarkDecodePage(b *testing.B) {
	data := page(b)
	for _, c := range []struct {
		name string
		fn   func([]byte, any) error
	}{{"DecodeJSON", v2_16.DecodeJSON}, {"encoding-json", json.Unmarshal}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var v v2_16.ContactList
				if err := c.fn(data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSkipPage only validates a page with the decoder's scanner: the
// floor under any decoding.
func BenchmarkSkipPage(b *testing.B) {
	data := page(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v struct{}
		if err := jsonx.Run(data, &v, func(d *jsonx.Decoder, _ *struct{}) error { return d.Skip() }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidPage compares jsonx.Valid with encoding/json.Valid on one
// page (the facade's retry layer validates every 2xx JSON body).
func BenchmarkValidPage(b *testing.B) {
	data := page(b)
	for _, c := range []struct {
		name string
		fn   func([]byte) bool
	}{{"jsonx", jsonx.Valid}, {"encoding-json", json.Valid}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !c.fn(data) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
