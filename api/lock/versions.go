package lock

import (
	"strconv"
	"strings"
)

// PreviewDir is the upstream directory of the Preview version, formerly
// called Unstable; its Intercom-Version header value is "Preview".
const PreviewDir = "0"

// PreviewHeader is the Intercom-Version header value of the Preview version.
const PreviewHeader = "Preview"

// Canonical maps user spellings to the upstream directory name:
// "Preview", "preview", "unstable" -> "0"; "2.16" -> "2.16".
func Canonical(version string) string {
	switch strings.ToLower(version) {
	case "preview", "unstable":
		return PreviewDir
	}
	return version
}

// Header returns the Intercom-Version header value of a version.
func Header(version string) string {
	if Canonical(version) == PreviewDir {
		return PreviewHeader
	}
	return version
}

// Package returns the Go package name (and gen/ directory) of a version:
// "2.16" -> "v2_16", "0" (Preview) -> "preview".
func Package(version string) string {
	v := Canonical(version)
	if v == PreviewDir {
		return "preview"
	}
	return "v" + strings.ReplaceAll(v, ".", "_")
}

// Less orders versions numerically, Preview last.
func Less(a, b string) bool {
	a, b = Canonical(a), Canonical(b)
	if a == PreviewDir || b == PreviewDir {
		return b == PreviewDir && a != PreviewDir
	}
	am, an := split(a)
	bm, bn := split(b)
	if am != bm {
		return am < bm
	}
	return an < bn
}

func split(v string) (int, int) {
	maj, min, _ := strings.Cut(v, ".")
	m, _ := strconv.Atoi(maj)
	n, _ := strconv.Atoi(min)
	return m, n
}

// Default returns the newest stable generated version: the one a client
// uses when its caller does not pin another.
func (f *File) Default() *Entry {
	var best *Entry
	for i, e := range f.Entries {
		if e.Status != Generate || e.Version == PreviewDir {
			continue
		}
		if best == nil || Less(best.Version, e.Version) {
			best = &f.Entries[i]
		}
	}
	return best
}

// AppliesTo reports whether an override limited to versions (any spelling:
// "2.16", "Preview", "0") is for version; no versions means every one. The
// pagination, retry and service overrides (api/overrides) all read their
// versions this way.
func AppliesTo(versions []string, version string) bool {
	if len(versions) == 0 {
		return true
	}
	for _, v := range versions {
		if Canonical(v) == Canonical(version) {
			return true
		}
	}
	return false
}
