package oauth

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestState(t *testing.T) {
	a, err := NewState()
	require.NoError(t, err)
	b, _ := NewState()
	require.NotEqual(t, b, a, "states %q %q: want distinct, 43 URL-safe characters", a, b)
	require.Equal(t, 43, len(a), "states %q %q: want distinct, 43 URL-safe characters", a, b)
	require.False(t, strings.ContainsAny(a, "+/="), "states %q %q: want distinct, 43 URL-safe characters", a, b)
	require.NoError(t, CheckState(a, a))
	for _, got := range []string{b, "", a[:42], a + "x"} {
		assert.ErrorIs(t, CheckState(a, got), ErrStateMismatch, "CheckState(%q)", got)
	}
	assert.ErrorIs(t, CheckState("", ""), ErrStateMismatch, "empty expected state matched")
}
