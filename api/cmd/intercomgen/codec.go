package main

// The codec step: after oapi-codegen has written a package, read its Go
// types back and write codec.gen.go, one decode function per type Intercom
// sends (see sent) that mirrors what encoding/json does with that type
// (driven by internal/jsonx), then point the package's own decode calls at
// it. Working from the Go types rather than from the schemas keeps the
// decoders exact: they follow the same field tags, pointers and methods
// encoding/json sees.

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/intercom-go/intercom/internal/jsonx"
)

// The decode calls oapi-codegen writes (in Go helpers, not in a template
// an override could reach) and what they become: each destination's own
// decoder through decodeInto, so that a program links only the decoders of
// the calls it makes. Each pattern must match at least once, so that an
// oapi-codegen upgrade that changes them fails generation instead of
// silently leaving encoding/json in place.
var (
	// Parse<Op>Response: "var dest T" then the decode call.
	parseDecode = regexp.MustCompile(`(?m)^(\s*)var dest (.+)\n(\s*)if err := json\.Unmarshal\(bodyBytes, &dest\); err != nil \{`)
	// union As<Variant>: "var body T" then the decode call.
	unionDecode = regexp.MustCompile(`(?m)^(\s*)var body (.+)\n(\s*)err := json\.Unmarshal\(t\.union, &body\)`)
	readAll     = "bodyBytes, err := io.ReadAll(rsp.Body)"
)

// codecStats says how many of a package's types got decoders.
type codecStats struct {
	Decoders, Candidates int // decoders written; types (and composite destinations) that could have one
	Roots                int // decoders the package's Parse functions and union accessors call directly
}

// Dropped is the number of types left to encoding/json.
func (s codecStats) Dropped() int { return s.Candidates - s.Decoders }

// writeCodec writes dir/codec.gen.go for the package oapi-codegen wrote to
// dir/intercom.gen.go and rewrites that file's decode calls to use it.
func writeCodec(dir, pkg string) (codecStats, error) {
	path := filepath.Join(dir, "intercom.gen.go")
	src, err := os.ReadFile(path)
	if err != nil {
		return codecStats{}, err
	}
	g, err := parseCodec(path, src)
	if err != nil {
		return codecStats{}, err
	}
	if !parseDecode.Match(src) || !bytes.Contains(src, []byte(readAll)) {
		return codecStats{}, fmt.Errorf("codec: %s has no decode calls to rewrite: oapi-codegen's output changed", path)
	}
	rewrite := func(re *regexp.Regexp, varName, data string) {
		src = re.ReplaceAllFunc(src, func(m []byte) []byte {
			sub := re.FindSubmatch(m)
			fn := g.decoderFor(string(sub[2]))
			if fn == "" || !g.kept[fn] {
				// No generated decoder: a predeclared type, or the variant
				// of a union Intercom does not send. DecodeJSON would use
				// encoding/json too.
				return m
			}
			entry := g.entry(fn, string(sub[2]))
			if varName == "dest" {
				call := entry + "(rsp, " + data + ", &dest)"
				return []byte(fmt.Sprintf("%svar dest %s\n%sif err := %s; err != nil {", sub[1], sub[2], sub[3], call))
			}
			call := entry + "(nil, " + data + ", &" + varName + ")"
			return []byte(fmt.Sprintf("%svar body %s\n%serr := %s", sub[1], sub[2], sub[3], call))
		})
	}
	if len(g.errs) > 0 {
		return codecStats{}, errors.Join(g.errs...)
	}
	rewrite(parseDecode, "dest", "bodyBytes")
	rewrite(unionDecode, "body", "t.union")
	src = bytes.ReplaceAll(src, []byte(readAll), []byte("bodyBytes, err := readBody(rsp)"))
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return codecStats{}, err
	}
	out, err := g.render(pkg)
	if err != nil {
		return codecStats{}, err
	}
	return g.stats(), os.WriteFile(filepath.Join(dir, "codec.gen.go"), out, 0o644)
}

// codecGen holds one package's parsed types while its decoders are written.
type codecGen struct {
	fset       *token.FileSet
	types      map[string]*ast.TypeSpec
	methods    map[string]map[string]bool // type name -> method names
	imports    map[string]string          // file-local package name -> path
	decoded    map[string]bool            // types with a decode<Name> function
	top        map[string]bool            // identifiers declared in the file
	funcs      []codecFunc                // decoder sources, in order
	cases      []codecCase                // DecodeJSON's type switch
	entries    map[string]codecEntry      // by name: what the rewritten decode calls call
	fnByType   map[string]string          // type (name or expression) -> its decoder
	helpers    map[string]bool            // helper functions written so far
	slots      map[string]int             // type -> its jsonx slab slot
	composites int                        // unnamed composite types given decoders
	errs       []error                    // problems found while writing decoders

	// Every decoder is written first; render keeps those reachable from
	// roots (see sent). owner is the function whose source is being
	// written ("" for methods the types need whatever is decoded), refs
	// what each function's source calls, usedBy the imports it needs.
	owner  string
	refs   map[string]map[string]bool
	usedBy map[string]map[string]bool
	roots  map[string]bool // decoders the rewritten decode calls name
	kept   map[string]bool // roots and the decoders and helpers they call, closed
	spans  []methodSpan    // where each method is in the source
}

