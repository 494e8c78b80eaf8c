package lock

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
)

// DescriptionPath is the path of a version's description inside the
// upstream repository (and inside INTERCOM_OPENAPI_DIR).
func DescriptionPath(version string) string {
	return filepath.Join("descriptions", Canonical(version), "api.intercom.io.yaml")
}

// MismatchError reports a description whose content is not the pinned one.
type MismatchError struct {
	File, Want, Got string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("sha256 mismatch for %s: versions.lock pins %s, file has %s", e.File, e.Want, e.Got)
}

// Source says where descriptions come from: a local copy of the upstream
// repository (Dir, from INTERCOM_OPENAPI_DIR) or the network.
type Source struct {
	Dir    string
	Client *http.Client
}

// Fetcher keeps verified descriptions in a cache directory, laid out as
// <Cache>/<commit>/<version>/api.intercom.io.yaml.
type Fetcher struct {
	Lock   *File
	Source Source
	Cache  string
}

// Path returns the cached, verified description of e, fetching it first if
// needed. A cached file is re-verified each time: it is cheap and catches a
// cache that was edited by hand.
func (f *Fetcher) Path(ctx context.Context, e Entry) (string, error) {
	dst := filepath.Join(f.Cache, e.Commit, Canonical(e.Version), "api.intercom.io.yaml")
	if data, err := os.ReadFile(dst); err == nil && Sum(data) == e.SHA256 {
		return dst, nil
	}
	data, origin, err := f.Raw(ctx, e.Version, e.Commit)
	if err != nil {
		return "", err
	}
	if got := Sum(data); got != e.SHA256 {
		return "", &MismatchError{File: origin, Want: e.SHA256, Got: got}
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return "", err
	}
	return dst, os.Rename(tmp, dst)
}

// Raw reads a description without verifying it, from the local directory
// when one is set, or from upstream at commit. It returns where it read it.
func (f *Fetcher) Raw(ctx context.Context, version, commit string) ([]byte, string, error) {
	if f.Source.Dir != "" {
		p := filepath.Join(f.Source.Dir, DescriptionPath(version))
		data, err := os.ReadFile(p)
		return data, p, err
	}
	url := fmt.Sprintf("%s/%s/%s", f.Lock.RawBase, commit, filepath.ToSlash(DescriptionPath(version)))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, url, err
	}
	client := f.Source.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, url, fmt.Errorf("fetch %s: %w (set INTERCOM_OPENAPI_DIR to use a local copy)", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, url, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	return data, url, err
}

// Sum is the hex sha256 of data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
