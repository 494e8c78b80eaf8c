package facade_test

import (
	"net/http"
	"testing"

	"context"
	"runtime"
	"runtime/debug"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserAgent(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, nil, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL), facade.WithUserAgent("app/1"), facade.WithUserAgent("plugin/2"))
	require.NoError(t, err)
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	want := "intercom-go/devel (github.com/intercom-go/intercom; " + runtime.Version() + ") app/1 plugin/2"
	require.Equal(t, want, srv.requests()[0].Header.Get("User-Agent"), "User-Agent")
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
		assert.Equal(t, tc.want, facade.VersionIn(&tc.info, mod), "versionIn(%+v)", tc.info)
	}
	assert.Equal(t, mod, facade.ModulePath, "modulePath")
}
