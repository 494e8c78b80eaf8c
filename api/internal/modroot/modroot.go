// Package modroot finds the repository's files from the generator's tests,
// whatever package directory they run in, and the Intercom descriptions
// they need. The generator is a module of its own (api/go.mod) inside the
// client's repository, so the root is found by what it holds, not by the
// nearest go.mod.
package modroot

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the repository root: the nearest parent of the working
// directory holding api/versions.lock beside a go.mod.
func Dir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "api", "versions.lock")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("modroot: no repository root (api/versions.lock beside go.mod) above the working directory")
		}
		dir = parent
	}
}

// Descriptions returns the local copy of the upstream description
// repository: $INTERCOM_OPENAPI_DIR, or ../shared/intercom-openapi beside the
// module. ok is false when neither exists.
func Descriptions() (dir string, ok bool) {
	if d := os.Getenv("INTERCOM_OPENAPI_DIR"); d != "" {
		return d, true
	}
	root, err := Dir()
	if err != nil {
		return "", false
	}
	d := filepath.Join(root, "..", "shared", "intercom-openapi")
	if _, err := os.Stat(filepath.Join(d, "descriptions")); err != nil {
		return "", false
	}
	return d, true
}

// InCI reports whether the tests run in CI, where a missing input is a
// failure rather than a reason to skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// RequireDescriptions returns the descriptions directory for a test. Where
// there is none it fails the test in CI and skips it elsewhere, so a
// developer without the inputs can still run the rest.
func RequireDescriptions(t testing.TB) string {
	t.Helper()
	dir, ok := Descriptions()
	if ok {
		return dir
	}
	if InCI() {
		t.Fatal("Intercom descriptions not found: set INTERCOM_OPENAPI_DIR")
	}
	t.Skip("Intercom descriptions not found: set INTERCOM_OPENAPI_DIR to run")
	return ""
}
