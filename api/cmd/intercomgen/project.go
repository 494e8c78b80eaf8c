package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/normalize"
)

type flags struct {
	root, dir *string
}

func projectFlags(fs *flag.FlagSet) flags {
	return flags{
		root: fs.String("root", ".", "module root"),
		dir:  fs.String("descriptions", os.Getenv("INTERCOM_OPENAPI_DIR"), "local copy of the upstream repository (default $INTERCOM_OPENAPI_DIR); empty: download"),
	}
}

// project is the module on disk: its lock, overlays, cache and gen/.
type project struct {
	root    string
	lock    *lock.File
	fetcher *lock.Fetcher
	stderr  io.Writer
}

func (f flags) open() (*project, error) {
	root, err := filepath.Abs(*f.root)
	if err != nil {
		return nil, err
	}
	lf, err := lock.Read(filepath.Join(root, "api", "versions.lock"))
	if err != nil {
		return nil, err
	}
	return &project{
		root:    root,
		lock:    lf,
		stderr:  os.Stderr,
		fetcher: &lock.Fetcher{Lock: lf, Source: lock.Source{Dir: *f.dir}, Cache: filepath.Join(root, ".cache", "descriptions")},
	}, nil
}

func (p *project) path(parts ...string) string {
	return filepath.Join(append([]string{p.root}, parts...)...)
}

// entries returns the entry for version, or every entry with the status.
func (p *project) entries(version string, status lock.Status) ([]lock.Entry, error) {
	if version == "" {
		var out []lock.Entry
		for _, e := range p.lock.Entries {
			if status == "" || e.Status == status {
				out = append(out, e)
			}
		}
		return out, nil
	}
	e := p.lock.Find(version)
	if e == nil {
		return nil, fmt.Errorf("version %s is not pinned in api/versions.lock (make generate VERSION=%s pins it)", version, version)
	}
	return []lock.Entry{*e}, nil
}

func (p *project) fetchAll(ctx context.Context, version string) error {
	es, err := p.entries(version, "")
	if err != nil {
		return err
	}
	for _, e := range es {
		path, err := p.fetcher.Path(ctx, e)
		if err != nil {
			return err
		}
		fmt.Fprintf(p.stderr, "%-7s %s ok\n", e.Version, path)
	}
	return nil
}

// overlays returns the shared overlay and the version's own, if present.
func (p *project) overlays(version string) ([]normalize.Overlay, error) {
	var out []normalize.Overlay
	for _, c := range []struct {
		file   string
		strict bool
	}{{"all.yaml", false}, {lock.Canonical(version) + ".yaml", true}} {
		path := p.path("api", "overlays", c.file)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		o, err := normalize.LoadOverlay(path, c.strict)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// normalized fetches, verifies and normalises one version.
func (p *project) normalized(ctx context.Context, e lock.Entry) (*openapi3.T, *normalize.Log, error) {
	path, err := p.fetcher.Path(ctx, e)
	if err != nil {
		return nil, nil, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	ovs, err := p.overlays(e.Version)
	if err != nil {
		return nil, nil, err
	}
	doc, log, err := normalize.Normalize(raw, ovs...)
	if err != nil {
		return nil, nil, fmt.Errorf("version %s: %w", e.Version, err)
	}
	if err := normalize.Validate(ctx, doc); err != nil {
		return nil, nil, fmt.Errorf("version %s: normalised description is invalid: %w", e.Version, err)
	}
	return doc, log, nil
}

func writeJSON(path string, doc *openapi3.T) error {
	data, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func (p *project) normalizeTo(ctx context.Context, version, out string) error {
	es, err := p.entries(version, "")
	if err != nil {
		return err
	}
	doc, _, err := p.normalized(ctx, es[0])
	if err != nil {
		return err
	}
	return writeJSON(out, doc)
}

// knownVersions reads the intercom_version enum: every header value
// Intercom defines, as the description says.
func knownVersions(doc *openapi3.T) []string {
	var out []string
	if doc.Components == nil {
		return nil
	}
	s := doc.Components.Schemas["intercom_version"]
	if s == nil || s.Value == nil {
		return nil
	}
	for _, v := range s.Value.Enum {
		if str, ok := v.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

func servers(doc *openapi3.T) []string {
	var out []string
	for _, s := range doc.Servers {
		out = append(out, strings.TrimSuffix(s.URL, "/"))
	}
	return out
}
