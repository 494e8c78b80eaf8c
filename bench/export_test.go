package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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

// TestServerRejectsBadPaging checks that a wrong cursor or page size is an
// error, not a silent restart (which would make a loop run forever).
func TestServerRejectsBadPaging(t *testing.T) {
	srv := httptest.NewServer(NewServer([][]byte{[]byte(`{}`)}))
	defer srv.Close()
	for _, q := range []string{"per_page=0", "per_page=151", "starting_after=nope", "starting_after=" + cursor(5)} {
		resp, err := http.Get(fmt.Sprintf("%s/contacts?%s", srv.URL, q))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "%s: status %d", q, resp.StatusCode)
	}
}

// TestPacerScenarioCounts runs a tiny pacer scenario: every call must
// complete, and the paced client must not be refused.
func TestPacerScenarioCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about two seconds")
	}
	p, err := Pacer(context.Background(), true, 30, 20, 4)
	require.NoError(t, err)
	require.Equal(t, int64(0), p.Failed, "paced run: %+v", p)
	require.Equal(t, int64(0), p.Refused, "paced run: %+v", p)
	require.GreaterOrEqual(t, p.Elapsed, 900*time.Millisecond, "paced run: %+v", p)
}
