package retry

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTableRoundTrip(t *testing.T) {
	tbl := Derive(load(t, fragment), "Preview", nil)
	data, err := tbl.Marshal()
	require.NoError(t, err)
	assert.Contains(t, string(data), "DO NOT EDIT")
	path := t.TempDir() + "/t.yaml"
	require.NoError(t, writeFile(path, data))
	back, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, tbl, back)
}
