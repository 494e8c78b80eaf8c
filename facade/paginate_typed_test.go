package facade

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The typed fast path must give exactly what the general decode gives, and
// hand over to it for what the typed list cannot hold.
func TestTypedPageMatchesGeneralDecode(t *testing.T) {
	h := http.Header{"Content-Type": {"application/json"}}
	for name, tc := range map[string]struct {
		body  string
		typed bool
	}{
		"cursor object": {`{"type":"list","data":[{"type":"contact","id":"1","email":"a@x"},{"type":"contact","id":"2"}],"total_count":2,"pages":{"type":"pages","next":{"per_page":2,"starting_after":"abc"},"page":1,"per_page":2,"total_pages":1}}`, true},
		"last page":     {`{"type":"list","data":[],"total_count":0,"pages":{"type":"pages","next":null}}`, true},
		"folded keys":   {`{"DATA":[{"id":"1"}],"Pages":{"NEXT":{"starting_after":"k"}},"TOTAL_COUNT":1}`, true},
		// The typed list holds a link too (object-sent-as-string, docs/divergences.md).
		"next as link":  {`{"type":"list","data":[{"id":"1"}],"pages":{"next":"https://api.intercom.io/contacts?starting_after=xyz"}}`, true},
		"not an object": {`[1,2]`, false},
		"broken":        {`{"data":[{"id":`, false},
	} {
		t.Run(name, func(t *testing.T) {
			var fast v2_16ListContactsPage
			got := decodeTyped(h, []byte(tc.body), &fast)
			// With intercom_stdjson every page takes the general path.
			assert.Equal(t, tc.typed && jsonx.Fast, got, "fast path taken")

			var general v2_16ListContactsPage
			generalErr := decodePageBody(&http.Response{StatusCode: http.StatusOK, Header: h}, []byte(tc.body), &general)
			var plain v2_16ListContactsPage
			plainErr := json.Unmarshal([]byte(tc.body), &plain)
			assert.Equal(t, plainErr == nil, generalErr == nil, "decodePageBody errs exactly when encoding/json does")
			if got {
				require.NoError(t, plainErr)
				assert.Equal(t, plain, fast, "fast path equals encoding/json")
			}
			if generalErr == nil {
				assert.Equal(t, plain, general)
			}
		})
	}
}
