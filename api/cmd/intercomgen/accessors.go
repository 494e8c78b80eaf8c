package main

// The accessors step: after oapi-codegen has written a package, read its
// struct types back and write accessors.gen.go, one nil-safe getter per
// optional field, so that users read optional values without a nil check
// and without dereferencing a nil pointer: contact.GetEmail() is "" when
// the email is absent, and also when contact itself is nil.
//
// What a getter GetF of a field F returns, by the field's Go type:
//
//   - *T, T a struct type of the package (an object of the description):
//     the pointer itself, nil when absent, so that getters chain:
//     conv.GetSource().GetAuthor().GetName() is "" wherever the chain breaks;
//   - *T, any other T (string, int, bool, enum, time.Time, ...): *F, or T's
//     zero value when F is nil;
//   - nullable.Nullable[T] (a field that can be sent or received as null):
//     the value, or T's zero value when F is null or unset; F.IsNull() and
//     F.IsSpecified() still tell those apart. When T is a struct type of the
//     package, a pointer to a copy of the value, nil when null or unset, so
//     that getters chain there too;
//   - an optional slice, map or interface{}: F itself (nil when absent).
//
// Every getter also returns the zero value (nil for the pointer, slice and
// map cases) on a nil receiver. Required fields, which a value decoded from
// Intercom always has, get no getter.
//
// Name clashes: a getter is named "Get" + the field's Go name. Where the
// type already has a field or a method of that name (a schema property
// "get_x" next to "x", or a method oapi-codegen generates), the getter is
// not generated, and the file's header lists it. oapi-codegen's own methods
// (AsX/FromX/MergeX on unions, Valid on enums, Get/Set on maps of additional
// properties) never start with "Get" followed by a field name, so no
// getter of a schema type is lost to them today.
//
// Types that are client plumbing rather than data get no getters: the
// generated Client and ClientWithResponses, and the <Op>Response wrappers,
// which already have oapi-codegen's GetJSON<status> and GetBody.
//
// Working from the generated Go keeps the getters in step with the types by
// construction: they use the same names, pointers and nullable wrappers the
// fields have.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// writeAccessors writes dir/accessors.gen.go and dir/accessors_test.go for
// the package oapi-codegen wrote to dir/intercom.gen.go.
func writeAccessors(dir, pkg string) error {
	path := filepath.Join(dir, "intercom.gen.go")
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	a, err := parseAccessors(path, src)
	if err != nil {
		return fmt.Errorf("accessors: %w", err)
	}
	out, err := a.render(pkg)
	if err != nil {
		return fmt.Errorf("accessors: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "accessors.gen.go"), out, 0o644); err != nil {
		return err
	}
	test, err := a.renderTest(pkg)
	if err != nil {
		return fmt.Errorf("accessors test: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "accessors_test.go"), test, 0o644)
}

// getterKind is how a getter reads its field.
type getterKind int

const (
	getPointer        getterKind = iota // return the *T field as is
	getDeref                            // return *F, or zero
	getNullable                         // return F.Get()'s value, or zero
	getNullableStruct                   // return a pointer to F.Get()'s value, or nil
	getField                            // return F as is (slice, map, interface)
)

type getter struct {
	Type, Field string
	Result      string // Go type of the result
	Zero        string // the result's zero value
	Kind        getterKind
}

type accessorGen struct {
	fset    *token.FileSet
	types   map[string]*ast.TypeSpec
	taken   map[string]map[string]bool // type -> its field and method names
	imports map[string]string          // file-local package name -> path
	used    map[string]bool            // import names accessors.gen.go needs
	getters []getter
	skipped []string // Type.GetF not generated: the name is taken
	structs []string // the data types (every struct but client plumbing), sorted
}

// skipTypes are oapi-codegen's client types, which hold no data.
var skipTypes = map[string]bool{"Client": true, "ClientWithResponses": true}

// parseAccessors reads a generated package's struct types and works out the
// getters of their optional fields.
func parseAccessors(path string, src []byte) (*accessorGen, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	a := &accessorGen{fset: fset, types: map[string]*ast.TypeSpec{}, taken: map[string]map[string]bool{},
		imports: map[string]string{}, used: map[string]bool{}}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		a.imports[name] = p
	}
	var names []string
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.GenDecl:
			for _, s := range decl.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok {
					a.types[ts.Name.Name] = ts
					names = append(names, ts.Name.Name)
				}
			}
		case *ast.FuncDecl:
			if recv := recvName(decl); recv != "" {
				a.take(recv, decl.Name.Name)
			}
		}
	}
	sort.Strings(names)
	for _, name := range names {
		ts := a.types[name]
		st, ok := ts.Type.(*ast.StructType)
		if !ok || ts.Assign.IsValid() || ts.TypeParams != nil || !ts.Name.IsExported() || skipTypes[name] || isResponseWrapper(st) {
			continue
		}
		for _, fld := range st.Fields.List {
			for _, n := range fld.Names {
				a.take(name, n.Name)
			}
		}
		fields := fieldsOf(st)
		sort.Slice(fields, func(i, j int) bool { return fields[i].name < fields[j].name })
		a.structs = append(a.structs, name)
		for _, fld := range fields {
			g, ok, err := a.getterFor(name, fld)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", name, fld.name, err)
			}
			if !ok {
				continue
			}
			if a.taken[name]["Get"+fld.name] {
				a.skipped = append(a.skipped, name+".Get"+fld.name)
				continue
			}
			a.getters = append(a.getters, g)
		}
	}
	return a, nil
}

