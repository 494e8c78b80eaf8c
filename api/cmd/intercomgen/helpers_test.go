package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/intercom-go/intercom/api/internal/modroot"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the package's test files.

// checkoutProject opens this checkout with the pinned descriptions
// (failing in CI and skipping elsewhere when they are absent, see
// modroot.RequireDescriptions).
func checkoutProject(t *testing.T) *project {
	t.Helper()
	dir := modroot.RequireDescriptions(t)
	root, err := modroot.Dir()
	require.NoError(t, err)
	prj, err := flags{root: &root, dir: &dir}.open()
	require.NoError(t, err)
	return prj
}

// treeOf maps every file under root, but .cache, to its content.
func treeOf(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			if info.Name() == ".cache" {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out[rel] = string(data)
		return nil
	}))
	return out
}

func writeDescription(t *testing.T, descs, version string, data []byte) {
	t.Helper()
	path := filepath.Join(descs, "descriptions", version, "api.intercom.io.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

const testCommit = "8889625a7b931d8649e18726e7f872ff073520fc"
