package schemas

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProperties(t *testing.T) {
	str := openapi3.NewStringSchema().NewRef()
	num := openapi3.NewIntegerSchema().NewRef()
	plain := &openapi3.Schema{Properties: openapi3.Schemas{"a": str}}
	assert.Equal(t, plain.Properties, Properties(plain))

	inner := &openapi3.Schema{AllOf: openapi3.SchemaRefs{{Value: &openapi3.Schema{Properties: openapi3.Schemas{"deep": str}}}}}
	composed := &openapi3.Schema{
		AllOf: openapi3.SchemaRefs{
			{Value: &openapi3.Schema{Properties: openapi3.Schemas{"a": str, "b": str}}},
			{Value: inner},
			nil,
			{Ref: "#/components/schemas/unresolved"},
		},
		Properties: openapi3.Schemas{"b": num},
	}
	got := Properties(composed)
	assert.Equal(t, openapi3.Schemas{"a": str, "b": num, "deep": str}, got, "members of allOf, nested allOf included; the schema's own win")
	assert.Len(t, composed.Properties, 1, "the schema is not changed")
}

func TestResponseProperties(t *testing.T) {
	str := openapi3.NewStringSchema().NewRef()
	op := openapi3.NewOperation()
	op.AddResponse(200, openapi3.NewResponse().WithJSONSchema(&openapi3.Schema{
		AllOf: openapi3.SchemaRefs{{Value: &openapi3.Schema{Properties: openapi3.Schemas{"data": str}}}},
	}))
	op.AddResponse(404, openapi3.NewResponse().WithJSONSchema(&openapi3.Schema{Properties: openapi3.Schemas{"errors": str}}))
	assert.Equal(t, openapi3.Schemas{"data": str}, ResponseProperties(op), "the 200 answer's, allOf merged")

	noJSON := openapi3.NewOperation()
	noJSON.AddResponse(200, openapi3.NewResponse().WithContent(openapi3.NewContentWithSchema(openapi3.NewStringSchema(), []string{"text/plain"})))
	assert.Nil(t, ResponseProperties(noJSON))
	assert.Nil(t, ResponseProperties(openapi3.NewOperation()))
	assert.Nil(t, ResponseProperties(nil))
}

func TestOperationsInStableOrder(t *testing.T) {
	doc := &openapi3.T{Paths: openapi3.NewPaths()}
	for _, p := range []string{"/b", "/a/{id}", "/a"} {
		item := &openapi3.PathItem{}
		item.Post = &openapi3.Operation{OperationID: "post" + p}
		item.Get = &openapi3.Operation{OperationID: "get" + p}
		if p == "/a" {
			item.Delete = &openapi3.Operation{OperationID: "delete" + p}
		}
		doc.Paths.Set(p, item)
	}
	var got []string
	for o := range Operations(doc) {
		assert.Equal(t, o.Op, o.Item.GetOperation(o.Method))
		got = append(got, o.Method+" "+o.Path+" "+o.Op.OperationID)
	}
	assert.Equal(t, []string{
		"DELETE /a delete/a", "GET /a get/a", "POST /a post/a",
		"GET /a/{id} get/a/{id}", "POST /a/{id} post/a/{id}",
		"GET /b get/b", "POST /b post/b",
	}, got)

	n := 0
	for range Operations(doc) {
		n++
		break
	}
	assert.Equal(t, 1, n, "stops when the loop does")
	n = 0
	for range Operations(&openapi3.T{}) {
		n++
	}
	require.Zero(t, n, "a description without paths has no operations")
	for range Operations(nil) {
		n++
	}
	require.Zero(t, n, "nil has no operations")
}
