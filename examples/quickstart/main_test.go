package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clearEnv empties every variable facade.FromEnv reads, so that the
// developer's own configuration cannot leak into a test.
func clearEnv(t *testing.T) {
	for _, k := range []string{facade.EnvToken, facade.EnvAccessToken, facade.EnvRegion, facade.EnvVersion, facade.EnvBaseURL} {
		t.Setenv(k, "")
	}
}

// checkSteps fails the test for every step missing from out.
func checkSteps(t *testing.T, out string, steps []string) {
	t.Helper()
	for _, s := range steps {
		assert.True(t, regexp.MustCompile(s).MatchString(out), "output lacks %s:\n%s", s, out)
	}
}

// The steps after the first line, the same against either server.
var walkthroughSteps = []string{
	`(?m)^1\. Authenticated as Ada Admin <ada@example\.com>$`,
	`(?m)^2\. Created contact [0-9a-f]{24} <quickstart-\d+@example\.com>$`,
	`(?m)^3\. Tagged the contact "quickstart" \(tag \d+\)$`,
	`(?m)^4\. Listed 2 contacts, the new one among them$`,
	`(?m)^5\. Found 1 open conversation\(s\) from the last 30 days\n   - \d+ "Where is my compiler\?"$`,
	`(?m)^6\. Deleted contact [0-9a-f]{24}$`,
}

// TestQuickstartAgainstIntercomtest runs the walkthrough with no token, as
// `make example` does without INTERCOM_TOKEN, and checks every step ran.
func TestQuickstartAgainstIntercomtest(t *testing.T) {
	clearEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	err := run(ctx, &out)
	require.NoError(t, err, "run: %v\n%s", err, out.String())
	checkSteps(t, out.String(), append([]string{`(?m)^Using intercomtest at http://127\.0\.0\.1:\d+ `}, walkthroughSteps...))
}

// TestQuickstartFromEnvironment takes the INTERCOM_TOKEN branch: the
// client comes from facade.FromEnv, pointed at an intercomtest server by
// INTERCOM_BASE_URL. The recorded requests show the typed bodies went out
// in full and the listings went through the iterators.
func TestQuickstartFromEnvironment(t *testing.T) {
	clearEnv(t)
	srv := intercomtest.New(t)
	seed(srv)
	t.Setenv(facade.EnvToken, intercomtest.DefaultToken)
	t.Setenv(facade.EnvBaseURL, srv.URL())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	err := run(ctx, &out)
	require.NoError(t, err, "run: %v\n%s", err, out.String())
	first := `(?m)^Using Intercom at ` + regexp.QuoteMeta(srv.URL()) + `, API 2\.16 \(INTERCOM_TOKEN is set\)$`
	checkSteps(t, out.String(), append([]string{first}, walkthroughSteps...))

	var sawContact, sawTag, sawList, sawSearch bool
	for _, r := range srv.Requests() {
		switch r.Method + " " + r.Path {
		case "POST /contacts":
			var b struct{ Email, Name string }
			sawContact = json.Unmarshal(r.Body, &b) == nil && regexp.MustCompile(`^quickstart-\d+@example\.com$`).MatchString(b.Email) && b.Name == "Quickstart Example"
		case "POST /tags":
			sawTag = string(r.Body) == `{"name":"quickstart"}`
		case "GET /contacts":
			sawList = r.Query.Get("per_page") == "50"
		case "POST /conversations/search":
			var b struct {
				Pagination struct {
					PerPage int `json:"per_page"`
				}
			}
			// MaxItems(20) asks for no more than 20 results.
			sawSearch = json.Unmarshal(r.Body, &b) == nil && b.Pagination.PerPage == 20
		}
	}
	require.True(t, sawContact, "typed bodies: contact %v, tag %v; requests:\n%+v", sawContact, sawTag, srv.Requests())
	assert.True(t, sawTag, "typed bodies: contact %v, tag %v; requests:\n%+v", sawContact, sawTag, srv.Requests())
	require.True(t, sawList, "iterator requests: list %v, search %v", sawList, sawSearch)
	assert.True(t, sawSearch, "iterator requests: list %v, search %v", sawList, sawSearch)
	n := len(srv.Contacts())
	assert.Equal(t, 1, n, "%d contacts left, want only the seeded one", n)
}
