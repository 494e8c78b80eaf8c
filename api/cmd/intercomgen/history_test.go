package main

import (
	"bytes"
	"context"
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
	"github.com/intercom-go/intercom/api/pagination"
	"github.com/intercom-go/intercom/api/retry"
)

// historyProject lays out a project root inside the module (so that the
// generator's go run and the test's go build resolve this module) with a
// lock pinning 2.16 and Preview, and a descriptions directory holding only
// 2.16: generating 2.16 alone must not need Preview's description.
func historyProject(t *testing.T, desc []byte) (p *project, root, descs string) {
	t.Helper()
	mod, err := modroot.Dir()
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(mod, ".cache"), 0o755))
	root, err = os.MkdirTemp(filepath.Join(mod, ".cache"), "history-test-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(root) })
	descs = t.TempDir()
	for _, f := range []string{"oapi-codegen.yaml", "api/pagination/overrides.yaml", "api/retry/overrides.yaml", "api/services/overrides.yaml"} {
		data, err := os.ReadFile(filepath.Join(mod, f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, f), data, 0o644))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(root, "facade"), 0o755))
	writeDescription(t, descs, "2.16", desc)
	lf := "repository r\nraw http://127.0.0.1:1/none\n" +
		"2.16 generate " + testCommit + " " + lock.Sum(desc) + "\n" +
		"0 generate " + testCommit + " " + strings.Repeat("ab", 32) + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "api", "versions.lock"), []byte(lf), 0o644))
	rootFlag, dirFlag := root, descs
	p, err = flags{root: &rootFlag, dir: &dirFlag}.open()
	require.NoError(t, err)
	p.stderr = io.Discard
	return p, root, descs
}