// methodSpan is the source offsets of a method of the type recv.
type methodSpan struct {
	start, end int
	recv       string
}

// codecFunc is a piece of codec.gen.go and the function it belongs to
// (the decoder or helper it is, or whose tables it holds); "" for pieces
// written whatever is decoded (the lenient fields' methods).
type codecFunc struct{ owner, src string }

type codecCase struct{ Type, Fn string }

// codecEntry is a function the rewritten Parse functions and union
// accessors call to decode a whole document into a Type with Fn: one
// per type, rather than an instance of a generic function per type,
// which the compiler writes twice (see jsonx.RunFunc).
type codecEntry struct{ Name, Type, Fn string }

// entry returns the name of the entry function that decodes a whole
// document with fn into typ (as the source writes it), adding it once.
func (g *codecGen) entry(fn, typ string) string {
	name := "run" + strings.TrimPrefix(fn, "decode")
	if _, ok := g.entries[name]; !ok {
		if g.top[name] {
			g.errs = append(g.errs, fmt.Errorf("codec: %s is declared by oapi-codegen's output, so it cannot name the entry of %s", name, fn))
		}
		g.entries[name] = codecEntry{Name: name, Type: typ, Fn: fn}
	}
	return name
}

// externalUnmarshalers are the types from other packages the generated
// code uses whose pointer has UnmarshalJSON; encoding/json hands them the
// raw value, and so do the decoders.
var externalUnmarshalers = map[string]bool{
	"time.Time":                true,
	"encoding/json.RawMessage": true,
	"github.com/oapi-codegen/runtime/types.Date":     true,
	"github.com/oapi-codegen/runtime/types.Duration": true,
	"github.com/oapi-codegen/runtime/types.Email":    true,
	"github.com/oapi-codegen/runtime/types.File":     true,
	"github.com/oapi-codegen/nullable.Nullable":      true,
}

// codecSource returns codec.gen.go for the Go source of a generated package.
func codecSource(pkg, path string, src []byte) ([]byte, error) {
	g, err := parseCodec(path, src)
	if err != nil {
		return nil, err
	}
	return g.render(pkg)
}

// parseCodec reads a generated package's types and prepares its decoders.
func parseCodec(path string, src []byte) (*codecGen, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	g := &codecGen{
		fset: fset, types: map[string]*ast.TypeSpec{}, methods: map[string]map[string]bool{},
		imports: map[string]string{}, decoded: map[string]bool{}, top: map[string]bool{}, fnByType: map[string]string{}, helpers: map[string]bool{}, slots: map[string]int{}, entries: map[string]codecEntry{},
		refs: map[string]map[string]bool{}, usedBy: map[string]map[string]bool{}, roots: map[string]bool{},
	}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		g.imports[name] = p
	}
	var order []string
	var dests []ast.Expr
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.GenDecl:
			for _, s := range decl.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					g.types[s.Name.Name] = s
					g.top[s.Name.Name] = true
					order = append(order, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						g.top[n.Name] = true
					}
				}
			}
		case *ast.FuncDecl:
			if decl.Recv == nil {
				g.top[decl.Name.Name] = true
				ast.Inspect(decl.Body, func(n ast.Node) bool {
					// Parse functions declare "var dest T"; composite T need a case too.
					if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "dest" && vs.Type != nil {
						if _, named := vs.Type.(*ast.Ident); !named {
							dests = append(dests, vs.Type)
						}
					}
					return true
				})
				continue
			}
			if recv := recvName(decl); recv != "" {
				if g.methods[recv] == nil {
					g.methods[recv] = map[string]bool{}
				}
				g.methods[recv][decl.Name.Name] = true
				g.spans = append(g.spans, methodSpan{fset.Position(decl.Pos()).Offset, fset.Position(decl.End()).Offset, recv})
			}
		}
	}
	for _, name := range order {
		if err := g.namedType(name); err != nil {
			return nil, err
		}
	}
	// Aliases of composite types, and composite Parse destinations, get
	// cases of their own; an alias of a named type is covered by its case.
	for _, name := range order {
		if ts := g.types[name]; ts.Assign.IsValid() && ts.TypeParams == nil {
			if _, named := ts.Type.(*ast.Ident); !named {
				g.addCase(name, ts.Type)
			}
		}
	}
	for _, t := range dests {
		g.addCase(g.expr(t), t)
	}
	if len(g.errs) > 0 {
		return nil, errors.Join(g.errs...)
	}
	g.sent(src)
	return g, nil
}

