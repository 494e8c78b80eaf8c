package normalize

// Rules for what Intercom really sends where it differs from its
// descriptions (docs/divergences.md). They do not change a Go field's type:
// they tag it (x-oapi-codegen-extra-tags, key "intercom"), and the
// generator writes decoders that accept both shapes
// (api/cmd/intercomgen/codec_lenient.go). Overlays mark single fields with
// the extensions below, naming the shape seen in recorded traffic; the
// rules turn marks and whole classes into tags and log each one.

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/internal/schemas"
)

const (
	// extLenient on a property, set by an overlay: "int-or-string" (an
	// integer Intercom may send as a numeric string) or "string-or-number"
	// (a string it may send as a number).
	extLenient = "x-intercom-lenient"
	// extStringForm on an object schema, set by an overlay: the name of the
	// string property that receives a string Intercom sends in place of the
	// object, or "url-query" for a link whose query holds its fields.
	extStringForm = "x-intercom-string-form"
	extExtraTags  = "x-oapi-codegen-extra-tags"
	lenientTagKey = "intercom"
	// extGoOnly marks a property added for the Go type alone, not a member
	// on the wire (oapi-codegen gives its field json:"-"; see WireOnly).
	extGoOnly = "x-go-json-ignore"
)

// pagingCounters are the integers of a pages object, which Intercom has sent
// as numeric strings (GET /conversations: per_page "100").
var pagingCounters = map[string]bool{"page": true, "per_page": true, "total_pages": true}

// tagProperty sets the intercom tag of a property's Go field.
func tagProperty(p *openapi3.SchemaRef, value string) {
	ext := &p.Value.Extensions
	if p.Ref != "" {
		ext = &p.Extensions
	}
	if *ext == nil {
		*ext = map[string]any{}
	}
	tags, _ := (*ext)[extExtraTags].(map[string]any)
	if tags == nil {
		tags = map[string]any{}
	}
	tags[lenientTagKey] = value
	(*ext)[extExtraTags] = tags
}

// tagged reports whether a property's Go field already has an intercom tag
// (a second normalisation finds nothing to do).
func tagged(p *openapi3.SchemaRef) bool {
	for _, ext := range []map[string]any{p.Extensions, p.Value.Extensions} {
		if tags, _ := ext[extExtraTags].(map[string]any); tags[lenientTagKey] != nil {
			return true
		}
	}
	return false
}

// integerID reports whether a property name is an identifier.
func integerID(name string) bool { return name == "id" || strings.HasSuffix(name, "_id") }

// looseNumbers tags integer identifiers and paging counters of received
// schemas to accept numeric strings (Intercom has sent assignee ids as "0"
// and per_page as "100"), and properties an overlay marked with
// x-intercom-lenient.
func looseNumbers(doc *openapi3.T, log *Log) {
	sent := requestSchemas(doc)
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil || len(s.Properties) == 0 {
			return
		}
		name, inComponent := componentOf(ptr)
		received := !(inComponent && sent[name]) && !strings.Contains(ptr, "/requestBody/") && !strings.Contains(ptr, "/parameters/")
		for _, k := range sortedKeys(s.Properties) {
			p := s.Properties[k]
			if p == nil || p.Value == nil {
				continue
			}
			if mark, _ := p.Value.Extensions[extLenient].(string); mark != "" && p.Ref == "" {
				tagProperty(p, mark)
				delete(p.Value.Extensions, extLenient)
				log.add("number-string-mismatch", join(ptr, "properties", k), "%s, as an overlay marked it", mark)
				continue
			}
			if !received || p.Value.Type == nil || !p.Value.Type.Is("integer") || tagged(p) {
				continue
			}
			if integerID(k) || (pagingCounters[k] && isPagesSchema(ptr)) {
				tagProperty(p, "int-or-string")
				log.add("number-string-mismatch", join(ptr, "properties", k), "int-or-string: an integer %s may arrive as a numeric string", what(k))
			}
		}
	})
}

