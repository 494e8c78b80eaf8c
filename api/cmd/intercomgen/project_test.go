package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `intercomgen normalize -wire` writes the description Prism mocks: it must
// not carry the properties added for the Go types (Prism's generated answers
// failed on them, see normalize.WireOnly), and must keep the wire members.
// Without -wire the Go types' description is written whole.
func TestNormalizeWritesTheWireForm(t *testing.T) {
	prj := checkoutProject(t)
	dir := t.TempDir()
	full, out := filepath.Join(dir, "full.json"), filepath.Join(dir, "wire.json")
	require.NoError(t, prj.normalizeTo(context.Background(), "0", full, false))
	require.NoError(t, prj.normalizeTo(context.Background(), "0", out, true))
	data, err := os.ReadFile(full)
	require.NoError(t, err)
	assert.Positive(t, strings.Count(string(data), `"undeclared_members"`), "without -wire")
	data, err = os.ReadFile(out)
	require.NoError(t, err)
	// Counts, not Contains: a failure must not print the whole description.
	text := string(data)
	assert.Zero(t, strings.Count(text, "x-go-json-ignore"), "properties marked for the Go types only")
	assert.Zero(t, strings.Count(text, `"undeclared_members"`), "Undeclared fields")
	assert.Equal(t, 1, strings.Count(text, `"operationId": "searchContent"`), "the operation Prism failed on")
	assert.Positive(t, strings.Count(text, `"content_search_article_item"`), "its wire schema")
}
