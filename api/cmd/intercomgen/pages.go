package main

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/pagination"
)

// writePages writes, for each version of es, its pagination table
// (api/pagination/<package>.yaml, derived from the normalised description
// and api/pagination/overrides.yaml) and the facade iterators generated
// from it (gen/<package>/pages.gen.go). Go types come from the version's
// generated package, read with go/parser, so the iterators name exactly
// what oapi-codegen emitted.
func (p *project) writePages(ctx context.Context, es []lock.Entry) error {
	raw, err := os.ReadFile(p.path("api", "pagination", "overrides.yaml"))
	if err != nil {
		return err
	}
	ovs, err := pagination.ParseOverrides(raw)
	if err != nil {
		return err
	}
	reserved, err := facadeMembers(p.path("facade"))
	if err != nil {
		return err
	}
	clients := map[string]facadeVersion{}
	for _, v := range facadeVersions(p.lock) {
		clients[v.Version] = v
	}
	for _, e := range es {
		doc, _, err := p.Normalized(ctx, e)
		if err != nil {
			return err
		}
		t, err := pagination.Derive(doc, lock.Header(e.Version), ovs)
		if err != nil {
			return err
		}
		for _, en := range t.Entries {
			if reserved[en.Name] || reserved[en.Name+"Pages"] {
				return fmt.Errorf("pagination: iterator %s of %s would hide a facade client member; rename it in api/pagination/overrides.yaml", en.Name, en.Operation)
			}
		}
		pkg := lock.Package(e.Version)
		data, err := t.Marshal()
		if err != nil {
			return err
		}
		if err := os.WriteFile(p.path("api", "pagination", pkg+".yaml"), data, 0o644); err != nil {
			return err
		}
		api, err := parseGenerated(p.path("gen", pkg, "intercom.gen.go"), pkg)
		if err != nil {
			return err
		}
		src, err := renderPages(t, api, clients[e.Version])
		if err != nil {
			return fmt.Errorf("pagination iterators of %s: %w", e.Version, err)
		}
		if err := p.writeClientFile(pkg, "pages.gen.go", src); err != nil {
			return err
		}
		fmt.Fprintf(p.stderr, "%-7s -> %d paged operations (api/pagination/%s.yaml, gen/%s/pages.gen.go)\n", e.Version, len(t.Entries), pkg, pkg)
	}
	return nil
}

// facadeMembers lists the method and field names the hand-written facade
// gives its clients (Core's methods are promoted to every client), which
// an iterator method must not hide.
func facadeMembers(dir string) (map[string]bool, error) {
	fset := token.NewFileSet()
	out := map[string]bool{"API": true, "Core": true}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, de := range entries {
		n := de.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, "pages_") {
			continue
		}
		f, err := parser.ParseFile(fset, dir+"/"+n, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if recv := recvName(fd); recv == "Core" || strings.HasPrefix(recv, "Client") {
				out[fd.Name.Name] = true
			}
		}
	}
	return out, nil
}

// genAPI is what the generator needs from a generated package.
type genAPI struct {
	pkg     string
	types   map[string]*ast.TypeSpec
	methods map[string]*ast.FuncType // of RawClient
	imports map[string]string        // import paths the facade file needs, by name
	unions  *unionInfo               // services.go: union arms and enum constants
}

func parseGenerated(path, pkg string) (*genAPI, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	g := &genAPI{pkg: pkg, types: map[string]*ast.TypeSpec{}, methods: map[string]*ast.FuncType{}, imports: map[string]string{}}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
			for _, s := range d.Specs {
				ts := s.(*ast.TypeSpec)
				g.types[ts.Name.Name] = ts
			}
		case *ast.FuncDecl:
			if recvName(d) == "RawClient" {
				g.methods[d.Name.Name] = d.Type
			}
		}
	}
	if len(g.methods) == 0 {
		return nil, fmt.Errorf("%s: RawClient has no methods", path)
	}
	return g, nil
}

