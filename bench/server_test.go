package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
