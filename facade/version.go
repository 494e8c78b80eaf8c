package facade

import (
	"fmt"
	"slices"
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
