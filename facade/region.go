package facade

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Region is an Intercom data-hosting region. A workspace lives in one
// region and its token works only there; the client never falls back to
// another.
type Region string

// The regions of Intercom's API servers.
const (
	// RegionUS is https://api.intercom.io, the default.
	RegionUS Region = "us"
	// RegionEU is https://api.eu.intercom.io.
	RegionEU Region = "eu"
	// RegionAU is https://api.au.intercom.io.
	RegionAU Region = "au"
)

// regionURLs maps each region to its server. It is derived from the servers
// the descriptions declare (versions.gen.go): api.intercom.io is the US,
// api.<region>.intercom.io any other region.
var regionURLs = regionsOf(servers)

func regionsOf(servers []string) map[Region]string {
	m := make(map[Region]string)
	for _, s := range servers {
		u, err := url.Parse(s)
		if err != nil || u.Scheme != "https" {
			continue
		}
		host := u.Hostname()
		if host == "api.intercom.io" {
			m[RegionUS] = strings.TrimSuffix(s, "/")
			continue
		}
		code, ok := strings.CutPrefix(host, "api.")
		if !ok {
			continue
		}
		code, ok = strings.CutSuffix(code, ".intercom.io")
		if ok && code != "" && !strings.Contains(code, ".") {
			m[Region(code)] = strings.TrimSuffix(s, "/")
		}
	}
	return m
}

// BaseURL returns the API server of r, or "" if r is not a known region.
func (r Region) BaseURL() string { return regionURLs[r] }

// ParseRegion reads a region name such as "eu" or "EU" (as in
// INTERCOM_REGION). The error names the value and the known regions.
func ParseRegion(s string) (Region, error) {
	r := Region(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := regionURLs[r]; !ok {
		return "", fmt.Errorf("%w: unknown region %q (known: %s)", ErrConfig, s, strings.Join(regionNames(), ", "))
	}
	return r, nil
}

func regionNames() []string {
	var names []string
	for r := range regionURLs {
		names = append(names, string(r))
	}
	slices.Sort(names)
	return names
}
