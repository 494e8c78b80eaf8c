package retry

import (
	"context"
	"testing"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/overrides"
	"github.com/intercom-go/intercom/api/pipeline"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeriveClasses(t *testing.T) {
	tbl := Derive(load(t, fragment), "2.16", nil)
	require.NoError(t, tbl.Validate())
	want := map[string]struct {
		class Class
		quota bool
	}{
		"SearchContacts":           {Safe, false},
		"listCallsWithTranscripts": {Safe, false}, // a search path whose data is a list
		"listAllCompanies":         {Safe, false},
		"searchButReturnsOne":      {Write, false}, // the path alone does not make a read
		"PreviewMergeContact":      {Safe, false},
		"createArticle":            {Write, false}, // "read-only" about a field is no dry run
		"createDataExport":         {Write, true},
		"scrollOverAllCompanies":   {Write, false},
		"updateDataConnector":      {Write, false},
		"submitFinCsat":            {Write, false}, // prose about retries is not derived: overrides decide
	}
	for op, w := range want {
		e := tbl.Find(op)
		if !assert.NotNil(t, e, op) {
			continue
		}
		assert.Equal(t, w.class, e.Class, op)
		assert.Equal(t, w.quota, e.Quota, op)
		assert.NotEmpty(t, e.Reason, op)
	}
	// GET and PUT that their method classes rightly are not listed.
	assert.Nil(t, tbl.Find("ShowContact"))
	assert.Nil(t, tbl.Find("UpdateContact"))

	var exc []string
	for _, e := range tbl.Exceptions() {
		exc = append(exc, e.Operation)
	}
	assert.ElementsMatch(t, []string{"SearchContacts", "listCallsWithTranscripts", "listAllCompanies",
		"PreviewMergeContact", "createDataExport", "scrollOverAllCompanies"}, exc)
}

func TestDeriveAppliesOverrides(t *testing.T) {
	yes := true
	ovs := []Override{
		{Common: overrides.Common{Operation: "submitFinCsat", Why: "test", Intercom: "can safely retry"}, Class: Safe},
		{Common: overrides.Common{Operation: "updateDataConnector", Why: "only 2.14", Versions: []string{"2.14"}}, Quota: &yes},
		{Common: overrides.Common{Operation: "ShowContact", Why: "a GET that acts"}, Class: Write},
	}
	tbl := Derive(load(t, fragment), "2.16", ovs)
	csat := tbl.Find("submitFinCsat")
	require.NotNil(t, csat)
	assert.Equal(t, Safe, csat.Class)
	assert.Contains(t, csat.Reason, "override: test")
	assert.Contains(t, csat.Reason, `Intercom: "can safely retry"`)
	assert.False(t, tbl.Find("updateDataConnector").Quota, "a 2.14 override does not apply to 2.16")
	show := tbl.Find("ShowContact")
	require.NotNil(t, show, "an overridden GET is listed")
	assert.Equal(t, Write, show.Class)
	assert.True(t, show.Exceptional())

	assert.True(t, Derive(load(t, fragment), "2.14", ovs).Find("updateDataConnector").Quota)
}

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
