package facade

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/intercom-go/intercom/gen/v2_16"
)

// TestFormerPreviewNameIsAccepted: "Unstable", Preview's name until 2026,
// is accepted wherever a version is given and sent as "Preview".
func TestFormerPreviewNameIsAccepted(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	t.Setenv(EnvVersion, "unstable")
	fromEnv, err := New(WithToken(testToken), WithBaseURL(srv.URL), FromEnv())
	if err != nil {
		t.Fatal(err)
	}
	if fromEnv.Version() != "Preview" {
		t.Errorf("INTERCOM_VERSION=unstable: Version() = %q, want Preview", fromEnv.Version())
	}
	c, err := New(WithToken(testToken), WithBaseURL(srv.URL), WithVersion("Unstable"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() != "Preview" {
		t.Errorf("WithVersion(Unstable): Version() = %q, want Preview", c.Version())
	}
	ctx := context.Background()
	editors := [][]v2_16.RequestEditorFn{
		nil,
		{RequestVersion("2.14"), RequestVersion(" UNSTABLE ")},
		{RequestHeader("Intercom-Version", "Unstable")},
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
		if _, err := canonicalVersion(bad); !errors.Is(err, ErrConfig) {
			t.Errorf("canonicalVersion(%q) = %v, want ErrConfig", bad, err)
		}
	}
}

// TestKnownVersionsNameNoFormerPreview: the generated version list spells
// Preview one way, whatever the descriptions called it.
func TestKnownVersionsNameNoFormerPreview(t *testing.T) {
	if slices.Contains(knownVersions, formerPreviewVersion) {
		t.Errorf("knownVersions lists %q: %v", formerPreviewVersion, knownVersions)
	}
	for _, v := range typedVersions {
		if !slices.Contains(knownVersions, v) {
			t.Errorf("typed version %s is not among the known versions %v", v, knownVersions)
		}
	}
}

// TestKnownVersionsExported: the exported list is the one the client
// checks WithVersion against, in Intercom's order, and the caller's to
// change.
func TestKnownVersionsExported(t *testing.T) {
	got := KnownVersions()
	if !slices.Equal(got, knownVersions) {
		t.Fatalf("KnownVersions() = %v, want %v", got, knownVersions)
	}
	if !slices.IsSortedFunc(got, compareVersions) || got[len(got)-1] != previewVersion {
		t.Errorf("KnownVersions() not in Intercom's order: %v", got)
	}
	for _, v := range typedVersions {
		if !slices.Contains(got, v) {
			t.Errorf("typed version %s missing from %v", v, got)
		}
	}
	got[0] = "changed"
	if KnownVersions()[0] == "changed" {
		t.Error("KnownVersions returns the package's own slice")
	}
}
