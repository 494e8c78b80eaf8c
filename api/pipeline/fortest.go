package pipeline

import (
	"testing"

	"github.com/intercom-go/intercom/api/internal/modroot"
)

// ForTest opens the repository a test runs in with the local descriptions
// (modroot.RequireDescriptions: a failure in CI, a skip elsewhere when
// there are none), caching fetched files in the test's own directory so
// that no test writes the module's cache.
func ForTest(t testing.TB) *Project {
	t.Helper()
	dir := modroot.RequireDescriptions(t)
	root, err := modroot.Dir()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Open(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	p.Fetcher.Cache = t.TempDir()
	return p
}
