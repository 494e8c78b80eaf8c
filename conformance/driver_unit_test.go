package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// fakePrism answers like Prism would: the handler decides per request.
func fakePrism(t *testing.T, h http.HandlerFunc) (*v2_16.Client, *recorder) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	rec := &recorder{client: srv.Client()}
	c, err := v2_16.New(facade.WithToken("t"), facade.WithBaseURL(srv.URL), facade.WithHTTPClient(rec))
	require.NoError(t, err)
	return c, rec
}

func jsonSchema(t *testing.T, s string) *openapi3.SchemaRef {
	t.Helper()
	var sc openapi3.Schema
	require.NoError(t, json.Unmarshal([]byte(s), &sc))
	return &openapi3.SchemaRef{Value: &sc}
}

func jsonOp(t *testing.T, method, path, id, bodySchema string, example any) operation {
	t.Helper()
	op := &openapi3.Operation{OperationID: id, Responses: openapi3.NewResponses()}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription("ok")})
	if bodySchema != "" {
		mt := &openapi3.MediaType{Schema: jsonSchema(t, bodySchema), Example: example}
		op.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Content: openapi3.Content{"application/json": mt}}}
	}
	return operation{method: method, path: path, id: id, op: op}
}

func method(t *testing.T, c *v2_16.Client, id string) reflect.Value {
	t.Helper()
	m, ok := typedMethods(c.API)[methodKey(id)]
	require.True(t, ok, "no method for %s", id)
	return m
}

func tctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestExercisePassesValidCallThatDecodes(t *testing.T) {
	c, rec := fakePrism(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`)
	})
	op := jsonOp(t, "get", "/tags", "listTags", "", nil)
	require.NoError(t, exercise(tctx(t), method(t, c, "listTags"), op, rec))
}

func TestExerciseReportsPrismViolations(t *testing.T) {
	c, rec := fakePrism(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("sl-violations", `[{"location":["request","body"],"severity":"Error","code":"required","message":"Request body must have required property 'name'"},{"location":["response","body"],"severity":"Error","message":"ignored"}]`)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"tag","id":"1","name":"vip"}`)
	})
	op := jsonOp(t, "post", "/tags", "createTag", `{"type":"object","properties":{"name":{"type":"string"}}}`, map[string]any{"name": "vip"})
	err := exercise(tctx(t), method(t, c, "createTag"), op, rec)
	require.ErrorContains(t, err, "required property 'name'")
	require.NotContains(t, err.Error(), "ignored")
}

// lossyAPI has a typed body method whose body type cannot carry "name",
// as a generated union body without its MarshalJSON once could not.
type lossyAPI struct{ c *v2_16.Client }

type lossyTag struct {
	Name string `json:"-"`
}

func (a lossyAPI) CreateTagWithResponse(ctx context.Context, body lossyTag, reqEditors ...v2_16.RequestEditorFn) (*v2_16.CreateTagResponse, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return a.c.API.CreateTagWithBodyWithResponse(ctx, "application/json", bytes.NewReader(b), reqEditors...)
}

func TestExerciseReportsDroppedBodyFields(t *testing.T) {
	c, rec := fakePrism(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"tag","id":"1","name":"vip"}`)
	})
	m := typedMethods(lossyAPI{c})[methodKey("createTag")]
	op := jsonOp(t, "post", "/tags", "createTag", `{"type":"object","properties":{"name":{"type":"string"}}}`, map[string]any{"name": "vip"})
	err := exercise(tctx(t), m, op, rec)
	require.ErrorContains(t, err, "typed body dropped name")
	// A field the schema does not declare is the example's defect, not a loss.
	op = jsonOp(t, "post", "/tags", "createTag", `{"type":"object","properties":{"id":{"type":"string"}}}`, map[string]any{"name": "vip"})
	require.NoError(t, exercise(tctx(t), m, op, rec), "undeclared field reported")
}

func TestExerciseReportsUndecodableResponse(t *testing.T) {
	c, rec := fakePrism(t, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/tags/42", r.URL.Path, "path %s, want the example id", r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"tag","id":5}`) // id must be a string
	})
	op := jsonOp(t, "get", "/tags/{tag_id}", "findTag", "", nil)
	op.params = openapi3.Parameters{{Value: &openapi3.Parameter{In: "path", Name: "tag_id", Required: true, Example: "42", Schema: jsonSchema(t, `{"type":"string"}`)}}}
	err := exercise(tctx(t), method(t, c, "findTag"), op, rec)
	require.ErrorContains(t, err, "typed response")
}

func TestExerciseReportsUndescribedStatus(t *testing.T) {
	c, rec := fakePrism(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		io.WriteString(w, `{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","validation":[{"location":["query","x"],"message":"bad x"}]}`)
	})
	op := jsonOp(t, "get", "/tags", "listTags", "", nil)
	err := exercise(tctx(t), method(t, c, "listTags"), op, rec)
	require.ErrorContains(t, err, "query.x: bad x")
}

