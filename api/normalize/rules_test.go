package normalize

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRulesAreNamedAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		assert.NotEmpty(t, r.Defect, r.Name)
		assert.NotNil(t, r.Apply, r.Name)
		assert.False(t, seen[r.Name], "duplicate rule %s", r.Name)
		assert.Equal(t, strings.ToLower(r.Name), r.Name)
		seen[r.Name] = true
	}
}

func TestREADMEListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for _, r := range Rules {
		assert.Contains(t, string(readme), "| `"+r.Name+"` |", "README's rule table lacks %s", r.Name)
	}
}
