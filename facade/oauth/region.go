package oauth

import (
	"fmt"

	"github.com/intercom-go/intercom/facade"
)

// Region holds the two hosts an OAuth flow talks to: the Intercom web app,
// where the customer approves the install, and the REST API, which issues
// the token. Workspaces hosted in the EU or Australia use their region's
// hosts.
//
// Which regions exist and where their API lives is facade.Region's to say
// (the servers of the descriptions); a Region adds only the web app host.
// ForRegion turns one into the other, so that one facade.Region (from
// facade.ParseRegion, say) configures both the client and the install.
type Region struct {
	// AppBase is the web app root; the authorize page is AppBase + "/oauth".
	AppBase string
	// APIBase is the API root; tokens come from APIBase + "/auth/eagle/token".
	APIBase string
}

// appBases are the web app roots of the regions facade.Region knows; the
// API roots are facade.Region.BaseURL.
var appBases = map[facade.Region]string{
	facade.RegionUS: "https://app.intercom.io",
	facade.RegionEU: "https://app.eu.intercom.com",
	facade.RegionAU: "https://app.au.intercom.com",
}

// Regions Intercom hosts workspaces in. Tests, proxies and future regions
// use a Region literal.
var (
	US = mustRegion(facade.RegionUS)
	EU = mustRegion(facade.RegionEU)
	AU = mustRegion(facade.RegionAU)
)

// ForRegion returns the OAuth hosts of a client region: ForRegion(
// facade.RegionEU) is EU. A region whose API server or web app host is not
// known is an error wrapping facade.ErrConfig.
func ForRegion(r facade.Region) (Region, error) {
	app, api := appBases[r], r.BaseURL()
	if app == "" || api == "" {
		return Region{}, fmt.Errorf("%w: no OAuth hosts known for region %q", facade.ErrConfig, r)
	}
	return Region{AppBase: app, APIBase: api}, nil
}

// mustRegion is ForRegion for the regions this package names; the test of
// this file checks that each has its hosts.
func mustRegion(r facade.Region) Region {
	out, _ := ForRegion(r)
	return out
}

// Paths under the region's bases.
const (
	authorizePath = "/oauth"
	tokenPath     = "/auth/eagle/token"
)
