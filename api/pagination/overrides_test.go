package pagination

import (
	"testing"

	"github.com/intercom-go/intercom/api/overrides"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseOverrides(t *testing.T) {
	ovs, err := ParseOverrides([]byte("overrides:\n  - {operation: a, style: page, why: evidence}\n"))
	require.NoError(t, err)
	assert.Equal(t, []Override{{Common: overrides.Common{Operation: "a", Why: "evidence"}, Style: Page}}, ovs)
	for name, src := range map[string]string{
		"no why":        "overrides:\n  - {operation: a, style: page}\n",
		"no change":     "overrides:\n  - {operation: a, why: x}\n",
		"unknown style": "overrides:\n  - {operation: a, style: up, why: x}\n",
		"twice":         "overrides:\n  - {operation: a, style: page, why: x}\n  - {operation: a, name: B, why: y}\n",
		"unknown field": "overrides:\n  - {operation: a, style: page, why: x, because: y}\n",
	} {
		_, err := ParseOverrides([]byte(src))
		assert.Error(t, err, name)
	}
	// The committed file parses.
	_, err = DefaultOverrides()
	assert.NoError(t, err)
}