func writeDescription(t *testing.T, descs, version string, data []byte) {
	t.Helper()
	path := filepath.Join(descs, "descriptions", version, "api.intercom.io.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

// mutate applies to the base description the changes Intercom's published
// history shows between commits.
func mutate(t *testing.T, base []byte) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(base, &doc))
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	ok := map[string]any{"description": "ok", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/contact_list"}}}}
	one := map[string]any{"description": "ok", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/contact"}}}}
	// An operation removed.
	delete(paths, "/export/content/data")
	// A paged list, a search and a write added.
	paths["/tickets"] = map[string]any{
		"get": map[string]any{"operationId": "listTickets", "summary": "List tickets",
			"parameters": []any{map[string]any{"name": "starting_after", "in": "query", "schema": map[string]any{"type": "string"}}},
			"responses":  map[string]any{"200": ok}},
		"post": map[string]any{"operationId": "createTicket", "summary": "Create a ticket", "responses": map[string]any{"200": one}},
	}
	paths["/tickets/search"] = map[string]any{
		"post": map[string]any{"operationId": "searchTickets", "summary": "Search tickets",
			"requestBody": map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/search_request"}}}},
			"responses":   map[string]any{"200": ok}},
	}
	// A path parameter renamed in one declaration of a path.
	paths["/contacts/{id}/companies"] = map[string]any{
		"post": map[string]any{"operationId": "attachContactToACompany", "summary": "Attach a contact to a company",
			"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}},
			"responses":  map[string]any{"200": one}},
	}
	// A path parameter that is an id or the word "last".
	paths["/conversations/{id}/reply"] = map[string]any{
		"post": map[string]any{"operationId": "replyConversation", "summary": "Reply to a conversation",
			"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{
				"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "string", "enum": []any{"last"}}}}}},
			"responses": map[string]any{"200": one}},
	}
	// The version list lags the default and still calls Preview Unstable.
	schemas["intercom_version"] = map[string]any{"type": "string", "enum": []any{"2.14", "2.15", "Unstable"}, "default": "2.16"}
	out, err := yaml.Marshal(doc)
	require.NoError(t, err)
	return out
}

// TestRegenerateFollowsDescriptionHistory is the end-to-end proof that the
// per-operation tables follow the description: a version is generated,
// its description then changes the way Intercom's history changed its
// descriptions, and `generate VERSION=2.16 COMMIT=...` regenerates a
// package that builds, vets and sends a request, with the retry and
// pagination tables derived anew and no file edited by hand. A later run
// that fails leaves everything as it was.
func TestRegenerateFollowsDescriptionHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs oapi-codegen and go build")
	}
	base, err := os.ReadFile(filepath.Join("testdata", "history-base.yaml"))
	require.NoError(t, err)
	p, root, descs := historyProject(t, base)
	ctx := context.Background()

	require.NoError(t, p.generate(ctx, "2.16", ""), "generating 2.16 reads no other version's description")
	rt, err := retry.Load(filepath.Join(root, "api", "retry", "v2_16.yaml"))
	require.NoError(t, err)
	require.NotNil(t, rt.Find("createDataExport"))
	assert.True(t, rt.Find("createDataExport").Quota)
	assert.Nil(t, rt.Find("searchTickets"))

	// Intercom publishes a changed description at another commit.
	writeDescription(t, descs, "2.16", mutate(t, base))
	next := strings.Repeat("1", 40)
	require.NoError(t, p.generate(ctx, "2.16", next))
	lf, err := lock.Read(filepath.Join(root, "api", "versions.lock"))
	require.NoError(t, err)
	assert.Equal(t, next, lf.Find("2.16").Commit)

	rt, err = retry.Load(filepath.Join(root, "api", "retry", "v2_16.yaml"))
	require.NoError(t, err)
	assert.Nil(t, rt.Find("createDataExport"), "a removed operation leaves the table")
	if e := rt.Find("searchTickets"); assert.NotNil(t, e) {
		assert.Equal(t, retry.Safe, e.Class, "an added search is a safe read")
	}
	if e := rt.Find("createTicket"); assert.NotNil(t, e) {
		assert.Equal(t, retry.Write, e.Class, "an added create is a write")
	}
	if e := rt.Find("attachContactToACompany"); assert.NotNil(t, e) {
		assert.Equal(t, "/contacts/{contact_id}/companies", e.Path, "merged into the other spelling of its path")
	}
	facadeTable, err := os.ReadFile(filepath.Join(root, "gen", "v2_16", "retry.gen.go"))
	require.NoError(t, err)
	assert.Contains(t, string(facadeTable), `"/tickets/search", Class: facade.RetrySafe`)
	assert.NotContains(t, string(facadeTable), "/export/content/data")

	pt, err := pagination.Load(filepath.Join(root, "api", "pagination", "v2_16.yaml"))
	require.NoError(t, err)
	assert.NotNil(t, pt.Find("listTickets"), "an added paged list gets an iterator")
	assert.NotNil(t, pt.Find("searchTickets"), "an added search gets an iterator")
	pages, err := os.ReadFile(filepath.Join(root, "gen", "v2_16", "pages.gen.go"))
	require.NoError(t, err)
	assert.Contains(t, string(pages), "ListTickets")

	ver, err := os.ReadFile(filepath.Join(root, "gen", "v2_16", "version.gen.go"))
	require.NoError(t, err)
	assert.Contains(t, string(ver), `var KnownVersions = []string{"2.14", "2.15", "Preview", "2.16"}`)
	nlog, err := os.ReadFile(filepath.Join(root, "gen", "v2_16", "normalize.log"))
	require.NoError(t, err)
	for _, rule := range []string{"duplicate-path-template", "scalar-union-param", "enum-value-outside-values", "former-version-name"} {
		assert.Contains(t, string(nlog), rule)
	}

	// The regenerated package builds, vets, and sends the reply whose id
	// was a union (the generator's runtime panicked styling it before).
	rel, err := filepath.Rel(filepath.Dir(filepath.Dir(root)), filepath.Join(root, "gen", "v2_16"))
	require.NoError(t, err)
	pkg := "./" + filepath.ToSlash(rel)
	require.NoError(t, os.WriteFile(filepath.Join(root, "gen", "v2_16", "send_test.go"), []byte(sendTest), 0o644))
	for _, args := range [][]string{{"vet", pkg}, {"test", "-count=1", "-run", "TestSendReply", pkg}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = filepath.Dir(filepath.Dir(root)) // the module root
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		require.NoError(t, cmd.Run(), "go %s:\n%s", strings.Join(args, " "), out.String())
	}
	require.NoError(t, os.Remove(filepath.Join(root, "gen", "v2_16", "send_test.go")))

	// A full run fails on Preview, whose description this source lacks,
	// after regenerating 2.16: nothing it wrote is kept.
	before := treeOf(t, root)
	err = p.generate(ctx, "", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unchanged")
	assert.Equal(t, before, treeOf(t, root), "a failed generate leaves the lock, gen/ and the tables as they were")
}

const sendTest = `package v2_16

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

type recorder struct{ path string }

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.path = req.URL.Path
	return nil, errors.New("recorded")
}

func TestSendReply(t *testing.T) {
	rec := &recorder{}
	c, err := NewClient("http://127.0.0.1:1", WithHTTPClient(rec))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.ReplyConversation(context.Background(), "last")
	if rec.path != "/conversations/last/reply" {
		t.Fatalf("path %q", rec.path)
	}
	_, _ = c.AttachContactToACompany(context.Background(), "c1")
	if rec.path != "/contacts/c1/companies" {
		t.Fatalf("path %q", rec.path)
	}
}
`

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
