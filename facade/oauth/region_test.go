package oauth

import (
	"errors"
	"reflect"
	"testing"

	"github.com/intercom-go/intercom/facade"
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
		if err != nil {
			t.Fatalf("ForRegion(%s): %v", c.r, err)
		}
		want := Region{AppBase: c.app, APIBase: c.api}
		if got != want || c.named != want {
			t.Errorf("%s: ForRegion %+v, named %+v, want %+v", c.r, got, c.named, want)
		}
		if got.APIBase != c.r.BaseURL() {
			t.Errorf("%s: API host %s, the client's %s", c.r, got.APIBase, c.r.BaseURL())
		}
	}
	r, err := facade.ParseRegion("EU")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := ForRegion(r); got != EU {
		t.Errorf("ForRegion(ParseRegion(EU)) = %+v", got)
	}
	if _, err := ForRegion("mars"); !errors.Is(err, facade.ErrConfig) {
		t.Errorf("unknown region: %v, want facade.ErrConfig", err)
	}
}

// Doer is the facade's type itself, not a second interface of the same
// shape.
func TestDoerIsTheFacadesDoer(t *testing.T) {
	if reflect.TypeFor[Doer]() != reflect.TypeFor[facade.Doer]() {
		t.Error("oauth.Doer is not facade.Doer")
	}
}
