package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A package of the shapes oapi-codegen writes, and some it could.
const codecInput = `package p

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/oapi-codegen/nullable"
)

type Kind string

type Item struct {
	Id     *string                ` + "`json:\"id,omitempty\"`" + `
	Count  int                    ` + "`json:\"count\"`" + `
	Kind   *Kind                  ` + "`json:\"kind,omitempty\"`" + `
	Tags   []string               ` + "`json:\"tags\"`" + `
	Attrs  map[string]interface{} ` + "`json:\"attrs\"`" + `
	When   *time.Time             ` + "`json:\"when\"`" + `
	Maybe  nullable.Nullable[int] ` + "`json:\"maybe\"`" + `
	Raw    json.RawMessage        ` + "`json:\"raw\"`" + `
	Skip   string                 ` + "`json:\"-\"`" + `
	Child  *Child                 ` + "`json:\"child\"`" + `
	Choice Choice                 ` + "`json:\"choice\"`" + `
	Outer  *Embeds                ` + "`json:\"outer\"`" + `
	hidden string
}

type Child struct {
	Name string ` + "`json:\"name\"`" + `
}

type Choice struct {
	union json.RawMessage
}

func (t *Choice) UnmarshalJSON(b []byte) error { return t.union.UnmarshalJSON(b) }

type Embeds struct {
	Child
	X int ` + "`json:\"x\"`" + `
}

type Quoted struct {
	N int ` + "`json:\"n,string\"`" + `
}

type Twice struct {
	A string ` + "`json:\"a\"`" + `
	B string ` + "`json:\"a\"`" + `
}

type Items []Item

type ItemAlias = Item

type ListParams struct {
	Q *string ` + "`form:\"q\" json:\"q\"`" + `
}

type ListResponse struct {
	Body         []byte
	HTTPResponse *http.Response
	JSON200      *Items
}

func ParseListResponse(rsp *http.Response) (*ListResponse, error) {
	bodyBytes, err := io.ReadAll(rsp.Body)
	if err != nil {
		return nil, err
	}
	response := &ListResponse{Body: bodyBytes, HTTPResponse: rsp}
	var dest []Item
	if err := json.Unmarshal(bodyBytes, &dest); err != nil {
		return nil, err
	}
	return response, nil
}
`

func TestCodecSourceFollowsTheGoTypes(t *testing.T) {
	out, err := codecSource("p", "in.go", []byte(codecInput))
	require.NoError(t, err)
	src := string(out)
	_, err = parser.ParseFile(token.NewFileSet(), "codec.gen.go", out, 0)
	require.NoError(t, err, "output does not parse: %v\n%s", err, src)
	for _, want := range []string{
		"DO NOT EDIT",
		"func DecodeJSON(data []byte, v any) error",
		"v.Id, err = jsonx.StringTo(d, v.Id)", // *string
		"err = jsonx.Int(d, &v.Count)",        // int
		"err = ptrToKind(d, &v.Kind)",         // *named string
		"err = jsonx.SliceIn(d, &v.Tags, jsonx.String[string], ",
		"err = jsonx.MapAny(d, &v.Attrs)",                                                  // free-form object
		"err = jsonx.UnmarshalerPtr(d, &v.When)",                                           // *time.Time has UnmarshalJSON
		"err = jsonx.Unmarshaler(d, &v.Maybe)",                                             // nullable.Nullable
		"err = jsonx.Unmarshaler(d, &v.Raw)",                                               // json.RawMessage
		"err = jsonx.PtrIn(d, &v.Child, decodeChild, ",                                     // nested struct
		"err = jsonx.Unmarshaler(d, &v.Choice)",                                            // union with its own UnmarshalJSON
		"f = d.Field(key, &fieldsItem)",                                                    // a key not predicted is looked up
		`Folded: []string{"ATTRS", "CHILD", "CHOICE",`,                                     // case-folded names, sorted
		"func decodeQuoted(d *jsonx.Decoder, v *Quoted) error {\n\treturn jsonx.Std(d, v)", // ,string
		"func decodeTwice(d *jsonx.Decoder, v *Twice) error {\n\treturn jsonx.Std(d, v)",   // names cancel out
		"return jsonx.SliceIn(d, (*[]Item)(v), decodeItem, ",                               // defined slice type
		"case *[]Item:", // composite Parse destination
		"return jsonx.Run(data, v, decodeComposite",
		"case *Choice:",
		"func decodeChoice(d *jsonx.Decoder, v *Choice) error {\n\treturn jsonx.Unmarshaler(d, v)",
		"var orderItem [12]jsonx.Learnt",                  // one more than Item's 11 decoded fields
		"f := jsonx.Order(orderItem[:]).After(last)",      // the learnt order predicts the key
		"last = jsonx.Order(orderItem[:]).Learn(last, f)", // and learns from a miss
	} {
		assert.Contains(t, src, want, "output lacks")
	}
	for _, unwanted := range []string{"decodeEmbeds", "v.Skip", "v.hidden", "decodeListParams", "decodeListResponse", "decodeItemAlias", "case *ItemAlias"} {
		assert.NotContains(t, src, unwanted, "output has")
	}
}

func TestWriteCodecRewritesDecodeCalls(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "intercom.gen.go")
	require.NoError(t, os.WriteFile(path, []byte(codecInput), 0o644))
	require.NoError(t, writeCodec(dir, "p"))
	got, _ := os.ReadFile(path)
	for _, want := range []string{
		"if err := decodeResponse(rsp, bodyBytes, &dest, decodeComposite", // the destination's own decoder
		"bodyBytes, err := readBody(rsp)",
	} {
		assert.Contains(t, string(got), want, "rewritten source lacks %q:\n%s", want, got)
	}
	assert.NotContains(t, string(got), "json.Unmarshal(bodyBytes", "decode calls left in place:\n%s", got)
	assert.NotContains(t, string(got), "io.ReadAll", "decode calls left in place:\n%s", got)
	_, err := os.Stat(filepath.Join(dir, "codec.gen.go"))
	assert.NoError(t, err)
	// Output that no longer has the calls fails generation loudly.
	require.NoError(t, os.WriteFile(path, []byte("package p\n"), 0o644))
	err = writeCodec(dir, "p")
	assert.ErrorContains(t, err, "oapi-codegen's output changed", "missing decode calls")
}