// sent finds the types Intercom sends, the only ones given decoders: the
// destinations of the Parse functions' decode calls (for every status),
// what their decoders decode, and, for each union among those (a field's
// type, or a destination), the variants its accessors decode, closed.
// Everything a client decodes goes through those calls: the facade's
// iterators and services through the Parse functions, unions through
// their accessors. The other types are request bodies (request unions'
// variants included), parameters and schemas no response holds; a client
// never decodes them, and their decoders were most of the package's
// compile time.
func (g *codecGen) sent(src []byte) {
	for _, m := range parseDecode.FindAllSubmatch(src, -1) {
		if fn := g.decoderFor(string(m[2])); fn != "" {
			g.roots[fn] = true
		}
	}
	// The union accessors' destinations, by the union they belong to.
	variants := map[string][]string{}
	for _, m := range unionDecode.FindAllSubmatchIndex(src, -1) {
		fn := g.decoderFor(string(src[m[4]:m[5]]))
		if fn == "" {
			continue
		}
		for _, sp := range g.spans {
			if sp.start <= m[0] && m[0] < sp.end {
				variants["decode"+sp.recv] = append(variants["decode"+sp.recv], fn)
			}
		}
	}
	g.kept = map[string]bool{}
	var walk func(fn string)
	walk = func(fn string) {
		if g.kept[fn] {
			return
		}
		g.kept[fn] = true
		for r := range g.refs[fn] {
			walk(r)
		}
		for _, v := range variants[fn] { // a union that is sent: its variants are
			g.roots[v] = true
			walk(v)
		}
	}
	for _, fn := range sortedKeys(g.roots) {
		walk(fn)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// stats counts the decoders kept out of those that could be written.
func (g *codecGen) stats() codecStats {
	s := codecStats{Roots: len(g.roots)}
	seen := map[string]bool{}
	for _, c := range g.cases {
		if seen[c.Fn] {
			continue
		}
		seen[c.Fn] = true
		s.Candidates++
		if g.kept[c.Fn] {
			s.Decoders++
		}
	}
	return s
}

// own makes fn the owner of the source written until the returned
// function puts the previous owner back.
func (g *codecGen) own(fn string) func() {
	prev := g.owner
	g.owner = fn
	return func() { g.owner = prev }
}

// emit adds a piece of source to the current owner's.
func (g *codecGen) emit(src string) {
	g.funcs = append(g.funcs, codecFunc{owner: g.owner, src: src})
}

// ref records that the current owner's source calls fn.
func (g *codecGen) ref(fn string) {
	if g.refs[g.owner] == nil {
		g.refs[g.owner] = map[string]bool{}
	}
	g.refs[g.owner][fn] = true
}

// use records that the current owner's source names the import name.
func (g *codecGen) use(name string) {
	if g.usedBy[g.owner] == nil {
		g.usedBy[g.owner] = map[string]bool{}
	}
	g.usedBy[g.owner][name] = true
}

// addCase adds a DecodeJSON case and a named decoder for a composite type
// (under an alias name, or numbered), once per type.
func (g *codecGen) addCase(name string, t ast.Expr) {
	typ := g.expr(t)
	if fn, ok := g.fnByType[typ]; ok {
		g.fnByType[name] = fn
		return
	}
	fn := "decode" + name
	if _, isAlias := g.types[name]; !isAlias {
		g.composites++
		fn = "decodeComposite" + strconv.Itoa(g.composites)
	}
	defer g.own(fn)()
	g.markUsed(t)
	g.emit(fmt.Sprintf("func %s(d *jsonx.Decoder, v *%s) error {\nreturn %s\n}\n", fn, typ, g.call(t, "v")))
	g.cases = append(g.cases, codecCase{Type: name, Fn: fn})
	g.fnByType[typ], g.fnByType[name] = fn, fn
}

// decoderFor returns the decoder function of the type written as typ in
// the generated source, following aliases; "" when there is none.
func (g *codecGen) decoderFor(typ string) string {
	for i := 0; i < 100; i++ {
		if fn, ok := g.fnByType[typ]; ok {
			return fn
		}
		ts, ok := g.types[typ]
		if !ok || !ts.Assign.IsValid() {
			return ""
		}
		typ = g.expr(ts.Type)
	}
	return ""
}

func (g *codecGen) expr(e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, g.fset, e)
	return b.String()
}

// skipType reports whether a named type is not a JSON model: clients,
// request editors, response wrappers (untagged exported fields) and query
// parameter structs (form tags). Such types are left to encoding/json.
func (g *codecGen) skipType(ts *ast.TypeSpec) bool {
	if ts.TypeParams != nil || ts.Assign.IsValid() {
		return true
	}
	switch t := ts.Type.(type) {
	case *ast.FuncType:
		return true
	case *ast.InterfaceType:
		return t.Methods != nil && len(t.Methods.List) > 0
	case *ast.StructType:
		if g.methods[ts.Name.Name]["UnmarshalJSON"] {
			return false
		}
		for _, fl := range t.Fields.List {
			if fl.Tag == nil {
				// Models tag every exported field; wrappers and clients do
				// not (an embedded field counts under its type's name).
				if len(fl.Names) == 0 {
					return true
				}
				for _, n := range fl.Names {
					if n.IsExported() {
						return true
					}
				}
				continue
			}
			tag, _ := strconv.Unquote(fl.Tag.Value)
			if _, ok := reflect.StructTag(tag).Lookup("form"); ok {
				return true
			}
		}
	}
	return false
}

// namedType writes decode<Name> for one declared type and adds its case.
func (g *codecGen) namedType(name string) error {
	ts := g.types[name]
	if g.skipType(ts) {
		return nil
	}
	fn := "decode" + name
	if g.top[fn] {
		return fmt.Errorf("codec: %s is already declared", fn)
	}
	defer g.own(fn)()
	if g.methods[name]["UnmarshalJSON"] {
		if f := lenientField(ts); f != "" {
			return fmt.Errorf("codec: %s has its own UnmarshalJSON; its field %s's intercom tag cannot be honoured", name, f)
		}
		g.emit(fmt.Sprintf("func %s(d *jsonx.Decoder, v *%s) error {\nreturn jsonx.Unmarshaler(d, v)\n}\n", fn, name))
		g.cases = append(g.cases, codecCase{Type: name, Fn: fn})
		g.fnByType[name] = fn
		return nil
	}
	var body string
	if g.methods[name]["UnmarshalText"] {
		body = "return jsonx.Std(d, v)"
	} else if st, ok := g.underlying(ts.Type).(*ast.StructType); ok {
		body = g.structBody(name, st)
	} else if u := g.underlying(ts.Type); isExternal(u) {
		// A defined type over another package's type has none of its
		// methods; encoding/json's reflection rules for it apply.
		body = "return jsonx.Std(d, v)"
	} else {
		// A defined non-struct type: decode as its underlying type.
		u := g.underlying(ts.Type)
		g.markUsed(u)
		body = "return " + g.call(u, "(*"+g.expr(u)+")(v)")
	}
	g.emit(fmt.Sprintf("func %s(d *jsonx.Decoder, v *%s) error {\n%s\n}\n", fn, name, body))
	g.decoded[name] = true
	g.cases = append(g.cases, codecCase{Type: name, Fn: fn})
	g.fnByType[name] = fn
	return nil
}

func isExternal(t ast.Expr) bool {
	switch t.(type) {
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// underlying follows local defined types and aliases to the type literal
// (or external or predeclared type) they stand for. Methods do not follow:
// callers check the declared type's own methods first.
func (g *codecGen) underlying(t ast.Expr) ast.Expr {
	for i := 0; i < 100; i++ {
		id, ok := t.(*ast.Ident)
		if !ok {
			return t
		}
		ts, local := g.types[id.Name]
		if !local {
			return t
		}
		t = ts.Type
	}
	return t
}

type jsonField struct {
	name, goName string
	typ          ast.Expr
	lenient      string // the field's intercom tag (codec_lenient.go), or ""
}

// structBody writes the object loop of a struct decoder. Keys match a
// field's JSON name exactly first, then by encoding/json's case folding,
// the first field in declaration order winning; unknown keys are skipped.
func (g *codecGen) structBody(name string, st *ast.StructType) string {
	var fields []jsonField
	var form *stringForm
	undeclared := ""
	seen := map[string]int{}
	for _, fl := range st.Fields.List {
		if len(fl.Names) == 0 {
			return "return jsonx.Std(d, v) // embedded field: encoding/json's promotion rules apply"
		}
		tag := ""
		if fl.Tag != nil {
			tag, _ = strconv.Unquote(fl.Tag.Value)
		}
		lenient := reflect.StructTag(tag).Get(lenientTag)
		if f, ok := parseStringForm(lenient, fl); ok {
			form = f
			continue
		}
		if lenient == "undeclared" && len(fl.Names) == 1 {
			undeclared = fl.Names[0].Name // codec_lenient.go
			continue
		}
		jt, hasTag := reflect.StructTag(tag).Lookup("json")
		opts := strings.Split(jt, ",")
		for _, o := range opts[1:] {
			if o == "string" {
				return "return jsonx.Std(d, v) // ,string option"
			}
		}
		for _, n := range fl.Names {
			if !n.IsExported() || (hasTag && jt == "-") {
				continue
			}
			jn := opts[0]
			if jn == "" || !validTagName(jn) {
				jn = n.Name
			}
			seen[jn]++
			fields = append(fields, jsonField{name: jn, goName: n.Name, typ: fl.Type, lenient: lenient})
		}
	}
	for n, c := range seen {
		if c > 1 {
			// Equal tagged names at one depth cancel out in encoding/json.
			return "return jsonx.Std(d, v) // duplicate JSON name " + strconv.Quote(n)
		}
	}
	var b strings.Builder
	restore := g.own("") // the methods are written whether or not the type is decoded
	if err := g.lenientMethods(name, fields, form, undeclared); err != nil {
		g.errs = append(g.errs, err)
	}
	restore()
	if form != nil {
		// A string in place of the object (codec_lenient.go).
		b.WriteString("if d.NextIs('\"') {\ns, err := d.ReadString()\nif err != nil {\nreturn err\n}\nv.fromString(s)\nreturn nil\n}\n")
	}
	b.WriteString("ok, err := d.Object()\nif !ok {\nreturn err\n}\n")
	if len(fields) == 0 {
		if undeclared != "" {
			fmt.Fprintf(&b, "for n := 0; ; n++ {\nkey, err := d.Key(n)\nif err != nil || key == nil {\nreturn err\n}\nif err := d.KeepMember(&v.%s, string(key)); err != nil {\nreturn err\n}\n}", undeclared)
			return b.String()
		}
		b.WriteString("for n := 0; ; n++ {\nkey, err := d.Key(n)\nif err != nil || key == nil {\nreturn err\n}\nif err := d.Skip(); err != nil {\nreturn err\n}\n}")
		return b.String()
	}
	// The field that came next the last time is tried first, and other
	// keys are looked up in a table: jsonx.Decoder.Member does both, from
	// what keys<Name> knows of the type and has learnt of the order its
	// keys arrive in (jsonx.Struct).
	keys := "keys" + name
	if g.top[keys] {
		return "return jsonx.Std(d, v) // " + keys + " is already declared"
	}
	g.top[keys] = true
	var nl strings.Builder
	fmt.Fprintf(&nl, "// %s is what decode%s knows of %s's keys, and learns of their order (see jsonx.Struct).\nvar %s = jsonx.Struct{\nNames: []string{", keys, name, name, keys)
	for i, fd := range fields {
		if i > 0 {
			nl.WriteString(", ")
		}
		nl.WriteString(strconv.Quote(jsonx.QuoteKey(fd.name)))
	}
	// A slice literal, so that the variable is laid out by the compiler
	// rather than set by the package's init function (which slicing an
	// array variable needed: 14 KB of init code in gen/v2_16, and every
	// decoder's tables kept in every binary).
	fmt.Fprintf(&nl, "},\nFields: %s,\nOrder: jsonx.Order{%s},\nKeep: %t,\n}\n", fieldsTable(fields), strings.TrimSuffix(strings.Repeat("{}, ", len(fields)+1), ", "), undeclared != "")
	g.emit(nl.String())
	fmt.Fprintf(&b, "var w jsonx.Walk\nfor {\nf, err := d.Member(&%s, &w)\nif f == jsonx.End {\nreturn err\n}\nswitch f {\n", keys)
	for i, fd := range fields {
		stmt := g.assign(fd.typ, "v."+fd.goName)
		if l := lenientAssign(fd); l != "" {
			stmt = l
		}
		fmt.Fprintf(&b, "case %d:\n%s\n", i, stmt)
	}
	if undeclared != "" {
		fmt.Fprintf(&b, "default:\nerr = d.KeepMember(&v.%s, w.Key)\n}\nif err != nil {\nreturn err\n}\n}", undeclared)
		return b.String()
	}
	b.WriteString("default:\nerr = d.Skip()\n}\nif err != nil {\nreturn err\n}\n}")
	return b.String()
}

// validTagName mirrors encoding/json's rule for usable tag names.
func validTagName(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c > 127):
			return false
		}
	}
	return s != ""
}

