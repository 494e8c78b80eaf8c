package facade_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

// TestFormerPreviewNameIsAccepted: "Unstable", Preview's name until 2026,
// is accepted wherever a version is given and sent as "Preview".
func TestFormerPreviewNameIsAccepted(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	t.Setenv(facade.EnvVersion, "unstable")
	fromEnv, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.FromEnv())
	require.NoError(t, err)
	if fromEnv.Version() != "Preview" {
		t.Errorf("INTERCOM_VERSION=unstable: Version() = %q, want Preview", fromEnv.Version())
	}
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithVersion("Unstable"))
	require.NoError(t, err)
	if c.Version() != "Preview" {
		t.Errorf("WithVersion(Unstable): Version() = %q, want Preview", c.Version())
	}
	ctx := context.Background()
	editors := [][]v2_16.RequestEditorFn{
		nil,
		{facade.RequestVersion("2.14"), facade.RequestVersion(" UNSTABLE ")},
		{facade.RequestHeader("Intercom-Version", "Unstable")},
	}
	for _, eds := range editors {
		if _, err := c.API.ListTagsWithResponse(ctx, eds...); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range srv.requests() {
		if got := r.Header.Values("Intercom-Version"); !slices.Equal(got, []string{"Preview"}) {
			t.Errorf("request %d: Intercom-Version %q, want [Preview]", i, got)
		}
	}
	// Near misses are still refused.
	for _, bad := range []string{"Unstabl", "unstable2", "Preview2"} {
		if _, err := facade.CanonicalVersion(bad); !errors.Is(err, facade.ErrConfig) {
			t.Errorf("canonicalVersion(%q) = %v, want ErrConfig", bad, err)
		}
	}
}

// TestKnownVersionsNameNoFormerPreview: the generated version list spells
// Preview one way, whatever the descriptions called it.
func TestKnownVersionsNameNoFormerPreview(t *testing.T) {
	if slices.Contains(facade.KnownVersions(), facade.FormerPreviewVersion) {
		t.Errorf("knownVersions lists %q: %v", facade.FormerPreviewVersion, facade.KnownVersions())
	}
	for _, v := range typedVersions {
		if !slices.Contains(facade.KnownVersions(), v) {
			t.Errorf("typed version %s is not among the known versions %v", v, facade.KnownVersions())
		}
	}
}

// TestKnownVersionsExported: the exported list is the one the client
// checks WithVersion against, in Intercom's order, and the caller's to
// change.
func TestKnownVersionsExported(t *testing.T) {
	got := facade.KnownVersions()
	if !slices.IsSortedFunc(got, compareVersions) || got[len(got)-1] != "Preview" {
		t.Errorf("KnownVersions() not in Intercom's order: %v", got)
	}
	for _, v := range typedVersions {
		if !slices.Contains(got, v) {
			t.Errorf("typed version %s missing from %v", v, got)
		}
	}
	got[0] = "changed"
	if facade.KnownVersions()[0] == "changed" {
		t.Error("KnownVersions returns the package's own slice")
	}
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
