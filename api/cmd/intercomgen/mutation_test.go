package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/intercom-go/intercom/api/internal/modroot"
	"github.com/intercom-go/intercom/api/lock"
)

// TestMutatedDescriptionKeepsTheFacadeGreen regenerates 2.16, in a copy of
// the repository, from its pinned description mutated the way Intercom's
// history mutates descriptions: an operation removed, a paged list, a
// search and a write added, the version enum missing the newest version,
// and a path parameter renamed. The generated tables must follow, no
// hand-written file may change, and the facade's own tests must pass
// against the regenerated package.
func TestMutatedDescriptionKeepsTheFacadeGreen(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates a version and runs the facade's tests")
	}
	descs := modroot.RequireDescriptions(t)
	repo, err := modroot.Dir()
	require.NoError(t, err)
	tmp := copyRepository(t, repo)

	raw, err := os.ReadFile(filepath.Join(descs, "descriptions", "2.16", "api.intercom.io.yaml"))
	require.NoError(t, err)
	mutated := mutateDescription(t, raw)
	tmpDescs := t.TempDir()
	writeDescription(t, tmpDescs, "2.16", mutated)
	lf, err := lock.Read(filepath.Join(tmp, "api", "versions.lock"))
	require.NoError(t, err)
	e := lf.Find("2.16")
	require.NotNil(t, e)
	e.SHA256 = lock.Sum(mutated)
	lf.Set(*e)
	require.NoError(t, lf.Write(filepath.Join(tmp, "api", "versions.lock")))

	handWritten := handWrittenTree(t, tmp)
	rootFlag, dirFlag := tmp, tmpDescs
	p, err := flags{root: &rootFlag, dir: &dirFlag}.open()
	require.NoError(t, err)
	p.stderr = io.Discard
	require.NoError(t, p.generate(context.Background(), "2.16", ""))
	assert.Equal(t, handWritten, handWrittenTree(t, tmp), "generate changed a hand-written file")

	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(tmp, rel))
		require.NoError(t, err)
		return string(data)
	}
	pages := read("api/pagination/v2_16.yaml")
	assert.Contains(t, pages, "operation: listActivityLogsMirror", "the added paged list has an iterator")
	assert.Contains(t, pages, "operation: searchTicketsMirror", "the added search has an iterator")
	retries := read("api/retry/v2_16.yaml")
	assert.Contains(t, retries, "createTagMirror", "the added write is classified")
	services := read("gen/v2_16/services.gen.go")
	assert.NotContains(t, services, "/ip_allowlist", "the removed operation has no method")
	assert.Contains(t, services, `"/tags/{id}"`, "the renamed path parameter")
	// The enum lacks 2.16; the package's own version is still known.
	assert.Contains(t, read("gen/v2_16/version.gen.go"), `"2.15", "2.16"}`)

	for _, args := range [][]string{{"vet", "./facade/...", "./gen/v2_16/"}, {"test", "-count=1", "./facade/", "./facade/search/", "./examples/quickstart/"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = tmp
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		require.NoError(t, cmd.Run(), "go %s against the regenerated 2.16:\n%s", strings.Join(args, " "), out.String())
	}
}

// copyRepository copies the files git tracks into a new directory.
func copyRepository(t *testing.T, repo string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", repo, "ls-files", "-z").Output()
	require.NoError(t, err)
	tmp := t.TempDir()
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(repo, rel))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		require.NoError(t, err)
		dst := filepath.Join(tmp, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		require.NoError(t, os.WriteFile(dst, data, 0o644))
	}
	return tmp
}

// handWrittenTree hashes every file generate may not write.
func handWrittenTree(t *testing.T, root string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	require.NoError(t, filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if generatedPath(rel) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[rel] = sha256.Sum256(data)
		return nil
	}))
	return out
}

// generatedPath reports what generate writes: gen/, .cache/ and the globs
// it snapshots.
func generatedPath(rel string) bool {
	rel = filepath.ToSlash(rel)
	if strings.HasPrefix(rel, "gen/") || strings.HasPrefix(rel, ".cache/") {
		return true
	}
	for _, g := range generatedGlobs {
		if ok, _ := filepath.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// mutateDescription applies the history's kinds of change to a
// description.
func mutateDescription(t *testing.T, raw []byte) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	paths := doc["paths"].(map[string]any)

	// An operation removed.
	delete(paths, "/ip_allowlist")

	// A paged list, a search and a write added, as copies of existing ones.
	mirror := func(from, to, method, id string) {
		item := deepCopy(t, paths[from]).(map[string]any)
		for m := range item {
			if m != method && m != "parameters" {
				delete(item, m)
			}
		}
		item[method].(map[string]any)["operationId"] = id
		paths[to] = item
	}
	mirror("/admins/activity_logs", "/admins/activity_logs_mirror", "get", "listActivityLogsMirror")
	mirror("/tickets/search", "/tickets/search_mirror", "post", "searchTicketsMirror")
	mirror("/tags", "/tags_mirror", "post", "createTagMirror")

	// A path parameter renamed.
	tag := paths["/tags/{tag_id}"]
	delete(paths, "/tags/{tag_id}")
	renamed, err := yaml.Marshal(tag)
	require.NoError(t, err)
	renamed = bytes.ReplaceAll(renamed, []byte("name: tag_id"), []byte("name: id"))
	var item any
	require.NoError(t, yaml.Unmarshal(renamed, &item))
	paths["/tags/{id}"] = item

	// The version enum missing the newest version.
	iv := doc["components"].(map[string]any)["schemas"].(map[string]any)["intercom_version"].(map[string]any)
	var enum []any
	for _, v := range iv["enum"].([]any) {
		if v != "2.16" {
			enum = append(enum, v)
		}
	}
	iv["enum"] = enum

	out, err := yaml.Marshal(doc)
	require.NoError(t, err)
	return out
}

func deepCopy(t *testing.T, v any) any {
	t.Helper()
	data, err := yaml.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, yaml.Unmarshal(data, &out))
	return out
}
