package pagination

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/intercom-go/intercom/api/internal/schemas"
	"github.com/intercom-go/intercom/api/overrides"
)

// Triggers are the 200 response fields that make an operation paged: every
// operation whose response has one needs a table entry.
var Triggers = []string{"pages", "scroll_param", "next_cursor", "has_more", "total_pages"}

// metaFields are response fields that describe the list, not hold it.
var metaFields = map[string]bool{
	"type": true, "pages": true, "total_count": true, "scroll_param": true,
	"next_cursor": true, "has_more": true, "page": true, "per_page": true, "total_pages": true,
}

// Paged reports whether op's 200 JSON response has a trigger field.
func Paged(op *openapi3.Operation) bool {
	props := schemas.ResponseProperties(op)
	for _, k := range Triggers {
		if props[k] != nil {
			return true
		}
	}
	return false
}

// operation is what Derive knows of one operation.
type operation struct {
	id, method, path string
	resp             openapi3.Schemas               // 200 JSON response properties
	query            map[string]*openapi3.Parameter // declared query parameters
	body             openapi3.Schemas               // JSON request body properties
}

// Derive builds the table of a normalised description. version is the
// Intercom-Version value; overrides apply where they name the version.
func Derive(doc *openapi3.T, version string, ovList []Override) (*Table, error) {
	t := &Table{Version: version}
	var errs []string
	for it := range schemas.Operations(doc) {
		op, item, m, path := it.Op, it.Item, it.Method, it.Path
		ovs := overrides.For(ovList, op.OperationID, version)
		forced := false
		for _, o := range ovs {
			forced = forced || o.Style != ""
		}
		if !Paged(op) && !forced {
			continue
		}
		e, err := derive(newOperation(op, item, m, path), ovs)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s %s (%s): %v", m, path, op.OperationID, err))
			continue
		}
		t.Entries = append(t.Entries, e)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("pagination table of %s:\n  %s", version, strings.Join(errs, "\n  "))
	}
	return t, t.Validate()
}

func newOperation(op *openapi3.Operation, item *openapi3.PathItem, method, path string) operation {
	o := operation{id: op.OperationID, method: strings.ToUpper(method), path: path,
		resp: schemas.ResponseProperties(op), query: map[string]*openapi3.Parameter{}}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range params {
			if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				o.query[p.Value.Name] = p.Value
			}
		}
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
			o.body = schemas.Properties(mt.Schema.Value)
		}
	}
	return o
}

func derive(o operation, ovs []Override) (Entry, error) {
	e := Entry{Operation: o.id, Method: o.method, Path: o.path, Name: codegen.SchemaNameToTypeName(o.id)}
	e.Items = itemsPath(o.resp)
	e.Style = o.style()
	var why []string
	for _, ov := range ovs {
		if ov.Name != "" {
			e.Name = ov.Name
		}
		if ov.Style != "" {
			e.Style = ov.Style
		}
		if ov.Items != "" {
			e.Items = ov.Items
		}
		if ov.MaxPerPage != 0 {
			e.MaxPerPage = ov.MaxPerPage
		}
		why = append(why, ov.Reason())
	}
	e.Reason = strings.Join(why, "; ")
	if e.Style == "" {
		return e, fmt.Errorf("cannot tell how it pages (no starting_after, page, pagination, scroll_param or cursor input): add an override")
	}
	if e.Style == None {
		e.Name, e.Items = "", ""
		return e, nil
	}
	if e.Items == "" {
		return e, fmt.Errorf("cannot tell which array holds the items: add an override with items")
	}
	if err := o.locate(&e); err != nil {
		return e, err
	}
	return e, nil
}

