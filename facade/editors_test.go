package facade_test

import (
	"net/http"
	"testing"

	"context"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPerRequestEditors(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithVersion("2.14"))
	require.NoError(t, err)
	ctx := context.Background()
	calls := []struct {
		editors     []v2_16.RequestEditorFn
		wantVersion string
	}{
		{nil, "2.14"},
		{[]v2_16.RequestEditorFn{facade.RequestVersion("2.15")}, "2.15"},
		{[]v2_16.RequestEditorFn{facade.RequestVersion("preview")}, "Preview"},
		{[]v2_16.RequestEditorFn{facade.RequestHeader("intercom-version", "2.13")}, "2.13"},
		{[]v2_16.RequestEditorFn{facade.RequestHeader("X-Trace", "abc")}, "2.14"},
		// An editor adding values still yields exactly one header, the last.
		{[]v2_16.RequestEditorFn{func(_ context.Context, r *http.Request) error {
			r.Header.Add("Intercom-Version", "2.9")
			r.Header.Add("Intercom-Version", "2.10")
			return nil
		}}, "2.10"},
	}
	for _, call := range calls {
		_, err := c.API.ListTagsWithResponse(ctx, call.editors...)
		require.NoError(t, err)
	}
	reqs := srv.requests()
	for i, call := range calls {
		assert.Equal(t, []string{call.wantVersion}, reqs[i].Header.Values("Intercom-Version"), "call %d: Intercom-Version", i)
	}
	assert.Equal(t, "abc", reqs[4].Header.Get("X-Trace"), "RequestHeader did not set X-Trace")

	for _, bad := range []struct {
		ed   v2_16.RequestEditorFn
		want string
	}{
		{facade.RequestVersion("2.99"), `unknown Intercom-Version "2.99"`},
		{facade.RequestHeader("Intercom-Version", "x"), `unknown Intercom-Version "x"`},
		{facade.RequestHeader("Authorization", "Bearer other"), "cannot set Authorization"},
		{facade.RequestHeader("Bad Name", "v"), `invalid header name "Bad Name"`},
		{facade.RequestHeader("X-A", "v\r\nX-B: w"), "line breaks"},
		{func(_ context.Context, r *http.Request) error { r.Header.Set("Intercom-Version", "9.9"); return nil }, `unknown Intercom-Version "9.9"`},
	} {
		_, err := c.API.ListTagsWithResponse(ctx, bad.ed)
		assert.ErrorContains(t, err, bad.want)
	}
	assert.Len(t, srv.requests(), len(calls), "requests sent: want only the valid ones")
}
