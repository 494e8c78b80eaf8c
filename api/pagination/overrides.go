package pagination

import (
	"bytes"
	_ "embed"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/intercom-go/intercom/api/lock"
)

// Override corrects the derived entry of one operation.
type Override struct {
	Operation string `yaml:"operation"`
	// Versions limits the override to some versions (Intercom-Version
	// values, e.g. "2.16", "Preview"); empty means every version.
	Versions   []string `yaml:"versions,omitempty"`
	Name       string   `yaml:"name,omitempty"`
	Style      Style    `yaml:"style,omitempty"`
	Items      string   `yaml:"items,omitempty"`
	MaxPerPage int      `yaml:"max_per_page,omitempty"`
	// Why names the upstream defect or the evidence; it is required, and is
	// copied into the entry's reason.
	Why string `yaml:"why"`
}

// appliesTo reports whether the override is for the version (a header value
// or lock version).
func (o Override) appliesTo(version string) bool { return lock.AppliesTo(o.Versions, version) }

//go:embed overrides.yaml
var overridesYAML []byte

// DefaultOverrides returns the overrides of api/pagination/overrides.yaml.
func DefaultOverrides() ([]Override, error) {
	return ParseOverrides(overridesYAML)
}

// ParseOverrides reads an overrides file.
func ParseOverrides(data []byte) ([]Override, error) {
	var f struct {
		Overrides []Override `yaml:"overrides"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("pagination overrides: %w", err)
	}
	seen := map[string]bool{}
	for i, o := range f.Overrides {
		if o.Operation == "" || o.Why == "" {
			return nil, fmt.Errorf("pagination override %d: operation and why are required", i+1)
		}
		if o.Name == "" && o.Style == "" && o.Items == "" && o.MaxPerPage == 0 {
			return nil, fmt.Errorf("pagination override of %s changes nothing", o.Operation)
		}
		if o.Style != "" && !knownStyle(o.Style) {
			return nil, fmt.Errorf("pagination override of %s: unknown style %q", o.Operation, o.Style)
		}
		if o.MaxPerPage < 0 {
			return nil, fmt.Errorf("pagination override of %s: negative max_per_page", o.Operation)
		}
		key := o.Operation + fmt.Sprint(o.Versions)
		if seen[key] {
			return nil, fmt.Errorf("pagination override of %s given twice", o.Operation)
		}
		seen[key] = true
	}
	return f.Overrides, nil
}

func knownStyle(s Style) bool {
	for _, k := range Styles {
		if k == s {
			return true
		}
	}
	return false
}
