package oauth

// Region holds the two hosts an OAuth flow talks to: the Intercom web app,
// where the customer approves the install, and the REST API, which issues
// the token. Workspaces hosted in the EU or Australia use their region's
// hosts.
type Region struct {
	// AppBase is the web app root; the authorize page is AppBase + "/oauth".
	AppBase string
	// APIBase is the API root; tokens come from APIBase + "/auth/eagle/token".
	APIBase string
}

// Regions Intercom hosts workspaces in. Tests, proxies and future regions
// use a Region literal.
var (
	US = Region{AppBase: "https://app.intercom.io", APIBase: "https://api.intercom.io"}
	EU = Region{AppBase: "https://app.eu.intercom.com", APIBase: "https://api.eu.intercom.io"}
	AU = Region{AppBase: "https://app.au.intercom.com", APIBase: "https://api.au.intercom.io"}
)

// Paths under the region's bases.
const (
	authorizePath = "/oauth"
	tokenPath     = "/auth/eagle/token"
)
