package codectest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/intercom-go/intercom/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) {
	// Fast-path failures must surface, not be repaired by the fallback.
	jsonx.Strict = true
	os.Exit(m.Run())
}

// example is one JSON example and the Go type it should decode into.
type example struct {
	where string       // JSON pointer into the normalised description
	data  []byte       // the example, as JSON
	typ   reflect.Type // destination type (the value DecodeJSON gets a pointer to)
	// parse, for response examples, is the operation's Parse function and
	// status the response's status code.
	parse  func(*http.Response) (any, error)
	status int
	ctype  string
}

var (
	docsOnce sync.Once
	docs     map[string]map[string]any
	docsErr  error
)

// description returns the normalised description of a version, from the
// cache intercomgen generate fills, or by running the normaliser.
func description(t testing.TB, version string) map[string]any {
	t.Helper()
	docsOnce.Do(func() {
		docs = map[string]map[string]any{}
		root, err := filepath.Abs("../..")
		if err != nil {
			docsErr = err
			return
		}
		for _, v := range Versions {
			path := filepath.Join(root, ".cache", "normalized", v.Version+".json")
			if _, err := os.Stat(path); err != nil {
				cmd := exec.Command("go", "run", "./api/cmd/intercomgen", "normalize", "-version", v.Version, "-o", path)
				cmd.Dir = root
				if os.Getenv("INTERCOM_OPENAPI_DIR") == "" {
					if dir := filepath.Join(root, "..", "shared", "intercom-openapi"); dirExists(dir) {
						cmd.Env = append(os.Environ(), "INTERCOM_OPENAPI_DIR="+dir)
					}
				}
				if out, err := cmd.CombinedOutput(); err != nil {
					docsErr = fmt.Errorf("normalise %s: %v\n%s", v.Version, err, out)
					return
				}
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				docsErr = err
				return
			}
			var doc map[string]any
			if err := json.Unmarshal(raw, &doc); err != nil {
				docsErr = err
				return
			}
			docs[v.Version] = doc
		}
	})
	if docsErr != nil {
		require.Empty(t, os.Getenv("CI"), "descriptions unavailable: %v", docsErr)
		t.Skipf("descriptions unavailable (set INTERCOM_OPENAPI_DIR or run make generate): %v", docsErr)
	}
	return docs[version]
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// examples collects every JSON example of a version's description with
// its destination type: schema examples (components and, through the Go
// types' fields, nested property, item and map-value schemas), response
// examples (decoded through the Parse functions) and request body examples.
func examples(t testing.TB, v Version) []example {
	doc := description(t, v.Version)
	var out []example
	schemas, _ := dig(doc, "components", "schemas").(map[string]any)
	names := sortedKeys(schemas)
	for _, name := range names {
		newT, ok := v.Schemas[name]
		if !ok {
			continue
		}
		s, _ := schemas[name].(map[string]any)
		out = walkSchema(out, s, reflect.TypeOf(newT()).Elem(), "#/components/schemas/"+escape(name))
	}
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
			base := "#/paths/" + escape(p) + "/" + method
			if entry.Body != nil {
				content, _ := dig(op, "requestBody", "content").(map[string]any)
				for _, mt := range sortedKeys(content) {
					if !strings.Contains(mt, "json") {
						continue
					}
					typ := reflect.TypeOf(entry.Body()).Elem()
					for _, ex := range mediaExamples(content[mt], base+"/requestBody/content/"+escape(mt)) {
						out = append(out, example{where: ex.where, data: ex.data, typ: typ})
					}
				}
			}
			responses, _ := op["responses"].(map[string]any)
			for _, code := range sortedKeys(responses) {
				status, err := strconv.Atoi(code)
				if err != nil {
					continue // default, 2XX: no single status to feed Parse
				}
				content, _ := dig(responses[code], "content").(map[string]any)
				for _, mt := range sortedKeys(content) {
					if !strings.Contains(mt, "json") {
						continue
					}
					for _, ex := range mediaExamples(content[mt], base+"/responses/"+code+"/content/"+escape(mt)) {
						out = append(out, example{where: ex.where, data: ex.data, parse: entry.Parse, status: status, ctype: mt})
					}
				}
			}
		}
	}
	return out
}

// walkSchema adds the examples of schema s, whose Go type is typ, and
// descends into inline property, item and map-value schemas alongside the
// Go type. Referenced schemas are visited as components of their own.
func walkSchema(out []example, s map[string]any, typ reflect.Type, where string) []example {
	if s == nil || s["$ref"] != nil {
		return out
	}
	if ex, ok := s["example"]; ok {
		out = append(out, example{where: where + "/example", data: mustJSON(ex), typ: typ})
	}
	if exs, ok := s["examples"].([]any); ok {
		for i, ex := range exs {
			out = append(out, example{where: where + "/examples/" + strconv.Itoa(i), data: mustJSON(ex), typ: typ})
		}
	}
	st := typ
	for st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	switch st.Kind() {
	case reflect.Struct:
		props, _ := s["properties"].(map[string]any)
		for _, name := range sortedKeys(props) {
			if f, ok := fieldByJSONName(st, name); ok {
				ps, _ := props[name].(map[string]any)
				out = walkSchema(out, ps, f.Type, where+"/properties/"+escape(name))
			}
		}
	case reflect.Slice:
		items, _ := s["items"].(map[string]any)
		out = walkSchema(out, items, st.Elem(), where+"/items")
	case reflect.Map:
		ap, _ := s["additionalProperties"].(map[string]any)
		out = walkSchema(out, ap, st.Elem(), where+"/additionalProperties")
	}
	return out
}

