package pagination

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the package's test files.

// fragment has one operation of each style, as normalised descriptions
// declare them.
const fragment = `
openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /contacts:
    get:
      operationId: ListContacts
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      - {name: starting_after, in: query, schema: {type: string}}
      - {name: per_page, in: query, description: "How many. Max 150.", schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /articles:
    get:
      operationId: listArticles
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      - {name: per_page, in: query, schema: {type: integer, maximum: 25}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /audiences:
    get:
      operationId: listAudiences
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                - {type: object, properties: {data: {type: array, items: {type: string}}}}
                - {type: object, properties: {total_pages: {type: integer}}}
  /contacts/search:
    post:
      operationId: searchContacts
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                query: {type: object}
                pagination: {$ref: '#/components/schemas/starting_after_paging'}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /logs/search:
    post:
      operationId: searchLogs
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                page: {type: integer}
                per_page: {type: integer, description: "(default 20, max 250)"}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  logs: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/cursor_pages'}
  /companies/scroll:
    get:
      operationId: scrollCompanies
      parameters:
      - {name: scroll_param, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/cursor_pages'}
                  scroll_param: {type: string}
  /contacts/{id}/merge_history:
    get:
      operationId: mergeHistory
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  next_cursor: {type: string}
                  has_more: {type: boolean}
  /articles/search:
    get:
      operationId: searchArticles
      parameters:
      - {name: starting_after, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: object
                    properties:
                      articles: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/cursor_pages'}
  /tags:
    get:
      operationId: listTags
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {data: {type: array, items: {type: string}}}}}}}
components:
  schemas:
    contact_list:
      type: object
      properties:
        type: {type: string}
        data: {type: array, items: {type: string}}
        total_count: {type: integer}
        pages: {$ref: '#/components/schemas/cursor_pages'}
    cursor_pages:
      type: object
      properties:
        page: {type: integer}
        total_pages: {type: integer}
        next: {$ref: '#/components/schemas/starting_after_paging'}
    starting_after_paging:
      type: object
      properties:
        per_page: {type: integer}
        starting_after: {type: string}
`

func load(t *testing.T, src string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(src))
	require.NoError(t, err)
	return doc
}
