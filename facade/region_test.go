package facade_test

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func TestRegionsComeFromTheDescriptions(t *testing.T) {
	want := map[facade.Region]string{
		facade.RegionUS: "https://api.intercom.io",
		facade.RegionEU: "https://api.eu.intercom.io",
		facade.RegionAU: "https://api.au.intercom.io",
	}
	if !maps.Equal(facade.RegionURLs, want) {
		t.Fatalf("regions derived from the servers %v = %v, want %v", facade.Servers, facade.RegionURLs, want)
	}
	// The derivation itself: only api[.<code>].intercom.io over https counts.
	got := facade.RegionsOf([]string{"https://api.intercom.io/", "https://api.ca.intercom.io", "http://api.xx.intercom.io",
		"https://api.a.b.intercom.io", "https://example.com", "://bad"})
	if want := map[facade.Region]string{"us": "https://api.intercom.io", "ca": "https://api.ca.intercom.io"}; !maps.Equal(got, want) {
		t.Fatalf("regionsOf = %v, want %v", got, want)
	}
}

func TestParseRegion(t *testing.T) {
	for in, want := range map[string]facade.Region{"us": facade.RegionUS, "EU": facade.RegionEU, " au ": facade.RegionAU} {
		if got, err := facade.ParseRegion(in); err != nil || got != want {
			t.Errorf("ParseRegion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := facade.ParseRegion("mars"); err == nil || !strings.Contains(err.Error(), `"mars"`) {
		t.Errorf("ParseRegion(mars) error = %v, want one naming the value", err)
	}
}

// Each region x each typed version: the request reaches the region's host
// (by name, SNI and certificate) with the client's headers, and the answer
// is decoded with that version's types.
func TestRegionAndVersionHeaders(t *testing.T) {
	type seen struct {
		host, sni                             string
		auth, accept, userAgent, path, method string
		versions                              []string
	}
	var mu sync.Mutex
	var got []seen
	rn := newRegionNet(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{
			host: r.Host, sni: r.TLS.ServerName, auth: r.Header.Get("Authorization"),
			accept: r.Header.Get("Accept"), userAgent: r.Header.Get("User-Agent"),
			path: r.URL.Path, method: r.Method, versions: r.Header.Values("Intercom-Version"),
		})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(tagsBody))
	}))

	regions := slices.Sorted(maps.Keys(facade.RegionURLs))
	for _, region := range regions {
		for _, tc := range typedCases {
			t.Run(string(region)+"/"+tc.version, func(t *testing.T) {
				mu.Lock()
				got = nil
				mu.Unlock()
				name, err := tc.listTags(context.Background(),
					facade.WithToken(testToken), facade.WithRegion(region), facade.WithHTTPClient(rn.client), facade.WithUserAgent("facade-test/1"))
				require.NoError(t, err)
				if name != "vip" {
					t.Errorf("decoded tag name %q, want vip", name)
				}
				mu.Lock()
				defer mu.Unlock()
				if len(got) != 1 {
					t.Fatalf("server saw %d requests, want 1", len(got))
				}
				s := got[0]
				host := strings.TrimPrefix(facade.RegionURLs[region], "https://")
				if s.host != host || s.sni != host {
					t.Errorf("request went to host %q (SNI %q), want %q", s.host, s.sni, host)
				}
				if s.method != http.MethodGet || s.path != "/tags" {
					t.Errorf("request %s %s, want GET /tags", s.method, s.path)
				}
				if s.auth != "Bearer "+testToken {
					t.Errorf("Authorization = %q", s.auth)
				}
				if !slices.Equal(s.versions, []string{tc.version}) {
					t.Errorf("Intercom-Version headers = %q, want exactly [%q]", s.versions, tc.version)
				}
				if s.accept != facade.DefaultAccept || !strings.HasPrefix(s.accept, "application/json,") {
					t.Errorf("Accept = %q", s.accept)
				}
				wantUA := "intercom-go/devel (" + facade.ModulePath + "; "
				if !strings.HasPrefix(s.userAgent, wantUA) || !strings.HasSuffix(s.userAgent, ") facade-test/1") ||
					!strings.Contains(s.userAgent, "; go1.") {
					t.Errorf("User-Agent = %q, want %q…go1.…) facade-test/1", s.userAgent, wantUA)
				}
			})
		}
	}
}

// A region's host that does not answer is an error, never a reason to try
// another region.
func TestRegionNeverFallsBack(t *testing.T) {
	var mu sync.Mutex
	var hosts []string
	rn := newRegionNet(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.Host)
		mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	// Retries (tiny backoff) must also stay in the region.
	policy := facade.DefaultRetryPolicy()
	policy.BaseDelay, policy.MaxDelay = time.Millisecond, time.Millisecond
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithRegion(facade.RegionAU), facade.WithHTTPClient(rn.client), facade.WithRetryPolicy(policy))
	require.NoError(t, err)
	if _, err := c.API.ListTagsWithResponse(context.Background()); err == nil {
		t.Fatal("503 from the AU server gave no error")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(hosts) != 1+policy.MaxRetries {
		t.Fatalf("%d requests, want the first and %d retries", len(hosts), policy.MaxRetries)
	}
	for _, h := range hosts {
		if h != "api.au.intercom.io" {
			t.Fatalf("requests went to %v, want only api.au.intercom.io", hosts)
		}
	}
}