// basicKinds maps predeclared types to the jsonx helper for them.
var basicKinds = map[string]string{
	"string": "String", "bool": "Bool",
	"int": "Int", "int8": "Int", "int16": "Int", "int32": "Int", "int64": "Int",
	"uint": "Uint", "uint8": "Uint", "uint16": "Uint", "uint32": "Uint", "uint64": "Uint", "uintptr": "Uint",
	"float32": "Float32", "float64": "Float64",
}

// basicOf returns the jsonx helper for a type whose decoding is that of a
// predeclared kind: a predeclared type, or a local defined type over one
// without methods of its own.
func (g *codecGen) basicOf(t ast.Expr) string {
	id, ok := t.(*ast.Ident)
	if !ok {
		return ""
	}
	if _, local := g.types[id.Name]; local {
		if len(g.methods[id.Name]) > 0 && (g.methods[id.Name]["UnmarshalJSON"] || g.methods[id.Name]["UnmarshalText"]) {
			return ""
		}
		return g.basicOf(g.types[id.Name].Type)
	}
	return basicKinds[id.Name]
}

// unmarshaler reports whether t's pointer has UnmarshalJSON or
// UnmarshalText (then encoding/json defers to the method).
func (g *codecGen) unmarshaler(t ast.Expr) (json, text bool) {
	switch t := t.(type) {
	case *ast.Ident:
		if ts, local := g.types[t.Name]; local {
			if g.methods[t.Name]["UnmarshalJSON"] {
				return true, false
			}
			if g.methods[t.Name]["UnmarshalText"] {
				return false, true
			}
			if ts.Assign.IsValid() {
				return g.unmarshaler(ts.Type)
			}
		}
	case *ast.SelectorExpr:
		if x, ok := t.X.(*ast.Ident); ok && externalUnmarshalers[g.imports[x.Name]+"."+t.Sel.Name] {
			return true, false
		}
	case *ast.IndexExpr:
		return g.unmarshaler(t.X)
	}
	return false, false
}

