package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFastTypesAreDecodeJSONsCases: the registry's Fast list is read from
// DecodeJSON's switch, the package's names qualified for the tests'
// package, so that the differential tests know which destinations have
// a generated decoder.
func TestFastTypesAreDecodeJSONsCases(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "codec.gen.go")
	require.NoError(t, os.WriteFile(path, []byte(`package p

func DecodeJSON(data []byte, v any) error {
	switch v := v.(type) {
	case *Item:
		return decodeItem(v)
	case *[]Item:
		return decodeComposite1(v)
	case *map[string]interface{}:
		return decodeComposite2(v)
	}
	return nil
}

func decodeItem(v *Item) error { switch {}; return nil }
`), 0o644))
	got, err := fastTypes(path, "p", map[string]bool{"Item": true, "DecodeJSON": true})
	require.NoError(t, err)
	assert.Equal(t, []string{"*[]p.Item", "*map[string]interface{}", "*p.Item"}, got)

	require.NoError(t, os.WriteFile(path, []byte("package p\n"), 0o644))
	_, err = fastTypes(path, "p", nil)
	assert.ErrorContains(t, err, "declares no DecodeJSON")
}
