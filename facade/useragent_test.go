package facade_test

import (
	"net/http"
	"testing"

	"context"
	"runtime"
	"runtime/debug"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func TestUserAgent(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithUserAgent("app/1"), facade.WithUserAgent("plugin/2"))
	require.NoError(t, err)
	if _, err := c.API.ListTagsWithResponse(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := "intercom-go/devel (github.com/intercom-go/intercom; " + runtime.Version() + ") app/1 plugin/2"
	if got := srv.requests()[0].Header.Get("User-Agent"); got != want {
		t.Fatalf("User-Agent %q, want %q", got, want)
	}
}

func TestModuleVersionFromBuildInfo(t *testing.T) {
	const mod = "github.com/intercom-go/intercom"
	tests := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Path: mod, Version: "(devel)"}}, "devel"},
		{debug.BuildInfo{Main: debug.Module{Path: mod, Version: "v1.2.3"}}, "v1.2.3"},
		{debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}, Deps: []*debug.Module{{Path: mod, Version: "v0.4.0"}}}, "v0.4.0"},
		{debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}, Deps: []*debug.Module{
			{Path: mod, Version: "v0.4.0", Replace: &debug.Module{Path: "../intercom"}}}}, "devel"},
		{debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}}, "devel"},
	}
	for _, tc := range tests {
		if got := facade.VersionIn(&tc.info, mod); got != tc.want {
			t.Errorf("versionIn(%+v) = %q, want %q", tc.info, got, tc.want)
		}
	}
	if facade.ModulePath != mod {
		t.Errorf("modulePath = %q", facade.ModulePath)
	}
}
