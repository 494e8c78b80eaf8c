package yamlfile

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type doc struct {
	Name  string   `yaml:"name"`
	Items []string `yaml:"items,omitempty"`
}

func TestRoundTrip(t *testing.T) {
	data, err := Marshal("# header\n", doc{Name: "x", Items: []string{"a", "b"}})
	require.NoError(t, err)
	assert.Equal(t, "# header\nname: x\nitems:\n  - a\n  - b\n", string(data))
	var back doc
	require.NoError(t, Decode(data, &back))
	assert.Equal(t, doc{Name: "x", Items: []string{"a", "b"}}, back)
}

func TestDecodeRefusesUnknownKeys(t *testing.T) {
	var d doc
	assert.ErrorContains(t, Decode([]byte("name: x\nnmae: y\n"), &d), "nmae")
	assert.Error(t, Decode([]byte("name: [\n"), &d))
}