func (a *accessorGen) take(typ, name string) {
	if a.taken[typ] == nil {
		a.taken[typ] = map[string]bool{}
	}
	a.taken[typ][name] = true
}

type structField struct {
	name     string
	typ      ast.Expr
	optional bool // json tag has omitempty
}

// fieldsOf lists a struct's exported, named fields.
func fieldsOf(st *ast.StructType) []structField {
	var out []structField
	for _, f := range st.Fields.List {
		optional := false
		if f.Tag != nil {
			tag, _ := strconv.Unquote(f.Tag.Value)
			js := reflect.StructTag(tag).Get("json")
			optional = strings.Contains(js, ",omitempty")
		}
		for _, n := range f.Names {
			if n.IsExported() {
				out = append(out, structField{n.Name, f.Type, optional})
			}
		}
	}
	return out
}

// isResponseWrapper reports whether st is an <Op>Response of the client:
// the struct that holds the raw *http.Response.
func isResponseWrapper(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == "HTTPResponse" {
				return true
			}
		}
	}
	return false
}

// getterFor works out the getter of one field; ok is false for a field
// that gets none (a required one).
func (a *accessorGen) getterFor(typ string, f structField) (getter, bool, error) {
	g := getter{Type: typ, Field: f.name}
	switch t := f.typ.(type) {
	case *ast.StarExpr:
		if a.isStruct(t.X) {
			g.Kind, g.Result, g.Zero = getPointer, a.expr(t), "nil"
			return g, true, nil
		}
		zero, err := a.zero(t.X)
		g.Kind, g.Result, g.Zero = getDeref, a.expr(t.X), zero
		return g, true, err
	case *ast.IndexExpr:
		if sel, ok := t.X.(*ast.SelectorExpr); ok && a.pkgOf(sel) == "github.com/oapi-codegen/nullable" && sel.Sel.Name == "Nullable" {
			if a.isStruct(t.Index) {
				g.Kind, g.Result, g.Zero = getNullableStruct, "*"+a.expr(t.Index), "nil"
				return g, true, nil
			}
			zero, err := a.zero(t.Index)
			g.Kind, g.Result, g.Zero = getNullable, a.expr(t.Index), zero
			return g, true, err
		}
		return g, false, fmt.Errorf("generic type %s has no getter rule", a.expr(t))
	}
	if !f.optional {
		return g, false, nil
	}
	zero, err := a.zero(f.typ)
	if err != nil {
		return g, false, err
	}
	if zero != "nil" {
		// An optional value field that is not a pointer: oapi-codegen writes
		// none today; reading it needs no getter beyond the receiver check.
		g.Kind, g.Result, g.Zero = getField, a.expr(f.typ), zero
		return g, true, nil
	}
	g.Kind, g.Result, g.Zero = getField, a.expr(f.typ), "nil"
	return g, true, nil
}

