package codectest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExamplesDecodeLikeEncodingJSON(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			exs := examples(t, v)
			checked, responses := 0, 0
			for _, ex := range exs {
				if check(t, v, ex, ex.data) {
					checked++
					if ex.parse != nil {
						responses++
					}
				}
			}
			t.Logf("%s: %d examples checked (%d through Parse functions)", v.Header, checked, responses)
			// Guard against a walk that silently finds nothing.
			require.GreaterOrEqual(t, checked, 200, "only %d examples (%d responses) checked", checked, responses)
			require.GreaterOrEqual(t, responses, 50, "only %d examples (%d responses) checked", checked, responses)
		})
	}
}
