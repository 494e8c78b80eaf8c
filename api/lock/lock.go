// Package lock reads and writes api/versions.lock, which pins every Intercom
// OpenAPI description the project knows by upstream commit and sha256, and
// fetches those descriptions with hash verification.
package lock

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"
)

// Status says what the project does with a pinned version.
type Status string

const (
	// Generate: gen/ holds a package for this version.
	Generate Status = "generate"
	// Check: pinned only so that make check-versions can prove the
	// normaliser still handles it.
	Check Status = "check"
)

// Entry pins one version's description.
type Entry struct {
	Version string // upstream directory name: "2.16", or "0" for Preview
	Status  Status
	Commit  string // upstream commit, 40 hex digits
	SHA256  string // of descriptions/<Version>/api.intercom.io.yaml
}

// File is the parsed lock file.
type File struct {
	Repository string // e.g. https://github.com/intercom/Intercom-OpenAPI
	RawBase    string // download base; <RawBase>/<commit>/descriptions/<v>/api.intercom.io.yaml
	Entries    []Entry
}

var (
	hexCommit = regexp.MustCompile(`^[0-9a-f]{40}$`)
	hexDigits = regexp.MustCompile(`^[0-9a-f]+$`)
	hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)
	versionRe = regexp.MustCompile(`^(0|[1-9][0-9]*\.[0-9]+)$`)
)

// Parse reads the lock file format: "key value" header lines, then one
// "version status commit sha256" line per version; # starts a comment.
func Parse(data []byte) (*File, error) {
	f := &File{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			continue
		case len(fields) == 2 && fields[0] == "repository":
			f.Repository = fields[1]
		case len(fields) == 2 && fields[0] == "raw":
			f.RawBase = fields[1]
		case len(fields) == 4:
			e := Entry{Version: fields[0], Status: Status(fields[1]), Commit: fields[2], SHA256: fields[3]}
			if err := e.validate(); err != nil {
				return nil, fmt.Errorf("versions.lock line %d: %w", n, err)
			}
			if f.Find(e.Version) != nil {
				return nil, fmt.Errorf("versions.lock line %d: version %s pinned twice", n, e.Version)
			}
			f.Entries = append(f.Entries, e)
		default:
			return nil, fmt.Errorf("versions.lock line %d: cannot parse %q", n, sc.Text())
		}
	}
	if f.Repository == "" || f.RawBase == "" {
		return nil, fmt.Errorf("versions.lock: missing repository or raw line")
	}
	return f, sc.Err()
}

func (e Entry) validate() error {
	switch {
	case !versionRe.MatchString(e.Version):
		return fmt.Errorf("bad version %q (want e.g. 2.16, or 0 for Preview)", e.Version)
	case e.Status != Generate && e.Status != Check:
		return fmt.Errorf("version %s: bad status %q (want %s or %s)", e.Version, e.Status, Generate, Check)
	case !hexCommit.MatchString(e.Commit):
		return fmt.Errorf("version %s: bad commit %q", e.Version, e.Commit)
	case !hexSHA256.MatchString(e.SHA256):
		return fmt.Errorf("version %s: bad sha256 %q", e.Version, e.SHA256)
	}
	return nil
}

// Read parses the lock file at path.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Find returns the entry for a version ("Preview" is accepted for "0").
func (f *File) Find(version string) *Entry {
	v := Canonical(version)
	for i := range f.Entries {
		if f.Entries[i].Version == v {
			return &f.Entries[i]
		}
	}
	return nil
}

// Set adds or replaces an entry and keeps entries sorted.
func (f *File) Set(e Entry) {
	if old := f.Find(e.Version); old != nil {
		*old = e
	} else {
		f.Entries = append(f.Entries, e)
	}
	sort.Slice(f.Entries, func(i, j int) bool { return Less(f.Entries[i].Version, f.Entries[j].Version) })
}

// Generated returns the entries gen/ holds packages for.
func (f *File) Generated() []Entry {
	var out []Entry
	for _, e := range f.Entries {
		if e.Status == Generate {
			out = append(out, e)
		}
	}
	return out
}

const header = `# Intercom OpenAPI descriptions pinned by this project.
# Each line pins descriptions/<version>/api.intercom.io.yaml of the repository
# below at one commit, by sha256. "generate" versions have a package in gen/;
# "check" versions are only built by make check-versions.
# Change with: make generate VERSION=<version> [COMMIT=<commit>]
`

// Format renders the lock file.
func (f *File) Format() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	fmt.Fprintf(&b, "repository %s\nraw %s\n\n", f.Repository, f.RawBase)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "# version\tstatus\tcommit\tsha256")
	for _, e := range f.Entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Version, e.Status, e.Commit, e.SHA256)
	}
	tw.Flush()
	return b.Bytes()
}

// Write saves the lock file.
func (f *File) Write(path string) error {
	return os.WriteFile(path, f.Format(), 0o644)
}

// ParseCommit checks a commit given on the command line: the lock pins
// full 40-hex-digit ids, so an abbreviated or mistyped one is refused here,
// before anything is written, rather than by the next command that reads
// the lock. Upper-case hex is accepted and lowered.
func ParseCommit(commit string) (string, error) {
	c := strings.ToLower(strings.TrimSpace(commit))
	if !hexCommit.MatchString(c) {
		if len(c) < 40 && hexDigits.MatchString(c) {
			return "", fmt.Errorf("commit %q is abbreviated: pin the full 40-hex-digit id (git rev-parse %s in the upstream repository prints it)", commit, commit)
		}
		return "", fmt.Errorf("commit %q is not a 40-hex-digit git commit id", commit)
	}
	return c, nil
}