// knownImports are the packages a generated type may mention and the
// facade may import.
var knownImports = map[string]string{
	"nullable":      "github.com/oapi-codegen/nullable",
	"openapi_types": "github.com/oapi-codegen/runtime/types",
	"json":          "encoding/json",
	"io":            "io",
	"time":          "time",
}

// qualify renders a type expression of the generated package as the
// facade must write it.
func (g *genAPI) qualify(e ast.Expr) (string, error) {
	switch x := e.(type) {
	case *ast.Ident:
		if _, ok := g.types[x.Name]; ok {
			return g.pkg + "." + x.Name, nil
		}
		if ast.IsExported(x.Name) {
			return "", fmt.Errorf("type %s is not declared in %s", x.Name, g.pkg)
		}
		return x.Name, nil // predeclared
	case *ast.StarExpr:
		s, err := g.qualify(x.X)
		return "*" + s, err
	case *ast.ArrayType:
		if x.Len != nil {
			return "", fmt.Errorf("array types are not supported")
		}
		s, err := g.qualify(x.Elt)
		return "[]" + s, err
	case *ast.MapType:
		k, err := g.qualify(x.Key)
		if err != nil {
			return "", err
		}
		v, err := g.qualify(x.Value)
		return "map[" + k + "]" + v, err
	case *ast.InterfaceType:
		if x.Methods != nil && len(x.Methods.List) > 0 {
			return "", fmt.Errorf("interface types with methods are not supported")
		}
		return "interface{}", nil
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok || knownImports[id.Name] == "" {
			return "", fmt.Errorf("type from an unknown package")
		}
		g.imports[id.Name] = knownImports[id.Name]
		return id.Name + "." + x.Sel.Name, nil
	case *ast.IndexExpr:
		base, err := g.qualify(x.X)
		if err != nil {
			return "", err
		}
		arg, err := g.qualify(x.Index)
		return base + "[" + arg + "]", err
	}
	return "", fmt.Errorf("unsupported type expression %T", e)
}

// structOf follows named types and pointers to a struct type.
func (g *genAPI) structOf(e ast.Expr) (*ast.StructType, error) {
	for range 16 {
		switch x := e.(type) {
		case *ast.StructType:
			return x, nil
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			ts, ok := g.types[x.Name]
			if !ok {
				return nil, fmt.Errorf("type %s is not declared in %s", x.Name, g.pkg)
			}
			e = ts.Type
		default:
			return nil, fmt.Errorf("not a struct type: %T", e)
		}
	}
	return nil, fmt.Errorf("type chain too long")
}

// fieldByTag finds the field a JSON (or form) name maps to.
func fieldByTag(st *ast.StructType, name string) (*ast.Field, error) {
	for _, f := range st.Fields.List {
		if f.Tag == nil || len(f.Names) != 1 {
			continue
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		for _, key := range []string{"json", "form"} {
			if n, _, _ := strings.Cut(reflect.StructTag(tag).Get(key), ","); n == name {
				return f, nil
			}
		}
	}
	return nil, fmt.Errorf("no field for %q", name)
}

// fieldShape is how a generated field holds its value.
type fieldShape struct {
	goName string
	kind   string // "ptr" (*T), "nullable" (nullable.Nullable[T]) or "value" (T)
	inner  ast.Expr
}

func shapeOf(f *ast.Field) fieldShape {
	s := fieldShape{goName: f.Names[0].Name, kind: "value", inner: f.Type}
	switch x := f.Type.(type) {
	case *ast.StarExpr:
		s.kind, s.inner = "ptr", x.X
	case *ast.IndexExpr:
		if sel, ok := x.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Nullable" {
			s.kind, s.inner = "nullable", x.Index
		}
	}
	return s
}

// get renders reading a field of this shape from expr (zero when unset).
func (s fieldShape) get(expr string) string {
	switch s.kind {
	case "ptr":
		return "Deref(" + expr + ")"
	case "nullable":
		return "DerefNullable(" + expr + ")"
	}
	return expr
}

