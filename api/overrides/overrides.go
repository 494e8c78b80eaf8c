// Package overrides is the one reading of the generator's overrides files
// (api/pagination, api/retry and api/services overrides.yaml): hand-written
// corrections, each naming an operationId, optionally limited to some
// versions, and each with its reason. What an entry changes is the owning
// package's; how a file is read, checked, matched to a version and found
// stale is here, so the three files cannot drift apart.
//
// A file is a YAML mapping with one key, overrides, holding a list of
// entries; an entry is the fields of Common plus the owner's own fields.
// Unknown keys are refused, so a misspelt field fails generate instead of
// being ignored.
package overrides

import (
	"fmt"
	"strings"

	"github.com/intercom-go/intercom/api/internal/yamlfile"
	"github.com/intercom-go/intercom/api/lock"
)

// Common is what every override has. The owner's override type embeds it
// with `yaml:",inline"`.
type Common struct {
	// Operation is the operationId the override corrects.
	Operation string `yaml:"operation"`
	// Versions limits the override to some versions (Intercom-Version
	// values, e.g. "2.16", "Preview"); empty means every version.
	Versions []string `yaml:"versions,omitempty"`
	// Why names the upstream defect or the evidence; it is required, and
	// the generator copies it into the table entry's reason.
	Why string `yaml:"why"`
	// Intercom quotes Intercom's own words, where there are some.
	Intercom string `yaml:"intercom,omitempty"`
}

// Override is an owner's override type: any struct embedding Common.
type Override interface {
	common() Common
}

func (e Common) common() Common { return e }

// AppliesTo reports whether the override is for operation in version (any
// spelling: "2.16", "Preview", "0").
func (e Common) AppliesTo(operation, version string) bool {
	return e.Operation == operation && lock.AppliesTo(e.Versions, version)
}

// Key identifies an override: its operation and versions. A file holds one
// override per key.
func (e Common) Key() string { return e.Operation + fmt.Sprint(e.Versions) }

// Reason is Why, followed by Intercom's words in quotes where there are
// some.
func (e Common) Reason() string {
	if q := strings.TrimSpace(e.Intercom); q != "" {
		return e.Why + ` (Intercom: "` + q + `")`
	}
	return e.Why
}

// Parse reads an overrides file whose entries are Ts. kind names them in
// errors ("pagination", "retry", "service"). Every entry must name its
// operation and say why, and no two may have the same operation and
// versions; check, if not nil, validates the owner's own fields (that the
// entry changes something, that a value is known).
func Parse[T Override](kind string, data []byte, check func(T) error) ([]T, error) {
	var f struct {
		Overrides []T `yaml:"overrides"`
	}
	if err := yamlfile.Decode(data, &f); err != nil {
		return nil, fmt.Errorf("%s overrides: %w", kind, err)
	}
	seen := map[string]bool{}
	for i, o := range f.Overrides {
		e := o.common()
		if e.Operation == "" || strings.TrimSpace(e.Why) == "" {
			return nil, fmt.Errorf("%s override %d: operation and why are required", kind, i+1)
		}
		if seen[e.Key()] {
			return nil, fmt.Errorf("%s override of %s given twice", kind, e.Operation)
		}
		seen[e.Key()] = true
		if check != nil {
			if err := check(o); err != nil {
				return nil, fmt.Errorf("%s override of %s: %w", kind, e.Operation, err)
			}
		}
	}
	return f.Overrides, nil
}

// For returns the overrides of ovs for operation in version, in file order.
func For[T Override](ovs []T, operation, version string) []T {
	var out []T
	for _, o := range ovs {
		if o.common().AppliesTo(operation, version) {
			out = append(out, o)
		}
	}
	return out
}

// Usage records which overrides applied to some operation of some version,
// so that a test over every generated version can report the stale ones.
type Usage[T Override] struct {
	ovs  []T
	used map[string]bool
}

// NewUsage starts recording the use of ovs.
func NewUsage[T Override](ovs []T) *Usage[T] {
	return &Usage[T]{ovs: ovs, used: map[string]bool{}}
}

// Applied records that operation exists (has a table entry, a method, ...)
// in version: every override for it there is in use.
func (u *Usage[T]) Applied(operation, version string) {
	for _, o := range u.ovs {
		if e := o.common(); e.AppliesTo(operation, version) {
			u.used[e.Key()] = true
		}
	}
}

// Unused returns the overrides that applied to no operation recorded:
// entries to remove, since no generated description needs them any more
// (or they name an operation wrongly).
func (u *Usage[T]) Unused() []T {
	var out []T
	for _, o := range u.ovs {
		if !u.used[o.common().Key()] {
			out = append(out, o)
		}
	}
	return out
}
