// Package modroot finds this module's files from tests, whatever package
// directory they run in, and the Intercom descriptions they need.
package modroot

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the module root: the nearest parent of the working directory
// holding go.mod.
func Dir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("modroot: no go.mod above the working directory")
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