// style derives the pagination style from what the operation sends and
// receives.
func (o operation) style() Style {
	pagination := o.body["pagination"]
	switch {
	case o.resp["scroll_param"] != nil:
		return Scroll
	case o.resp["next_cursor"] != nil || o.resp["has_more"] != nil:
		return NextCursor
	case o.method == http.MethodPost && pagination != nil && pagination.Value != nil && schemas.Properties(pagination.Value)["starting_after"] != nil:
		return Search
	case o.body["page"] != nil:
		return Page
	case o.query["starting_after"] != nil:
		return Cursor
	case o.query["page"] != nil:
		return Page
	}
	return ""
}

// locate fills where requests carry the position and the page size, what
// responses are read for, and the page size limit the description states.
func (o operation) locate(e *Entry) error {
	need := func(name string) error {
		if o.query[name] == nil {
			return fmt.Errorf("style %s needs the query parameter %s, which it does not declare", e.Style, name)
		}
		e.Cursor = "query." + name
		return nil
	}
	var perPage *openapi3.Schema
	var perPageDoc string
	queryPerPage := func() {
		if p := o.query["per_page"]; p != nil {
			e.PerPage = "query.per_page"
			perPageDoc = p.Description
			if p.Schema != nil {
				perPage = p.Schema.Value
			}
		}
	}
	switch e.Style {
	case Cursor:
		if err := need("starting_after"); err != nil {
			return err
		}
		queryPerPage()
		e.Next = "pages.next.starting_after"
	case Search:
		pg := o.body["pagination"]
		if pg == nil || pg.Value == nil || schemas.Properties(pg.Value)["starting_after"] == nil {
			return fmt.Errorf("style search needs a body pagination object with starting_after")
		}
		e.Cursor = "body.pagination.starting_after"
		if pp := schemas.Properties(pg.Value)["per_page"]; pp != nil {
			e.PerPage = "body.pagination.per_page"
			perPage = pp.Value
		}
		e.Next = "pages.next.starting_after"
	case Page:
		if pp := o.body["page"]; pp != nil {
			e.Cursor = "body.page"
			if s := o.body["per_page"]; s != nil {
				e.PerPage = "body.per_page"
				perPage = s.Value
			}
		} else {
			if err := need("page"); err != nil {
				return err
			}
			queryPerPage()
		}
		e.Next = "pages.total_pages, pages.next"
		if o.resp["pages"] == nil {
			e.Next = "total_pages"
		}
	case Scroll:
		if err := need("scroll_param"); err != nil {
			return err
		}
		e.Next = "scroll_param; an empty page ends the list"
	case NextCursor:
		if err := need("cursor"); err != nil {
			return err
		}
		queryPerPage()
		e.Next = "next_cursor, has_more"
	}
	if e.MaxPerPage == 0 && e.PerPage != "" {
		e.MaxPerPage = maxOf(perPage, perPageDoc)
	}
	return nil
}

var maxInText = regexp.MustCompile(`(?i)\bmax(?:imum)?\.?\s*(?:is\s+|of\s+)?(\d+)`)

// maxOf reads a page size limit from a schema's maximum, or from its (or
// the parameter's) description ("Defaults to 25. Max 25.").
func maxOf(s *openapi3.Schema, paramDoc string) int {
	if s != nil && s.Max != nil && *s.Max >= 1 {
		return int(*s.Max)
	}
	texts := []string{paramDoc}
	if s != nil {
		texts = append(texts, s.Description)
	}
	for _, text := range texts {
		if m := maxInText.FindStringSubmatch(text); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// itemsPath finds the one array of the response that is not metadata, at
// the top level or inside a data object ("data.articles").
func itemsPath(resp openapi3.Schemas) string {
	if name := onlyArray(resp); name != "" {
		return name
	}
	if d := resp["data"]; d != nil && d.Value != nil {
		if name := onlyArray(schemas.Properties(d.Value)); name != "" {
			return "data." + name
		}
	}
	return ""
}

func onlyArray(p openapi3.Schemas) string {
	found := ""
	for name, s := range p {
		if metaFields[name] || s == nil || s.Value == nil || !s.Value.Type.Is(openapi3.TypeArray) {
			continue
		}
		if found != "" {
			return ""
		}
		found = name
	}
	return found
}
