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