// wrap renders storing v in a field of this shape.
func (s fieldShape) wrap(v string) string {
	switch s.kind {
	case "ptr":
		return "Ptr(" + v + ")"
	case "nullable":
		return "nullable.NewNullableWithValue(" + v + ")"
	}
	return v
}

// iterator is one operation's generated code.
type iterator struct {
	pagination.Entry
	Client     string // receiver type
	Item       string // qualified item type
	Env        string // envelope type name
	EnvFields  string // envelope item field(s)
	ItemsExpr  string // selector of the item slice in the envelope
	Parse      string // the generated Parse function, when the typed fast path applies
	TypedItems string // statements moving the items from r.JSON200 into the envelope
	Params     string // signature after ctx
	Args       string // the same, as arguments
	Snapshot   string // statements copying the caller's params
	Spec       string // pageSpec literal
	Fetch      string // body of the fetch closure
	Call       string // the generated method
	StyleConst string
	StyleDoc   string
}

var styleConsts = map[pagination.Style]string{
	pagination.Cursor: "StyleCursor", pagination.Page: "StylePage", pagination.Search: "StyleSearch",
	pagination.Scroll: "StyleScroll", pagination.NextCursor: "StyleNextCursor",
}

var styleDocs = map[pagination.Style]string{
	pagination.Cursor:     "It sends starting_after and per_page and ends when pages.next carries no cursor.",
	pagination.Page:       "It sends page and per_page and ends at total_pages, or when pages.next is null or absent, without requesting an empty page.",
	pagination.Search:     "It sends pagination.starting_after and pagination.per_page in a copy of the body and ends when pages.next carries no cursor.",
	pagination.Scroll:     "It follows scroll_param and ends at the first empty page; an expired scroll yields an error matching ErrScrollExpired. Intercom allows one open scroll per workspace.",
	pagination.NextCursor: "It sends cursor and per_page and ends when has_more is false.",
}

func renderPages(t *pagination.Table, g *genAPI, client facadeVersion) ([]byte, error) {
	var its []iterator
	for _, e := range t.Entries {
		if e.Style == pagination.None {
			continue
		}
		it, err := g.iterator(e, "Client")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Operation, err)
		}
		its = append(its, it)
	}
	std := []string{"context", "iter", "net/http"}
	other := []string{modulePath + "/gen/" + g.pkg}
	for _, path := range g.imports {
		if strings.Contains(path, ".") {
			other = append(other, path)
		} else {
			std = append(std, path)
		}
	}
	sort.Strings(std)
	sort.Strings(other)
	return render(pagesTemplate, map[string]any{
		"Package": g.pkg, "Header": t.Version, "Std": std, "Other": other, "Iterators": its,
	})
}

