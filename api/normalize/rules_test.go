package normalize

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDanglingSchemaRef(t *testing.T) {
	doc, log := run(t, "", `
contact:
  type: object
  properties:
    custom_attributes:
      $ref: '#/components/schemas/custom_attributes'
`)
	got := schema(doc, "custom_attributes")
	require.NotNil(t, got, "missing schema defined")
	assert.True(t, got.Type.Is("object"))
	require.NotNil(t, got.AdditionalProperties.Schema, "free-form values")
	assert.True(t, isAnyValue(got.AdditionalProperties.Schema.Value))
	// the property now resolves to the new definition
	assert.Same(t, got, schema(doc, "contact").Properties["custom_attributes"].Value)
	ch := changesOf(log, "dangling-schema-ref")
	require.Len(t, ch, 2)
	assert.Equal(t, "/components/schemas/contact/properties/custom_attributes", ch[0].Pointer)
	assert.Equal(t, "/components/schemas/custom_attributes", ch[1].Pointer)
}

func TestDanglingSchemaRefLeavesDefinedRefsAlone(t *testing.T) {
	_, log := run(t, "", `
a: {type: string}
b: {type: object, properties: {x: {$ref: '#/components/schemas/a'}}}
`)
	assert.Empty(t, changesOf(log, "dangling-schema-ref"))
}

