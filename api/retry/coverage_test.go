package retry

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/overrides"
	"github.com/intercom-go/intercom/api/pipeline"
)

func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }

// TestCommittedTablesAreDerived runs over every generated version of
// api/versions.lock: the committed api/retry/<package>.yaml must be what
// Derive makes of the description today (so no table is edited by hand or
// left stale), and every override must still apply to some version.
func TestCommittedTablesAreDerived(t *testing.T) {
	p := pipeline.ForTest(t)
	ovs, err := DefaultOverrides()
	require.NoError(t, err)
	usage := overrides.NewUsage(ovs)
	for _, e := range p.Lock.Generated() {
		t.Run(lock.Header(e.Version), func(t *testing.T) {
			doc, _, err := p.Normalized(context.Background(), e)
			require.NoError(t, err)
			committed, err := Load(p.Path("api", "retry", lock.Package(e.Version)+".yaml"))
			require.NoError(t, err, "run make generate")
			derived := Derive(doc, lock.Header(e.Version), ovs)
			assert.Equal(t, derived, committed, "api/retry/%s.yaml is stale: run make generate", lock.Package(e.Version))
			for _, en := range derived.Entries {
				usage.Applied(en.Operation, e.Version)
			}
		})
	}
	assert.Empty(t, usage.Unused(), "retry overrides that apply to no generated version: remove them")
}
