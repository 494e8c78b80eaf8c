package main

// Lenient fields: where Intercom's traffic differs from its descriptions in
// a known class (docs/divergences.md), the normaliser tags the Go field
// (x-oapi-codegen-extra-tags, key "intercom"), and the codec step writes
// decoders that accept both shapes. The same acceptance is written as
// UnmarshalJSON (and, for objects sent as strings, MarshalJSON) methods, so
// that encoding/json, which the intercom_stdjson build and DecodeJSON's
// fallback use, gives the generated decoders' result, and so that a value
// decoded from a string encodes as that string again.
//
// Tags:
//   - intercom:"int-or-string" on an int or *int field: a string holding
//     an integer literal is that integer (pages.per_page: "100").
//   - intercom:"string-or-number" on a string or *string field: a number
//     is its literal text (last_closed_by_id: 12345).
//   - intercom:"string-form=<json name>" or intercom:"string-form=url-query"
//     on the *string field a json:"-" property added by the normaliser: a
//     string in place of the object is kept there and also stored in the
//     named field, or, for a link, its query parameters in the fields of
//     the same names.

import (
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"
)

// lenientTag is the struct tag key the normaliser's rules set.
const lenientTag = "intercom"

// stringForm describes an object Intercom may send as a string.
type stringForm struct {
	field string // Go name of the *string field that keeps the string
	into  string // JSON name of the field that also gets it, or "" for url-query
	query bool
}

func parseStringForm(tag string, fl *ast.Field) (*stringForm, bool) {
	spec, ok := strings.CutPrefix(tag, "string-form=")
	if !ok || len(fl.Names) != 1 {
		return nil, false
	}
	f := &stringForm{field: fl.Names[0].Name}
	if spec == "url-query" {
		f.query = true
	} else {
		f.into = spec
	}
	return f, true
}

// lenientField returns the name of a struct field with an intercom tag,
// or "".
func lenientField(ts *ast.TypeSpec) string {
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return ""
	}
	for _, fl := range st.Fields.List {
		if fl.Tag == nil || len(fl.Names) == 0 {
			continue
		}
		tag, _ := strconv.Unquote(fl.Tag.Value)
		if reflect.StructTag(tag).Get(lenientTag) != "" {
			return fl.Names[0].Name
		}
	}
	return ""
}

// lenientKind returns the jsonx kind constant a tagged field decodes with,
// or "" when the tag does not apply to its Go type (it is then decoded as
// declared, by both paths).
func lenientKind(fd jsonField) string {
	t := fd.typ
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return ""
	}
	switch {
	case fd.lenient == "int-or-string" && id.Name == "int":
		return "jsonx.IntOrString"
	case fd.lenient == "string-or-number" && id.Name == "string":
		return "jsonx.StringOrNumber"
	}
	return ""
}

// lenientAssign returns the statement decoding a tagged field, or "".
func lenientAssign(fd jsonField) string {
	kind := lenientKind(fd)
	if kind == "" {
		return ""
	}
	field := "v." + fd.goName
	if _, ptr := fd.typ.(*ast.StarExpr); ptr {
		return field + ", err = " + kind + "To(d, " + field + ")"
	}
	return "err = " + kind + "Value(d, &" + field + ")"
}