func (g *genAPI) iterator(e pagination.Entry, client string) (iterator, error) {
	it := iterator{Entry: e, Client: client, StyleConst: styleConsts[e.Style], StyleDoc: styleDocs[e.Style]}
	it.Call = codegen.SchemaNameToTypeName(e.Operation)
	ft, ok := g.methods[it.Call]
	if !ok {
		return it, fmt.Errorf("RawClient has no method %s", it.Call)
	}
	it.Env = strings.ToLower(e.Name[:1]) + e.Name[1:] + "Page"

	// Arguments: those of the generated call between ctx and reqEditors.
	var params, args, callArgs []string
	var paramsType, bodyType string
	list := ft.Params.List
	if len(list) < 2 {
		return it, fmt.Errorf("unexpected signature of %s", it.Call)
	}
	for _, f := range list[1 : len(list)-1] {
		typ, err := g.qualify(f.Type)
		if err != nil {
			return it, err
		}
		for _, n := range f.Names {
			params = append(params, n.Name+" "+typ)
			args = append(args, n.Name)
			switch {
			case n.Name == "params":
				paramsType = strings.TrimPrefix(typ, "*")
				callArgs = append(callArgs, "&qp")
			case n.Name == "body":
				bodyType = typ
				callArgs = append(callArgs, "qb")
			default:
				callArgs = append(callArgs, n.Name)
			}
		}
	}
	for i := range params {
		it.Params += ", " + params[i]
		it.Args += ", " + args[i]
	}

	// Item type and envelope, from the 200 response's Go type.
	if err := g.envelope(&it, e); err != nil {
		return it, err
	}

	// Where the position and the page size go.
	var snap, fetch strings.Builder
	if paramsType != "" {
		fmt.Fprintf(&snap, "var p %s\nif params != nil {\np = *params\n}\n", paramsType)
		fetch.WriteString("qp := p\n")
	}
	if bodyType != "" {
		fetch.WriteString("qb := body\n")
	}
	spec := map[string]string{}
	position := "r.Cursor"
	posCond := `r.Cursor != ""`
	posSpec, posConv := "Start", "string"
	if e.Style == pagination.Page {
		position, posCond, posSpec, posConv = "r.Page", "r.Page > 0", "StartPage", "int"
	}
	type setting struct {
		loc        pagination.Location
		value      string
		cond       string
		spec, conv string
	}
	settings := []setting{}
	cur, err := pagination.ParseLocation(e.Cursor)
	if err != nil {
		return it, err
	}
	settings = append(settings, setting{cur, position, posCond, posSpec, posConv})
	// A page-numbered listing whose params also take starting_after follows
	// a starting_after cursor whenever Intercom answers one in pages.next,
	// so that a listing the descriptions call page-numbered but Intercom
	// serves by cursor neither repeats nor skips items.
	if e.Style == pagination.Page && cur.In == "query" && paramsType != "" {
		if st, err := g.structOf(&ast.Ident{Name: strings.TrimPrefix(paramsType, g.pkg+".")}); err == nil {
			if _, err := fieldByTag(st, "starting_after"); err == nil {
				settings = append(settings, setting{pagination.Location{In: "query", Path: []string{"starting_after"}}, "r.Cursor", `r.Cursor != ""`, "Start", "string"})
			}
		}
	}
	if e.PerPage != "" {
		pp, err := pagination.ParseLocation(e.PerPage)
		if err != nil {
			return it, err
		}
		settings = append(settings, setting{pp, "r.PerPage", "r.PerPage > 0", "PerPage", "int"})
	}
	// Settings inside one body object (pagination.*) share one copy of it.
	type container struct {
		shape fieldShape
		inner string // qualified type of the object
		sets  []string
		conds []string
	}
	var containers []*container
	byName := map[string]*container{}
	for _, s := range settings {
		root, src := "qp", "p"
		var st *ast.StructType
		switch s.loc.In {
		case "query":
			if paramsType == "" {
				return it, fmt.Errorf("%s is a query parameter but %s takes no params", s.loc, it.Call)
			}
			st, err = g.structOf(&ast.Ident{Name: strings.TrimPrefix(paramsType, g.pkg+".")})
		case "body":
			if bodyType == "" {
				return it, fmt.Errorf("%s is in the body but %s takes none", s.loc, it.Call)
			}
			root, src = "qb", "body"
			st, err = g.structOf(&ast.Ident{Name: strings.TrimPrefix(bodyType, g.pkg+".")})
		}
		if err != nil {
			return it, err
		}
		if len(s.loc.Path) > 2 {
			return it, fmt.Errorf("%s: at most one level of nesting is supported", s.loc)
		}
		var outer *fieldShape
		if len(s.loc.Path) == 2 {
			f, err := fieldByTag(st, s.loc.Path[0])
			if err != nil {
				return it, fmt.Errorf("%s: %w", s.loc, err)
			}
			sh := shapeOf(f)
			outer = &sh
			if st, err = g.structOf(sh.inner); err != nil {
				return it, fmt.Errorf("%s: %w", s.loc, err)
			}
		}
		f, err := fieldByTag(st, s.loc.Path[len(s.loc.Path)-1])
		if err != nil {
			return it, fmt.Errorf("%s: %w", s.loc, err)
		}
		leaf := shapeOf(f)
		for _, sh := range []*fieldShape{&leaf, outer} {
			if sh != nil && sh.kind == "nullable" {
				g.imports["nullable"] = knownImports["nullable"]
			}
		}
		leafType, err := g.qualify(leaf.inner)
		if err != nil {
			return it, err
		}
		// convert renders v as type to, leaving out conversions to the same type.
		convert := func(to, v string) string {
			if to == s.conv {
				return v
			}
			return to + "(" + v + ")"
		}
		value := leaf.wrap(convert(leafType, s.value))
		if outer == nil {
			spec[s.spec] = convert(s.conv, leaf.get(src+"."+leaf.goName))
			fmt.Fprintf(&fetch, "if %s {\n%s.%s = %s\n}\n", s.cond, root, leaf.goName, value)
			continue
		}
		spec[s.spec] = convert(s.conv, leaf.get(outer.get(src+"."+outer.goName)+"."+leaf.goName))
		c := byName[root+outer.goName]
		if c == nil {
			inner, err := g.qualify(outer.inner)
			if err != nil {
				return it, err
			}
			c = &container{shape: *outer, inner: inner}
			byName[root+outer.goName] = c
			containers = append(containers, c)
		}
		c.conds = append(c.conds, s.cond)
		c.sets = append(c.sets, fmt.Sprintf("if %s {\nobj.%s = %s\n}\n", s.cond, leaf.goName, value))
	}
	for _, c := range containers {
		root := "qb"
		fmt.Fprintf(&fetch, "if %s {\nobj := %s\n%s%s.%s = %s\n}\n",
			strings.Join(c.conds, " || "), c.shape.get(root+"."+c.shape.goName), strings.Join(c.sets, ""),
			root, c.shape.goName, c.shape.wrap("obj"))
	}
	fmt.Fprintf(&fetch, "return %s.New%sRequest(server", g.pkg, it.Call)
	for _, a := range callArgs {
		fetch.WriteString(", " + a)
	}
	fetch.WriteString(")")
	it.Snapshot = snap.String()
	it.Fetch = fetch.String()

	lit := fmt.Sprintf("Op: %q, Style: %s, MaxPerPage: %d", e.Name, it.StyleConst, e.MaxPerPage)
	for _, k := range []string{"PerPage", "Start", "StartPage"} {
		if v, ok := spec[k]; ok {
			lit += ", " + k + ": " + v
		}
	}
	it.Spec = "PageSpec{" + lit + "}"
	return it, nil
}

