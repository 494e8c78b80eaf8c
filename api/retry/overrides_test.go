package retry

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseOverrides(t *testing.T) {
	_, err := ParseOverrides([]byte("overrides:\n  - operation: x\n    class: safe\n"))
	assert.ErrorContains(t, err, "why")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    why: y\n"))
	assert.ErrorContains(t, err, "neither")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    class: maybe\n    why: y\n"))
	assert.ErrorContains(t, err, "unknown class")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    class: safe\n    why: y\n  - operation: x\n    class: write\n    why: z\n"))
	assert.ErrorContains(t, err, "twice")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    clas: safe\n    why: y\n"))
	assert.Error(t, err, "unknown fields are refused")
	ovs, err := DefaultOverrides()
	require.NoError(t, err)
	assert.NotEmpty(t, ovs)
}
