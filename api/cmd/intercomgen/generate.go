package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/intercom-go/intercom/api/internal/modroot"
	"github.com/intercom-go/intercom/api/lock"
)

const oapiCodegen = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"

// generate regenerates every generated version, or pins and generates one.
// It is all or nothing: when any step fails, the lock, gen/ and the
// generated tables and facade files are put back as they were.
func (p *project) generate(ctx context.Context, version, commit string) (err error) {
	if commit != "" {
		if version == "" {
			return fmt.Errorf("a commit is pinned for one version: pass VERSION= with COMMIT=")
		}
		if commit, err = lock.ParseCommit(commit); err != nil {
			return err
		}
	}
	snap, err := p.snapshot()
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			snap.discard()
			return
		}
		if rerr := snap.restore(); rerr != nil {
			err = fmt.Errorf("%w (and restoring the previous files failed: %v)", err, rerr)
			return
		}
		err = fmt.Errorf("%w (versions.lock, gen/ and the generated files are unchanged)", err)
	}()
	if version != "" {
		if err := p.pin(ctx, version, commit); err != nil {
			return err
		}
	}
	es, err := p.entries(version, lock.Generate)
	if err != nil {
		return err
	}
	for _, e := range es {
		if err := p.generateInto(ctx, e, p.path("gen", lock.Package(e.Version)), true); err != nil {
			return err
		}
	}
	if err := p.writePages(ctx, es); err != nil {
		return err
	}
	if err := p.writeServices(ctx, es); err != nil { // services.go
		return err
	}
	if err := p.writeRetries(ctx, es); err != nil { // retry.go
		return err
	}
	if err := p.writeCodecRegistry(ctx, es); err != nil { // codecreg.go
		return err
	}
	return p.writeFacade(modulePath, es)
}

// writeOriginal writes .cache/original/<version>.json: the pinned
// description before the normaliser, converted from YAML.
func (p *project) writeOriginal(ctx context.Context, e lock.Entry) error {
	raw, err := p.Raw(ctx, e)
	if err != nil {
		return err
	}
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("version %s: %w", e.Version, err)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("version %s as JSON: %w", e.Version, err)
	}
	path := p.path(".cache", "original", e.Version+".json")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// generatorModule is the directory of the generator's own module (api/ of
// the repository this generator runs from), whose go.mod pins oapi-codegen.
// It is found from the working directory, not from -root, so that a
// project root elsewhere (a test's scratch copy) still runs the pinned one.
func generatorModule() string {
	if dir, err := modroot.Dir(); err == nil {
		return filepath.Join(dir, "api")
	}
	return "api"
}

// modulePath is this module's import path, which generated imports use.
const modulePath = "github.com/intercom-go/intercom"

// pin adds version to the lock with status generate, or moves it to a new
// commit. The hash of a newly pinned file is taken from the file itself:
// from then on, a different file is refused.
func (p *project) pin(ctx context.Context, version, commit string) error {
	version = lock.Canonical(version)
	if commit != "" {
		c, err := lock.ParseCommit(commit)
		if err != nil {
			return err
		}
		commit = c
	}
	old := p.lock.Find(version)
	if old != nil && old.Status == lock.Generate && (commit == "" || commit == old.Commit) {
		return nil
	}
	e := lock.Entry{Version: version, Status: lock.Generate}
	switch {
	case commit != "":
		e.Commit = commit
	case old != nil:
		e.Commit = old.Commit
	case p.lock.Default() != nil:
		e.Commit = p.lock.Default().Commit
	default:
		return fmt.Errorf("no commit to pin %s at: pass COMMIT=", version)
	}
	if old != nil && old.Commit == e.Commit {
		e.SHA256 = old.SHA256
	} else {
		data, origin, err := p.Fetcher.Raw(ctx, version, e.Commit)
		if err != nil {
			return err
		}
		e.SHA256 = lock.Sum(data)
		fmt.Fprintf(p.stderr, "pinning %s from %s: sha256 %s\n", version, origin, e.SHA256)
	}
	p.lock.Set(e)
	return p.lock.Write(p.path("api", "versions.lock"))
}