// envelope finds the item type through <Op>Response.JSON200 and the items
// path, and renders the envelope that decodes a page.
func (g *genAPI) envelope(it *iterator, e pagination.Entry) error {
	resp, err := g.structOf(&ast.Ident{Name: it.Call + "Response"})
	if err != nil {
		return err
	}
	var body ast.Expr
	for _, f := range resp.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "JSON200" {
			body = f.Type
		}
	}
	if body == nil {
		return fmt.Errorf("%sResponse has no JSON200", it.Call)
	}
	path := strings.Split(e.Items, ".")
	st, err := g.structOf(body)
	if err != nil {
		return err
	}
	for _, name := range path[:len(path)-1] {
		f, err := fieldByTag(st, name)
		if err != nil {
			return fmt.Errorf("items %s: %w", e.Items, err)
		}
		if st, err = g.structOf(shapeOf(f).inner); err != nil {
			return fmt.Errorf("items %s: %w", e.Items, err)
		}
	}
	// The typed fast path reads the items from the generated response's
	// JSON200, through fields that are plain or pointer structs.
	typed, expr := true, "r.JSON200"
	var guards strings.Builder
	if st0, err := g.structOf(body); err == nil {
		cur := st0
		for _, name := range path[:len(path)-1] {
			pf, err := fieldByTag(cur, name)
			if err != nil {
				typed = false
				break
			}
			sh := shapeOf(pf)
			expr += "." + sh.goName
			switch sh.kind {
			case "ptr":
				fmt.Fprintf(&guards, "if %s == nil {\nreturn nil\n}\n", expr)
			case "value":
			default:
				typed = false
			}
			if cur, err = g.structOf(sh.inner); err != nil {
				typed = false
				break
			}
		}
		if typed {
			if lf, err := fieldByTag(cur, path[len(path)-1]); err == nil && shapeOf(lf).kind == "value" {
				expr += "." + lf.Names[0].Name
			} else {
				typed = false
			}
		}
	} else {
		typed = false
	}
	f, err := fieldByTag(st, path[len(path)-1])
	if err != nil {
		return fmt.Errorf("items %s: %w", e.Items, err)
	}
	arr, ok := shapeOf(f).inner.(*ast.ArrayType)
	if !ok {
		if a, ok2 := f.Type.(*ast.ArrayType); ok2 {
			arr, ok = a, true
		}
	}
	if !ok {
		return fmt.Errorf("items %s is not an array", e.Items)
	}
	if it.Item, err = g.qualify(arr.Elt); err != nil {
		return err
	}
	field := fmt.Sprintf("Items []%s `json:%q`", it.Item, path[len(path)-1])
	it.ItemsExpr = "Items"
	for i := len(path) - 2; i >= 0; i-- {
		name := codegen.SchemaNameToTypeName(path[i])
		field = fmt.Sprintf("%s struct {\n%s\n} `json:%q`", name, field, path[i])
		it.ItemsExpr = name + "." + it.ItemsExpr
	}
	it.EnvFields = field
	if typed {
		it.Parse = g.pkg + ".Parse" + it.Call + "Response"
		it.TypedItems = guards.String() + "e." + it.ItemsExpr + " = " + expr + "\n"
	}
	return nil
}