// call returns an expression decoding the next value into target, an
// expression of type *T for the Go type t.
func (g *codecGen) call(t ast.Expr, target string) string {
	g.refUnion(t)
	if j, txt := g.unmarshaler(t); j {
		return "jsonx.Unmarshaler(d, " + target + ")"
	} else if txt {
		return g.std(t, target)
	}
	if k := g.basicOf(t); k != "" {
		return "jsonx." + k + "(d, " + target + ")"
	}
	switch t := t.(type) {
	case *ast.Ident:
		if ts, local := g.types[t.Name]; local {
			if ts.Assign.IsValid() {
				return g.call(ts.Type, target)
			}
			if !g.skipType(ts) {
				g.ref("decode" + t.Name)
				return "decode" + t.Name + "(d, " + target + ")"
			}
			return g.std(t, target)
		}
		if t.Name == "any" {
			return "jsonx.Any(d, " + target + ")"
		}
	case *ast.InterfaceType:
		if t.Methods == nil || len(t.Methods.List) == 0 {
			return "jsonx.Any(d, " + target + ")"
		}
	case *ast.StarExpr:
		if j, _ := g.unmarshaler(t.X); j {
			return "jsonx.UnmarshalerPtr(d, " + target + ")"
		}
		switch g.basicOf(t.X) {
		case "String":
			if fn := g.namedStringPtr(t.X); fn != "" {
				return fn + "(d, " + target + ")"
			}
			return "jsonx.StringPtr(d, " + target + ")"
		case "Int":
			return "jsonx.IntPtr(d, " + target + ")"
		case "Bool":
			return "jsonx.BoolPtr(d, " + target + ")"
		}
		if g.pointerFree(t.X) {
			return "jsonx.PtrIn(d, " + target + ", " + g.fn(t.X) + ", " + g.slot(t.X) + ")"
		}
	case *ast.ArrayType:
		if t.Len == nil && g.expr(t.Elt) != "byte" && g.expr(t.Elt) != "uint8" {
			return "jsonx.SliceIn(d, " + target + ", " + g.fn(t.Elt) + ", " + g.slot(t.Elt) + ")"
		}
	case *ast.MapType:
		if g.basicOf(t.Key) == "String" {
			if _, txt := g.unmarshaler(t.Key); !txt {
				if it, ok := t.Value.(*ast.InterfaceType); ok && (it.Methods == nil || len(it.Methods.List) == 0) {
					return "jsonx.MapAny(d, " + target + ")"
				}
				return "jsonx.Map(d, " + target + ", " + g.fn(t.Value) + ")"
			}
		}
	}
	return g.std(t, target)
}