func what(name string) string {
	if integerID(name) {
		return "identifier"
	}
	return "paging counter"
}

// isPagesSchema reports whether a pointer is a pages object: a property
// named pages, or a component schema named like one (cursor_pages).
func isPagesSchema(ptr string) bool {
	i := strings.LastIndex(ptr, "/")
	last := ptr[i+1:]
	return last == "pages" || strings.HasSuffix(last, "_pages")
}

// objectsAsStrings adds a place for the string Intercom sends in place of
// an object: link objects (an object whose one value is a URL, beside its
// type: contact.avatar arrives as the URL), the next cursor of a pages
// object (GET /articles answers pages.next as a link), and object schemas
// an overlay marked with x-intercom-string-form.
func objectsAsStrings(doc *openapi3.T, log *Log) {
	sent := requestSchemas(doc)
	forms := map[*openapi3.Schema]string{}
	where := map[*openapi3.Schema]string{}
	var order []*openapi3.Schema
	mark := func(ptr string, s *openapi3.Schema, form, why string) {
		if _, ok := forms[s]; ok || s.Properties["sent_as_string"] != nil {
			return
		}
		forms[s], where[s] = form, ptr+"\t"+why
		order = append(order, s)
	}
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		s := ref.Value
		if ref.Ref != "" || s == nil {
			return
		}
		if form, _ := s.Extensions[extStringForm].(string); form != "" {
			delete(s.Extensions, extStringForm)
			mark(ptr, s, form, "as an overlay marked it")
			return
		}
		name, inComponent := componentOf(ptr)
		received := !(inComponent && sent[name]) && !strings.Contains(ptr, "/requestBody/") && !strings.Contains(ptr, "/parameters/")
		if received {
			if url := linkProperty(s); url != "" {
				mark(ptr, s, url, "a link object: Intercom may send the URL alone")
			}
		}
		if pages := s.Properties["pages"]; pages != nil && pages.Value != nil && received {
			if next := schemas.Properties(pages.Value)["next"]; next != nil && next.Value != nil && isObject(next.Value) && len(next.Value.Properties) > 0 {
				p := ptr + "/properties/pages/properties/next"
				if next.Ref != "" {
					p = pointer("components", "schemas", strings.TrimPrefix(next.Ref, schemaPrefix))
				}
				mark(p, next.Value, "url-query", "a paging cursor: Intercom may send the next page's link instead")
			}
		}
	})
	for _, s := range order {
		form := forms[s]
		if form != "url-query" {
			if p := s.Properties[form]; p == nil || p.Value == nil || p.Value.Type == nil || !p.Value.Type.Is("string") {
				continue // nothing to hold the string: leave the object as described
			}
		}
		ptr, why, _ := strings.Cut(where[s], "\t")
		s.Properties["sent_as_string"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
			Type:        &openapi3.Types{"string"},
			Description: "The string Intercom sent in place of this object, if it did; not a member of the object (see docs/divergences.md).",
			Extensions: map[string]any{
				"x-go-name":  "SentAsString",
				extGoOnly:    true,
				extExtraTags: map[string]any{lenientTagKey: "string-form=" + form},
			},
		}}
		log.add("object-sent-as-string", ptr, "string-form=%s: %s", form, why)
	}
}

func isObject(s *openapi3.Schema) bool {
	return s.Type == nil || s.Type.Is("object")
}

// linkProperty returns the name of the URL property of an object whose
// properties are that URL and at most its type; "" otherwise.
func linkProperty(s *openapi3.Schema) string {
	if !isObject(s) || len(s.Properties) == 0 || len(s.Properties) > 2 {
		return ""
	}
	url := ""
	for _, k := range sortedKeys(s.Properties) {
		p := s.Properties[k]
		if p == nil || p.Value == nil {
			return ""
		}
		switch {
		case k == "type":
		case p.Value.Type != nil && p.Value.Type.Is("string") && p.Value.Format == "uri":
			url = k
		default:
			return ""
		}
	}
	return url
}
