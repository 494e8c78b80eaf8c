package normalize

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogIsStableAndCounts(t *testing.T) {
	l := &Log{}
	l.add("b", "/z", "two")
	l.add("a", "/y", "one")
	l.add("b", "/x", "three")
	var out bytes.Buffer
	_, err := l.WriteTo(&out)
	require.NoError(t, err)
	assert.Equal(t, "a\t/y\tone\nb\t/x\tthree\nb\t/z\ttwo\n# a: 1 change(s)\n# b: 2 change(s)\n", out.String())
	assert.Equal(t, 2, l.Count("b"))
}

func TestPointerEscapes(t *testing.T) {
	assert.Equal(t, "/paths/~1a~1{b}/get", pointer("paths", "/a/{b}", "get"))
	assert.Equal(t, "/x~0y", pointer("x~y"))
}
