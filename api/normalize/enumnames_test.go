package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSymbolEnumNames(t *testing.T) {
	doc, log := run(t, "", `
single_filter_search_request:
  type: object
  properties:
    operator: {type: string, enum: ['=', '!=', IN, NIN, '<', '<=', '>', '>=', '~', '!~', '^', '$']}
multiple_filter_search_request:
  type: object
  properties:
    operator: {type: string, enum: [AND, OR]}
`)
	op := schema(doc, "single_filter_search_request").Properties["operator"].Value
	assert.Equal(t, []any{"Equals", "NotEquals", "In", "NotIn", "LessThan", "LessThanOrEquals", "GreaterThan",
		"GreaterThanOrEquals", "Contains", "DoesNotContain", "StartsWith", "EndsWith"}, op.Extensions["x-enum-varnames"])
	andOr := schema(doc, "multiple_filter_search_request").Properties["operator"].Value
	assert.Equal(t, []any{"And", "Or"}, andOr.Extensions["x-enum-varnames"])
	ch := changesOf(log, "symbol-enum-names")
	require.Len(t, ch, 2)
	assert.Equal(t, "/components/schemas/multiple_filter_search_request/properties/operator/x-enum-varnames", ch[0].Pointer)
	assert.Equal(t, "constants named by meaning: AND And, OR Or", ch[0].Detail)
	assert.Equal(t, "/components/schemas/single_filter_search_request/properties/operator/x-enum-varnames", ch[1].Pointer)
	assert.Contains(t, ch[1].Detail, "!= NotEquals")
	assert.Contains(t, ch[1].Detail, "!~ DoesNotContain")
}

func TestSymbolEnumNamesInParametersAndItems(t *testing.T) {
	doc, log := run(t, `
/things:
  get:
    operationId: listThings
    parameters:
    - {name: op, in: query, schema: {type: string, enum: ['^', '$']}}
    responses: {'200': {description: ok}}
`, `
filter: {type: array, items: {type: string, enum: ['~', '!~']}}
`)
	p := doc.Paths.Value("/things").Get.Parameters[0].Value.Schema.Value
	assert.Equal(t, []any{"StartsWith", "EndsWith"}, p.Extensions["x-enum-varnames"])
	assert.Equal(t, []any{"Contains", "DoesNotContain"}, schema(doc, "filter").Items.Value.Extensions["x-enum-varnames"])
	assert.Len(t, changesOf(log, "symbol-enum-names"), 2)
}

func TestSymbolEnumNamesLeavesWordsAndOthersAlone(t *testing.T) {
	doc, log := run(t, "", `
contact: {type: object, properties: {role: {type: string, enum: [user, lead]}}}
intercom_version: {type: string, enum: ['2.16', Preview]}
mixed: {type: string, enum: ['=', equals]}
levels: {type: integer, enum: [1, 2]}
chosen: {type: string, enum: ['=', '!='], x-enum-varnames: [Is, IsNot]}
`)
	for _, name := range []string{"intercom_version", "mixed", "levels"} {
		assert.NotContains(t, schema(doc, name).Extensions, "x-enum-varnames", name)
	}
	assert.NotContains(t, schema(doc, "contact").Properties["role"].Value.Extensions, "x-enum-varnames")
	assert.Equal(t, []any{"Is", "IsNot"}, schema(doc, "chosen").Extensions["x-enum-varnames"], "the description's own names win")
	assert.Empty(t, changesOf(log, "symbol-enum-names"))
}

func TestSymbolEnumNamesUnknownSymbolLogged(t *testing.T) {
	doc, log := run(t, "", `
weird: {type: string, enum: ['=', '%%']}
`)
	assert.NotContains(t, schema(doc, "weird").Extensions, "x-enum-varnames")
	ch := changesOf(log, "symbol-enum-names")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/weird", ch[0].Pointer)
	assert.Contains(t, ch[0].Detail, `"%%"`)
}

// The collision rule predicts constants from the names this rule chose:
// "!=" of f.op is FOpNotEquals, which a schema f_op_not_equals would also be.
func TestSymbolEnumNamesSeenByCollisionRule(t *testing.T) {
	doc, log := run(t, "", `
f: {type: object, properties: {op: {type: string, enum: ['=', '!=']}}}
f_op_not_equals: {type: string}
`)
	assert.Nil(t, doc.Components.Schemas["f_op_not_equals"])
	assert.NotNil(t, doc.Components.Schemas["f_op_not_equals_schema"])
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}
