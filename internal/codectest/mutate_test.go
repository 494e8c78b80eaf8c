package codectest

import (
	"math/rand/v2"
	"testing"
)

// TestMutatedExamplesDecodeLikeEncodingJSON decodes many mutated copies of
// every example (duplicate keys, respelt keys, values of other kinds, huge
// numbers, escapes and invalid UTF-8, truncation) both ways.
func TestMutatedExamplesDecodeLikeEncodingJSON(t *testing.T) {
	perExample := 6
	if testing.Short() {
		perExample = 2
	}
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(v.Version))))
			total := 0
			for _, ex := range examples(t, v) {
				for _, data := range variants(r, ex.data, perExample) {
					if check(t, v, ex, data) == compared {
						total++
					}
				}
				if t.Failed() {
					return // the first disagreements say enough
				}
			}
			t.Logf("%s: %d mutated inputs agree", v.Header, total)
		})
	}
}
