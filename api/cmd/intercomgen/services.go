package main

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/pagination"
	"github.com/intercom-go/intercom/api/services"
)

// writeServices writes gen/<pkg>/services.gen.go for every generated
// version: the services of its typed client (c.Contacts.Get, ...), one
// method per operation, named by api/services.
func (p *project) writeServices(ctx context.Context, es []lock.Entry) error {
	raw, err := os.ReadFile(p.path("api", "services", "overrides.yaml"))
	if err != nil {
		return err
	}
	ovs, err := services.ParseOverrides(raw)
	if err != nil {
		return err
	}
	raw, err = os.ReadFile(p.path("api", "pagination", "overrides.yaml"))
	if err != nil {
		return err
	}
	povs, err := pagination.ParseOverrides(raw)
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
		header := lock.Header(e.Version)
		svcs, err := services.Derive(doc, header, ovs)
		if err != nil {
			return err
		}
		table, err := pagination.Derive(doc, header, povs)
		if err != nil {
			return err
		}
		pkg := lock.Package(e.Version)
		g, err := parseGenerated(p.path("gen", pkg, "intercom.gen.go"), pkg)
		if err != nil {
			return err
		}
		if g.unions, err = parseUnions(p.path("gen", pkg, "intercom.gen.go")); err != nil {
			return err
		}
		src, err := renderServices(doc, svcs, table, g, clients[e.Version])
		if err != nil {
			return fmt.Errorf("services of %s: %w", e.Version, err)
		}
		if err := p.writeClientFile(pkg, "services.gen.go", src); err != nil {
			return err
		}
		n := 0
		for _, s := range svcs {
			n += len(s.Operations)
		}
		fmt.Fprintf(p.stderr, "%-7s -> %d services, %d operations (gen/%s/services.gen.go)\n", e.Version, len(svcs), n, pkg)
	}
	return nil
}

// unionInfo is what the services need of the generated code beyond
// genAPI: the arms of each union (its From methods) and the constants of
// each enum type.
type unionInfo struct {
	arms   map[string][]string // union type -> arm types, in source order
	consts map[string][]string // enum type -> its constants
}

func parseUnions(path string) (*unionInfo, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	u := &unionInfo{arms: map[string][]string{}, consts: map[string][]string{}}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 || !strings.HasPrefix(d.Name.Name, "From") {
				continue
			}
			star, ok := d.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			recv, ok := star.X.(*ast.Ident)
			ps := d.Type.Params.List
			if !ok || len(ps) != 1 {
				continue
			}
			if arm, ok := ps[0].Type.(*ast.Ident); ok && d.Name.Name == "From"+arm.Name {
				u.arms[recv.Name] = append(u.arms[recv.Name], arm.Name)
			}
		case *ast.GenDecl:
			if d.Tok != token.CONST {
				continue
			}
			for _, sp := range d.Specs {
				vs := sp.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); ok {
					for _, n := range vs.Names {
						u.consts[id.Name] = append(u.consts[id.Name], n.Name)
					}
				}
			}
		}
	}
	return u, nil
}

// resolveAlias follows type aliases (type A = B) to the named type.
func (g *genAPI) resolveAlias(name string) string {
	for range 8 {
		ts, ok := g.types[name]
		if !ok || !ts.Assign.IsValid() {
			return name
		}
		id, ok := ts.Type.(*ast.Ident)
		if !ok {
			return name
		}
		name = id.Name
	}
	return name
}

