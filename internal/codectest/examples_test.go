package codectest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExamplesDecodeLikeEncodingJSON(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			exs := examples(t, v)
			checked, responses, skipped, skippedResponses, unsent, requests := 0, 0, 0, 0, 0, 0
			for _, ex := range exs {
				switch check(t, v, ex, ex.data) {
				case compared:
					checked++
					if ex.parse != nil {
						responses++
					}
				case noDecoder:
					skipped++
					if ex.parse != nil {
						skippedResponses++
					}
					if ex.typ != nil && named(ex.typ) {
						unsent++ // a declared type (others: strings, lists, which have no decoder of their own)
					}
					if strings.Contains(ex.where, "/requestBody/") {
						requests++
					}
				}
			}
			t.Logf("%s: %d examples checked (%d through Parse functions); %d not, their destination having no generated decoder: %d of a declared type (%d request bodies), the others of a predeclared or composite type",
				v.Header, checked, responses, skipped, unsent, requests)
			// Guard against a walk that silently finds nothing.
			require.GreaterOrEqual(t, checked, 200, "only %d examples (%d responses) checked", checked, responses)
			require.GreaterOrEqual(t, responses, 50, "only %d examples (%d responses) checked", checked, responses)
			// Every response is decoded by a generated decoder: only what
			// Intercom does not send goes without.
			require.Zero(t, skippedResponses, "response examples whose Parse function has no generated decoder")
		})
	}
}

// named reports whether typ, or what it points to, is a declared type
// (of a generated package, or another).
func named(typ reflect.Type) bool {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	return typ.PkgPath() != ""
}
