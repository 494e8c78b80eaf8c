package oauth

import (
	"reflect"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The named regions are the client's regions with their web app hosts: the
// API hosts come from facade.Region (the descriptions' servers), so the
// install and the client cannot name different API servers.
func TestRegionsAreTheClientsRegions(t *testing.T) {
	for _, c := range []struct {
		r        facade.Region
		named    Region
		app, api string
	}{
		{facade.RegionUS, US, "https://app.intercom.io", "https://api.intercom.io"},
		{facade.RegionEU, EU, "https://app.eu.intercom.com", "https://api.eu.intercom.io"},
		{facade.RegionAU, AU, "https://app.au.intercom.com", "https://api.au.intercom.io"},
	} {
		got, err := ForRegion(c.r)
		require.NoError(t, err, "ForRegion(%s)", c.r)
		want := Region{AppBase: c.app, APIBase: c.api}
		assert.Equal(t, want, got, "%s: ForRegion", c.r)
		assert.Equal(t, want, c.named, "%s: named", c.r)
		assert.Equal(t, c.r.BaseURL(), got.APIBase, "%s: API host %s, the client's %s", c.r, got.APIBase, c.r.BaseURL())
	}
	r, err := facade.ParseRegion("EU")
	require.NoError(t, err)
	got, _ := ForRegion(r)
	assert.Equal(t, EU, got, "ForRegion(ParseRegion(EU))")
	_, err = ForRegion("mars")
	assert.ErrorIs(t, err, facade.ErrConfig, "unknown region: %v, want facade.ErrConfig", err)
}

// Doer is the facade's type itself, not a second interface of the same
// shape.
func TestDoerIsTheFacadesDoer(t *testing.T) {
	assert.Equal(t, reflect.TypeFor[facade.Doer](), reflect.TypeFor[Doer](), "oauth.Doer is not facade.Doer")
}