// variantName is what tells an arm of a union apart: the arm's words that
// the union's name does not have ("AdminReplyConversationRequest" of
// "ReplyConversationRequest" -> "Admin"), or the whole arm name.
func variantName(union, arm string) string {
	have := map[string]bool{}
	for _, w := range services.SplitWords(union) {
		have[w] = true
	}
	var out []string
	for _, w := range services.SplitWords(arm) {
		if !have[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return arm
	}
	return strings.Join(out, "")
}

// variantMethods renders, for an operation whose JSON body is a union, one
// method per arm: the caller passes the arm itself, fields that the arm's
// schema fixes to one value are filled in, and a required field with
// several values is a required argument, so that forgetting it does not
// compile.
func (g *genAPI) variantMethods(u *unionInfo, base serviceMethod, ps []callParam, resultSig string, variants map[string]string) ([]serviceMethod, error) {
	left := maps.Clone(variants)
	out, err := g.variantMethodsOf(u, base, ps, resultSig, variants, left)
	if err == nil && len(left) > 0 {
		err = fmt.Errorf("api/services/overrides.yaml names variants %v that the body's union does not have", slices.Sorted(maps.Keys(left)))
	}
	return out, err
}

func (g *genAPI) variantMethodsOf(u *unionInfo, base serviceMethod, ps []callParam, resultSig string, variants, left map[string]string) ([]serviceMethod, error) {
	var body *callParam
	for i := range ps {
		if ps[i].name == "body" {
			body = &ps[i]
		}
	}
	if body == nil {
		return nil, nil
	}
	union := g.resolveAlias(strings.TrimPrefix(body.typ, g.pkg+"."))
	arms := u.arms[union]
	if len(arms) < 2 {
		return nil, nil
	}
	var out []serviceMethod
	names := map[string]bool{}
	for _, arm := range arms {
		st, err := g.structOf(&ast.Ident{Name: arm})
		if err != nil {
			continue // an arm that is not an object: From it by hand
		}
		name := base.Name + variantName(union, arm)
		if n, ok := variants[arm]; ok {
			name = n
			delete(left, arm)
		}
		if names[name] {
			continue
		}
		names[name] = true
		fill := g.fixedFields(u, st, "v")
		var required []string
		var reqSig []string
		for _, f := range st.Fields.List {
			if len(f.Names) != 1 {
				continue
			}
			field := f.Names[0].Name
			switch t := f.Type.(type) {
			case *ast.Ident:
				cs := u.consts[t.Name]
				switch {
				case len(cs) > 1:
					arg := strings.ToLower(field[:1]) + field[1:]
					if token.IsKeyword(arg) || arg == "ctx" || arg == "v" || arg == "body" || arg == "params" {
						arg += "Value" // type -> typeValue
					}
					reqSig = append(reqSig, fmt.Sprintf("%s %s.%s", arg, g.pkg, t.Name))
					required = append(required, fmt.Sprintf("v.%s = %s", field, arg))
				}
			}
		}
		sig := "ctx context.Context"
		args := "ctx"
		variadic := ""
		for _, p := range ps {
			switch {
			case p.name == "body":
				for _, r := range reqSig {
					sig += ", " + r
				}
				sig += ", v " + g.pkg + "." + arm
			case p.name == "params" && strings.Contains(base.Signature, "params ..."):
				variadic = ", params ..." + p.typ
				continue // the base method takes it last
			default:
				sig += ", " + p.name + " " + p.typ
				args += ", " + p.name
			}
		}
		args += ", body"
		if variadic != "" {
			sig += variadic
			args += ", params..."
		}
		m := serviceMethod{Name: name}
		m.Doc = fmt.Sprintf("%s is %s with the body %s.", name, base.Name, arm)
		if len(fill) > 0 {
			m.Doc += "\n// It sets the fields the arm's schema fixes to one value."
		}
		if len(required) > 0 {
			m.Doc += "\n// The arm's required choices are arguments."
		}
		var b strings.Builder
		for _, l := range append(fill, required...) {
			b.WriteString(l + "\n")
		}
		zero := "nil, "
		if resultSig == "error" {
			zero = ""
		}
		fmt.Fprintf(&b, "var body %s\nif err := body.From%s(v); err != nil {\nreturn %serr\n}\nreturn s.%s(%s)", body.typ, arm, zero, base.Name, args)
		m.Body = b.String()
		m.Signature = fmt.Sprintf("(%s) %s", sig, resultSig)
		out = append(out, m)
	}
	return out, nil
}

// fixedFields renders setting, on the struct value v, every field whose
// enum has one value: a value field always, a pointer field when unset.
func (g *genAPI) fixedFields(u *unionInfo, st *ast.StructType, v string) []string {
	var fill []string
	for _, f := range st.Fields.List {
		if len(f.Names) != 1 {
			continue
		}
		field := f.Names[0].Name
		switch t := f.Type.(type) {
		case *ast.Ident:
			if cs := u.consts[t.Name]; len(cs) == 1 {
				fill = append(fill, fmt.Sprintf("%s.%s = %s.%s", v, field, g.pkg, cs[0]))
			}
		case *ast.StarExpr:
			if id, ok := t.X.(*ast.Ident); ok && len(u.consts[id.Name]) == 1 {
				fill = append(fill, fmt.Sprintf("if %s.%s == nil {\nc := %s.%s\n%s.%s = &c\n}", v, field, g.pkg, u.consts[id.Name][0], v, field))
			}
		}
	}
	return fill
}

// bodyFill renders filling the fixed fields of a call's struct body.
func (g *genAPI) bodyFill(ps []callParam) string {
	for _, p := range ps {
		if p.name != "body" {
			continue
		}
		name := g.resolveAlias(strings.TrimPrefix(p.typ, g.pkg+"."))
		if len(g.unions.arms[name]) > 0 {
			return "" // a union: its variant methods fill the arm
		}
		st, err := g.structOf(&ast.Ident{Name: name})
		if err != nil {
			return ""
		}
		if fill := g.fixedFields(g.unions, st, "body"); len(fill) > 0 {
			return "// Fields the schema fixes to one value.\n" + strings.Join(fill, "\n") + "\n"
		}
	}
	return ""
}

// serviceMethod is one rendered method of a service.
type serviceMethod struct {
	Name, Doc, Signature, Body string
	HTTPMethod, Path, Kind     string // for the operations table
	Status                     string // the success status whose JSON the result holds
}

// serviceType is one rendered service.
type serviceType struct {
	Type, Field, Tag string
	Methods          []serviceMethod
}

// serviceFields returns the client field name of each service, avoiding the
// client's other members (its methods, promoted from Core, and iterators).
func serviceFields(svcs []services.Service, reserved map[string]bool) map[string]string {
	out := map[string]string{}
	for _, s := range svcs {
		name := s.Name
		if reserved[name] {
			name += "Service"
		}
		out[s.Name] = name
	}
	return out
}

func renderServices(doc *openapi3.T, svcs []services.Service, table *pagination.Table, g *genAPI, client facadeVersion) ([]byte, error) {
	clientType := "Client"
	reserved := map[string]bool{"API": true, "Core": true, "Operations": true}
	for _, e := range table.Entries {
		reserved[e.Name], reserved[e.Name+"Pages"] = true, true
	}
	fields := serviceFields(svcs, reserved)
	g.imports = map[string]string{}
	var types []serviceType
	usesSearch, usesHTTP, usesIter := false, false, false
	for _, s := range svcs {
		st := serviceType{Type: s.Name + "Service", Field: fields[s.Name], Tag: s.Tag}
		for _, o := range s.Operations {
			m, kind, err := g.serviceMethod(doc, o, table, clientType)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", o.OperationID, err)
			}
			switch kind {
			case "search":
				usesSearch, usesIter = true, true
			case "paged":
				usesIter = true
			case "raw":
				usesHTTP = true
			}
			for i := range m {
				m[i].HTTPMethod, m[i].Path, m[i].Kind = strings.ToUpper(o.HTTPMethod), o.Path, kind
				if strings.HasSuffix(m[i].Name, "Pages") && i > 0 {
					m[i].Kind = kind + "-pages"
				}
			}
			st.Methods = append(st.Methods, m...)
		}
		types = append(types, st)
	}
	imports := g.imports
	std := []string{"context", "slices"}
	if usesIter {
		std = append(std, "iter")
	}
	if usesHTTP {
		std = append(std, "net/http")
	}
	other := []string{modulePath + "/gen/" + g.pkg}
	if usesSearch {
		other = append(other, modulePath+"/facade/search")
	}
	for _, path := range imports {
		if strings.Contains(path, ".") {
			other = append(other, path)
		} else {
			std = append(std, path)
		}
	}
	std, other = uniqSorted(std), uniqSorted(other)
	return render(servicesTemplate, map[string]any{
		"Header": table.Version, "Package": g.pkg, "Client": clientType, "Suffix": client.Suffix,
		"Std": std, "Other": other, "Services": types,
	})
}

