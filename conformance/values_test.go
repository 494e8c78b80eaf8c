package conformance

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxDepth bounds schema recursion when making a value.
const maxDepth = 8

// examplesOf lists the examples a media type or parameter gives, the
// example first, then named examples with the successful-sounding ones
// first (descriptions also list examples of failing requests), each group
// in name order.
func examplesOf(example any, examples openapi3.Examples) []any {
	var out []any
	if example != nil {
		out = append(out, example)
	}
	names := make([]string, 0, len(examples))
	for k := range examples {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		si, sj := successful(names[i]), successful(names[j])
		if si != sj {
			return si
		}
		return names[i] < names[j]
	})
	for _, k := range names {
		if e := examples[k]; e != nil && e.Value != nil && e.Value.Value != nil {
			out = append(out, e.Value.Value)
		}
	}
	return out
}

func successful(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "success") || strings.Contains(n, "ok")
}

// firstFitting returns the first candidate valid for the schema.
func firstFitting(ref *openapi3.SchemaRef, candidates []any) (any, bool) {
	for _, v := range candidates {
		if fits(ref, v) {
			return v, true
		}
	}
	return nil, false
}

// schemaValue makes a representative value that satisfies the schema: its
// example or default when valid, else the first enum value, else a value
// built from its type with every required property. For oneOf/anyOf it
// tries each alternative (merged into the object's own properties, as
// descriptions often list only the required fields in alternatives) and
// keeps the first that validates.
func schemaValue(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil || depth > maxDepth {
		return nil
	}
	s := ref.Value
	for _, v := range []any{s.Example, s.Default} {
		if v != nil && fits(ref, v) {
			return v
		}
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	alts := s.OneOf
	if len(alts) == 0 {
		alts = s.AnyOf
	}
	if len(alts) == 0 {
		return ownValue(s, nil, depth)
	}
	var first any
	for i, alt := range alts {
		v := ownValue(s, alt, depth)
		if i == 0 {
			first = v
		}
		if fits(ref, v) {
			return v
		}
	}
	return first
}

// ownValue builds a value from the schema's type, properties and allOf,
// merged with one oneOf/anyOf alternative when alt is not nil.
func ownValue(s *openapi3.Schema, alt *openapi3.SchemaRef, depth int) any {
	object := s.Type.Is("object") || (s.Type == nil && (len(s.Properties) > 0 || len(s.AllOf) > 0))
	if !object {
		if alt != nil {
			return schemaValue(alt, depth+1)
		}
		return scalarValue(s, depth)
	}
	out := map[string]any{}
	for _, name := range s.Required {
		out[name] = schemaValue(s.Properties[name], depth+1)
	}
	for _, sub := range s.AllOf {
		if m, ok := schemaValue(sub, depth+1).(map[string]any); ok {
			for k, v := range m {
				out[k] = v
			}
		}
	}
	if alt != nil && alt.Value != nil {
		if m, ok := schemaValue(alt, depth+1).(map[string]any); ok {
			for k, v := range m {
				if v != nil {
					out[k] = v
				}
			}
		}
		for _, name := range alt.Value.Required {
			if out[name] != nil {
				continue
			}
			prop := alt.Value.Properties[name]
			if prop == nil {
				prop = s.Properties[name]
			}
			out[name] = schemaValue(prop, depth+1)
		}
	}
	return out
}

func scalarValue(s *openapi3.Schema, depth int) any {
	switch {
	case s.Type.Is("array"):
		n := max(int(s.MinItems), 1)
		items := make([]any, n)
		for i := range items {
			items[i] = schemaValue(s.Items, depth+1)
		}
		return items
	case s.Type.Is("integer"):
		if s.Min != nil {
			return int(*s.Min) + 1
		}
		return 1
	case s.Type.Is("number"):
		if s.Min != nil {
			return *s.Min + 1
		}
		return 1.5
	case s.Type.Is("boolean"):
		return true
	case s.Type.Is("string"):
		return stringFor(s)
	}
	return nil
}

func stringFor(s *openapi3.Schema) string {
	v := map[string]string{
		"date-time": "2024-01-02T03:04:05Z",
		"date":      "2024-01-02",
		"email":     "user@example.com",
		"uri":       "https://example.com/",
		"url":       "https://example.com/",
		"uuid":      "123e4567-e89b-42d3-a456-426614174000",
	}[s.Format]
	if v == "" {
		v = "example"
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	return v
}

// fits reports whether v is valid for the schema (no schema accepts
// anything).
func fits(ref *openapi3.SchemaRef, v any) bool {
	if ref == nil || ref.Value == nil {
		return true
	}
	// Round-trip through JSON so that the validator sees the plain types
	// it expects (float64, map[string]any, []any).
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	var plain any
	if err := json.Unmarshal(b, &plain); err != nil {
		return false
	}
	return ref.Value.VisitJSON(plain) == nil
}

// coerce turns a JSON-like value into a value of type t, through JSON, with
// the conversions between numbers and strings that examples need.
func coerce(v any, t reflect.Type) (reflect.Value, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return reflect.Value{}, err
	}
	p := reflect.New(t)
	if err := json.Unmarshal(b, p.Interface()); err == nil {
		return p.Elem(), nil
	}
	switch t.Kind() {
	case reflect.String:
		str := fmt.Sprint(v)
		if f, ok := v.(float64); ok {
			str = strconv.FormatFloat(f, 'f', -1, 64)
		}
		b, _ = json.Marshal(str)
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		f, perr := strconv.ParseFloat(fmt.Sprint(v), 64)
		if perr != nil {
			return reflect.Value{}, fmt.Errorf("%v is not a number for %s", v, t)
		}
		b, _ = json.Marshal(f)
	}
	if err := json.Unmarshal(b, p.Interface()); err != nil {
		return reflect.Value{}, fmt.Errorf("value %s does not fit %s: %w", b, t, err)
	}
	return p.Elem(), nil
}
