package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// The per-version client code (client, services, iterators, retry table) is
// rendered as if it lived in package facade, beside the engine it calls,
// with the version's types qualified (v2_16.Contact). relocate moves such a
// file into the version's own package gen/<pkg>: the types lose their
// qualifier and the facade's names gain one. So a program imports the
// engine (facade) and exactly one version, and facade imports none.

// clientFiles are the files of gen/<pkg> written through relocate, and
// clientNames the exported names they declare for one another.
var (
	clientFiles = map[string]bool{"client.gen.go": true, "services.gen.go": true, "pages.gen.go": true, "retry.gen.go": true}
	clientNames = []string{"Client", "New", "Services"}
)

// writeClientFile relocates src into gen/<pkg>/<name>.
func (p *project) writeClientFile(pkg, name string, src []byte) error {
	own, err := packageNames(p.path("gen", pkg))
	if err != nil {
		return err
	}
	out, err := relocate(src, pkg, own)
	if err != nil {
		return fmt.Errorf("gen/%s/%s: %w", pkg, name, err)
	}
	return os.WriteFile(p.path("gen", pkg, name), out, 0o644)
}

// packageNames lists the types and functions the generated package in dir
// declares (oapi-codegen's output, codecs, accessors) and the names the
// client files declare.
func packageNames(dir string) (map[string]bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, n := range clientNames {
		out[n] = true
	}
	for _, de := range entries {
		n := de.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || clientFiles[n] {
			continue
		}
		names, err := declaredNames(filepath.Join(dir, n)) // codecreg.go
		if err != nil {
			return nil, err
		}
		for k := range names {
			out[k] = true
		}
	}
	return out, nil
}

// relocate rewrites src, a file of package facade, as a file of package
// pkg: pkg.X becomes X, and each free exported identifier that pkg does
// not declare (own) names the facade's declaration: facade.X. (Every
// predeclared identifier is lower case.)
func relocate(src []byte, pkg string, own map[string]bool) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if f.Name.Name != "facade" {
		return nil, fmt.Errorf("relocate: package %s, want facade", f.Name.Name)
	}
	f.Name.Name = pkg
	usesFacade := false
	// Keys of composite literals and field selectors name members, not
	// package-level declarations.
	members := map[*ast.Ident]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			members[x.Sel] = true
		case *ast.KeyValueExpr:
			if id, ok := x.Key.(*ast.Ident); ok {
				members[id] = true
			}
		case *ast.Field:
			for _, id := range x.Names {
				members[id] = true
			}
		case *ast.FuncDecl:
			members[x.Name] = true
		}
		return true
	})
	astutil.Apply(f, func(c *astutil.Cursor) bool {
		switch x := c.Node().(type) {
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && id.Name == pkg && id.Obj == nil {
				c.Replace(&ast.Ident{Name: x.Sel.Name, NamePos: x.Pos()})
				return false
			}
		case *ast.Ident:
			if x.Obj == nil && !members[x] && x.IsExported() && !own[x.Name] {
				if _, ok := c.Parent().(*ast.ImportSpec); ok {
					return true
				}
				usesFacade = true
				// Positions keep the comments around the name where they were.
				c.Replace(&ast.SelectorExpr{X: &ast.Ident{Name: "facade", NamePos: x.Pos()}, Sel: &ast.Ident{Name: x.Name, NamePos: x.Pos()}})
			}
		}
		return true
	}, nil)
	self := modulePath + "/gen/" + pkg
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == self {
			astutil.DeleteImport(fset, f, self)
			break
		}
	}
	if usesFacade {
		astutil.AddImport(fset, f, modulePath+"/facade")
	}
	var b bytes.Buffer
	if err := format.Node(&b, fset, f); err != nil {
		return nil, err
	}
	return format.Source(b.Bytes())
}
