// Package pipeline ties the pieces of the spec pipeline together for the
// generator and for tests: the lock, verified fetching, overlays and the
// normaliser.
package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/normalize"
)

// Project is the module on disk.
type Project struct {
	Root    string
	Lock    *lock.File
	Fetcher *lock.Fetcher
}

// Open reads root/api/versions.lock. descriptions is a local copy of the
// upstream repository, or "" to download pinned files.
func Open(root, descriptions string) (*Project, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	lf, err := lock.Read(filepath.Join(root, "api", "versions.lock"))
	if err != nil {
		return nil, err
	}
	return &Project{
		Root:    root,
		Lock:    lf,
		Fetcher: &lock.Fetcher{Lock: lf, Source: lock.Source{Dir: descriptions}, Cache: filepath.Join(root, ".cache", "descriptions")},
	}, nil
}

// Path joins parts to the module root.
func (p *Project) Path(parts ...string) string {
	return filepath.Join(append([]string{p.Root}, parts...)...)
}

// Overlays returns the shared overlay (api/overlays/all.yaml, lenient) and
// the version's own (api/overlays/<version>.yaml, strict), where present.
func (p *Project) Overlays(version string) ([]normalize.Overlay, error) {
	var out []normalize.Overlay
	for _, c := range []struct {
		file   string
		strict bool
	}{{"all.yaml", false}, {lock.Canonical(version) + ".yaml", true}} {
		path := p.Path("api", "overlays", c.file)
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

// Raw returns the verified, unmodified description of a pinned version.
func (p *Project) Raw(ctx context.Context, e lock.Entry) ([]byte, error) {
	path, err := p.Fetcher.Path(ctx, e)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// Normalized fetches, verifies, overlays and normalises one version, and
// checks that the result is a valid OpenAPI 3.0 document.
func (p *Project) Normalized(ctx context.Context, e lock.Entry) (*openapi3.T, *normalize.Log, error) {
	raw, err := p.Raw(ctx, e)
	if err != nil {
		return nil, nil, err
	}
	ovs, err := p.Overlays(e.Version)
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

// Entry returns the pinned entry of a version.
func (p *Project) Entry(version string) (lock.Entry, error) {
	e := p.Lock.Find(version)
	if e == nil {
		return lock.Entry{}, fmt.Errorf("version %s is not pinned in api/versions.lock (make generate VERSION=%s pins it)", version, version)
	}
	return *e, nil
}
