package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeRejectsGarbage(t *testing.T) {
	for _, raw := range []string{"", ":", "openapi: [", "[1,2]"} {
		_, _, err := Normalize([]byte(raw))
		assert.Error(t, err, "%q", raw)
	}
}
