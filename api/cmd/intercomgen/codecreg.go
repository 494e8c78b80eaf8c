package main

// The codec registry: for the differential tests of the decoders
// (internal/codectest), a table per generated version from the normalised
// description's schema and operation names to the generated Go types and
// Parse functions, checked against the generated source so that only names
// that exist are listed.

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/intercom-go/intercom/api/lock"
)

type regVersion struct {
	Version, Header, Package string
	Schemas                  []regName // schema name -> Go type
	Ops                      []regOp
	Unmapped                 []string
	// Fast lists, as Go expressions of the tests' package, the types
	// DecodeJSON's switch has a case for in codec.gen.go: the only ones
	// a differential test of DecodeJSON exercises a generated decoder for.
	Fast []string
}

type regName struct{ Name, Type string }

type regOp struct {
	ID, Parse, Body string // Body: request body type, or ""
}

// writeCodecRegistry writes internal/codectest/registry_<package>.gen.go
// for each version of es, from .cache/normalized (written by generateInto),
// and internal/codectest/registry.gen.go, which lists every generated
// version of the lock. Regenerating one version so reads no other
// version's description.
func (p *project) writeCodecRegistry(ctx context.Context, es []lock.Entry) error {
	dir := p.path("internal", "codectest")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, e := range es {
		if e.Status != lock.Generate {
			continue
		}
		path := p.path(".cache", "normalized", e.Version+".json")
		if _, err := os.Stat(path); err != nil {
			doc, _, err := p.Normalized(ctx, e)
			if err != nil {
				return err
			}
			if err := writeJSON(path, doc); err != nil {
				return err
			}
		}
		v, err := registryFor(path, e.Version, p.path("gen", lock.Package(e.Version), "intercom.gen.go"))
		if err != nil {
			return err
		}
		src, err := render(registryTemplate, map[string]any{"V": v, "Var": registryVar(v.Package), "Module": modulePath})
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "registry_"+v.Package+".gen.go"), src, 0o644); err != nil {
			return err
		}
	}
	var vars []string
	for _, e := range p.lock.Generated() {
		vars = append(vars, registryVar(lock.Package(e.Version)))
	}
	src, err := render(registryIndexTemplate, map[string]any{"Vars": vars})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "registry.gen.go"), src, 0o644)
}

func registryVar(pkg string) string { return "registry" + strings.ToUpper(pkg[:1]) + pkg[1:] }

func registryFor(specPath, version, goPath string) (regVersion, error) {
	v := regVersion{Version: version, Header: lock.Header(version), Package: lock.Package(version)}
	raw, err := os.ReadFile(specPath)
	if err != nil {
		return v, err
	}
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return v, fmt.Errorf("%s: %w", specPath, err)
	}
	declared, err := declaredNames(goPath)
	if err != nil {
		return v, err
	}
	if v.Fast, err = fastTypes(filepath.Join(filepath.Dir(goPath), "codec.gen.go"), v.Package, declared); err != nil {
		return v, err
	}
	for name := range doc.Components.Schemas {
		t := codegen.SchemaNameToTypeName(name)
		if declared[t] {
			v.Schemas = append(v.Schemas, regName{Name: name, Type: t})
		} else {
			v.Unmapped = append(v.Unmapped, "schema "+name)
		}
	}
	for _, item := range doc.Paths {
		for _, raw := range item {
			var op struct {
				OperationID string `json:"operationId"`
			}
			if json.Unmarshal(raw, &op) != nil || op.OperationID == "" {
				continue // parameters, summary and the like
			}
			o := regOp{ID: op.OperationID}
			for _, n := range []string{codegen.UppercaseFirstCharacter(op.OperationID), codegen.ToCamelCase(op.OperationID)} {
				if declared["Parse"+n+"Response"] {
					o.Parse = "Parse" + n + "Response"
					if declared[n+"JSONRequestBody"] {
						o.Body = n + "JSONRequestBody"
					}
					break
				}
			}
			if o.Parse == "" {
				v.Unmapped = append(v.Unmapped, "operation "+op.OperationID)
				continue
			}
			v.Ops = append(v.Ops, o)
		}
	}
	sort.Slice(v.Schemas, func(i, j int) bool { return v.Schemas[i].Name < v.Schemas[j].Name })
	sort.Slice(v.Ops, func(i, j int) bool { return v.Ops[i].ID < v.Ops[j].ID })
	sort.Strings(v.Unmapped)
	return v, nil
}

