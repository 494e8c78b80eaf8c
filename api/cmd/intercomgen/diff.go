package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/apidiff"
	"github.com/intercom-go/intercom/api/lock"
)

// oasdiffModule is the directory of the module pinning oasdiff. It is a
// module of its own so that oasdiff's Go version and dependencies stay out
// of the client's go.mod.
var oasdiffModule = filepath.Join("api", "cmd", "oasdiff")

// diff prints what changes between two pinned versions: operations added
// and removed, the breaking changes oasdiff finds between the normalised
// descriptions, and the difference between the two Go packages.
func (p *project) diff(ctx context.Context, from, to string, w io.Writer) error {
	if from == "" || to == "" {
		return fmt.Errorf("diff needs -from and -to (e.g. -from 2.14 -to 2.16)")
	}
	var entries [2]lock.Entry
	var docs [2]*openapi3.T
	var specs [2]string
	for i, v := range []string{from, to} {
		es, err := p.entries(v, "")
		if err != nil {
			return err
		}
		entries[i] = es[0]
		doc, _, err := p.Normalized(ctx, es[0])
		if err != nil {
			return err
		}
		docs[i] = doc
		specs[i] = p.path(".cache", "diff", lock.Canonical(v)+".json")
		if err := writeJSON(specs[i], doc); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "# Intercom API %s -> %s\n", lock.Header(from), lock.Header(to))

	fmt.Fprintf(w, "\n## Operations\n")
	writeOperations(w, operations(docs[0]), operations(docs[1]))

	findings, err := p.oasdiffBreaking(ctx, specs[0], specs[1])
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n## Breaking changes in the descriptions (oasdiff breaking: %d)\n", len(findings))
	for _, f := range findings {
		fmt.Fprintf(w, "  %s\n", f)
	}

	var apis [2]*apidiff.API
	var dirs [2]string
	for i, e := range entries {
		dir, err := p.goPackage(ctx, e)
		if err != nil {
			return err
		}
		if apis[i], err = apidiff.LoadDir(dir); err != nil {
			return err
		}
		dirs[i], _ = filepath.Rel(p.root, dir)
	}
	fmt.Fprintf(w, "\n## Go API: %s -> %s\n", filepath.ToSlash(dirs[0]), filepath.ToSlash(dirs[1]))
	return apidiff.Write(w, apidiff.Diff(apis[0], apis[1]))
}

// goPackage returns the directory of a version's generated package: gen/
// for versions the module ships, otherwise a fresh one under .cache/diff.
func (p *project) goPackage(ctx context.Context, e lock.Entry) (string, error) {
	dir := p.path("gen", lock.Package(e.Version))
	if e.Status == lock.Generate {
		if _, err := os.Stat(filepath.Join(dir, "intercom.gen.go")); err == nil {
			return dir, nil
		}
	}
	dir = p.path(".cache", "diff", "go", lock.Package(e.Version))
	return dir, p.generateInto(ctx, e, dir, false)
}

// operations maps "METHOD /path" to the operationId.
func operations(doc *openapi3.T) map[string]string {
	out := map[string]string{}
	if doc.Paths == nil {
		return out
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out[method+" "+path] = op.OperationID
		}
	}
	return out
}

func writeOperations(w io.Writer, old, new map[string]string) {
	var added, removed, renamed []string
	for k, id := range new {
		switch oldID, ok := old[k]; {
		case !ok:
			added = append(added, fmt.Sprintf("+ %s (%s)", k, id))
		case oldID != id:
			renamed = append(renamed, fmt.Sprintf("~ %s: %s -> %s", k, oldID, id))
		}
	}
	for k, id := range old {
		if _, ok := new[k]; !ok {
			removed = append(removed, fmt.Sprintf("- %s (%s)", k, id))
		}
	}
	for _, g := range []struct {
		title string
		lines []string
	}{{"removed", removed}, {"operationId changed (the Go method is renamed)", renamed}, {"added", added}} {
		sort.Strings(g.lines)
		fmt.Fprintf(w, "%s: %d\n", g.title, len(g.lines))
		for _, l := range g.lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

// finding is one entry of oasdiff's JSON output.
type finding struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	Level       int    `json:"level"`
	Operation   string `json:"operation"`
	OperationID string `json:"operationId"`
	Path        string `json:"path"`
}

func (f finding) String() string {
	level := map[int]string{1: "info", 2: "warning", 3: "error"}[f.Level]
	where := strings.TrimSpace(f.Operation + " " + f.Path)
	if f.OperationID != "" {
		where += " (" + f.OperationID + ")"
	}
	return fmt.Sprintf("%-7s %s: %s [%s]", level, where, f.Text, f.ID)
}

// oasdiffBreaking runs the pinned oasdiff on two descriptions and returns
// its breaking-change findings, errors first, then by path and method.
func (p *project) oasdiffBreaking(ctx context.Context, base, revision string) ([]finding, error) {
	cmd := exec.CommandContext(ctx, "go", "run", "github.com/oasdiff/oasdiff",
		"breaking", base, revision, "--format", "json")
	cmd.Dir = p.path(oasdiffModule)
	// The oasdiff module is not part of any workspace; GOFLAGS such as
	// -mod=vendor that suit the client module would not suit it.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("oasdiff: %w\n%s", err, stderr.Bytes())
	}
	var fs []finding
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		return nil, fmt.Errorf("oasdiff output: %w", err)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Level != b.Level {
			return a.Level > b.Level
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		return a.Text < b.Text
	})
	return fs, nil
}
