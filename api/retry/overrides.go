package retry

import (
	_ "embed"
	"errors"
	"fmt"

	"github.com/intercom-go/intercom/api/overrides"
)

// Override corrects the derived class of one operation where the
// description cannot say it. Its operation, versions, why and Intercom's
// words (both copied into the entry's reason) are the fields every
// overrides file shares (api/overrides).
type Override struct {
	overrides.Common `yaml:",inline"`
	Class            Class `yaml:"class,omitempty"`
	Quota            *bool `yaml:"quota,omitempty"`
}

//go:embed overrides.yaml
var overridesYAML []byte

// DefaultOverrides returns the overrides of api/retry/overrides.yaml.
func DefaultOverrides() ([]Override, error) {
	return ParseOverrides(overridesYAML)
}

// ParseOverrides reads an overrides file.
func ParseOverrides(data []byte) ([]Override, error) {
	return overrides.Parse("retry", data, checkOverride)
}

func checkOverride(o Override) error {
	switch {
	case o.Class == "" && o.Quota == nil:
		return errors.New("sets neither class nor quota")
	case o.Class != "" && o.Class != Safe && o.Class != Write:
		return fmt.Errorf("unknown class %q", o.Class)
	}
	return nil
}
