package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Preview client sends Preview; a client pinned to 2.11 sends 2.11 and
// decodes with the 2.11 types (typedCases checks the types).
func TestTypedClientsSendTheirVersion(t *testing.T) {
	for _, tc := range typedCases {
		srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
		_, err := tc.listTags(context.Background(), facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
		require.NoError(t, err)
		assert.Equal(t, []string{tc.version}, srv.requests()[0].Header.Values("Intercom-Version"), "%s client sent Intercom-Version", tc.version)
	}
}

// A Core not made by a constructor fails instead of panicking.
func TestZeroCoreFails(t *testing.T) {
	var c facade.Core
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/tags", nil)
	_, err := c.Do(req)
	require.Error(t, err, "zero Core sent a request")
	_, err = c.Do(nil)
	require.Error(t, err, "nil request accepted")
}

func TestClientPrintsWithoutSecrets(t *testing.T) {
	c, err := v2_14.New(facade.WithToken(testToken), facade.WithRegion(facade.RegionEU))
	require.NoError(t, err)
	want := "intercom client (Intercom-Version 2.14, https://api.eu.intercom.io)"
	for _, got := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", *c), fmt.Sprintf("%#v", c.Core), fmt.Sprintf("%d", c)} {
		assert.Equal(t, want, got, "printed")
	}
}

// WithTimeout must not cut off a body the caller is still reading: the
// deadline covers the call, and ends when the body is closed.
func TestTimeoutLeavesBodyReadable(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithTimeout(time.Minute))
	require.NoError(t, err)
	resp, err := c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	require.NotNil(t, resp.JSON200, "resp %+v", resp)
	require.Len(t, resp.JSON200.Data, 1, "resp %+v", resp)
}
