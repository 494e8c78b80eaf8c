package apidiff

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// API is the exported surface of one package.
type API struct {
	// Types maps each exported type name to its shape.
	Types map[string]*Type
	// Funcs maps exported package-level function names to their signature.
	Funcs map[string]string
	// Values maps exported constants and variables ("const X", "var Y") to
	// their type and, for constants, value as written.
	Values map[string]string
}

// Type is the shape of one exported type.
type Type struct {
	// Def is the definition without struct or interface members:
	// "struct", "interface", "string", "= OtherType" for an alias, ...
	Def string
	// Fields maps exported (and embedded) field names of a struct to their
	// type.
	Fields map[string]string
	// Methods maps exported method names, of an interface or declared on
	// the type, to their signature; a pointer receiver is marked "(*T)".
	Methods map[string]string
}

func newAPI() *API {
	return &API{Types: map[string]*Type{}, Funcs: map[string]string{}, Values: map[string]string{}}
}

func (a *API) typ(name string) *Type {
	t := a.Types[name]
	if t == nil {
		t = &Type{Fields: map[string]string{}, Methods: map[string]string{}}
		a.Types[name] = t
	}
	return t
}

// LoadDir reads the API of the package in dir: every .go file except
// tests.
func LoadDir(dir string) (*API, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	files := map[string][]byte{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files[p] = b
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("apidiff: no Go files in %s", dir)
	}
	return Load(files)
}

// Load reads the API of one package given as file name -> source.
func Load(files map[string][]byte) (*API, error) {
	fset := token.NewFileSet()
	a := newAPI()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("apidiff: %w", err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				a.addGen(d)
			case *ast.FuncDecl:
				a.addFunc(d)
			}
		}
	}
	return a, nil
}

func (a *API) addGen(d *ast.GenDecl) {
	// In a const block, a spec without a type or value repeats the
	// previous one (iota style).
	var lastType, lastValue string
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if s.Name.IsExported() {
				a.addType(s)
			}
		case *ast.ValueSpec:
			typ := expr(s.Type)
			if d.Tok == token.CONST {
				if s.Type == nil && len(s.Values) == 0 {
					typ = lastType
				} else {
					lastType = typ
				}
			}
			for i, n := range s.Names {
				if !n.IsExported() {
					continue
				}
				desc := typ
				if d.Tok == token.CONST {
					v := lastValue
					if i < len(s.Values) {
						v = expr(s.Values[i])
					}
					desc = strings.TrimSpace(typ + " = " + v)
				}
				a.Values[d.Tok.String()+" "+n.Name] = desc
			}
			if d.Tok == token.CONST && len(s.Values) > 0 {
				lastValue = expr(s.Values[len(s.Values)-1])
			}
		}
	}
}

func (a *API) addType(s *ast.TypeSpec) {
	t := a.typ(s.Name.Name)
	tparams := ""
	if s.TypeParams != nil {
		tparams = "[" + fieldList(s.TypeParams) + "] "
	}
	switch u := s.Type.(type) {
	case *ast.StructType:
		t.Def = tparams + "struct"
		for _, f := range u.Fields.List {
			ft := expr(f.Type)
			if len(f.Names) == 0 { // embedded: named by its type
				t.Fields[embeddedName(f.Type)] = "embedded " + ft
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					t.Fields[n.Name] = ft
				}
			}
		}
	case *ast.InterfaceType:
		t.Def = tparams + "interface"
		for _, m := range u.Methods.List {
			if len(m.Names) == 0 {
				t.Methods["embedded "+expr(m.Type)] = expr(m.Type)
				continue
			}
			for _, n := range m.Names {
				if n.IsExported() {
					t.Methods[n.Name] = strings.TrimPrefix(expr(m.Type), "func")
				}
			}
		}
	default:
		t.Def = tparams + expr(s.Type)
	}
	if s.Assign.IsValid() {
		t.Def = "= " + t.Def
	}
}

func (a *API) addFunc(d *ast.FuncDecl) {
	if !d.Name.IsExported() {
		return
	}
	sig := strings.TrimPrefix(expr(d.Type), "func")
	if d.Recv == nil || len(d.Recv.List) == 0 {
		a.Funcs[d.Name.Name] = sig
		return
	}
	recv := d.Recv.List[0].Type
	ptr := false
	if st, ok := recv.(*ast.StarExpr); ok {
		ptr, recv = true, st.X
	}
	name := baseTypeName(recv)
	if !ast.IsExported(name) {
		return
	}
	if ptr {
		sig = "(*" + name + ") " + sig
	} else {
		sig = "(" + name + ") " + sig
	}
	a.typ(name).Methods[d.Name.Name] = sig
}

// baseTypeName strips type arguments from a receiver type.
func baseTypeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return baseTypeName(e.X)
	case *ast.IndexListExpr:
		return baseTypeName(e.X)
	}
	return expr(e)
}

func embeddedName(e ast.Expr) string {
	if st, ok := e.(*ast.StarExpr); ok {
		e = st.X
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return baseTypeName(e)
}

func fieldList(l *ast.FieldList) string {
	var parts []string
	for _, f := range l.List {
		var names []string
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
		parts = append(parts, strings.TrimSpace(strings.Join(names, ", ")+" "+expr(f.Type)))
	}
	return strings.Join(parts, ", ")
}

// expr prints a type or value expression; parameter names in signatures
// are part of the printed form, which is harmless: generated code keeps
// them stable.
func expr(e ast.Expr) string {
	if e == nil {
		return ""
	}
	return types.ExprString(e)
}
