package normalize

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/speakeasy-api/openapi/overlay"
	"github.com/speakeasy-api/openapi/overlay/loader"
	"gopkg.in/yaml.v3"
)

// Overlay is an OpenAPI Overlay (https://spec.openapis.org/overlay/v1.0.0)
// holding repairs too specific for a generic rule. Each action's
// description must name the upstream defect it repairs.
type Overlay struct {
	Name string // file name, used in the log
	// Strict overlays fail when an action matches nothing; the shared
	// overlay is not strict because not every version has every target.
	Strict bool
	doc    *overlay.Overlay
}

// LoadOverlay reads an overlay file.
func LoadOverlay(path string, strict bool) (Overlay, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Overlay{}, err
	}
	return ParseOverlay(filepath.Base(path), raw, strict)
}

// ParseOverlay parses an overlay document and checks that every action says
// why it exists.
func ParseOverlay(name string, raw []byte, strict bool) (Overlay, error) {
	o, err := loader.LoadOverlayFromReader(bytes.NewReader(raw))
	if err != nil {
		return Overlay{}, fmt.Errorf("overlay %s: %w", name, err)
	}
	if err := o.Validate(); err != nil {
		return Overlay{}, fmt.Errorf("overlay %s: %w", name, err)
	}
	for i, a := range o.Actions {
		if a.Description == "" {
			return Overlay{}, fmt.Errorf("overlay %s: action %d (%s) has no description naming the upstream defect", name, i, a.Target)
		}
	}
	return Overlay{Name: name, Strict: strict, doc: o}, nil
}

// apply runs each action on its own so that the log can say which matched.
func (o Overlay) apply(root *yaml.Node, log *Log) error {
	for i, a := range o.doc.Actions {
		one := *o.doc
		one.Actions = []overlay.Action{a}
		if _, err := one.ApplyToStrict(root); err != nil {
			if o.Strict {
				return fmt.Errorf("overlay %s action %d (%s): %w", o.Name, i, a.Target, err)
			}
			log.add("overlay:"+o.Name, a.Target, "skipped, no match: %s", a.Description)
			continue
		}
		log.add("overlay:"+o.Name, a.Target, "%s", a.Description)
	}
	return nil
}
