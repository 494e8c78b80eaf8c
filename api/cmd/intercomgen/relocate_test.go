package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// relocate moves a file rendered in the facade's context into the
// version's package: the version's qualifier goes, the facade's names get
// one, and locals, fields, keys and the package's own names stay as they
// are.
func TestRelocate(t *testing.T) {
	src := `package facade

import (
	"context"

	"github.com/intercom-go/intercom/gen/v2_16"
)

// Client is the typed client.
type Client struct {
	*Core
	// API is the raw client.
	API *v2_16.ClientWithResponses
}

func (c *Client) List(ctx context.Context, opts ...PageOption) (Page[v2_16.Contact], error) {
	var Items int
	spec := PageSpec{Op: "List", Style: StyleCursor, PerPage: Items}
	_ = spec
	_ = Ptr(v2_16.ContactTypeContact)
	return Page[v2_16.Contact]{}, NoResult(nil, nil)
}
`
	out, err := relocate([]byte(src), "v2_16", map[string]bool{"Client": true, "Contact": true})
	require.NoError(t, err)
	got := string(out)
	assert.True(t, strings.HasPrefix(got, "package v2_16\n"), got)
	assert.NotContains(t, got, `"github.com/intercom-go/intercom/gen/v2_16"`)
	assert.NotContains(t, got, "v2_16.")
	assert.Contains(t, got, `"github.com/intercom-go/intercom/facade"`)
	for _, want := range []string{
		"*facade.Core\n\t// API is the raw client.\n\tAPI *ClientWithResponses",
		"opts ...facade.PageOption) (facade.Page[Contact], error)",
		"var Items int", // a local keeps its name
		`spec := facade.PageSpec{Op: "List", Style: facade.StyleCursor, PerPage: Items}`,
		"facade.Ptr(ContactTypeContact)",
		"facade.NoResult(nil, nil)",
		"func (c *Client) List(", // the package's own type
	} {
		assert.Contains(t, got, want)
	}
}

// A file of another package is refused rather than half moved.
func TestRelocateRefusesOtherPackages(t *testing.T) {
	_, err := relocate([]byte("package other\n"), "v2_16", nil)
	assert.Error(t, err)
}