// lenientMethods writes the UnmarshalJSON, MarshalJSON and fromString
// methods of a struct with tagged fields, a string form or an Undeclared
// field (undeclared, its Go name, or "").
func (g *codecGen) lenientMethods(name string, fields []jsonField, form *stringForm, undeclared string) error {
	var kinds []string
	relax := false
	for _, fd := range fields {
		k := lenientKind(fd)
		if k == "" {
			k = "jsonx.AsDeclared"
		} else {
			relax = true
		}
		kinds = append(kinds, k)
	}
	if !relax && form == nil && undeclared == "" {
		return nil
	}
	for _, m := range []string{"UnmarshalJSON", "MarshalJSON", "fromString"} {
		if g.methods[name][m] {
			return fmt.Errorf("codec: %s has its own %s; a lenient field, string form or undeclared members cannot be added to it", name, m)
		}
	}
	jsonNames := "jsonNames" + name
	if g.top[jsonNames] || g.top["lenientKinds"+name] {
		return fmt.Errorf("codec: %s is already declared", jsonNames)
	}
	g.top[jsonNames] = true
	var b strings.Builder
	var what []string
	if relax {
		what = append(what, "numbers and strings where Intercom sends one for the other")
	}
	if form != nil {
		what = append(what, "a string in place of the object")
	}
	if undeclared != "" {
		what = append(what, "members the type does not declare (kept in "+undeclared+")")
	}
	fmt.Fprintf(&b, "// UnmarshalJSON decodes %s as its generated decoder does, accepting %s (see docs/divergences.md).\n", name, strings.Join(what, ", "))
	fmt.Fprintf(&b, "func (v *%s) UnmarshalJSON(data []byte) error {\n", name)
	if form != nil {
		b.WriteString("if s, ok, err := jsonx.StringValue(data); ok {\nif err != nil {\nreturn err\n}\nv.fromString(s)\nreturn nil\n}\n")
	}
	if relax {
		fmt.Fprintf(&b, "data = jsonx.Relax(data, %s, lenientKinds%s)\n", jsonNames, name)
	}
	fmt.Fprintf(&b, "type plain %s\n", name)
	if undeclared != "" {
		fmt.Fprintf(&b, "if err := json.Unmarshal(data, (*plain)(v)); err != nil {\nreturn err\n}\njsonx.Undeclared(data, %s, &v.%s)\nreturn nil\n}\n", jsonNames, undeclared)
	} else {
		b.WriteString("return json.Unmarshal(data, (*plain)(v))\n}\n")
	}
	var names []string
	for _, fd := range fields {
		names = append(names, strconv.Quote(fd.name))
	}
	fmt.Fprintf(&b, "\n// %s are %s's fields' JSON names, in order.\nvar %s = []string{%s}\n", jsonNames, name, jsonNames, strings.Join(names, ", "))
	if relax {
		fmt.Fprintf(&b, "\n// lenientKinds%s says how each of %s is read (see jsonx.Relax).\nvar lenientKinds%s = []byte{%s}\n", name, jsonNames, name, strings.Join(kinds, ", "))
	}
	if form != nil || undeclared != "" {
		var parts []string
		if form != nil {
			parts = append(parts, "the string Intercom sent in place of "+name+" if it did")
		}
		if undeclared != "" {
			parts = append(parts, "the object with the members of "+undeclared+" after its fields")
		}
		fmt.Fprintf(&b, "\n// MarshalJSON writes %s.\nfunc (v %s) MarshalJSON() ([]byte, error) {\n", strings.Join(parts, ", else "), name)
		if form != nil {
			fmt.Fprintf(&b, "if v.%s != nil {\nreturn json.Marshal(*v.%s)\n}\n", form.field, form.field)
		}
		fmt.Fprintf(&b, "type plain %s\n", name)
		if undeclared != "" {
			fmt.Fprintf(&b, "data, err := json.Marshal(plain(v))\nif err != nil || len(v.%s) == 0 {\nreturn data, err\n}\nreturn jsonx.AppendMembers(data, v.%s, %s)\n}\n", undeclared, undeclared, jsonNames)
		} else {
			b.WriteString("return json.Marshal(plain(v))\n}\n")
		}
	}
	if form != nil {
		fill, err := g.fromStringBody(name, fields, form)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n// fromString stores a string Intercom sent in place of %s.\nfunc (v *%s) fromString(s string) {\nv.%s = &s\n%s}\n", name, name, form.field, fill)
	}
	g.emit(b.String())
	return nil
}

// fromStringBody returns the statements that fill an object's fields from
// the string sent in its place.
func (g *codecGen) fromStringBody(name string, fields []jsonField, form *stringForm) (string, error) {
	var b strings.Builder
	if !form.query {
		for _, fd := range fields {
			if fd.name != form.into {
				continue
			}
			// A string or a named string type (an enum such as
			// TicketStateCategory), or a pointer to one.
			t := fd.typ
			st, ptr := t.(*ast.StarExpr)
			if ptr {
				t = st.X
			}
			if g.basicOf(t) != "String" {
				return "", fmt.Errorf("codec: %s.%s (%s) cannot hold the string sent in place of %s", name, fd.goName, g.expr(fd.typ), name)
			}
			conv := "s"
			if g.expr(t) != "string" {
				conv = g.expr(t) + "(s)"
			}
			if ptr {
				fmt.Fprintf(&b, "c := %s\nv.%s = &c\n", conv, fd.goName)
			} else {
				fmt.Fprintf(&b, "v.%s = %s\n", fd.goName, conv)
			}
			return b.String(), nil
		}
		return "", fmt.Errorf("codec: %s has no field %q for the string sent in its place", name, form.into)
	}
	b.WriteString("q := jsonx.Query(s)\n")
	for _, fd := range fields {
		typ := g.expr(fd.typ)
		switch typ {
		case "*string", "string", "nullable.Nullable[string]":
			fmt.Fprintf(&b, "if x, ok := jsonx.QueryString(q, %q); ok {\n", fd.name)
		case "*int", "int", "nullable.Nullable[int]":
			fmt.Fprintf(&b, "if x, ok := jsonx.QueryInt(q, %q); ok {\n", fd.name)
		default:
			continue
		}
		switch {
		case strings.HasPrefix(typ, "*"):
			fmt.Fprintf(&b, "v.%s = &x\n}\n", fd.goName)
		case strings.HasPrefix(typ, "nullable."):
			g.use("nullable")
			fmt.Fprintf(&b, "v.%s = nullable.NewNullableWithValue(x)\n}\n", fd.goName)
		default:
			fmt.Fprintf(&b, "v.%s = x\n}\n", fd.goName)
		}
	}
	return b.String(), nil
}