func fieldByJSONName(st reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == name && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

type rawExample struct {
	where string
	data  []byte
}

// mediaExamples returns a media type object's example and examples.
func mediaExamples(media any, where string) []rawExample {
	m, _ := media.(map[string]any)
	var out []rawExample
	if ex, ok := m["example"]; ok {
		out = append(out, rawExample{where + "/example", mustJSON(ex)})
	}
	exs, _ := m["examples"].(map[string]any)
	for _, name := range sortedKeys(exs) {
		if val, ok := dig(exs[name], "value").(any); ok && val != nil {
			out = append(out, rawExample{where + "/examples/" + escape(name) + "/value", mustJSON(val)})
		}
	}
	return out
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte(fmt.Sprintf("%q", err.Error())) // cannot happen for decoded JSON
	}
	return b
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// outcome is what decoding produced: an error or a value.
type outcome struct {
	err error
	val any
}

// decodeBoth decodes data into a new typ with encoding/json and with the
// version's DecodeJSON.
func decodeBoth(v Version, typ reflect.Type, data []byte) (std, fast outcome) {
	a, b := reflect.New(typ), reflect.New(typ)
	std.err = json.Unmarshal(data, a.Interface())
	fast.err = v.Decode(data, b.Interface())
	std.val, fast.val = a.Elem().Interface(), b.Elem().Interface()
	return std, fast
}

// respond runs a Parse function on a response with the example's status
// and content type.
func respond(ex example, body []byte) (any, error) {
	return ex.parse(&http.Response{
		StatusCode: ex.status,
		Header:     http.Header{"Content-Type": {ex.ctype}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	})
}

// responseType is the type of the response's JSON<status> field, learnt by
// parsing a null body (which every destination accepts); false when the
// Parse function does not decode this status and content type.
func responseType(ex example) (reflect.Type, bool) {
	res, err := respond(ex, []byte("null"))
	if err != nil {
		return nil, false
	}
	fv := reflect.ValueOf(res).Elem().FieldByName("JSON" + strconv.Itoa(ex.status))
	if !fv.IsValid() || fv.IsNil() {
		return nil, false
	}
	return fv.Type().Elem(), true
}

// parseBoth feeds data to the Parse function and decodes it with
// encoding/json into the type Parse stores for the status.
func parseBoth(ex example, data []byte) (std, fast outcome, ok bool) {
	typ, ok := responseType(ex)
	if !ok {
		return std, fast, false
	}
	res, err := respond(ex, data)
	fast.err = err
	if err == nil {
		fast.val = reflect.ValueOf(res).Elem().FieldByName("JSON" + strconv.Itoa(ex.status)).Elem().Interface()
	}
	target := reflect.New(typ)
	std.err = json.Unmarshal(data, target.Interface())
	std.val = target.Elem().Interface()
	return std, fast, true
}

// agree reports how two outcomes differ, or "" when they agree: both
// failed, or both succeeded with deeply equal values.
func agree(std, fast outcome) string {
	switch {
	case (std.err == nil) != (fast.err == nil):
		return fmt.Sprintf("encoding/json error: %v; DecodeJSON error: %v", std.err, fast.err)
	case std.err == nil && !reflect.DeepEqual(std.val, fast.val):
		return fmt.Sprintf("values differ:\nencoding/json: %s\nDecodeJSON:    %s", dump(std.val), dump(fast.val))
	}
	return ""
}

func dump(v any) string {
	s := fmt.Sprintf("%+v", deref(reflect.ValueOf(v)))
	if len(s) > 2000 {
		s = s[:2000] + "..."
	}
	return s
}

func deref(v reflect.Value) any {
	for v.IsValid() && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// check decodes one (possibly mutated) example both ways and reports a
// disagreement; false when the example has nothing to decode into.
func check(t *testing.T, v Version, ex example, data []byte) bool {
	t.Helper()
	var std, fast outcome
	if ex.parse != nil {
		var ok bool
		if std, fast, ok = parseBoth(ex, data); !ok {
			return false
		}
	} else {
		std, fast = decodeBoth(v, ex.typ, data)
	}
	msg := agree(std, fast)
	assert.Empty(t, msg, "%s %s (%d bytes: %.300q):\n%s", v.Header, ex.where, len(data), data, msg)
	return true
}

func TestExamplesDecodeLikeEncodingJSON(t *testing.T) {
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			exs := examples(t, v)
			checked, responses := 0, 0
			for _, ex := range exs {
				if check(t, v, ex, ex.data) {
					checked++
					if ex.parse != nil {
						responses++
					}
				}
			}
			t.Logf("%s: %d examples checked (%d through Parse functions)", v.Header, checked, responses)
			// Guard against a walk that silently finds nothing.
			require.GreaterOrEqual(t, checked, 200, "only %d examples (%d responses) checked", checked, responses)
			require.GreaterOrEqual(t, responses, 50, "only %d examples (%d responses) checked", checked, responses)
		})
	}
}
