package retry

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/overrides"
)

// fragment has one operation of each kind Derive tells apart, declared as
// Intercom's descriptions declare them.
const fragment = `
openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /contacts/search:
    post:
      operationId: SearchContacts
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /calls/search:
    post:
      operationId: listCallsWithTranscripts
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {type: {type: string}, data: {type: array, items: {type: object}}}}
  /companies/list:
    post:
      operationId: listAllCompanies
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /things/search:
    post:
      operationId: searchButReturnsOne
      summary: Named search, answers one object
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
  /contacts/merge/preview:
    post:
      operationId: PreviewMergeContact
      description: Preview the result without applying the merge. This is a read-only dry run that changes nothing.
      responses:
        '200': {description: ok}
  /articles:
    post:
      operationId: createArticle
      description: "Article tags are read-only in responses."
      responses:
        '200': {description: ok}
  /export/content/data:
    post:
      operationId: createDataExport
      description: You will receive a HTTP status code of 429 with the message Exceeded rate limit of 1 pending message data export jobs.
      responses:
        '200': {description: ok}
  /companies/scroll:
    get:
      operationId: scrollOverAllCompanies
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {scroll_param: {type: string}, data: {type: array, items: {type: object}}}}
  /contacts/{id}:
    get:
      operationId: ShowContact
      responses:
        '200': {description: ok}
    put:
      operationId: UpdateContact
      responses:
        '200': {description: ok}
  /data_connectors/{id}:
    patch:
      operationId: updateDataConnector
      responses:
        '200': {description: ok}
  /fin/csat:
    post:
      operationId: submitFinCsat
      description: Submitting the same rating again is a no-op, so an at-least-once client can safely retry.
      responses:
        '200': {description: ok}
components:
  schemas:
    contact_list:
      type: object
      properties:
        type: {type: string}
        data: {type: array, items: {type: object}}
        total_count: {type: integer}
        pages: {type: object}
`

func load(t *testing.T, src string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(src))
	require.NoError(t, err)
	return doc
}

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

func TestParseOverrides(t *testing.T) {
	_, err := ParseOverrides([]byte("overrides:\n  - operation: x\n    class: safe\n"))
	assert.ErrorContains(t, err, "why")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    why: y\n"))
	assert.ErrorContains(t, err, "neither")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    class: maybe\n    why: y\n"))
	assert.ErrorContains(t, err, "unknown class")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    class: safe\n    why: y\n  - operation: x\n    class: write\n    why: z\n"))
	assert.ErrorContains(t, err, "twice")
	_, err = ParseOverrides([]byte("overrides:\n  - operation: x\n    clas: safe\n    why: y\n"))
	assert.Error(t, err, "unknown fields are refused")
	ovs, err := DefaultOverrides()
	require.NoError(t, err)
	assert.NotEmpty(t, ovs)
}

func TestTableRoundTrip(t *testing.T) {
	tbl := Derive(load(t, fragment), "Preview", nil)
	data, err := tbl.Marshal()
	require.NoError(t, err)
	assert.Contains(t, string(data), "DO NOT EDIT")
	path := t.TempDir() + "/t.yaml"
	require.NoError(t, writeFile(path, data))
	back, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, tbl, back)
}
