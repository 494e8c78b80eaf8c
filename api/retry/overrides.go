package retry

import (
	"bytes"
	_ "embed"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/intercom-go/intercom/api/lock"
)

// Override corrects the derived class of one operation where the
// description cannot say it.
type Override struct {
	Operation string `yaml:"operation"`
	// Versions limits the override to some versions (Intercom-Version
	// values, e.g. "2.16", "Preview"); empty means every version.
	Versions []string `yaml:"versions,omitempty"`
	Class    Class    `yaml:"class,omitempty"`
	Quota    *bool    `yaml:"quota,omitempty"`
	// Why is the evidence; required, and copied into the entry's reason.
	Why string `yaml:"why"`
	// Intercom quotes Intercom's own words, where there are some.
	Intercom string `yaml:"intercom,omitempty"`
}

func (o Override) appliesTo(version string) bool { return lock.AppliesTo(o.Versions, version) }

// Key identifies an override (its operation and versions).
func (o Override) Key() string { return o.Operation + fmt.Sprint(o.Versions) }

// AppliesTo reports whether the override is for the operation in version.
func (o Override) AppliesTo(operation, version string) bool {
	return o.Operation == operation && o.appliesTo(version)
}

//go:embed overrides.yaml
var overridesYAML []byte

// DefaultOverrides returns the overrides of api/retry/overrides.yaml.
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
		return nil, fmt.Errorf("retry overrides: %w", err)
	}
	seen := map[string]bool{}
	for i, o := range f.Overrides {
		switch {
		case o.Operation == "" || o.Why == "":
			return nil, fmt.Errorf("retry override %d: operation and why are required", i+1)
		case o.Class == "" && o.Quota == nil:
			return nil, fmt.Errorf("retry override of %s sets neither class nor quota", o.Operation)
		case o.Class != "" && o.Class != Safe && o.Class != Write:
			return nil, fmt.Errorf("retry override of %s: unknown class %q", o.Operation, o.Class)
		case seen[o.Key()]:
			return nil, fmt.Errorf("retry override of %s given twice", o.Operation)
		}
		seen[o.Key()] = true
	}
	return f.Overrides, nil
}
