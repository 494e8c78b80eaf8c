package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/internal/modroot"
	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/normalize"
	"github.com/intercom-go/intercom/api/pipeline"
)

type flags struct {
	root, dir *string
}

func projectFlags(fs *flag.FlagSet) flags {
	return flags{
		root: fs.String("root", defaultRoot(), "repository root (default: the nearest directory above holding api/versions.lock)"),
		dir:  fs.String("descriptions", os.Getenv("INTERCOM_OPENAPI_DIR"), "local copy of the upstream repository (default $INTERCOM_OPENAPI_DIR); empty: download"),
	}
}

// defaultRoot is the repository root above the working directory, so that
// the generator runs the same from the root (go -C api run) or from api/.
func defaultRoot() string {
	if dir, err := modroot.Dir(); err == nil {
		return dir
	}
	return "."
}

// project is the pipeline plus where the generator reports progress.
type project struct {
	*pipeline.Project
	root   string
	lock   *lock.File
	stderr io.Writer
}

func (f flags) open() (*project, error) {
	pp, err := pipeline.Open(*f.root, *f.dir)
	if err != nil {
		return nil, err
	}
	return &project{Project: pp, root: pp.Root, lock: pp.Lock, stderr: os.Stderr}, nil
}

func (p *project) path(parts ...string) string { return p.Path(parts...) }

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
	e, err := p.Entry(version)
	if err != nil {
		return nil, err
	}
	return []lock.Entry{e}, nil
}

func (p *project) fetchAll(ctx context.Context, version string) error {
	es, err := p.entries(version, "")
	if err != nil {
		return err
	}
	for _, e := range es {
		path, err := p.Fetcher.Path(ctx, e)
		if err != nil {
			return err
		}
		fmt.Fprintf(p.stderr, "%-7s %s ok\n", e.Version, path)
	}
	return nil
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

// normalizeTo writes one version's normalised description; with wire, as
// Intercom's wire carries it, without the properties added for the Go types.
func (p *project) normalizeTo(ctx context.Context, version, out string, wire bool) error {
	es, err := p.entries(version, "")
	if err != nil {
		return err
	}
	doc, _, err := p.Normalized(ctx, es[0])
	if err != nil {
		return err
	}
	if wire {
		normalize.WireOnly(doc)
	}
	return writeJSON(out, doc)
}

// knownVersions reads the intercom_version enum: every header value
// Intercom defines, as the description says, with Preview's former name
// "Unstable" spelt "Preview" (Intercom documents both as the same version)
// and the description's own version added when its enum lags behind it.
func knownVersions(doc *openapi3.T, own string) []string {
	var out []string
	add := func(v string) {
		if lock.Canonical(v) == lock.PreviewDir {
			v = lock.PreviewHeader
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if doc.Components != nil {
		if s := doc.Components.Schemas["intercom_version"]; s != nil && s.Value != nil {
			for _, v := range s.Value.Enum {
				if str, ok := v.(string); ok {
					add(str)
				}
			}
		}
	}
	if own != "" && len(out) > 0 {
		add(own)
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
