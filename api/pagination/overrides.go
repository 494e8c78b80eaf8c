package pagination

import (
	_ "embed"
	"errors"
	"fmt"

	"github.com/intercom-go/intercom/api/overrides"
)

// Override corrects the derived entry of one operation. Its operation,
// versions, why (copied into the entry's reason) and Intercom's words are
// the fields every overrides file shares (api/overrides).
type Override struct {
	overrides.Common `yaml:",inline"`
	Name             string `yaml:"name,omitempty"`
	Style            Style  `yaml:"style,omitempty"`
	Items            string `yaml:"items,omitempty"`
	MaxPerPage       int    `yaml:"max_per_page,omitempty"`
}

//go:embed overrides.yaml
var overridesYAML []byte

// DefaultOverrides returns the overrides of api/pagination/overrides.yaml.
func DefaultOverrides() ([]Override, error) {
	return ParseOverrides(overridesYAML)
}

// ParseOverrides reads an overrides file.
func ParseOverrides(data []byte) ([]Override, error) {
	return overrides.Parse("pagination", data, checkOverride)
}

func checkOverride(o Override) error {
	switch {
	case o.Name == "" && o.Style == "" && o.Items == "" && o.MaxPerPage == 0:
		return errors.New("changes nothing")
	case o.Style != "" && !knownStyle(o.Style):
		return fmt.Errorf("unknown style %q", o.Style)
	case o.MaxPerPage < 0:
		return errors.New("negative max_per_page")
	}
	return nil
}

func knownStyle(s Style) bool {
	for _, k := range Styles {
		if k == s {
			return true
		}
	}
	return false
}
