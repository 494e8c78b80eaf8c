package pathtmpl

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplit(t *testing.T) {
	assert.Equal(t, []string{"a", "b"}, Split("/a/b/"))
	assert.Equal(t, []string{"a", "", "b"}, Split("/a//b"))
	assert.Equal(t, []string{}, Split("/"))
	assert.Equal(t, []string{}, Split(""))
	assert.Equal(t, []string{"crm%2F42"}, Split("/crm%2F42"), "an escaped slash stays in its segment")
}

func TestMatch(t *testing.T) {
	tmpl := Parse("/contacts/{id}/tags/{tag_id}")
	for path, want := range map[string]struct {
		literals int
		ok       bool
	}{
		"/contacts/1/tags/2":   {2, true},
		"contacts/1/tags/2/":   {2, true},
		"/contacts//tags/2":    {0, false}, // a parameter is never empty
		"/contacts/1/tags":     {0, false},
		"/contacts/1/tags/2/":  {2, true},
		"/contacts/1/notes/2":  {0, false},
		"/contacts/1/tags/2/x": {0, false},
	} {
		lit, ok := tmpl.Match(Split(path))
		assert.Equal(t, want.ok, ok, path)
		assert.Equal(t, want.literals, lit, path)
	}
	lit, ok := Parse("/").Match(Split("/"))
	assert.True(t, ok, "the root matches itself")
	assert.Zero(t, lit)
	_, ok = Parse("/{}").Match(Split("/x"))
	assert.True(t, ok, "an unnamed parameter is a parameter")
	_, ok = Parse("/{").Match(Split("/x"))
	assert.False(t, ok, "a lone brace is a literal")
}

func TestParams(t *testing.T) {
	tmpl := Parse("/contacts/{id}/tags/{tag_id}")
	assert.Equal(t, map[string]string{"id": "1", "tag_id": "b"}, tmpl.Params(Split("/contacts/1/tags/b")))
	assert.Nil(t, tmpl.Params(Split("/contacts/1")))
	assert.Nil(t, Parse("/contacts").Params(Split("/contacts")), "no parameters")
}
