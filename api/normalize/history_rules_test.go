package normalize

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnumDefaultOutsideValuesIsAdded(t *testing.T) {
	doc, log := run(t, "", `
intercom_version:
  type: string
  enum: ["2.10", "2.11", "Unstable"]
  default: "2.14"
  example: "2.14"
color:
  type: string
  enum: [red, blue]
  example: green
fine:
  type: string
  enum: [a, b]
  default: a
  example: b
`)
	require.NoError(t, Validate(context.Background(), doc), "the repaired description validates")
	v := schema(doc, "intercom_version")
	assert.Equal(t, []any{"2.10", "2.11", "Preview", "2.14"}, v.Enum)
	assert.Equal(t, "2.14", v.Example, "an example that is a value now stays")
	c := schema(doc, "color")
	assert.Nil(t, c.Example, "an example outside the values is dropped")
	assert.Equal(t, []any{"red", "blue"}, c.Enum)
	ch := changesOf(log, "enum-value-outside-values")
	require.Len(t, ch, 2)
	assert.Equal(t, "/components/schemas/color/example", ch[0].Pointer)
	assert.Equal(t, "/components/schemas/intercom_version/enum", ch[1].Pointer)
	assert.Contains(t, ch[1].Detail, `"2.14"`)
}

func TestEnumOutsideValuesRejectedWithoutTheRule(t *testing.T) {
	// The defect is real: the same fragment, unrepaired, fails validation.
	doc, _ := run(t, "", `
v: {type: string, enum: ["2.11"], default: "2.14"}
`)
	doc.Components.Schemas["v"].Value.Enum = []any{"2.11"}
	assert.Error(t, Validate(context.Background(), doc))
}

func TestFormerPreviewNameInVersionEnum(t *testing.T) {
	doc, log := run(t, "", `
intercom_version:
  type: string
  enum: ["2.11", "Unstable", "Preview"]
  default: Unstable
other:
  type: string
  enum: [Unstable]
`)
	v := schema(doc, "intercom_version")
	assert.Equal(t, []any{"2.11", "Preview"}, v.Enum)
	assert.Equal(t, "Preview", v.Default)
	assert.Equal(t, []any{"Unstable"}, schema(doc, "other").Enum, "only the version enum is renamed")
	assert.Len(t, changesOf(log, "former-version-name"), 2)
}

const duplicatePaths = `
/contacts/{contact_id}/companies:
  get:
    operationId: listCompaniesForAContact
    parameters:
    - {name: contact_id, in: path, required: true, schema: {type: string}}
    responses: {'200': {description: ok}}
/contacts/{id}/companies:
  parameters:
  - {name: id, in: path, required: true, description: The contact, schema: {type: string}}
  post:
    operationId: attachContactToACompany
    parameters:
    - {name: verbose, in: query, schema: {type: boolean}}
    responses: {'200': {description: ok}}
`

func TestDuplicatePathTemplatesAreMerged(t *testing.T) {
	doc, log := run(t, duplicatePaths, "")
	require.NoError(t, Validate(context.Background(), doc))
	assert.Nil(t, doc.Paths.Value("/contacts/{id}/companies"), "the second spelling is gone")
	item := doc.Paths.Value("/contacts/{contact_id}/companies")
	require.NotNil(t, item)
	require.NotNil(t, item.Get)
	require.NotNil(t, item.Post, "the POST moved to the first spelling")
	var names []string
	for _, p := range item.Post.Parameters {
		names = append(names, p.Value.In+":"+p.Value.Name)
	}
	assert.ElementsMatch(t, []string{"query:verbose", "path:contact_id"}, names)
	ch := changesOf(log, "duplicate-path-template")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1contacts~1{id}~1companies/post", ch[0].Pointer)
	assert.Contains(t, ch[0].Detail, "id -> contact_id")
}

func TestDuplicatePathTemplatesWithOverlappingMethodsAreLeft(t *testing.T) {
	_, log, err := Normalize(spec(`
/a/{x}:
  get: {operationId: one, parameters: [{name: x, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}
/a/{y}:
  get: {operationId: two, parameters: [{name: y, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}
`, ""))
	require.NoError(t, err)
	assert.Empty(t, changesOf(log, "duplicate-path-template"), "which GET Intercom serves cannot be told: left for validation")
}

