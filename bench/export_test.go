package bench

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExportsSeeEveryContact runs every export path against the server:
// each must walk the cursor chain to the end and count every contact, also
// through the /n/{total} prefix that cycles the data set.
func TestExportsSeeEveryContact(t *testing.T) {
	tmpl := map[string]any{"type": "contact", "id": "x", "email": "a@b.c", "custom_attributes": map[string]any{}}
	cs, err := Contacts(tmpl, 120)
	require.NoError(t, err)
	srv := httptest.NewServer(NewServer(cs))
	defer srv.Close()
	hc := srv.Client()
	exports := map[string]Export{"baseline": Baseline(hc), "generated": Generated(hc), "facade": FacadeTyped(hc), "reused": DecodeReused(hc), "iterator": FacadeIterator(hc), "iterator without read-ahead": FacadeIterator(hc, facade.ReadAhead(0))}
	for name, e := range exports {
		for base, want := range map[string]int{srv.URL: 120, srv.URL + "/n/1000": 1000, srv.URL + "/n/0": 0} {
			got, err := e(context.Background(), base, 50)
			require.NoError(t, err, "%s at %s: %d contacts, %v; want %d", name, base, got, err, want)
			assert.Equal(t, want, got, "%s at %s: %d contacts, %v; want %d", name, base, got, err, want)
		}
	}
	for name, e := range map[string]Export{"transfer": Transfer(hc), "transfer+ReadAll": TransferReadAll(hc)} {
		n, err := e(context.Background(), srv.URL, 50)
		require.NoError(t, err, "%s: %d", name, n)
		assert.Equal(t, -1, n, "%s: %d", name, n)
	}
}