// refUnion records that the current owner decodes the local type t (or
// what it points to) through the type's own UnmarshalJSON: such a type,
// a union, does not need its decoder to be decoded, but its accessors'
// destinations are then types Intercom sends (see sent).
func (g *codecGen) refUnion(t ast.Expr) {
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	for i := 0; i < 100; i++ {
		id, ok := t.(*ast.Ident)
		if !ok {
			return
		}
		ts, local := g.types[id.Name]
		if !local {
			return
		}
		if g.methods[id.Name]["UnmarshalJSON"] {
			if !g.skipType(ts) {
				g.ref("decode" + id.Name)
			}
			return
		}
		if !ts.Assign.IsValid() {
			return
		}
		t = ts.Type
	}
}

// assign returns a statement decoding the next value into field, an
// expression of the Go type t, and setting err: pointers to string, int
// and bool are stored from what jsonx's non-generic helpers return.
func (g *codecGen) assign(t ast.Expr, field string) string {
	if st, ok := t.(*ast.StarExpr); ok {
		if id, ok := st.X.(*ast.Ident); ok && g.types[id.Name] == nil {
			switch id.Name {
			case "string":
				return field + ", err = jsonx.StringTo(d, " + field + ")"
			case "int":
				return field + ", err = jsonx.IntTo(d, " + field + ")"
			case "bool":
				return field + ", err = jsonx.BoolTo(d, " + field + ")"
			}
		}
	}
	return "err = " + g.call(t, "&"+field)
}