// pkgOf returns the import path of a qualified identifier's package.
func (a *accessorGen) pkgOf(sel *ast.SelectorExpr) string {
	if id, ok := sel.X.(*ast.Ident); ok {
		return a.imports[id.Name]
	}
	return ""
}

// isStruct reports whether e names a struct type of this package (through
// aliases and definitions).
func (a *accessorGen) isStruct(e ast.Expr) bool {
	for range 32 { // bounded: a cycle of definitions cannot compile anyway
		id, ok := e.(*ast.Ident)
		if !ok {
			return false
		}
		ts := a.types[id.Name]
		if ts == nil {
			return false
		}
		if _, ok := ts.Type.(*ast.StructType); ok {
			return true
		}
		e = ts.Type
	}
	return false
}

// externalZeros are the zero values of the types from other packages that
// generated fields use, by import path and name.
var externalZeros = map[string]string{
	"time.Time":                "{}",
	"time.Duration":            "0",
	"encoding/json.RawMessage": "nil",
	"github.com/oapi-codegen/runtime/types.Date":  "{}",
	"github.com/oapi-codegen/runtime/types.Email": `""`,
	"github.com/oapi-codegen/runtime/types.File":  "{}",
	"github.com/oapi-codegen/runtime/types.UUID":  "{}",
}

// zero returns the Go expression of e's zero value.
func (a *accessorGen) zero(e ast.Expr) (string, error) {
	switch t := e.(type) {
	case *ast.Ident:
		switch t.Name {
		case "string":
			return `""`, nil
		case "bool":
			return "false", nil
		case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
			"float32", "float64", "byte", "rune", "uintptr":
			return "0", nil
		case "any", "error":
			return "nil", nil
		}
		ts := a.types[t.Name]
		if ts == nil {
			return "", fmt.Errorf("unknown type %s", t.Name)
		}
		switch u := ts.Type.(type) {
		case *ast.StructType:
			return t.Name + "{}", nil
		case *ast.ArrayType:
			if u.Len != nil {
				return t.Name + "{}", nil
			}
			return "nil", nil
		case *ast.Ident:
			if z, err := a.zero(u); err != nil || strings.HasSuffix(z, "{}") {
				return t.Name + "{}", err
			} else {
				return z, nil
			}
		case *ast.SelectorExpr:
			z, err := a.zero(u)
			if strings.HasSuffix(z, "{}") {
				return t.Name + "{}", err
			}
			return z, err
		}
		return "nil", nil // map, slice, interface, func, pointer, nullable
	case *ast.SelectorExpr:
		key := a.pkgOf(t) + "." + t.Sel.Name
		z, ok := externalZeros[key]
		if !ok {
			return "", fmt.Errorf("no zero value known for %s (add it to externalZeros)", key)
		}
		if z == "{}" {
			a.used[t.X.(*ast.Ident).Name] = true
			return a.expr(t) + "{}", nil
		}
		return z, nil
	case *ast.ArrayType:
		if t.Len != nil {
			return a.expr(t) + "{}", nil
		}
		return "nil", nil
	case *ast.MapType, *ast.InterfaceType, *ast.StarExpr, *ast.IndexExpr, *ast.FuncType, *ast.ChanType:
		return "nil", nil
	}
	return "", fmt.Errorf("no zero value for %T", e)
}

// expr prints a type expression, noting the imports it uses.
func (a *accessorGen) expr(e ast.Expr) string {
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				a.used[id.Name] = true
			}
		}
		return true
	})
	var b bytes.Buffer
	_ = printer.Fprint(&b, a.fset, e)
	return b.String()
}

// receiver is the name of a getter's receiver.
func receiver(typ string) string {
	return strings.ToLower(typ[:1])
}

