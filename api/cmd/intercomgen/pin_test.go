package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/lock"
)

const testCommit = "8889625a7b931d8649e18726e7f872ff073520fc"

// newTestProject lays out a module root with a lock pinning 2.16 and a
// description directory holding 2.15 and 2.16.
func newTestProject(t *testing.T) (*project, string) {
	t.Helper()
	root, descs := t.TempDir(), t.TempDir()
	for v, body := range map[string]string{"2.15": "openapi: 3.0.1 # 2.15\n", "2.16": "openapi: 3.0.1 # 2.16\n"} {
		p := filepath.Join(descs, "descriptions", v, "api.intercom.io.yaml")
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	sum16 := lock.Sum([]byte("openapi: 3.0.1 # 2.16\n"))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "api"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "api", "versions.lock"), []byte(
		"repository r\nraw r\n2.16 generate "+testCommit+" "+sum16+"\n"), 0o644))
	dir := descs
	rootFlag := root
	p, err := flags{root: &rootFlag, dir: &dir}.open()
	require.NoError(t, err)
	p.stderr = io.Discard
	return p, root
}

func TestPinAddsVersionWithItsHash(t *testing.T) {
	p, root := newTestProject(t)
	require.NoError(t, p.pin(context.Background(), "2.15", ""))
	lf, err := lock.Read(filepath.Join(root, "api", "versions.lock"))
	require.NoError(t, err)
	e := lf.Find("2.15")
	require.NotNil(t, e)
	assert.Equal(t, lock.Generate, e.Status)
	assert.Equal(t, testCommit, e.Commit, "new pins reuse the lock's commit")
	assert.Equal(t, lock.Sum([]byte("openapi: 3.0.1 # 2.15\n")), e.SHA256)
	assert.Equal(t, "2.16", lf.Default().Version)

	before, err := os.ReadFile(filepath.Join(root, "api", "versions.lock"))
	require.NoError(t, err)
	require.NoError(t, p.pin(context.Background(), "2.15", ""))
	after, err := os.ReadFile(filepath.Join(root, "api", "versions.lock"))
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after), "pinning twice changes nothing")
}

func TestPinUnknownVersionFails(t *testing.T) {
	p, _ := newTestProject(t)
	err := p.pin(context.Background(), "2.99", "")
	assert.ErrorContains(t, err, "2.99")
}

func TestFacadeVersionsNaming(t *testing.T) {
	lf, err := lock.Parse([]byte("repository r\nraw r\n" +
		"2.11 generate " + testCommit + " " + lock.Sum(nil) + "\n" +
		"2.16 generate " + testCommit + " " + lock.Sum(nil) + "\n" +
		"0 generate " + testCommit + " " + lock.Sum(nil) + "\n" +
		"2.7 check " + testCommit + " " + lock.Sum(nil) + "\n"))
	require.NoError(t, err)
	var got []string
	for _, v := range facadeVersions(lf) {
		got = append(got, v.Suffix+"="+v.Package)
	}
	assert.Equal(t, []string{"V2_11=v2_11", "=v2_16", "Preview=preview"}, got)
}

func TestGenerateRefusesAbbreviatedCommit(t *testing.T) {
	p, root := newTestProject(t)
	lockPath := filepath.Join(root, "api", "versions.lock")
	before, err := os.ReadFile(lockPath)
	require.NoError(t, err)
	for commit, want := range map[string]string{
		"05795dd":                      "abbreviated",
		"not-a-commit":                 "not a 40-hex-digit",
		strings.Repeat("g", 40):        "not a 40-hex-digit",
		strings.Repeat("a", 41):        "not a 40-hex-digit",
		"8889625a7b931d8649e18726e7f8": "abbreviated",
	} {
		err := p.generate(context.Background(), "2.16", commit)
		assert.ErrorContains(t, err, want, commit)
		err = p.generate(context.Background(), "2.15", commit)
		assert.ErrorContains(t, err, want, commit)
	}
	after, err := os.ReadFile(lockPath)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after), "nothing is written for a bad commit")
	c, err := lock.ParseCommit(strings.ToUpper(testCommit))
	require.NoError(t, err)
	assert.Equal(t, testCommit, c, "a full id in upper case is accepted")
}

// TestFailedGenerateRestoresEverything: pinning 2.15 writes the lock, then
// its description fails to normalise; the lock, gen/ and the generated
// files are put back and nothing new is left behind.
func TestFailedGenerateRestoresEverything(t *testing.T) {
	p, root := newTestProject(t)
	for path, body := range map[string]string{
		"gen/v2_16/intercom.gen.go":          "package v2_16 // before\n",
		"facade/versions.gen.go":             "package facade // before\n",
		"api/pagination/v2_16.yaml":          "version: before\n",
		"internal/codectest/registry.gen.go": "package codectest // before\n",
	} {
		full := filepath.Join(root, path)
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(body), 0o644))
	}
	before := treeOf(t, root)
	err := p.generate(context.Background(), "2.15", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "version 2.15", "it failed after pinning, on the description")
	assert.Contains(t, err.Error(), "unchanged")
	assert.Equal(t, before, treeOf(t, root))
	_, err = os.Stat(filepath.Join(root, "gen", "v2_15"))
	assert.True(t, os.IsNotExist(err), "no package is left for the failed version")
	left, _ := filepath.Glob(filepath.Join(root, ".cache", "gen-before-*"))
	assert.Empty(t, left, "the saved copy of gen/ is moved back, not left behind")
}
