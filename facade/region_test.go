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
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegionsComeFromTheDescriptions(t *testing.T) {
	want := map[facade.Region]string{
		facade.RegionUS: "https://api.intercom.io",
		facade.RegionEU: "https://api.eu.intercom.io",
		facade.RegionAU: "https://api.au.intercom.io",
	}
	require.Equal(t, want, facade.RegionURLs, "regions derived from the servers %v", facade.Servers)
	// The derivation itself: only api[.<code>].intercom.io over https counts.
	got := facade.RegionsOf([]string{"https://api.intercom.io/", "https://api.ca.intercom.io", "http://api.xx.intercom.io",
		"https://api.a.b.intercom.io", "https://example.com", "://bad"})
	require.Equal(t, map[facade.Region]string{"us": "https://api.intercom.io", "ca": "https://api.ca.intercom.io"}, got, "regionsOf")
}

func TestParseRegion(t *testing.T) {
	for in, want := range map[string]facade.Region{"us": facade.RegionUS, "EU": facade.RegionEU, " au ": facade.RegionAU} {
		got, err := facade.ParseRegion(in)
		assert.NoError(t, err, "ParseRegion(%q)", in)
		assert.Equal(t, want, got, "ParseRegion(%q)", in)
	}
	_, err := facade.ParseRegion("mars")
	assert.ErrorContains(t, err, `"mars"`, "ParseRegion(mars): want an error naming the value")
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
				assert.Equal(t, "vip", name, "decoded tag name")
				mu.Lock()
				defer mu.Unlock()
				require.Len(t, got, 1, "server saw requests")
				s := got[0]
				host := strings.TrimPrefix(facade.RegionURLs[region], "https://")
				assert.Equal(t, host, s.host, "request host")
				assert.Equal(t, host, s.sni, "request SNI")
				assert.Equal(t, http.MethodGet, s.method, "request method")
				assert.Equal(t, "/tags", s.path, "request path")
				assert.Equal(t, "Bearer "+testToken, s.auth, "Authorization")
				assert.Equal(t, []string{tc.version}, s.versions, "Intercom-Version headers")
				assert.Equal(t, facade.DefaultAccept, s.accept, "Accept")
				assert.True(t, strings.HasPrefix(s.accept, "application/json,"), "Accept = %q", s.accept)
				wantUA := "intercom-go/devel (" + facade.ModulePath + "; "
				assert.True(t, strings.HasPrefix(s.userAgent, wantUA), "User-Agent = %q, want %q…go1.…) facade-test/1", s.userAgent, wantUA)
				assert.True(t, strings.HasSuffix(s.userAgent, ") facade-test/1"), "User-Agent = %q, want %q…go1.…) facade-test/1", s.userAgent, wantUA)
				assert.Contains(t, s.userAgent, "; go1.", "User-Agent")
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
	_, err = c.API.ListTagsWithResponse(context.Background())
	require.Error(t, err, "503 from the AU server gave no error")
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, hosts, 1+policy.MaxRetries, "want the first request and %d retries", policy.MaxRetries)
	for _, h := range hosts {
		require.Equal(t, "api.au.intercom.io", h, "requests went to %v, want only api.au.intercom.io", hosts)
	}
}