// render writes accessors.gen.go.
func (a *accessorGen) render(pkg string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by intercomgen from intercom.gen.go. DO NOT EDIT.\n\n")
	b.WriteString("// Nil-safe getters of the optional fields; see api/cmd/intercomgen/accessors.go\n")
	b.WriteString("// for what each kind of field returns.\n")
	if len(a.skipped) > 0 {
		b.WriteString("//\n// Not generated, because the type already has a field or method of that\n// name:")
		for _, s := range a.skipped {
			b.WriteString("\n//   - " + s)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\npackage %s\n\n", pkg)
	var imps []string
	for name := range a.used {
		p := a.imports[name]
		if p == "" {
			return nil, fmt.Errorf("package %s is not imported by intercom.gen.go", name)
		}
		if p[strings.LastIndex(p, "/")+1:] == name {
			imps = append(imps, strconv.Quote(p))
		} else {
			imps = append(imps, name+" "+strconv.Quote(p))
		}
	}
	sort.Slice(imps, func(i, j int) bool {
		if si, sj := isStd(imps[i]), isStd(imps[j]); si != sj {
			return si
		}
		return imps[i] < imps[j]
	})
	if len(imps) > 0 {
		b.WriteString("import (\n")
		for i, imp := range imps {
			if i > 0 && isStd(imp) != isStd(imps[i-1]) {
				b.WriteString("\n")
			}
			b.WriteString("\t" + imp + "\n")
		}
		b.WriteString(")\n")
	}
	for _, g := range a.getters {
		r := receiver(g.Type)
		fmt.Fprintf(&b, "\n// Get%s returns %s.\n", g.Field, getterDoc(g))
		fmt.Fprintf(&b, "func (%s *%s) Get%s() %s {\n", r, g.Type, g.Field, g.Result)
		switch g.Kind {
		case getPointer, getField:
			fmt.Fprintf(&b, "if %s == nil {\nreturn %s\n}\nreturn %s.%s\n}\n", r, g.Zero, r, g.Field)
		case getDeref:
			fmt.Fprintf(&b, "if %s == nil || %s.%s == nil {\nreturn %s\n}\nreturn *%s.%s\n}\n", r, r, g.Field, g.Zero, r, g.Field)
		case getNullable:
			fmt.Fprintf(&b, "if %s == nil {\nreturn %s\n}\nv, _ := %s.%s.Get()\nreturn v\n}\n", r, g.Zero, r, g.Field)
		case getNullableStruct:
			fmt.Fprintf(&b, "if %s == nil {\nreturn nil\n}\nif v, err := %s.%s.Get(); err == nil {\nreturn &v\n}\nreturn nil\n}\n", r, r, g.Field)
		}
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format: %w", err)
	}
	return src, nil
}

// isStd reports whether an import line names a standard library package,
// whose path has no dot in its first element.
func isStd(imp string) bool {
	p := imp[strings.Index(imp, `"`)+1:]
	if i := strings.Index(p, "/"); i >= 0 {
		p = p[:i]
	}
	return !strings.Contains(p, ".")
}

func getterDoc(g getter) string {
	r := receiver(g.Type)
	switch g.Kind {
	case getPointer:
		return g.Field + ", or nil when " + r + " is nil"
	case getNullableStruct:
		return "a pointer to a copy of " + g.Field + "'s value, or nil when it is null or unset or " + r + " is nil"
	case getNullable:
		return g.Field + "'s value, or " + g.Zero + " when it is null or unset or " + r + " is nil"
	case getDeref:
		return "*" + g.Field + ", or " + g.Zero + " when " + g.Field + " or " + r + " is nil"
	}
	return g.Field + ", or " + g.Zero + " when " + r + " is nil"
}

// renderTest writes accessors_test.go: internal/accessorcheck calls every
// getter of every type on a nil receiver, an empty value and a filled one.
func (a *accessorGen) renderTest(pkg string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by intercomgen from intercom.gen.go. DO NOT EDIT.\n\npackage %s\n\n", pkg)
	fmt.Fprintf(&b, "import (\n\t\"testing\"\n\n\t%q\n)\n\n", modulePath+"/internal/accessorcheck")
	b.WriteString("// TestAccessors checks every getter of accessors.gen.go against its field,\n")
	b.WriteString("// and that every optional field of these types has one.\n")
	fmt.Fprintf(&b, "func TestAccessors(t *testing.T) {\n\taccessorcheck.Run(t, %d, []any{\n", len(a.getters))
	for _, s := range a.structs {
		fmt.Fprintf(&b, "(*%s)(nil),\n", s)
	}
	b.WriteString("})\n}\n")
	return format.Source(b.Bytes())
}
