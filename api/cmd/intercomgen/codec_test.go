package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
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

// AsVariant is a union accessor: Variant is only reached through it.
func (t Choice) AsVariant() (Variant, error) {
	var body Variant
	err := json.Unmarshal(t.union, &body)
	return body, err
}

type Variant struct {
	Part *VariantPart ` + "`json:\"part\"`" + `
}

type VariantPart struct {
	N int ` + "`json:\"n\"`" + `
}

// Envelope is a response of another status; Grand is only reached
// through Envelope's nested fields.
type Envelope struct {
	Q     Quoted ` + "`json:\"q\"`" + `
	T     *Twice ` + "`json:\"t\"`" + `
	Inner *Inner ` + "`json:\"inner\"`" + `
	Picks []Pick ` + "`json:\"picks\"`" + `
}

// Pick is a union only reached as the items of Envelope's field: PickA,
// its variant, is sent.
type Pick struct {
	union json.RawMessage
}

func (t *Pick) UnmarshalJSON(b []byte) error { return t.union.UnmarshalJSON(b) }

func (t Pick) AsPickA() (PickA, error) {
	var body PickA
	err := json.Unmarshal(t.union, &body)
	return body, err
}

type PickA struct {
	A string ` + "`json:\"a\"`" + `
}

// NewChoice is a union only requests hold: NewVariant is never decoded.
type NewChoice struct {
	union json.RawMessage
}

func (t *NewChoice) UnmarshalJSON(b []byte) error { return t.union.UnmarshalJSON(b) }

func (t NewChoice) AsNewVariant() (NewVariant, error) {
	var body NewVariant
	err := json.Unmarshal(t.union, &body)
	return body, err
}

type NewVariant struct {
	V string ` + "`json:\"v\"`" + `
}

type Inner struct {
	Grands []Grand ` + "`json:\"grands\"`" + `
}

type Grand struct {
	G string ` + "`json:\"g\"`" + `
}

// NewItem is only ever sent: a request body, with a nested type, a named
// string and a lenient field of its own.
type NewItem struct {
	Name  string       ` + "`json:\"name\"`" + `
	Opts  *NewItemOpts ` + "`json:\"opts\"`" + `
	Mode  *Mode        ` + "`json:\"mode\"`" + `
	Count *int         ` + "`intercom:\"int-or-string\" json:\"count\"`" + `
	Pick  NewChoice    ` + "`json:\"pick\"`" + `
}

type NewItemOpts struct {
	Fast bool ` + "`json:\"fast\"`" + `
}

type Mode string

type CreateItemJSONRequestBody = NewItem

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
	switch {
	case rsp.StatusCode == 200:
		var dest []Item
		if err := json.Unmarshal(bodyBytes, &dest); err != nil {
			return nil, err
		}
	case rsp.StatusCode == 201:
		var dest Items
		if err := json.Unmarshal(bodyBytes, &dest); err != nil {
			return nil, err
		}
	case rsp.StatusCode == 202:
		var dest Envelope
		if err := json.Unmarshal(bodyBytes, &dest); err != nil {
			return nil, err
		}
	case rsp.StatusCode == 404:
		var dest Choice
		if err := json.Unmarshal(bodyBytes, &dest); err != nil {
			return nil, err
		}
	}
	return response, nil
}

func NewCreateItemRequest(server string, body CreateItemJSONRequestBody) (*http.Request, error) {
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return http.NewRequest("POST", server, bytes.NewReader(buf))
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
		"f, err := d.Member(&keysItem, &w)",                                                // the key loop, in jsonx: predicted, else looked up
		`Folded: []string{"ATTRS", "CHILD", "CHOICE",`,                                     // case-folded names, sorted
		"func decodeQuoted(d *jsonx.Decoder, v *Quoted) error {\n\treturn jsonx.Std(d, v)", // ,string
		"func decodeTwice(d *jsonx.Decoder, v *Twice) error {\n\treturn jsonx.Std(d, v)",   // names cancel out
		"return jsonx.SliceIn(d, (*[]Item)(v), decodeItem, ",                               // defined slice type
		"case *[]Item:", // composite Parse destination
		"return jsonx.RunFunc(data, v, func(d *jsonx.Decoder) error { return decodeComposite",
		"case *Choice:",
		"func decodeChoice(d *jsonx.Decoder, v *Choice) error {\n\treturn jsonx.Unmarshaler(d, v)",
		"Order: jsonx.Order{" + strings.Repeat("{}, ", 11) + "{}},", // what it learns of the order of the keys: one more than Item's 11 decoded fields
		"Keep:  false,", // Item keeps no undeclared members
	} {
		assert.Contains(t, src, want, "output lacks")
	}
	for _, unwanted := range []string{"decodeEmbeds", "v.Skip", "v.hidden", "decodeListParams", "decodeListResponse", "decodeItemAlias", "case *ItemAlias"} {
		assert.NotContains(t, src, unwanted, "output has")
	}
}

// TestCodecDecodesOnlyWhatIntercomSends: decoders are written for the
// destinations of the Parse functions (every status) and union accessors
// and for what those decoders decode, nothing else; the methods a type
// needs for encoding/json are written whether or not it has a decoder.
func TestCodecDecodesOnlyWhatIntercomSends(t *testing.T) {
	out, err := codecSource("p", "in.go", []byte(codecInput))
	require.NoError(t, err)
	src := string(out)
	for _, fn := range []string{
		"decodeComposite1", "decodeItems", "decodeEnvelope", "decodeChoice", // Parse destinations, 200 to 404
		"decodeItem", "decodeChild", // inside a response list
		"decodeInner", "decodeGrand", "decodeQuoted", "decodeTwice", // reached only through nested fields of a response
		"decodeVariant", "decodeVariantPart", // a union variant (AsVariant) and its field
		"decodePick", "decodePickA", // a union in a response's list, and its variant
		"ptrToKind", // a helper a kept decoder calls
	} {
		assert.Contains(t, src, "func "+fn+"(", "no %s", fn)
	}
	for _, typ := range []string{"Envelope", "Grand", "Variant", "Items", "[]Item"} {
		assert.Contains(t, src, "case *"+typ+":", "DecodeJSON has no case for %s", typ)
	}
	// Only sent in requests: no decoder, no case, no helper, no tables.
	for _, unwanted := range []string{"decodeNewItem", "decodeNewItemOpts", "ptrToMode", "decodeMode", "case *NewItem", "case *Mode", "namesNewItem", "orderNewItem",
		"decodeNewChoice", "decodeNewVariant", "case *NewVariant"} { // a request union and its variant
		assert.NotContains(t, src, unwanted, "output has")
	}
	// But encoding/json must still read NewItem's lenient field as the
	// decoders would, so its method stays.
	assert.Contains(t, src, "func (v *NewItem) UnmarshalJSON(data []byte) error {")
	assert.Contains(t, src, "14 of the package's 20 types have decoders")
	assert.Contains(t, src, "The other 6 are request bodies")

	// Without a Parse function nothing is decoded, union accessors or
	// not; the methods remain.
	noParse := codecInput[:strings.Index(codecInput, "func ParseListResponse")]
	out, err = codecSource("p", "in.go", []byte(noParse))
	require.NoError(t, err)
	assert.NotRegexp(t, `func \w+\(d \*jsonx\.Decoder`, string(out))
	assert.NotContains(t, string(out), "case *")
	assert.Contains(t, string(out), "func (v *NewItem) UnmarshalJSON(data []byte) error {")
	_, err = parser.ParseFile(token.NewFileSet(), "codec.gen.go", out, 0)
	require.NoError(t, err, "output does not parse:\n%s", out)
}

func TestWriteCodecRewritesDecodeCalls(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "intercom.gen.go")
	require.NoError(t, os.WriteFile(path, []byte(codecInput), 0o644))
	stats, err := writeCodec(dir, "p")
	require.NoError(t, err)
	// See TestCodecDecodesOnlyWhatIntercomSends: of 20 types that could
	// have a decoder, NewItem, NewItemOpts, Mode, NewChoice, NewVariant
	// and Kind (whose pointer has a helper) have none; 6 are called by the
	// rewritten calls ([]Item, Items, Envelope, Choice, Variant, PickA).
	assert.Equal(t, codecStats{Decoders: 14, Candidates: 20, Roots: 6}, stats)
	got, _ := os.ReadFile(path)
	for _, want := range []string{
		"if err := runComposite1(rsp, bodyBytes, &dest)", // the destination's own decoder
		"bodyBytes, err := readBody(rsp)",
		"err := runPickA(nil, t.union, &body)", // the variant of a union Intercom sends
		// A request union's accessor has no decoder to call; DecodeJSON
		// would use encoding/json too.
		"var body NewVariant\n\terr := json.Unmarshal(t.union, &body)",
	} {
		assert.Contains(t, string(got), want, "rewritten source lacks %q:\n%s", want, got)
	}
	assert.NotContains(t, string(got), "json.Unmarshal(bodyBytes", "decode calls left in place:\n%s", got)
	assert.NotContains(t, string(got), "io.ReadAll", "decode calls left in place:\n%s", got)
	_, err = os.Stat(filepath.Join(dir, "codec.gen.go"))
	assert.NoError(t, err)
	// Output that no longer has the calls fails generation loudly.
	require.NoError(t, os.WriteFile(path, []byte("package p\n"), 0o644))
	_, err = writeCodec(dir, "p")
	assert.ErrorContains(t, err, "oapi-codegen's output changed", "missing decode calls")
}
