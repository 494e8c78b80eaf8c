package normalize

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/internal/schemas"
)

// Names of Intercom's pagination inputs: the query parameters of list
// operations and the body property of search operations.
const (
	pageParam       = "page"
	perPageParam    = "per_page"
	cursorParam     = "starting_after"
	paginationField = "pagination"
)

// paramDocs are the descriptions given to declared parameters, which become
// the Go doc comments of the generated Params fields.
var paramDocs = map[string]string{
	pageParam:    "The page of results to fetch, from 1. (Declared by the normaliser: the response is paged but the description omits the parameter.)",
	perPageParam: "How many results to return per page. (Declared by the normaliser: the response is paged but the description omits the parameter.)",
	cursorParam:  "The cursor of the page to fetch: pages.next.starting_after of the previous response. (Declared by the normaliser: the response is paged but the description omits the parameter.)",
}

// listShape is what a 200 response says about how the list continues.
type listShape struct {
	cursor bool                // pages.next is an object carrying starting_after
	page   bool                // pages (or the response itself) carries page or total_pages
	next   *openapi3.SchemaRef // pages.next, when cursor
}

// declarePaginationParams declares the pagination inputs an operation needs
// but whose description omits them, judged by its 200 response:
//
//   - a GET whose response has a pages object with next.starting_after gets
//     the starting_after query parameter; one whose pages (or the response
//     itself) carries page or total_pages gets page; both get per_page. It is
//     left alone when it already declares page or starting_after (except for
//     a missing per_page), or when it pages another way (scroll_param,
//     next_cursor).
//   - a POST whose request body is a search ({query: ...}) and whose response
//     is cursor-paged gets a pagination property of the type the response's
//     pages.next has: the cursor object to send back.
//
// Without them the generated Params and bodies cannot ask for page two.
func declarePaginationParams(doc *openapi3.T, log *Log) {
	const rule = "undeclared-pagination-params"
	eachOperation(doc, func(ptr, path, method string, op *openapi3.Operation) {
		shape, ok := responseShape(op)
		if !ok {
			return
		}
		switch method {
		case "get":
			declared := queryParams(op, doc.Paths.Value(path))
			var add []string
			if !declared[pageParam] && !declared[cursorParam] {
				if shape.page {
					add = append(add, pageParam)
				}
				if shape.cursor {
					add = append(add, cursorParam)
				}
			}
			if !declared[perPageParam] {
				add = append(add, perPageParam)
			}
			for _, name := range add {
				s := openapi3.NewStringSchema()
				if name != cursorParam {
					s = openapi3.NewIntegerSchema()
				}
				p := openapi3.NewQueryParameter(name).WithSchema(s).WithDescription(paramDocs[name])
				op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: p})
				log.add(rule, join(ptr, "parameters", itoa(len(op.Parameters)-1)),
					"declared query parameter %q: the 200 response is paged", name)
			}
		case "post":
			if !shape.cursor {
				return
			}
			bodyPtr, body := jsonBody(ptr, op)
			if body == nil || body.Value == nil {
				return
			}
			props := schemas.Properties(body.Value)
			if props["query"] == nil || props[paginationField] != nil || props[pageParam] != nil || props[cursorParam] != nil {
				return
			}
			if name, ok := componentName(body.Ref); ok {
				bodyPtr = pointer("components", "schemas", name)
			}
			if body.Value.Properties == nil {
				body.Value.Properties = openapi3.Schemas{}
			}
			body.Value.Properties[paginationField] = &openapi3.SchemaRef{Ref: shape.next.Ref, Value: shape.next.Value}
			log.add(rule, join(bodyPtr, "properties", paginationField),
				"declared the search body's pagination object (the type of the response's pages.next)")
		}
	})
}

// responseShape reads the 200 JSON response of op. It reports false when the
// response is not a paged list, or is paged by scroll_param or next_cursor,
// which descriptions declare with their own parameters.
func responseShape(op *openapi3.Operation) (listShape, bool) {
	var shape listShape
	props := schemas.ResponseProperties(op)
	if props == nil {
		return shape, false
	}
	if props["scroll_param"] != nil || props["next_cursor"] != nil || props["has_more"] != nil {
		return shape, false
	}
	if pages := props["pages"]; pages != nil && pages.Value != nil {
		pp := schemas.Properties(pages.Value)
		if next := pp["next"]; next != nil && next.Value != nil && schemas.Properties(next.Value)[cursorParam] != nil {
			shape.cursor, shape.next = true, next
		}
		shape.page = pp[pageParam] != nil || pp["total_pages"] != nil
	} else {
		shape.page = props["total_pages"] != nil
	}
	return shape, shape.cursor || shape.page
}

// queryParams returns the names of the query parameters op declares,
// itself or on its path.
func queryParams(op *openapi3.Operation, item *openapi3.PathItem) map[string]bool {
	out := map[string]bool{}
	for _, params := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, p := range params {
			if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				out[p.Value.Name] = true
			}
		}
	}
	return out
}

// jsonBody returns op's application/json request body schema and its pointer.
func jsonBody(ptr string, op *openapi3.Operation) (string, *openapi3.SchemaRef) {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return "", nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil {
		return "", nil
	}
	return join(ptr, "requestBody", "content", "application/json", "schema"), mt.Schema
}

// componentName returns the component schema name a local $ref names.
func componentName(ref string) (string, bool) {
	name, ok := strings.CutPrefix(ref, schemaPrefix)
	return name, ok && name != ""
}
