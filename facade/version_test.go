package facade_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// TestFormerPreviewNameIsAccepted: "Unstable", Preview's name until 2026,
// is accepted wherever a version is given and sent as "Preview".
func TestFormerPreviewNameIsAccepted(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	t.Setenv(facade.EnvVersion, "unstable")
	fromEnv, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.FromEnv())
	if err != nil {
		t.Fatal(err)
	}
	if fromEnv.Version() != "Preview" {
		t.Errorf("INTERCOM_VERSION=unstable: Version() = %q, want Preview", fromEnv.Version())
	}
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithVersion("Unstable"))
	if err != nil {
		t.Fatal(err)
	}
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
	if slices.Contains(facade.KnownVersions, facade.FormerPreviewVersion) {
		t.Errorf("knownVersions lists %q: %v", facade.FormerPreviewVersion, facade.KnownVersions)
	}
	for _, v := range typedVersions {
		if !slices.Contains(facade.KnownVersions, v) {
			t.Errorf("typed version %s is not among the known versions %v", v, facade.KnownVersions)
		}
	}
}