// generateInto writes one version's package into dir: the normaliser log,
// oapi-codegen's output and the version constants; with examples, also the
// test in api/examplecheck that decodes the description's examples into it.
func (p *project) generateInto(ctx context.Context, e lock.Entry, dir string, examples bool) error {
	doc, log, err := p.Normalized(ctx, e)
	if err != nil {
		return err
	}
	pkg := lock.Package(e.Version)
	spec := p.path(".cache", "normalized", e.Version+".json")
	if err := writeJSON(spec, doc); err != nil {
		return err
	}
	// The description as Intercom publishes it, as JSON, for the client
	// module's tests that must read the original (which properties can be
	// null) without a YAML library, which the client's module does not pull.
	if err := p.writeOriginal(ctx, e); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var lb bytes.Buffer
	fmt.Fprintf(&lb, "# Changes the normaliser made to Intercom API %s (rule, JSON pointer, detail).\n", e.Version)
	if _, err := log.WriteTo(&lb); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "normalize.log"), lb.Bytes(), 0o644); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", "run", oapiCodegen,
		"-config", p.path("oapi-codegen.yaml"), "-package", pkg,
		"-o", filepath.Join(dir, "intercom.gen.go"), spec)
	cmd.Dir = generatorModule() // it pins oapi-codegen; the client's module does not
	cmd.Stdout, cmd.Stderr = p.stderr, p.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("oapi-codegen for %s: %w", e.Version, err)
	}
	if err := rewriteFile(filepath.Join(dir, "intercom.gen.go"), trimClient); err != nil {
		return fmt.Errorf("client of %s: %w", e.Version, err)
	}
	cs, err := writeCodec(dir, pkg) // codec.go
	if err != nil {
		return fmt.Errorf("decoders for %s: %w", e.Version, err)
	}
	if err := writeAccessors(dir, pkg); err != nil { // accessors.go
		return fmt.Errorf("getters for %s: %w", e.Version, err)
	}
	src, err := render(versionTemplate, map[string]any{
		"Package": pkg, "Entry": e, "Header": lock.Header(e.Version),
		"Known": knownVersions(doc, lock.Header(e.Version)), "Servers": servers(doc), "Repository": p.lock.Repository,
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "version.gen.go"), src, 0o644); err != nil {
		return err
	}
	if examples {
		if err := writeExamplesTest(doc, e, p.path("api", "examplecheck")); err != nil {
			return err
		}
	}
	fmt.Fprintf(p.stderr, "%-7s -> %s (%d normaliser changes; decoders for %d of %d types, those Intercom sends)\n", e.Version, dir, len(log.Changes), cs.Decoders, cs.Candidates)
	return nil
}

func render(tmpl *template.Template, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		return nil, err
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format %s: %w\n%s", tmpl.Name(), err, b.Bytes())
	}
	return src, nil
}

var versionTemplate = template.Must(template.New("version").Parse(`// Code generated by intercomgen from api/versions.lock. DO NOT EDIT.

package {{.Package}}

// Version is the Intercom-Version header value of this package's API.
const Version = {{printf "%q" .Header}}

// The description this package was generated from: descriptions/{{.Entry.Version}}/api.intercom.io.yaml
// of {{.Repository}}.
const (
	DescriptionCommit = {{printf "%q" .Entry.Commit}}
	DescriptionSHA256 = {{printf "%q" .Entry.SHA256}}
)

// KnownVersions lists every Intercom-Version value the description defines.
var KnownVersions = []string{ {{- range .Known}}{{printf "%q" .}}, {{end -}} }

// Servers lists the API base URLs the description declares, one per region.
var Servers = []string{ {{- range .Servers}}{{printf "%q" .}}, {{end -}} }
`))