// namedStringPtr returns a function decoding into a pointer to the named
// string type t through jsonx.StringTo, written once per type; "" for
// string itself. The pointer conversions are legal because the types'
// underlying types are both string.
func (g *codecGen) namedStringPtr(t ast.Expr) string {
	id, ok := t.(*ast.Ident)
	if !ok || id.Name == "string" {
		return ""
	}
	fn := "ptrTo" + id.Name
	if g.helpers[fn] {
		g.ref(fn)
		return fn
	}
	if g.top[fn] {
		return "" // a declared name is in the way: the generic path is as exact
	}
	g.top[fn], g.helpers[fn] = true, true
	g.ref(fn)
	defer g.own(fn)()
	g.emit(fmt.Sprintf("// %s decodes into a *%s as jsonx.StringPtr does into a *string, sharing its allocations.\nfunc %s(d *jsonx.Decoder, p **%s) error {\nsp, err := jsonx.StringTo(d, (*string)(*p))\n*p = (*%s)(sp)\nreturn err\n}\n", fn, id.Name, fn, id.Name, id.Name))
	return fn
}

// slot returns the jsonx slab slot of type t: numbered in order of first
// use, so that the types one struct's fields need get neighbouring slots.
func (g *codecGen) slot(t ast.Expr) string {
	typ := g.expr(t)
	n, ok := g.slots[typ]
	if !ok {
		n = len(g.slots)
		g.slots[typ] = n
	}
	return strconv.Itoa(n)
}

// pointerFree reports whether t is not itself a pointer or interface, for
// which encoding/json's pointer-chasing rules are left to it.
func (g *codecGen) pointerFree(t ast.Expr) bool {
	switch u := g.underlying(t).(type) {
	case *ast.StarExpr:
		return false
	case *ast.InterfaceType:
		return false
	case *ast.Ident:
		return u.Name != "any"
	}
	return true
}

// std hands a value to encoding/json.
func (g *codecGen) std(_ ast.Expr, target string) string {
	return "jsonx.Std(d, " + target + ")"
}

// markUsed records the packages a printed type expression names, for
// codec.gen.go's imports.
func (g *codecGen) markUsed(t ast.Expr) {
	ast.Inspect(t, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := s.X.(*ast.Ident); ok {
				g.use(x.Name)
			}
		}
		return true
	})
}

// fn returns a func(*jsonx.Decoder, *T) error for t: a decoder's name, or
// a function literal around call.
func (g *codecGen) fn(t ast.Expr) string {
	if id, ok := t.(*ast.Ident); ok {
		if ts, local := g.types[id.Name]; local && !ts.Assign.IsValid() && !g.skipType(ts) && !g.methods[id.Name]["UnmarshalJSON"] && !g.methods[id.Name]["UnmarshalText"] {
			g.ref("decode" + id.Name)
			return "decode" + id.Name
		}
		if k := g.basicOf(t); k != "" {
			return "jsonx." + k + "[" + id.Name + "]"
		}
	}
	g.markUsed(t)
	return "func(d *jsonx.Decoder, p *" + g.expr(t) + ") error { return " + g.call(t, "p") + " }"
}

