package pipeline

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/normalize"
)

func open(t *testing.T) *Project {
	t.Helper()
	return ForTest(t)
}

// TestEveryPinnedVersionNormalizes runs the rules over every pinned
// upstream version (2.7 to Preview) and checks that the result is valid and
// free of each known defect, and that normalising again changes nothing:
// the rules leave no defect they would repair.
func TestEveryPinnedVersionNormalizes(t *testing.T) {
	p := open(t)
	require.GreaterOrEqual(t, len(p.Lock.Entries), 11)
	for _, e := range p.Lock.Entries {
		t.Run(e.Version, func(t *testing.T) {
			ctx := context.Background()
			doc, log, err := p.Normalized(ctx, e)
			require.NoError(t, err)
			assert.NotEmpty(t, log.Changes)
			assertNoKnownDefects(t, doc)

			again, err := json.Marshal(doc)
			require.NoError(t, err)
			_, log2, err := normalize.Normalize(again)
			require.NoError(t, err)
			assert.Empty(t, log2.Changes, "a second pass must find nothing to repair")
		})
	}
}

func assertNoKnownDefects(t *testing.T, doc *openapi3.T) {
	t.Helper()
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			assert.NotEmpty(t, op.OperationID, "%s %s has no operationId", method, path)
			for _, prm := range op.Parameters {
				if strings.Contains(path, "{"+prm.Value.Name+"}") {
					assert.Equal(t, "path", prm.Value.In, "%s %s: %s", method, path, prm.Value.Name)
				}
				assert.NotEqual(t, "Intercom-Version", prm.Value.Name)
			}
		}
	}
	cattrs := doc.Components.Schemas["custom_attributes"]
	if cattrs != nil {
		assert.NotNil(t, cattrs.Value.AdditionalProperties.Schema)
	}
}

func TestFetchRefusesMismatch(t *testing.T) {
	p := open(t)
	e, err := p.Entry("2.16")
	require.NoError(t, err)
	e.SHA256 = strings.Repeat("0", 64)
	_, err = p.Raw(context.Background(), e)
	var mm *lock.MismatchError
	require.ErrorAs(t, err, &mm)
	assert.Contains(t, err.Error(), "descriptions/2.16/api.intercom.io.yaml")
	assert.Contains(t, err.Error(), strings.Repeat("0", 64))
	assert.Contains(t, err.Error(), "212b09336bf561992d998e6650d4eaacb44aa0a0f02504e398cf10f1cfb9d238")
}