func TestPathParamInQuery(t *testing.T) {
	doc, log := run(t, `
/export/{job_identifier}:
  get:
    operationId: getJob
    parameters:
    - {name: job_identifier, in: query, schema: {type: string}}
    - {name: other, in: query, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/export/{job_identifier}").Get.Parameters
	assert.Equal(t, "path", params[0].Value.In)
	assert.True(t, params[0].Value.Required)
	assert.Equal(t, "query", params[1].Value.In, "a real query parameter stays")
	ch := changesOf(log, "path-param-in-query")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1export~1{job_identifier}/get/parameters/0", ch[0].Pointer)
}

func TestPathParamUndeclared(t *testing.T) {
	doc, log := run(t, `
/things/{id}:
  delete:
    operationId: deleteThing
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/things/{id}").Delete.Parameters
	require.Len(t, params, 1)
	assert.Equal(t, "id", params[0].Value.Name)
	assert.Equal(t, "path", params[0].Value.In)
	assert.Len(t, changesOf(log, "path-param-in-query"), 1)
}

func TestPathParamCopiesSharedParameter(t *testing.T) {
	// A $ref'd parameter used as a real query parameter elsewhere must not
	// be moved to the path there.
	raw := []byte(`openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a/{id}:
    get:
      parameters: [{$ref: '#/components/parameters/id'}]
      responses: {'200': {description: ok}}
  /b:
    get:
      parameters: [{$ref: '#/components/parameters/id'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    id: {name: id, in: query, schema: {type: string}}
`)
	doc, _, err := Normalize(raw)
	require.NoError(t, err)
	assert.Equal(t, "path", doc.Paths.Value("/a/{id}").Get.Parameters[0].Value.In)
	assert.Equal(t, "query", doc.Paths.Value("/b").Get.Parameters[0].Value.In)
}

func TestMissingOperationID(t *testing.T) {
	doc, log := run(t, `
/export/reporting_data/{job_identifier}:
  get:
    summary: Get export job status
    parameters: [{name: job_identifier, in: path, required: true, schema: {type: string}}]
    responses: {'200': {description: ok}}
/export/enqueue:
  post:
    summary: Enqueue a new reporting data export job
    responses: {'200': {description: ok}}
/x:
  get:
    operationId: getExportJobStatus2
    responses: {'200': {description: ok}}
  post:
    summary: Get export job status
    responses: {'200': {description: ok}}
  put:
    responses: {'200': {description: ok}}
`, "")
	assert.Equal(t, "getExportJobStatus", doc.Paths.Value("/export/reporting_data/{job_identifier}").Get.OperationID)
	assert.Equal(t, "enqueueNewReportingDataExportJob", doc.Paths.Value("/export/enqueue").Post.OperationID)
	// same summary twice: the second falls back to method and path
	assert.Equal(t, "postX", doc.Paths.Value("/x").Post.OperationID)
	assert.Equal(t, "putX", doc.Paths.Value("/x").Put.OperationID)
	assert.Equal(t, "getExportJobStatus2", doc.Paths.Value("/x").Get.OperationID, "existing ids stay")
	assert.Len(t, changesOf(log, "missing-operation-id"), 4)
}

func TestCamelWords(t *testing.T) {
	for in, want := range map[string]string{
		"Get export job status":                  "getExportJobStatus",
		"List available datasets and attributes": "listAvailableDatasetsAndAttributes",
		"get /download/reporting_data/by job_id": "getDownloadReportingDataByJobId",
		"2 step":                                 "op2Step",
		"":                                       "",
	} {
		assert.Equal(t, want, camelWords(in), in)
	}
}

func TestArrayWithoutItems(t *testing.T) {
	doc, log := run(t, "", `
team:
  type: object
  properties:
    admin_ids: {type: array}
    names: {type: array, items: {type: string}}
`)
	props := schema(doc, "team").Properties
	require.NotNil(t, props["admin_ids"].Value.Items)
	assert.True(t, isAnyValue(props["admin_ids"].Value.Items.Value))
	assert.True(t, props["names"].Value.Items.Value.Type.Is("string"), "declared items stay")
	ch := changesOf(log, "array-without-items")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/team/properties/admin_ids", ch[0].Pointer)
}

func TestCustomAttributesAnyValue(t *testing.T) {
	doc, log := run(t, "", `
contact:
  type: object
  properties:
    custom_attributes:
      type: object
      additionalProperties: {type: string}
    tags:
      type: object
      additionalProperties: {type: string}
`)
	props := schema(doc, "contact").Properties
	assert.True(t, isAnyValue(props["custom_attributes"].Value.AdditionalProperties.Schema.Value))
	assert.True(t, props["tags"].Value.AdditionalProperties.Schema.Value.Type.Is("string"), "other maps stay typed")
	ch := changesOf(log, "custom-attributes-any-value")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/contact/properties/custom_attributes/additionalProperties", ch[0].Pointer)
}

func TestStrictStringFormat(t *testing.T) {
	doc, log := run(t, "", `
error:
  type: object
  properties:
    request_id: {type: string, format: uuid}
    email: {type: string, format: email}
    created: {type: string, format: date-time}
`)
	props := schema(doc, "error").Properties
	assert.Empty(t, props["request_id"].Value.Format)
	assert.Empty(t, props["email"].Value.Format)
	assert.Equal(t, "date-time", props["created"].Value.Format, "other formats stay")
	assert.Len(t, changesOf(log, "strict-string-format"), 2)
}

func TestNullableResponseOnly(t *testing.T) {
	doc, log := run(t, `
/collections/{id}:
  put:
    operationId: updateCollection
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    requestBody:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/update_collection_request'}
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/collection'}
`, `
update_collection_request:
  type: object
  properties:
    parent_id: {type: string, nullable: true}
    nested: {$ref: '#/components/schemas/nested'}
nested:
  type: object
  properties:
    x: {type: string, nullable: true}
collection:
  type: object
  properties:
    parent_id: {type: string, nullable: true}
`)
	assert.True(t, schema(doc, "update_collection_request").Properties["parent_id"].Value.Nullable, "requests can send null")
	assert.True(t, schema(doc, "nested").Properties["x"].Value.Nullable, "reachable from a request through a $ref")
	assert.False(t, schema(doc, "collection").Properties["parent_id"].Value.Nullable, "only received")
	ch := changesOf(log, "nullable-response-only")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/collection/properties/parent_id/nullable", ch[0].Pointer)
}

func TestVersionHeaderParam(t *testing.T) {
	doc, log := run(t, `
/tags:
  get:
    operationId: listTags
    parameters:
    - {name: Intercom-Version, in: header, schema: {$ref: '#/components/schemas/intercom_version'}}
    - {name: page, in: query, schema: {type: integer}}
    responses: {'200': {description: ok}}
`, `
intercom_version: {type: string, enum: ['2.16']}
`)
	params := doc.Paths.Value("/tags").Get.Parameters
	require.Len(t, params, 1)
	assert.Equal(t, "page", params[0].Value.Name)
	assert.Len(t, changesOf(log, "version-header-param"), 1)
	assert.NotNil(t, schema(doc, "intercom_version"), "the version type stays")
}

func TestGoNameCollisionInlineEnum(t *testing.T) {
	doc, log := run(t, "", `
ticket:
  type: object
  properties:
    type: {type: string, enum: [ticket]}
ticket_type:
  type: object
  properties:
    name: {type: string}
`)
	typ := schema(doc, "ticket").Properties["type"].Value
	assert.Equal(t, "TicketTypeEnum", typ.Extensions["x-go-type-name"])
	assert.NotNil(t, doc.Components.Schemas["ticket_type"], "the component keeps its name")
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}

func TestGoNameCollisionEnumConstant(t *testing.T) {
	doc, log := run(t, `
/x:
  get:
    operationId: getX
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/intercom_version_preview'}
`, `
intercom_version: {type: string, enum: ['2.16', Preview]}
intercom_version_preview: {type: string, enum: [preview]}
`)
	assert.Nil(t, doc.Components.Schemas["intercom_version_preview"])
	require.NotNil(t, doc.Components.Schemas["intercom_version_preview_schema"])
	got := doc.Paths.Value("/x").Get.Responses.Value("200").Value.Content["application/json"].Schema.Ref
	assert.Equal(t, "#/components/schemas/intercom_version_preview_schema", got, "refs follow the rename")
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}

func TestGoNameCollisionOperationWrapper(t *testing.T) {
	doc, log := run(t, `
/articles/search:
  get:
    operationId: searchArticles
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/search_articles_response'}
`, `
search_articles_response: {type: object, properties: {total_count: {type: integer}}}
`)
	assert.NotNil(t, doc.Components.Schemas["search_articles_response_schema"])
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}

func TestNoCollisionNoChange(t *testing.T) {
	_, log := run(t, "", `
contact: {type: object, properties: {role: {type: string, enum: [user, lead]}}}
company: {type: object}
`)
	assert.Empty(t, changesOf(log, "go-name-collision"))
}

func TestOverlayStrictAndLenient(t *testing.T) {
	ov := []byte(`overlay: 1.0.0
info: {title: t, version: '1'}
actions:
  - target: $.components.schemas.a.properties.x.type
    description: x is documented as object but holds strings
    remove: true
  - target: $.components.schemas.missing
    description: only some versions have it
    update: {type: string}
`)
	lenient, err := ParseOverlay("all.yaml", ov, false)
	require.NoError(t, err)
	raw := spec("", "a: {type: object, properties: {x: {type: object}}}")
	doc, log, err := Normalize(raw, lenient)
	require.NoError(t, err)
	assert.Nil(t, schema(doc, "a").Properties["x"].Value.Type)
	ch := changesOf(log, "overlay:all.yaml")
	require.Len(t, ch, 2)
	assert.Contains(t, ch[1].Detail, "skipped, no match")

	strict, err := ParseOverlay("2.16.yaml", ov, true)
	require.NoError(t, err)
	_, _, err = Normalize(raw, strict)
	assert.ErrorContains(t, err, "components.schemas.missing")
}

func TestOverlayNeedsDescriptions(t *testing.T) {
	_, err := ParseOverlay("x.yaml", []byte(`overlay: 1.0.0
info: {title: t, version: '1'}
actions:
  - target: $.info
    update: {title: u}
`), false)
	assert.ErrorContains(t, err, "no description")
}

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

func TestRulesAreNamedAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		assert.NotEmpty(t, r.Defect, r.Name)
		assert.NotNil(t, r.Apply, r.Name)
		assert.False(t, seen[r.Name], "duplicate rule %s", r.Name)
		assert.Equal(t, strings.ToLower(r.Name), r.Name)
		seen[r.Name] = true
	}
}

