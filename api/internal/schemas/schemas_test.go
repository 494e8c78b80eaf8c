package schemas

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
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
