package facade_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contactsPage is the envelope pages.gen.go generates for 2.16's
// listContacts, written out here because generated envelopes are
// unexported.
type contactsPage struct {
	Items []v2_16.Contact `json:"data"`
	facade.PageMeta
}

func (e *contactsPage) PageItems() []v2_16.Contact { return e.Items }

func (e *contactsPage) ParsePage(h http.Header, body []byte, top *facade.PageTop) error {
	r, err := v2_16.ParseListContactsResponse(facade.TypedResponse(h, body, top))
	if err != nil {
		return err
	}
	if r.JSON200 == nil {
		return facade.ErrNoTypedPage
	}
	e.Items = r.JSON200.Data
	return nil
}

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
			var fast contactsPage
			got := facade.DecodeTyped(h, []byte(tc.body), &fast)
			// With intercom_stdjson every page takes the general path.
			assert.Equal(t, tc.typed && jsonx.Fast, got, "fast path taken")

			var general contactsPage
			generalErr := facade.DecodePage(&http.Response{StatusCode: http.StatusOK, Header: h}, []byte(tc.body), &general)
			var plain contactsPage
			plainErr := json.Unmarshal([]byte(tc.body), &plain)
			assert.Equal(t, plainErr == nil, generalErr == nil, "decodePage errs exactly when encoding/json does")
			if got {
				require.NoError(t, plainErr)
				assert.Equal(t, plain.Items, fast.Items, "fast path's items equal encoding/json's")
				require.NoError(t, generalErr)
				assert.Equal(t, general, fast, "fast path equals the general decode, paging fields included")
			}
			if generalErr == nil {
				assert.Equal(t, plain.Items, general.Items)
			}
		})
	}
}