func TestNormalizeRejectsGarbage(t *testing.T) {
	for _, raw := range []string{"", ":", "openapi: [", "[1,2]"} {
		_, _, err := Normalize([]byte(raw))
		assert.Error(t, err, "%q", raw)
	}
}

func TestREADMEListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for _, r := range Rules {
		assert.Contains(t, string(readme), "| `"+r.Name+"` |", "README's rule table lacks %s", r.Name)
	}
}

func TestInlineUnionRequestBody(t *testing.T) {
	doc, log := run(t, `
/contacts:
  post:
    operationId: CreateContact
    requestBody:
      content:
        application/json:
          schema:
            oneOf:
            - {$ref: '#/components/schemas/by_email'}
            - {$ref: '#/components/schemas/by_role'}
    responses: {'200': {description: ok}}
/tags:
  post:
    operationId: createTag
    requestBody:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/by_email'}
    responses: {'200': {description: ok}}
`, `
by_email: {type: object, properties: {email: {type: string}}}
by_role: {type: object, properties: {role: {type: string}}}
`)
	body := doc.Paths.Value("/contacts").Post.RequestBody.Value.Content["application/json"].Schema
	assert.Equal(t, "#/components/schemas/create_contact_request_body", body.Ref)
	hoisted := schema(doc, "create_contact_request_body")
	require.NotNil(t, hoisted)
	assert.Len(t, hoisted.OneOf, 2)
	assert.Equal(t, "#/components/schemas/by_email",
		doc.Paths.Value("/tags").Post.RequestBody.Value.Content["application/json"].Schema.Ref, "$ref bodies stay")
	ch := changesOf(log, "inline-union-request-body")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1contacts/post/requestBody/content/application~1json/schema", ch[0].Pointer)
}

func TestExplodedQueryObject(t *testing.T) {
	doc, log := run(t, `
/events:
  get:
    operationId: listEvents
    parameters:
    - name: filter
      in: query
      explode: true
      style: form
      required: true
      schema:
        type: object
        oneOf:
        - {type: object, properties: {user_id: {type: string}}, required: [user_id]}
        - {type: object, properties: {email: {type: string}}, required: [email]}
    - {name: type, in: query, required: true, schema: {type: string}}
    - name: nested
      in: query
      schema: {type: object, properties: {deep: {type: object}}}
    responses: {'200': {description: ok}}
`, "")
	var got []string
	for _, p := range doc.Paths.Value("/events").Get.Parameters {
		got = append(got, p.Value.Name+":"+p.Value.In)
		if p.Value.Name == "email" || p.Value.Name == "user_id" {
			assert.False(t, p.Value.Required, "each alternative is optional on its own")
			assert.True(t, p.Value.Schema.Value.Type.Is("string"))
		}
	}
	assert.Equal(t, []string{"email:query", "user_id:query", "type:query", "nested:query"}, got,
		"objects with non-scalar properties stay as they are")
	ch := changesOf(log, "exploded-query-object")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1events/get/parameters/0", ch[0].Pointer)
}
