package lock

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNaming(t *testing.T) {
	assert.Equal(t, "v2_16", Package("2.16"))
	assert.Equal(t, "preview", Package("0"))
	assert.Equal(t, "preview", Package("Preview"))
	assert.Equal(t, "Preview", Header("0"))
	assert.Equal(t, "2.11", Header("2.11"))
	assert.True(t, Less("2.9", "2.10"))
	assert.True(t, Less("2.16", "0"))
	assert.False(t, Less("0", "2.16"))
}

func TestAppliesTo(t *testing.T) {
	cases := []struct {
		versions []string
		version  string
		want     bool
	}{
		{nil, "2.16", true},
		{[]string{"2.16"}, "2.16", true},
		{[]string{"2.16"}, "2.11", false},
		{[]string{"Preview"}, "0", true},
		{[]string{"0"}, "Preview", true},
		{[]string{"2.11", "Unstable"}, "Preview", true},
	}
	for _, c := range cases {
		got := AppliesTo(c.versions, c.version)
		assert.Equal(t, c.want, got, "AppliesTo(%v, %q) = %v, want %v", c.versions, c.version, got, c.want)
	}
}