// fastTypes returns the types of the cases of DecodeJSON's switch in a
// generated codec.gen.go, the package's own names qualified with pkg.
func fastTypes(path, pkg string, declared map[string]bool) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []string
	found := false
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != "DecodeJSON" {
			continue
		}
		found = true
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			cc, ok := n.(*ast.CaseClause)
			if !ok {
				return true
			}
			for _, e := range cc.List {
				out = append(out, qualify(e, pkg, declared))
			}
			return false
		})
	}
	if !found {
		return nil, fmt.Errorf("%s declares no DecodeJSON", path)
	}
	sort.Strings(out)
	return out, nil
}

// qualify prints a type expression of a generated package as another
// package sees it: the package's own names prefixed with pkg.
func qualify(e ast.Expr, pkg string, declared map[string]bool) string {
	var b strings.Builder
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.Ident:
			if declared[e.Name] {
				b.WriteString(pkg + ".")
			}
			b.WriteString(e.Name)
		case *ast.StarExpr:
			b.WriteString("*")
			walk(e.X)
		case *ast.ArrayType:
			b.WriteString("[]")
			walk(e.Elt)
		case *ast.MapType:
			b.WriteString("map[")
			walk(e.Key)
			b.WriteString("]")
			walk(e.Value)
		case *ast.InterfaceType:
			b.WriteString("interface{}")
		default:
			// Other packages' types would need imports the registry
			// does not have: fail its build loudly rather than guess.
			fmt.Fprintf(&b, "unsupported_%T", e)
		}
	}
	walk(e)
	return b.String()
}

// declaredNames lists the top-level names a Go file declares.
func declaredNames(path string) (map[string]bool, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				out[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.TypeParams == nil {
					out[ts.Name.Name] = true
				}
			}
		}
	}
	return out, nil
}

var registryIndexTemplate = template.Must(template.New("registryIndex").Parse(`// Code generated by intercomgen from api/versions.lock. DO NOT EDIT.

package codectest

// Versions maps, for each generated version, the normalised description's
// names to the generated Go types and Parse functions
// (registry_<package>.gen.go).
var Versions = []Version{
{{- range .Vars}}
	{{.}},
{{- end}}
}
`))

var registryTemplate = template.Must(template.New("registry").Parse(`// Code generated by intercomgen from the normalised descriptions and gen/. DO NOT EDIT.

package codectest

import (
	"net/http"

	"{{$.Module}}/gen/{{.V.Package}}"
)
{{with .V}}{{$pkg := .Package}}
// {{$.Var}} maps the names of the normalised {{.Header}} description to the
// generated Go types and Parse functions of gen/{{.Package}}.
var {{$.Var}} = Version{
	Version: {{printf "%q" .Version}},
	Header:  {{printf "%q" .Header}},
	Decode:  {{$pkg}}.DecodeJSON,
	Schemas: map[string]func() any{
{{- range .Schemas}}
		{{printf "%q" .Name}}: func() any { return new({{$pkg}}.{{.Type}}) },
{{- end}}
	},
	Operations: map[string]Operation{
{{- range .Ops}}
		{{printf "%q" .ID}}: {Parse: func(r *http.Response) (any, error) { return {{$pkg}}.{{.Parse}}(r) }{{if .Body}}, Body: func() any { return new({{$pkg}}.{{.Body}}) }{{end}}},
{{- end}}
	},
	// The destinations DecodeJSON has a generated decoder for, as pointers
	// (its switch's {{len .Fast}} cases): the types Intercom sends. Every other
	// destination goes to encoding/json.
	Fast: typesOf(
{{- range .Fast}}
		({{.}})(nil),
{{- end}}
	),
	// Names with no generated counterpart: {{len .Unmapped}}.
	Unmapped: []string{ {{- range .Unmapped}}{{printf "%q" .}}, {{end -}} },
}
{{end}}`))
