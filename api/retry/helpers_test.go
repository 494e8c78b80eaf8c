package retry

import (
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the package's test files.

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

func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }
