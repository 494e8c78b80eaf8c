package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const lenientInput = `package p

import "encoding/json"

type Pages struct {
	PerPage *int    ` + "`intercom:\"int-or-string\" json:\"per_page,omitempty\"`" + `
	Page    int     ` + "`intercom:\"int-or-string\" json:\"page\"`" + `
	By      *string ` + "`intercom:\"string-or-number\" json:\"by,omitempty\"`" + `
	Next    *Cursor ` + "`json:\"next,omitempty\"`" + `
	Undeclared map[string]json.RawMessage ` + "`intercom:\"undeclared\" json:\"-\"`" + `
}

type Cursor struct {
	StartingAfter *string ` + "`json:\"starting_after,omitempty\"`" + `
	PerPage       *int    ` + "`json:\"per_page,omitempty\"`" + `
	SentAsString  *string ` + "`intercom:\"string-form=url-query\" json:\"-\"`" + `
}

type Avatar struct {
	ImageUrl     *string ` + "`json:\"image_url,omitempty\"`" + `
	SentAsString *string ` + "`intercom:\"string-form=image_url\" json:\"-\"`" + `
}

// The types are responses, so that they get decoders.
func ParseGetResponse(rsp *http.Response) (*GetResponse, error) {
	switch {
	case rsp.StatusCode == 200:
		var dest Pages
		if err := json.Unmarshal(bodyBytes, &dest); err != nil {
			return nil, err
		}
	case rsp.StatusCode == 201:
		var dest Avatar
		if err := json.Unmarshal(bodyBytes, &dest); err != nil {
			return nil, err
		}
	}
	return nil, nil
}
`

func TestCodecLenientFields(t *testing.T) {
	out, err := codecSource("p", "p.go", []byte(lenientInput))
	require.NoError(t, err)
	src := string(out)
	for _, want := range []string{
		"v.PerPage, err = jsonx.IntOrStringTo(d, v.PerPage)",
		"err = jsonx.IntOrStringValue(d, &v.Page)",
		"v.By, err = jsonx.StringOrNumberTo(d, v.By)",
		"var lenientKindsPages = []byte{jsonx.IntOrString, jsonx.IntOrString, jsonx.StringOrNumber, jsonx.AsDeclared}",
		"err = d.KeepMember(&v.Undeclared, w.Key)",
		"Keep:  true,",
		"jsonx.Undeclared(data, jsonNamesPages, &v.Undeclared)",
		"return jsonx.AppendMembers(data, v.Undeclared, jsonNamesPages)",
		"func (v *Cursor) fromString(s string) {",
		`if x, ok := jsonx.QueryString(q, "starting_after"); ok {`,
		`if x, ok := jsonx.QueryInt(q, "per_page"); ok {`,
		"c := s\n\tv.ImageUrl = &c",
		"if d.NextIs('\"') {",
	} {
		assert.Contains(t, src, want, "codec.gen.go lacks")
	}
}

// A type with its own UnmarshalJSON cannot also get the generated one.
func TestCodecLenientRefusesOwnMethods(t *testing.T) {
	in := lenientInput + "\nfunc (p *Pages) UnmarshalJSON(b []byte) error { return nil }\n"
	_, err := codecSource("p", "p.go", []byte(in))
	require.ErrorContains(t, err, "has its own UnmarshalJSON")
}

// A string form naming a field that cannot hold a string fails generation.
func TestCodecLenientBadStringForm(t *testing.T) {
	in := strings.Replace(lenientInput, "string-form=image_url", "string-form=missing", 1)
	_, err := codecSource("p", "p.go", []byte(in))
	require.ErrorContains(t, err, `no field "missing"`)
}
