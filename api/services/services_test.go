package services

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/overrides"
	"github.com/intercom-go/intercom/api/pipeline"
)

func TestMethodNameRule(t *testing.T) {
	cases := []struct{ call, tag, want string }{
		{"ShowContact", "Contacts", "Get"},
		{"ListContacts", "Contacts", "List"},
		{"SearchContacts", "Contacts", "Search"},
		{"CreateContact", "Contacts", "Create"},
		{"RetrieveConversation", "Conversations", "Get"},
		{"FindTag", "Tags", "Get"},
		{"AttachTagToContact", "Tags", "AttachToContact"},
		{"DetachTagFromConversation", "Tags", "DetachFromConversation"},
		{"ListTagsForAContact", "Contacts", "ListTags"},
		{"AttachContactToACompany", "Companies", "AttachContact"},
		{"ListAttachedSegmentsForCompanies", "Companies", "ListAttachedSegments"},
		{"ShowContactByExternalId", "Contacts", "GetByExternalId"},
		{"ListHelpCenters", "Help Center", "List"},
		{"RetrieveHelpCenter", "Help Center", "Get"},
		{"ListConversationAttributes", "Conversations Attributes", "List"},
		{"ListActivityLogs", "Admins", "ListActivityLogs"},
		{"IdentifyAdmin", "Admins", "Identify"},
		{"CreateNewsItem", "News", "CreateItem"},
		{"ListCompanyNotes", "Notes", "ListCompany"},
		{"ListAIContent", "AI Content", "List"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, MethodName(c.call, c.tag), "%s in %q", c.call, c.tag)
	}
	assert.Equal(t, "HelpCenter", GoName("Help Center"))
	assert.Equal(t, "AIContent", GoName("AI Content"))
	assert.Equal(t, "IPAllowlist", GoName("IP Allowlist"))
}

func TestCollisionsKeepTheirOperationIDs(t *testing.T) {
	s := &Service{Name: "Messages", Operations: []Operation{
		{OperationID: "a", Call: "GetWhatsAppMessageStatus", Method: "GetWhatsAppStatus"},
		{OperationID: "b", Call: "RetrieveWhatsAppMessageStatus", Method: "GetWhatsAppStatus"},
		{OperationID: "c", Call: "CreateMessage", Method: "Create"},
	}}
	resolveCollisions(s)
	assert.Equal(t, "GetWhatsAppMessageStatus", s.Operations[0].Method)
	assert.Equal(t, "RetrieveWhatsAppMessageStatus", s.Operations[1].Method)
	assert.Equal(t, "Create", s.Operations[2].Method)
	assert.Contains(t, s.Operations[0].Reason, "as it does another operation")
}

// A service that gathers operations of two tags (by an override) takes the
// tag of the first in path-then-method order, every time: the generated
// comment naming the tag must not change between runs.
func TestDeriveIsStable(t *testing.T) {
	doc := &openapi3.T{Paths: openapi3.NewPaths()}
	doc.Paths.Set("/things", &openapi3.PathItem{
		Get:  &openapi3.Operation{OperationID: "listThings", Tags: []string{"Things"}},
		Post: &openapi3.Operation{OperationID: "createWidget", Tags: []string{"Widgets"}},
	})
	ovs := []Override{{Common: overrides.Common{Operation: "createWidget", Why: "test"}, Service: "Things"}}
	for range 30 {
		svcs, err := Derive(doc, "2.16", ovs)
		require.NoError(t, err)
		require.Len(t, svcs, 1)
		require.Equal(t, "Things", svcs[0].Tag, "GET sorts before POST")
		require.Len(t, svcs[0].Operations, 2)
	}
}

func TestOverridesNeedAReason(t *testing.T) {
	_, err := ParseOverrides([]byte("overrides:\n  - operation: x\n    method: Y\n"))
	assert.Error(t, err)
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    why: because\n"))
	assert.Error(t, err, "an override that changes nothing")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    method: Y\n    why: because\n    colour: red\n"))
	assert.Error(t, err, "unknown keys are refused")
	ovs, err := ParseOverrides([]byte("overrides:\n  - operation: x\n    variants: {ArmA: DoA}\n    why: because\n"))
	require.NoError(t, err, "naming only a union's arms is a change")
	assert.Equal(t, map[string]string{"ArmA": "DoA"}, ovs[0].Variants)
}

// Every generated version: each operation is in exactly one service, no
// service has two methods of one name, and every override applies to some
// version.
func TestEveryOperationHasOneMethod(t *testing.T) {
	p := pipeline.ForTest(t)
	ovs, err := DefaultOverrides()
	require.NoError(t, err)
	usage := overrides.NewUsage(ovs)
	for _, e := range p.Lock.Generated() {
		t.Run(lock.Header(e.Version), func(t *testing.T) {
			doc, _, err := p.Normalized(context.Background(), e)
			require.NoError(t, err)
			svcs, err := Derive(doc, lock.Header(e.Version), ovs)
			require.NoError(t, err)
			ops := 0
			for _, item := range doc.Paths.Map() {
				ops += len(item.Operations())
			}
			seen := map[string]bool{}
			n := 0
			for _, s := range svcs {
				names := map[string]bool{}
				for _, o := range s.Operations {
					assert.False(t, names[o.Method], "%s.%s twice", s.Name, o.Method)
					names[o.Method] = true
					assert.False(t, seen[o.OperationID], "%s in two services", o.OperationID)
					seen[o.OperationID] = true
					n++
					usage.Applied(o.OperationID, e.Version)
				}
			}
			assert.Equal(t, ops, n, "every operation in a service")
		})
	}
	assert.Empty(t, usage.Unused(), "overrides that apply to no generated version: remove them")
}
