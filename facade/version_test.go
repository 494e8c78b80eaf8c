package facade_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormerPreviewNameIsAccepted: "Unstable", Preview's name until 2026,
// is accepted wherever a version is given and sent as "Preview".
func TestFormerPreviewNameIsAccepted(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	t.Setenv(facade.EnvVersion, "unstable")
	fromEnv, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.FromEnv())
	require.NoError(t, err)
	assert.Equal(t, "Preview", fromEnv.Version(), "INTERCOM_VERSION=unstable: Version()")
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithVersion("Unstable"))
	require.NoError(t, err)
	assert.Equal(t, "Preview", c.Version(), "WithVersion(Unstable): Version()")
	ctx := context.Background()
	editors := [][]v2_16.RequestEditorFn{
		nil,
		{facade.RequestVersion("2.14"), facade.RequestVersion(" UNSTABLE ")},
		{facade.RequestHeader("Intercom-Version", "Unstable")},
	}
	for _, eds := range editors {
		_, err := c.API.ListTagsWithResponse(ctx, eds...)
		require.NoError(t, err)
	}
	for i, r := range srv.requests() {
		assert.Equal(t, []string{"Preview"}, r.Header.Values("Intercom-Version"), "request %d: Intercom-Version", i)
	}
	// Near misses are still refused.
	for _, bad := range []string{"Unstabl", "unstable2", "Preview2"} {
		_, err := facade.CanonicalVersion(bad)
		assert.ErrorIs(t, err, facade.ErrConfig, "canonicalVersion(%q)", bad)
	}
}

// TestKnownVersionsNameNoFormerPreview: the generated version list spells
// Preview one way, whatever the descriptions called it.
func TestKnownVersionsNameNoFormerPreview(t *testing.T) {
	assert.NotContains(t, facade.KnownVersions(), facade.FormerPreviewVersion, "knownVersions lists the former Preview name")
	for _, v := range typedVersions {
		assert.Contains(t, facade.KnownVersions(), v, "typed version %s is not among the known versions", v)
	}
}

// TestKnownVersionsExported: the exported list is the one the client
// checks WithVersion against, in Intercom's order, and the caller's to
// change.
func TestKnownVersionsExported(t *testing.T) {
	got := facade.KnownVersions()
	assert.True(t, slices.IsSortedFunc(got, compareVersions), "KnownVersions() not in Intercom's order: %v", got)
	assert.Equal(t, "Preview", got[len(got)-1], "KnownVersions() not in Intercom's order: %v", got)
	for _, v := range typedVersions {
		assert.Contains(t, got, v, "typed version %s missing", v)
	}
	got[0] = "changed"
	assert.NotEqual(t, "changed", facade.KnownVersions()[0], "KnownVersions returns the package's own slice")
}

// compareVersions orders versions as Intercom numbers them: numerically
// ("2.9" before "2.10"), Preview last.
func compareVersions(a, b string) int {
	if a == "Preview" || b == "Preview" {
		return strings.Compare(strings.ReplaceAll(a, "Preview", "~"), strings.ReplaceAll(b, "Preview", "~"))
	}
	am, an := splitVersion(a)
	bm, bn := splitVersion(b)
	if am != bm {
		return am - bm
	}
	return an - bn
}

func splitVersion(v string) (major, minor int) {
	maj, min, _ := strings.Cut(v, ".")
	major, _ = strconv.Atoi(maj)
	minor, _ = strconv.Atoi(min)
	return major, minor
}