var pagesTemplate = template.Must(template.New("pages").Parse(`// Code generated by intercomgen from api/pagination/{{.Package}}.yaml. DO NOT EDIT.

package facade

import (
{{- range .Std}}
	"{{.}}"
{{- end}}
{{range .Other}}
	"{{.}}"
{{- end}}
)
{{range .Iterators}}
// {{.Name}} ranges over every item of {{.Method}} {{.Path}} ({{.Operation}}), {{.Style}} pagination,
// sending requests as the loop advances (a few pages ahead, see ReadAhead). {{.StyleDoc}}
// The caller's arguments are copied, never changed. A failure is yielded once, as the last
// value. {{.Name}}Pages yields whole pages with resumable cursors. See docs/pagination.md.
func (c *{{.Client}}) {{.Name}}(ctx context.Context{{.Params}}, opts ...PageOption) iter.Seq2[{{.Item}}, error] {
	return Items(c.{{.Name}}Pages(ctx{{.Args}}, opts...))
}

// {{.Name}}Pages ranges over the pages of {{.Method}} {{.Path}} ({{.Operation}}): each Page holds
// its items, the total count Intercom reports and the cursor to resume after it (ResumeFrom).
func (c *{{.Client}}) {{.Name}}Pages(ctx context.Context{{.Params}}, opts ...PageOption) iter.Seq2[Page[{{.Item}}], error] {
	{{.Snapshot -}}
	return Paginate[{{.Item}}, {{.Env}}](ctx, c.Core, {{.Spec}}, opts, func(server string, r PageRequest) (*http.Request, error) {
		{{.Fetch}}
	})
}

// {{.Env}} decodes one page of {{.Operation}}.
type {{.Env}} struct {
	{{.EnvFields}}
	PageMeta
}

func (e *{{.Env}}) PageItems() []{{.Item}} { return e.{{.ItemsExpr}} }
{{- if .Parse}}

// ParsePage decodes the items with the generated decoders, through {{.Parse}};
// top hears the page's top-level members.
func (e *{{.Env}}) ParsePage(h http.Header, body []byte, top *PageTop) error {
	r, err := {{.Parse}}(TypedResponse(h, body, top))
	if err != nil {
		return err
	}
	if r.JSON200 == nil {
		return ErrNoTypedPage
	}
	{{.TypedItems -}}
	return nil
}
{{- end}}
{{end}}`))