func (g *codecGen) render(pkg string) ([]byte, error) {
	keep := func(owner string) bool { return owner == "" || g.kept[owner] }
	var funcs []string
	for _, f := range g.funcs {
		if keep(f.owner) {
			funcs = append(funcs, f.src)
		}
	}
	var cases []codecCase
	for _, c := range g.cases {
		if keep(c.Fn) {
			cases = append(cases, c)
		}
	}
	used := map[string]bool{}
	for owner, names := range g.usedBy {
		if keep(owner) {
			for name := range names {
				used[name] = true
			}
		}
	}
	std, other := []string{strconv.Quote("encoding/json"), strconv.Quote("net/http")}, []string{}
	for name := range used {
		p := g.imports[name]
		if p == "" || p == "encoding/json" || p == "net/http" {
			continue
		}
		spec := strconv.Quote(p)
		if name != p[strings.LastIndex(p, "/")+1:] {
			spec = name + " " + spec
		}
		if strings.Contains(strings.Split(p, "/")[0], ".") {
			other = append(other, spec)
		} else {
			std = append(std, spec)
		}
	}
	other = append(other, strconv.Quote(modulePath+"/internal/jsonx"))
	sort.Strings(std)
	sort.Strings(other)
	entries := make([]codecEntry, 0, len(g.entries))
	for _, name := range sortedKeys(g.entries) {
		entries = append(entries, g.entries[name])
	}
	return render(codecTemplate, map[string]any{
		"Package": pkg, "Std": std, "Other": other, "Cases": cases, "Entries": entries, "Funcs": funcs, "Stats": g.stats(),
	})
}

var codecTemplate = template.Must(template.New("codec").Parse(`// Code generated by intercomgen from the types of intercom.gen.go. DO NOT EDIT.

// {{.Stats.Decoders}} of the package's {{.Stats.Candidates}} types have decoders: those Intercom sends,
// that is the destinations of the Parse functions (every status), the
// variants of the unions those hold ({{.Stats.Roots}} decoders called directly), and
// every type their decoders decode. The other {{.Stats.Dropped}} are request bodies
// (request unions' variants included), parameters and schemas no response
// holds: a client never decodes them, so DecodeJSON hands them to
// encoding/json rather than compile decoders that would never run.

package {{.Package}}

import (
{{range .Std}}	{{.}}
{{end}}
{{range .Other}}	{{.}}
{{end -}}
)

// DecodeJSON decodes the JSON value in data into v, a non-nil pointer, with
// exactly the result of encoding/json.Unmarshal, errors included, but
// faster for the types Intercom sends: the Parse functions' destinations,
// the types inside them and the variants of the unions among those have
// decoders generated from their Go definitions (the cases below). Other
// destinations, such as request bodies, go to encoding/json: a client
// never decodes them, and their decoders would only lengthen builds. The
// Parse functions and those unions' accessors use the same decoders (each
// calls its own, so that a program links only those it needs, while
// DecodeJSON links them all); use DecodeJSON for webhook or stored
// payloads. It never keeps a reference to data. Built with the
// intercom_stdjson tag, it is encoding/json.Unmarshal.
func DecodeJSON(data []byte, v any) error {
	if jsonx.Fast {
		switch v := v.(type) {
{{- range .Cases}}
		case *{{.Type}}:
			return jsonx.RunFunc(data, v, func(d *jsonx.Decoder) error { return {{.Fn}}(d, v) })
{{- end}}
		}
	}
	return json.Unmarshal(data, v)
}

// The run functions decode a whole document into v, as DecodeJSON would,
// each with its type's decoder. The Parse functions call them with the
// response they read (its body may ask to hear the top-level members as
// they are decoded, see jsonx.RunBodyFunc: that is how the facade's
// iterators read a page's paging fields without a second pass), and the
// accessors of the unions Intercom sends with none. Each calls its own,
// so that a program links the decoders of the calls it makes rather than
// all of them; the other unions' accessors call encoding/json. They are
// not inlined: inlined, their closure was compiled again at every call.
{{range .Entries}}
//go:noinline
func {{.Name}}(rsp *http.Response, data []byte, v *{{.Type}}) error {
	return jsonx.RunBodyFunc(rsp, data, v, func(d *jsonx.Decoder) error { return {{.Fn}}(d, v) })
}
{{end}}
// readBody reads a response body for the Parse functions, sized from
// Content-Length (see jsonx.ReadBody).
func readBody(rsp *http.Response) ([]byte, error) { return jsonx.ReadBody(rsp) }
{{range .Funcs}}
{{.}}{{end}}`))

// fieldsTable writes the jsonx.Fields literal of a struct's fields (see
// jsonx.NewFields).
func fieldsTable(fields []jsonField) string {
	names := make([]string, len(fields))
	for i, fd := range fields {
		names[i] = fd.name
	}
	fs := jsonx.NewFields(names)
	quote := func(ss []string) string {
		q := make([]string, len(ss))
		for i, s := range ss {
			q[i] = strconv.Quote(s)
		}
		return strings.Join(q, ", ")
	}
	ints := func(xs []int) string {
		q := make([]string, len(xs))
		for i, x := range xs {
			q[i] = strconv.Itoa(x)
		}
		return strings.Join(q, ", ")
	}
	return fmt.Sprintf("jsonx.Fields{\nNames: []string{%s},\nIndex: []int{%s},\nFolded: []string{%s},\nFIndex: []int{%s},\n}", quote(fs.Names), ints(fs.Index), quote(fs.Folded), ints(fs.FIndex))
}