func uniqSorted(in []string) []string {
	sort.Strings(in)
	var out []string
	for i, s := range in {
		if i == 0 || s != in[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// callParam is one argument of a generated call between ctx and reqEditors.
type callParam struct{ name, typ string }

// callParams reads the arguments of a RawClient method.
func (g *genAPI) callParams(call string) ([]callParam, error) {
	ft, ok := g.methods[call]
	if !ok {
		return nil, fmt.Errorf("RawClient has no method %s", call)
	}
	list := ft.Params.List
	if len(list) < 2 {
		return nil, fmt.Errorf("unexpected signature of %s", call)
	}
	var out []callParam
	for _, f := range list[1 : len(list)-1] {
		typ, err := g.qualify(f.Type)
		if err != nil {
			return nil, err
		}
		for _, n := range f.Names {
			out = append(out, callParam{n.Name, typ})
		}
	}
	return out, nil
}

// optionalParams reports a params struct whose every field is optional (a
// pointer): a call may leave it out.
func (g *genAPI) optionalParams(typ string) bool {
	st, err := g.structOf(&ast.Ident{Name: strings.TrimPrefix(strings.TrimPrefix(typ, "*"), g.pkg+".")})
	if err != nil {
		return false
	}
	for _, f := range st.Fields.List {
		if _, ok := f.Type.(*ast.StarExpr); !ok {
			return false
		}
	}
	return true
}

// successField returns the first JSON field of a 2xx answer in the
// generated response type (JSON200, JSON201, ...) and its type.
func (g *genAPI) successField(call string) (string, string, error) {
	st, err := g.structOf(&ast.Ident{Name: call + "Response"})
	if err != nil {
		return "", "", err
	}
	for _, f := range st.Fields.List {
		if len(f.Names) != 1 {
			continue
		}
		n := f.Names[0].Name
		if strings.HasPrefix(n, "JSON2") && len(n) == 7 {
			typ, err := g.qualify(f.Type)
			return n, typ, err
		}
	}
	return "", "", nil
}

// answersContent reports an operation whose success is not JSON the
// generated types hold: a 2xx with a body, or a redirect.
func answersContent(op *openapi3.Operation) bool {
	if op.Responses == nil {
		return false
	}
	for code, r := range op.Responses.Map() {
		if len(code) != 3 || (code[0] != '2' && code[0] != '3') {
			continue
		}
		if code[0] == '3' {
			return true
		}
		if r.Value != nil && len(r.Value.Content) > 0 {
			return true
		}
	}
	return false
}

func findOperation(doc *openapi3.T, id string) *openapi3.Operation {
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if op.OperationID == id {
				return op
			}
		}
	}
	return nil
}

// serviceMethod renders the methods of one operation: kind is "paged" or
// "search" (iterators, with their Pages variants), "raw" (the answer is
// streamed to the caller), "result" or "error".
func (g *genAPI) serviceMethod(doc *openapi3.T, o services.Operation, table *pagination.Table, client string) ([]serviceMethod, string, error) {
	op := findOperation(doc, o.OperationID)
	if op == nil {
		return nil, "", fmt.Errorf("not in the description")
	}
	// An operation whose body is not JSON (a multipart upload) has only
	// the generated call that takes a content type and a reader.
	call0 := o.Call
	if _, ok := g.methods[call0]; !ok {
		call0 += "WithBody"
	}
	ps, err := g.callParams(call0)
	if err != nil {
		return nil, "", err
	}
	summary := strings.TrimSpace(strings.SplitN(op.Summary, "\n", 2)[0])
	where := fmt.Sprintf("%s %s (%s)", strings.ToUpper(o.HTTPMethod), o.Path, o.Call)
	doc0 := fmt.Sprintf("%s is %s", o.Method, where)
	if summary != "" {
		doc0 += ": " + strings.TrimSuffix(summary, ".")
	}
	doc0 += "."
	if o.Reason != "" {
		doc0 += "\n// Named by api/services/overrides.yaml: " + o.Reason + "."
	}

	if e := table.Find(o.OperationID); e != nil && e.Style != pagination.None {
		return g.pagedMethods(o, e, ps, doc0)
	}

	// Optional params (every field a pointer) move to the end, where they
	// may be left out: c.Contacts.Get(ctx, id).
	var sig, args []string
	var optional *callParam
	for i, p := range ps {
		if p.name == "params" && g.optionalParams(p.typ) {
			optional = &ps[i]
			args = append(args, "FirstNonNil(params)")
			continue
		}
		sig = append(sig, p.name+" "+p.typ)
		args = append(args, p.name)
	}
	if optional != nil {
		sig = append(sig, "params ..."+optional.typ)
	}
	signature := "ctx context.Context"
	for _, s := range sig {
		signature += ", " + s
	}
	call := "ctx"
	for _, a := range args {
		call += ", " + a
	}
	field, result, err := g.successField(o.Call)
	if err != nil {
		return nil, "", err
	}
	m := serviceMethod{Name: o.Method, Doc: doc0, Status: "200"}
	switch {
	case field != "":
		m.Status = strings.TrimPrefix(field, "JSON")
		m.Signature = fmt.Sprintf("(%s) (%s, error)", signature, result)
		m.Body = g.bodyFill(ps) + fmt.Sprintf(`r, err := s.c.API.%sWithResponse(%s)
	if err != nil {
		return nil, err
	}
	if r.%s == nil {
		return nil, NoResult(r.HTTPResponse, r.Body)
	}
	return r.%s, nil`, call0, call, field, field)
		vs, err := g.variantMethods(g.unions, m, ps, fmt.Sprintf("(%s, error)", result), o.Variants)
		return append([]serviceMethod{m}, vs...), "result", err
	case answersContent(op):
		m.Doc += "\n// Its answer is not JSON: the caller reads and closes the response's Body."
		m.Signature = fmt.Sprintf("(%s) (*http.Response, error)", signature)
		m.Body = fmt.Sprintf("return s.c.API.Raw.%s(%s)", call0, call)
		return []serviceMethod{m}, "raw", nil
	default:
		m.Signature = fmt.Sprintf("(%s) error", signature)
		m.Body = g.bodyFill(ps) + fmt.Sprintf(`_, err := s.c.API.%sWithResponse(%s)
	return err`, call0, call)
		vs, err := g.variantMethods(g.unions, m, ps, "error", o.Variants)
		return append([]serviceMethod{m}, vs...), "error", err
	}
}

// pagedMethods renders the iterators of a paged operation, delegating to
// the client's generated iterator (gen/<pkg>/pages.gen.go). A search whose body
// holds a query takes a search.Query instead of the body.
func (g *genAPI) pagedMethods(o services.Operation, e *pagination.Entry, ps []callParam, doc0 string) ([]serviceMethod, string, error) {
	// The iterator's envelope qualifies types this file never names: keep
	// only the imports of the item type and arguments.
	saved := maps.Clone(g.imports)
	it, err := g.iterator(*e, "")
	if err != nil {
		return nil, "", err
	}
	g.imports = saved
	if _, err := g.qualify(ast.NewIdent(strings.TrimPrefix(it.Item, g.pkg+"."))); err != nil && !strings.HasPrefix(it.Item, g.pkg+".") {
		return nil, "", fmt.Errorf("item type %s: %w", it.Item, err)
	}
	sig, args := "ctx context.Context", "ctx"
	for _, p := range ps {
		sig += ", " + p.name + " " + p.typ
		args += ", " + p.name
	}
	kind := "paged"
	var pre string
	if q, ok := g.queryBody(ps); ok {
		kind = "search"
		sig, args = "ctx context.Context, q search.Query", "ctx"
		for _, p := range ps {
			switch {
			case p.name == "body":
				args += ", body"
			case p.name == "params" && g.optionalParams(p.typ):
				args += ", nil"
			default:
				return nil, "", fmt.Errorf("search with a required argument %s", p.name)
			}
		}
		pre = fmt.Sprintf("body, err := search.Body[%s](q)\nif err != nil {\nreturn ErrSeq[%%s](err)\n}\n", q)
	}
	doc1 := doc0 + fmt.Sprintf("\n// It ranges over every item, as %s does.", "Client."+e.Name)
	doc2 := fmt.Sprintf("%sPages ranges over the pages of %s, as Client.%sPages does.", o.Method, strings.TrimSuffix(strings.SplitN(doc0, " is ", 2)[1], "."), e.Name)
	if kind == "search" {
		doc1 += "\n// q is checked before anything is sent; a query Intercom would refuse is yielded as an error matching search.ErrInvalidQuery."
	}
	item := it.Item
	body1 := fmt.Sprintf("return s.c.%s(%s, opts...)", e.Name, args)
	body2 := fmt.Sprintf("return s.c.%sPages(%s, opts...)", e.Name, args)
	if pre != "" {
		body1 = fmt.Sprintf(pre, item) + body1
		body2 = fmt.Sprintf(pre, "Page["+item+"]") + body2
	}
	return []serviceMethod{
		{Name: o.Method, Doc: doc1, Signature: fmt.Sprintf("(%s, opts ...PageOption) iter.Seq2[%s, error]", sig, item), Body: body1},
		{Name: o.Method + "Pages", Doc: doc2, Signature: fmt.Sprintf("(%s, opts ...PageOption) iter.Seq2[Page[%s], error]", sig, item), Body: body2},
	}, kind, nil
}

// queryBody returns the qualified body type of a call whose JSON body has a
// top-level query member.
func (g *genAPI) queryBody(ps []callParam) (string, bool) {
	for _, p := range ps {
		if p.name != "body" {
			continue
		}
		st, err := g.structOf(&ast.Ident{Name: strings.TrimPrefix(p.typ, g.pkg+".")})
		if err != nil {
			return "", false
		}
		if _, err := fieldByTag(st, "query"); err == nil {
			return p.typ, true
		}
	}
	return "", false
}

var servicesTemplate = template.Must(template.New("services").Parse(`// Code generated by intercomgen from the normalised {{.Header}} description and api/services/overrides.yaml. DO NOT EDIT.

package facade

import (
{{- range .Std}}
	"{{.}}"
{{- end}}

{{- range .Other}}
	"{{.}}"
{{- end}}
)

// Services holds the services of {{.Client}}, one per tag of
// Intercom's API {{.Header}} reference; {{.Client}} embeds it, so that
// c.Contacts.Get is the contact's get. Each method returns the decoded
// answer and an error: a non-2xx answer is an *Error, a 2xx without the
// documented body is an error matching ErrNoResult.
type Services struct {
{{- range .Services}}
	// {{.Field}} holds the operations listed under "{{.Tag}}".
	{{.Field}} *{{.Type}}
{{- end}}
}

// serviceOps lists every service method of {{.Client}} with the
// operation it sends.
var serviceOps = []Operation{
{{- range .Services}}{{$f := .Field}}
{{- range .Methods}}
	{Service: {{printf "%q" $f}}, Method: {{printf "%q" .Name}}, HTTPMethod: {{printf "%q" .HTTPMethod}}, Path: {{printf "%q" .Path}}, Kind: {{printf "%q" .Kind}}, Status: {{or .Status "200" -}} },
{{- end}}
{{- end}}
}

// Operations lists every method of the client's services with the request
// it sends, in service then method order.
func (c *{{.Client}}) Operations() []Operation { return slices.Clone(serviceOps) }

// initServices points every service of c at c.
func (c *{{.Client}}) initServices() {
	c.Services = Services{
{{- range .Services}}
		{{.Field}}: &{{.Type}}{c: c},
{{- end}}
	}
}
{{range .Services}}
// {{.Type}} holds the operations Intercom's API {{$.Header}} reference lists under "{{.Tag}}".
type {{.Type}} struct{ c *{{$.Client}} }
{{$t := .Type}}
{{- range .Methods}}
// {{.Doc}}
func (s *{{$t}}) {{.Name}}{{.Signature}} {
	{{.Body}}
}
{{end}}
{{- end}}
`))
