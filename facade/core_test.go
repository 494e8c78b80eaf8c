package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

// The Preview client sends Preview; a client pinned to 2.11 sends 2.11 and
// decodes with the 2.11 types (typedCases checks the types).
func TestTypedClientsSendTheirVersion(t *testing.T) {
	for _, tc := range typedCases {
		srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
		if _, err := tc.listTags(context.Background(), facade.WithToken(testToken), facade.WithBaseURL(srv.URL)); err != nil {
			t.Fatal(err)
		}
		if got := srv.requests()[0].Header.Values("Intercom-Version"); !slices.Equal(got, []string{tc.version}) {
			t.Errorf("%s client sent Intercom-Version %q", tc.version, got)
		}
	}
}

// A Core not made by a constructor fails instead of panicking.
func TestZeroCoreFails(t *testing.T) {
	var c facade.Core
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/tags", nil)
	if _, err := c.Do(req); err == nil {
		t.Fatal("zero Core sent a request")
	}
	if _, err := c.Do(nil); err == nil {
		t.Fatal("nil request accepted")
	}
}

func TestClientPrintsWithoutSecrets(t *testing.T) {
	c, err := v2_14.New(facade.WithToken(testToken), facade.WithRegion(facade.RegionEU))
	require.NoError(t, err)
	want := "intercom client (Intercom-Version 2.14, https://api.eu.intercom.io)"
	for _, got := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", *c), fmt.Sprintf("%#v", c.Core), fmt.Sprintf("%d", c)} {
		if got != want {
			t.Errorf("printed %q, want %q", got, want)
		}
	}
}

// WithTimeout must not cut off a body the caller is still reading: the
// deadline covers the call, and ends when the body is closed.
func TestTimeoutLeavesBodyReadable(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithTimeout(time.Minute))
	require.NoError(t, err)
	resp, err := c.API.ListTagsWithResponse(context.Background())
	if err != nil || resp.JSON200 == nil || len(resp.JSON200.Data) != 1 {
		t.Fatalf("resp %+v, err %v", resp, err)
	}
}
