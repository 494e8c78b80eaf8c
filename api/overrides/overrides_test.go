package overrides

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rename is an owner's override type, as api/services has one.
type rename struct {
	Common `yaml:",inline"`
	Method string `yaml:"method,omitempty"`
}

func parseRename(src string) ([]rename, error) {
	return Parse("test", []byte(src), func(r rename) error {
		if r.Method == "" {
			return errors.New("changes nothing")
		}
		return nil
	})
}

func TestParse(t *testing.T) {
	ovs, err := parseRename("overrides:\n" +
		"  - {operation: a, method: Get, why: evidence}\n" +
		"  - {operation: a, versions: [\"2.16\"], method: List, why: only 2.16, intercom: Intercom's words}\n")
	require.NoError(t, err)
	assert.Equal(t, []rename{
		{Common: Common{Operation: "a", Why: "evidence"}, Method: "Get"},
		{Common: Common{Operation: "a", Versions: []string{"2.16"}, Why: "only 2.16", Intercom: "Intercom's words"}, Method: "List"},
	}, ovs, "the shared fields and the owner's are read together")

	for name, c := range map[string]struct{ src, err string }{
		"no why":          {"overrides:\n  - {operation: a, method: Get}\n", "test override 1: operation and why are required"},
		"blank why":       {"overrides:\n  - {operation: a, method: Get, why: \" \"}\n", "operation and why are required"},
		"no operation":    {"overrides:\n  - {method: Get, why: x}\n", "operation and why are required"},
		"twice":           {"overrides:\n  - {operation: a, method: Get, why: x}\n  - {operation: a, method: List, why: y}\n", "test override of a given twice"},
		"owner's check":   {"overrides:\n  - {operation: a, why: x}\n", "test override of a: changes nothing"},
		"unknown key":     {"overrides:\n  - {operation: a, method: Get, why: x, colour: red}\n", "test overrides:"},
		"unknown top key": {"override:\n  - {operation: a, method: Get, why: x}\n", "test overrides:"},
	} {
		_, err := parseRename(c.src)
		assert.ErrorContains(t, err, c.err, name)
	}

	// The same operation in other versions is another override.
	ovs, err = parseRename("overrides:\n  - {operation: a, versions: [\"2.14\"], method: Get, why: x}\n  - {operation: a, versions: [\"2.16\"], method: Get, why: y}\n")
	require.NoError(t, err)
	assert.Len(t, ovs, 2)
}

func TestForAndReason(t *testing.T) {
	ovs := []rename{
		{Common: Common{Operation: "a", Why: "all"}, Method: "One"},
		{Common: Common{Operation: "a", Versions: []string{"Preview"}, Why: "preview only", Intercom: "  quoted \n"}, Method: "Two"},
		{Common: Common{Operation: "b", Why: "other"}, Method: "Three"},
	}
	assert.Equal(t, ovs[:1], For(ovs, "a", "2.16"))
	assert.Equal(t, ovs[:2], For(ovs, "a", "Unstable"), "any spelling of a version")
	assert.Equal(t, ovs[:2], For(ovs, "a", "0"))
	assert.Empty(t, For(ovs, "c", "2.16"))

	assert.Equal(t, "all", ovs[0].Reason())
	assert.Equal(t, `preview only (Intercom: "quoted")`, ovs[1].Reason())
}

func TestUsage(t *testing.T) {
	ovs := []rename{
		{Common: Common{Operation: "a", Why: "x"}, Method: "One"},
		{Common: Common{Operation: "a", Versions: []string{"2.11"}, Why: "x"}, Method: "Two"},
		{Common: Common{Operation: "b", Versions: []string{"Preview"}, Why: "x"}, Method: "Three"},
		{Common: Common{Operation: "gone", Why: "x"}, Method: "Four"},
	}
	u := NewUsage(ovs)
	u.Applied("a", "2.16")
	u.Applied("b", "2.16") // b exists in 2.16, but its override is for Preview
	assert.Equal(t, ovs[1:], u.Unused())
	u.Applied("a", "2.11")
	u.Applied("b", "0")
	assert.Equal(t, ovs[3:], u.Unused())
}