func TestScalarUnionParamBecomesItsType(t *testing.T) {
	doc, log := run(t, `
/conversations/{id}/reply:
  post:
    operationId: replyConversation
    parameters:
    - name: id
      in: path
      required: true
      schema:
        oneOf:
        - {type: string, description: an id}
        - {type: string, enum: [last]}
    - name: mixed
      in: query
      schema:
        anyOf: [{type: string}, {type: integer}]
    - name: nested
      in: query
      schema:
        anyOf: [{type: integer, format: int64}, {oneOf: [{type: integer, format: int32}]}]
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/conversations/{id}/reply").Post.Parameters
	id := params[0].Value.Schema.Value
	assert.True(t, id.Type.Is("string"))
	assert.Empty(t, id.OneOf)
	assert.Empty(t, params[1].Value.Schema.Value.Type, "string or integer stays a union")
	nested := params[2].Value.Schema.Value
	assert.True(t, nested.Type.Is("integer"))
	assert.Empty(t, nested.Format, "members disagree on the format")
	ch := changesOf(log, "scalar-union-param")
	require.Len(t, ch, 2)
	assert.Equal(t, "/paths/~1conversations~1{id}~1reply/post/parameters/0/schema", ch[0].Pointer)
}

func TestStringPageParamsBecomeIntegers(t *testing.T) {
	doc, log := run(t, `
/companies/list:
  post:
    operationId: listAllCompanies
    parameters:
    - {name: page, in: query, schema: {type: string, example: "1"}}
    - {name: per_page, in: query, schema: {type: string}}
    - {name: order, in: query, schema: {type: string}}
    - {name: page, in: header, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/companies/list").Post.Parameters
	assert.True(t, params[0].Value.Schema.Value.Type.Is("integer"))
	assert.Nil(t, params[0].Value.Schema.Value.Example, "a string example would not fit the integer")
	assert.True(t, params[1].Value.Schema.Value.Type.Is("integer"))
	assert.True(t, params[2].Value.Schema.Value.Type.Is("string"), "other query parameters keep their type")
	assert.True(t, params[3].Value.Schema.Value.Type.Is("string"), "only query parameters")
	assert.Len(t, changesOf(log, "string-page-param"), 2)
}

func TestStrayPathParamsAreRenamedOrRemoved(t *testing.T) {
	doc, log := run(t, `
/articles/{article_id}:
  delete:
    operationId: deleteArticle
    parameters:
    - {name: id, in: path, required: true, schema: {type: integer}}
    responses: {'200': {description: ok}}
  get:
    operationId: showArticle
    parameters:
    - {name: article_id, in: path, required: true, schema: {type: integer}}
    - {name: extra, in: path, required: true, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	require.NoError(t, Validate(context.Background(), doc))
	item := doc.Paths.Value("/articles/{article_id}")
	require.Len(t, item.Delete.Parameters, 1)
	assert.Equal(t, "article_id", item.Delete.Parameters[0].Value.Name)
	assert.True(t, item.Delete.Parameters[0].Value.Schema.Value.Type.Is("integer"), "the declared type is kept")
	require.Len(t, item.Get.Parameters, 1, "a stray with no template name left is removed")
	assert.Equal(t, "article_id", item.Get.Parameters[0].Value.Name)
	ch := changesOf(log, "stray-path-param")
	require.Len(t, ch, 2)
	assert.Contains(t, ch[0].Detail, `"extra" is not in the template`) // GET is visited first
	assert.Contains(t, ch[0].Detail, "removed")
	assert.Contains(t, ch[1].Detail, `"id" renamed "article_id"`)
	assert.Empty(t, changesOf(log, "path-param-in-query"), "nothing is left undeclared")
}

func TestDuplicateMappingKeysKeepTheLast(t *testing.T) {
	doc, log := run(t, "", `
merge_contacts_request:
  type: object
  required: [from]
  properties:
    from: {type: string}
    into: {type: string}
  required: [from, into]
`)
	assert.Equal(t, []string{"from", "into"}, schema(doc, "merge_contacts_request").Required)
	ch := changesOf(log, "duplicate-mapping-key")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/merge_contacts_request/required", ch[0].Pointer)
}

func TestTypeListBecomesNullableType(t *testing.T) {
	doc, log := run(t, "", `
author:
  type: object
  properties:
    name: {type: ["null", string]}
    either: {type: [string, integer]}
    plain: {type: string}
`)
	props := schema(doc, "author").Properties
	assert.True(t, props["name"].Value.Type.Is("string"))
	// (nullable-response-only may then drop the nullable of a schema no
	// request sends; the log says it was set.)
	assert.Len(t, *props["either"].Value.Type, 2, "a real union of types is left alone")
	assert.False(t, props["plain"].Value.Nullable)
	ch := changesOf(log, "type-list")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/author/properties/name/type", ch[0].Pointer)
	assert.Contains(t, ch[0].Detail, "nullable")
}

func TestNestedPathItemsMoveUp(t *testing.T) {
	doc, log, err := Normalize(spec(`
/tickets:
  get: {operationId: listTickets, responses: {'200': {description: ok}}}
  /tickets/enqueue:
    post: {operationId: enqueueCreateTicket, responses: {'200': {description: ok}}}
  /tickets/search:
    post: {operationId: staleCopy, responses: {'200': {description: ok}}}
/tickets/search:
  post: {operationId: searchTickets, responses: {'200': {description: ok}}}
`, ""))
	require.NoError(t, err)
	require.NoError(t, Validate(context.Background(), doc))
	require.NotNil(t, doc.Paths.Value("/tickets/enqueue"))
	assert.Equal(t, "enqueueCreateTicket", doc.Paths.Value("/tickets/enqueue").Post.OperationID)
	assert.Equal(t, "searchTickets", doc.Paths.Value("/tickets/search").Post.OperationID, "the top-level declaration wins")
	assert.Empty(t, doc.Paths.Value("/tickets").Extensions)
	assert.Len(t, changesOf(log, "nested-path-item"), 2)
}

func TestDuplicateParametersAreDropped(t *testing.T) {
	doc, log := run(t, `
/contacts/{id}:
  get:
    operationId: ShowContact
    parameters:
    - {name: id, in: path, required: true, description: first, schema: {type: string}}
    - {name: id, in: path, required: true, description: again, schema: {type: string}}
    - {name: id, in: query, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	require.NoError(t, Validate(context.Background(), doc))
	params := doc.Paths.Value("/contacts/{id}").Get.Parameters
	require.Len(t, params, 2, "the same name in another place is another parameter")
	assert.Equal(t, "first", params[0].Value.Description)
	ch := changesOf(log, "duplicate-parameter")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1contacts~1{id}/get/parameters/1", ch[0].Pointer)
}