func TestSchemaValueSatisfiesAlternativesListingOnlyRequired(t *testing.T) {
	// The shape of convert_visitor_request.user: properties on the object,
	// anyOf alternatives that only say which of them is required.
	ref := jsonSchema(t, `{"type":"object","properties":{"id":{"type":"string"},"user_id":{"type":"string"},"email":{"type":"string","format":"email"}},
		"anyOf":[{"required":["id"]},{"required":["user_id"]}]}`)
	v := schemaValue(ref, 0)
	require.True(t, fits(ref, v), "%v does not fit", v)
	require.NotNil(t, v.(map[string]any)["id"], "first alternative not used: %v", v)
}

func TestExamplesPreferSuccessfulAndFitting(t *testing.T) {
	ref := jsonSchema(t, `{"type":"object","required":["n"],"properties":{"n":{"type":"integer"}}}`)
	exs := openapi3.Examples{
		"a_bad":      {Value: &openapi3.Example{Value: map[string]any{"n": "x"}}},
		"successful": {Value: &openapi3.Example{Value: map[string]any{"n": 2.0}}},
		"b_other":    {Value: &openapi3.Example{Value: map[string]any{"n": 3.0}}},
	}
	v, ok := firstFitting(ref, examplesOf(nil, exs))
	require.True(t, ok)
	require.Equal(t, 2.0, v.(map[string]any)["n"], "picked %v", v)
	v, ok = firstFitting(ref, examplesOf(nil, openapi3.Examples{"a_bad": exs["a_bad"], "b_other": exs["b_other"]}))
	require.True(t, ok)
	require.Equal(t, 3.0, v.(map[string]any)["n"], "picked %v, want the first example that fits", v)
}

func TestTruncatedViolationsHeader(t *testing.T) {
	h := `Too many violations! [{"location":["response","body","x"],"severity":"Error","code":"type","message":"nope"},{"location":["request","query","per_page"],"severity":"Error","code":"type","message":"must be integer"},{"location":["request","bo`
	got := (&exchange{header: http.Header{"Sl-Violations": {h}}}).violations()
	require.Len(t, got, 1)
	require.Equal(t, "request.query.per_page: must be integer", got[0])
}

func TestCompareKnown(t *testing.T) {
	r := result{failures: []failure{{op: operation{id: "a"}, reason: "x"}, {op: operation{id: "b"}, reason: "y"}}}
	problems := r.compareKnown(map[string]string{"a": "known", "c": "fixed since"})
	require.Len(t, problems, 2, "problems")
	require.True(t, strings.HasPrefix(problems[0], "b fails"), "problems")
	require.True(t, strings.HasPrefix(problems[1], "c is listed"), "problems")
}

func TestCoerceNumbersAndStrings(t *testing.T) {
	v, err := coerce(991267715.0, reflect.TypeOf(""))
	require.NoError(t, err, "%v", v)
	require.Equal(t, "991267715", v.String(), "%v", v)
	v, err = coerce("42", reflect.TypeOf(0))
	require.NoError(t, err, "%v", v)
	require.Equal(t, int64(42), v.Int(), "%v", v)
}

// The suite drives services: each operation by the method Operations names
// for it, a single call decoded, a search iterator sending the query, a 2xx
// the service cannot decode reported.
func TestExerciseServiceMethods(t *testing.T) {
	var sent []string
	c, rec := fakePrism(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		sent = append(sent, r.Method+" "+r.URL.Path+" "+string(b))
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/conversations/search":
			io.WriteString(w, `{"type":"conversation.list","conversations":[{"id":"1"}],"total_count":1,"pages":{"type":"pages","page":1,"per_page":1,"total_pages":1}}`)
		case "/tags/7":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html>maintenance</html>")
		default:
			io.WriteString(w, `{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`)
		}
	})
	methods := serviceMethods(c)
	require.GreaterOrEqual(t, len(methods), 200, "%d service methods indexed", len(methods))
	list := methods["GET /tags"]
	require.Equal(t, "result", list.kind, "GET /tags: %+v", list)
	require.NoError(t, exerciseService(tctx(t), list.m, list.kind, jsonOp(t, "get", "/tags", "listTags", "", nil), rec))

	srch := methods["POST /conversations/search"]
	require.Equal(t, "search", srch.kind, "POST /conversations/search: %+v", srch)
	require.NoError(t, exerciseService(tctx(t), srch.m, srch.kind, jsonOp(t, "post", "/conversations/search", "searchConversations", "", nil), rec))
	require.Contains(t, sent[len(sent)-1], `"query":{"field":"id","operator":"=","value":"1"}`, "search sent")

	find := methods["GET /tags/{tag_id}"]
	op := jsonOp(t, "get", "/tags/{tag_id}", "findTag", "", nil)
	op.params = openapi3.Parameters{{Value: &openapi3.Parameter{Name: "tag_id", In: "path", Required: true, Example: "7", Schema: jsonSchema(t, `{"type":"string"}`)}}}
	err := exerciseService(tctx(t), find.m, find.kind, op, rec)
	require.ErrorContains(t, err, "without the documented body", "a 2xx the service cannot decode")
}
