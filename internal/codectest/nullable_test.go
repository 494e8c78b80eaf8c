package codectest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// original returns a version's description as Intercom publishes it,
// before the normaliser touched it: which properties can be null is a fact
// about Intercom's data, so it must be read from there, not from the
// normalised copy whose nullable flags the normaliser rewrites. make
// generate writes it, as JSON, to .cache/original/<version>.json.
func original(t *testing.T, version string) map[string]any {
	t.Helper()
	path := filepath.Join("..", "..", ".cache", "original", version+".json")
	raw, err := os.ReadFile(path)
	if err == nil {
		var doc map[string]any
		if err = json.Unmarshal(raw, &doc); err == nil {
			return doc
		}
	}
	require.Empty(t, os.Getenv("CI"), "description %s unavailable (make generate writes %s): %v", version, path, err)
	t.Skipf("description %s unavailable (run make generate): %v", version, err)
	return nil
}

// renamed reads the schemas the normaliser renamed (go-name-collision)
// from the version's normalize.log: original name -> generated schema name.
func renamed(t *testing.T, pkg string) map[string]string {
	raw, err := os.ReadFile(filepath.Join("..", "..", "gen", pkg, "normalize.log"))
	require.NoError(t, err)
	re := regexp.MustCompile(`(?m)^go-name-collision\t/components/schemas/([^/\t]+)\t.*schema renamed to (\S+)$`)
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
		out[m[1]] = m[2]
	}
	return out
}

// nullWalk walks an original description alongside the generated Go types.
type nullWalk struct {
	schemas map[string]any
	checked int
	bad     []string
}

// resolve follows $refs to the schema they name.
func (w *nullWalk) resolve(s map[string]any) map[string]any {
	for i := 0; i < 32 && s != nil; i++ {
		ref, _ := s["$ref"].(string)
		if ref == "" {
			return s
		}
		s, _ = w.schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	}
	return s
}

// nullable reports whether a property's schema admits null in OpenAPI 3.0:
// nullable on it, on what its $ref names, or on a member of its allOf.
func (w *nullWalk) nullable(s map[string]any, depth int) bool {
	if s == nil || depth > 32 {
		return false
	}
	if b, _ := s["nullable"].(bool); b {
		return true
	}
	if r := w.resolve(s); r != nil {
		if b, _ := r["nullable"].(bool); b {
			return true
		}
		s = r
	}
	all, _ := s["allOf"].([]any)
	for _, m := range all {
		if mm, _ := m.(map[string]any); w.nullable(mm, depth+1) {
			return true
		}
	}
	return false
}

// properties merges a schema's own properties with those of its allOf
// members, as the generator merges them into one struct.
func (w *nullWalk) properties(s map[string]any, out map[string]map[string]any, depth int) {
	s = w.resolve(s)
	if s == nil || depth > 32 {
		return
	}
	props, _ := s["properties"].(map[string]any)
	for k, v := range props {
		if p, ok := v.(map[string]any); ok {
			out[k] = p
		}
	}
	all, _ := s["allOf"].([]any)
	for _, m := range all {
		mm, _ := m.(map[string]any)
		w.properties(mm, out, depth+1)
	}
}

// canHoldNull reports whether a Go type can be told apart from a value when
// the JSON was null: a pointer, slice, map (nullable.Nullable is one) or
// interface.
func canHoldNull(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

// walk checks every nullable property of s against the field of Go type
// typ and descends into inline schemas (referenced ones are walked as
// components).
func (w *nullWalk) walk(s map[string]any, typ reflect.Type, where string, depth int) {
	if s == nil || depth > 64 {
		return
	}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch typ.Kind() {
	case reflect.Struct:
		props := map[string]map[string]any{}
		w.properties(s, props, 0)
		for _, name := range sortedKeys(props) {
			f, ok := fieldByJSONName(typ, name)
			if !ok {
				continue // not a member the type declares: another test's concern
			}
			p := props[name]
			if w.nullable(p, 0) {
				w.checked++
				if !canHoldNull(f.Type) {
					w.bad = append(w.bad, where+"/properties/"+escape(name)+": Go field "+typ.Name()+"."+f.Name+" is "+f.Type.String())
				}
			}
			if p["$ref"] == nil {
				w.walk(p, f.Type, where+"/properties/"+escape(name), depth+1)
			}
		}
	case reflect.Slice:
		if items, _ := s["items"].(map[string]any); items != nil && items["$ref"] == nil {
			w.walk(items, typ.Elem(), where+"/items", depth+1)
		}
	case reflect.Map:
		if ap, _ := s["additionalProperties"].(map[string]any); ap != nil && ap["$ref"] == nil {
			w.walk(ap, typ.Elem(), where+"/additionalProperties", depth+1)
		}
	}
}

// TestNullableCanHoldNull walks each pinned description as Intercom
// publishes it and the generated package of that version: every property
// the description lets be null must have a Go type in which null is not
// read as a zero value (issue 20: 2.11's Contact.LastSeenAt was an int, so
// "last_seen_at": null read as 1970).
func TestNullableCanHoldNull(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			doc := original(t, v.Version)
			schemas, _ := dig(doc, "components", "schemas").(map[string]any)
			w := &nullWalk{schemas: schemas}
			ren := renamed(t, genPackage(v))
			for _, name := range sortedKeys(schemas) {
				gname := name
				if r, ok := ren[name]; ok {
					gname = r
				}
				newT, ok := v.Schemas[gname]
				if !ok {
					continue
				}
				s, _ := schemas[name].(map[string]any)
				w.walk(s, reflect.TypeOf(newT()), "#/components/schemas/"+escape(name), 0)
			}
			// Inline response schemas, through the type each Parse
			// function stores for the status.
			paths, _ := doc["paths"].(map[string]any)
			for _, p := range sortedKeys(paths) {
				item, _ := paths[p].(map[string]any)
				for _, method := range sortedKeys(item) {
					op, _ := item[method].(map[string]any)
					id, _ := op["operationId"].(string)
					entry, ok := v.Operations[id]
					if !ok {
						continue
					}
					responses, _ := op["responses"].(map[string]any)
					for _, code := range sortedKeys(responses) {
						content, _ := dig(responses[code], "content").(map[string]any)
						for _, mt := range sortedKeys(content) {
							s, _ := dig(content[mt], "schema").(map[string]any)
							if s == nil || s["$ref"] != nil || !strings.Contains(mt, "json") {
								continue
							}
							ex := example{parse: entry.Parse, ctype: mt}
							status, err := strconv.Atoi(code)
							if err != nil {
								continue
							}
							ex.status = status
							if typ, ok := responseType(ex); ok {
								w.walk(s, typ, "#/paths/"+escape(p)+"/"+method+"/responses/"+code, 0)
							}
						}
					}
				}
			}
			assert.Empty(t, w.bad, "nullable in the description, but null reads as a zero value")
			require.NotEqual(t, 0, w.checked, "no nullable property found: the walk is not reaching the description")
			t.Logf("%s: %d nullable properties checked, %d cannot hold null", v.Header, w.checked, len(w.bad))
		})
	}
}

// genPackage is the gen/ directory of a version: gen/vX_Y, or gen/preview
// (api/lock.Package, which this module cannot import).
func genPackage(v Version) string {
	if v.Header == "Preview" {
		return "preview"
	}
	return "v" + strings.ReplaceAll(v.Version, ".", "_")
}
