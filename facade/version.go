package facade

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// previewVersion is the Intercom-Version value of the Preview API.
const previewVersion = "Preview"

// formerPreviewVersion is what Intercom called Preview until 2026. Its
// Preview reference says that existing version identifiers keep working,
// so the client accepts it wherever a version is given and sends the
// current name, "Preview": the same API, and the header then agrees with
// Version(), the typed package and the descriptions the types come from.
const formerPreviewVersion = "Unstable"

// canonicalVersion checks v against the versions Intercom defines and
// returns its canonical spelling ("preview" -> "Preview", "Unstable" ->
// "Preview"). The error names the bad value and lists the good ones, so a
// typo is fixed at once.
func canonicalVersion(v string) (string, error) {
	s := strings.TrimSpace(v)
	if strings.EqualFold(s, formerPreviewVersion) {
		s = previewVersion
	}
	for _, k := range knownVersions {
		if strings.EqualFold(s, k) {
			return k, nil
		}
	}
	return "", fmt.Errorf("%w: unknown Intercom-Version %q (Intercom defines %s)",
		ErrConfig, v, strings.Join(knownVersions, ", "))
}

// KnownVersions returns every Intercom-Version value the generated
// descriptions define, in Intercom's order (numerically, Preview last):
// what Intercom accepts in the header, and what a client accepts in
// WithVersion. facade/intercomtest accepts the same list. The slice is the
// caller's.
func KnownVersions() []string { return slices.Clone(knownVersions) }

// union returns the distinct strings of lists in first-seen order.
func union(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, s := range l {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// sortedVersions returns the union of lists ordered as Intercom numbers its
// versions: numerically ("2.9" before "2.10"), Preview last.
func sortedVersions(lists ...[]string) []string {
	out := union(lists...)
	slices.SortStableFunc(out, compareVersions)
	return out
}

func compareVersions(a, b string) int {
	ap, bp := a == previewVersion, b == previewVersion
	switch {
	case ap || bp:
		switch {
		case ap && bp:
			return 0
		case ap:
			return 1
		}
		return -1
	}
	am, an := splitVersion(a)
	bm, bn := splitVersion(b)
	if am != bm {
		return am - bm
	}
	if an != bn {
		return an - bn
	}
	return strings.Compare(a, b)
}

func splitVersion(v string) (major, minor int) {
	maj, min, _ := strings.Cut(v, ".")
	major, _ = strconv.Atoi(maj)
	minor, _ = strconv.Atoi(min)
	return major, minor
}
