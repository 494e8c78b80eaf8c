package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
)

// trimClient removes from oapi-codegen's output what makes the compiler
// write functions that no call needs. Every function of a generated package
// is compiled in every user's cold build, and these were 1,281 of gen/v2_16's
// (a tenth of them):
//
//   - ClientInterface and ClientWithResponsesInterface: the compiler writes a
//     method-expression wrapper for each method of an interface type the
//     package declares (320 each). Nothing here implements or accepts them;
//     *RawClient and *ClientWithResponses have the same methods.
//   - ClientWithResponses embedded ClientInterface, so each of its 320
//     methods was promoted as two more wrappers. It now holds the raw client
//     in a named field, Raw, and its methods call c.Raw.
//
// Each RawClient method ends in a call to one send method rather than in
// its own copy of the tail they share (the request's context, the
// editors, Do: inlined, WithContext alone copies an http.Request), a
// third of their code.
//
// The Parse functions read the Content-Type header once, not once per
// status they decode (641 times in gen/v2_16, each an inlined header
// lookup and substring search).
//
// And the <Op>Response wrappers' Status and StatusCode take a pointer, as
// every wrapper is handed out: on a value receiver the compiler also wrote
// the pointer's method (462 functions). They now answer a nil wrapper as
// they answer one without a response, rather than panic.
func trimClient(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "intercom.gen.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	drop := map[string]bool{"ClientInterface": true, "ClientWithResponsesInterface": true}
	wrappers := map[string]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				if st, ok := ts.Type.(*ast.StructType); ok && isResponseWrapper(st) {
					wrappers[ts.Name.Name] = true
				}
			}
		}
	}
	var embedded bool
	sends := 0
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE || len(d.Specs) != 1 {
				continue
			}
			ts := d.Specs[0].(*ast.TypeSpec)
			switch {
			case drop[ts.Name.Name]:
				start := d.Pos()
				if d.Doc != nil {
					start = d.Doc.Pos()
				}
				edits = append(edits, edit{off(start), off(d.End()), ""})
				delete(drop, ts.Name.Name)
			case ts.Name.Name == "ClientWithResponses":
				st, ok := ts.Type.(*ast.StructType)
				if !ok || len(st.Fields.List) != 1 || len(st.Fields.List[0].Names) != 0 {
					return nil, fmt.Errorf("ClientWithResponses is not a struct embedding ClientInterface: oapi-codegen's output changed")
				}
				fld := st.Fields.List[0]
				edits = append(edits, edit{off(fld.Pos()), off(fld.End()), "// Raw sends the requests; its methods return the *http.Response.\n\tRaw *RawClient"})
				embedded = true
			}
		case *ast.FuncDecl:
			if d.Body == nil {
				continue
			}
			if wrappers[recvName(d)] {
				if _, star := d.Recv.List[0].Type.(*ast.StarExpr); star {
					continue
				}
				at := off(d.Recv.List[0].Type.Pos())
				edits = append(edits, edit{at, at, "*"})
				body := src[off(d.Body.Pos()):off(d.Body.End())]
				i := bytes.Index(body, []byte(hasResponse))
				if i < 0 || bytes.Count(body, []byte(hasResponse)) != 1 {
					return nil, fmt.Errorf("%s.%s does not check its response as expected: oapi-codegen's output changed", recvName(d), d.Name.Name)
				}
				at = off(d.Body.Pos()) + i
				edits = append(edits, edit{at, at, "r != nil && "})
				continue
			}
			if d.Recv == nil && parseFunc.MatchString(d.Name.Name) {
				start, end := off(d.Body.Pos()), off(d.Body.End())
				body := src[start:end]
				if !bytes.Contains(body, []byte(jsonCase)) {
					continue
				}
				sw := bytes.Index(body, []byte("\n\tswitch {\n"))
				if sw < 0 {
					return nil, fmt.Errorf("%s has no switch on the status: oapi-codegen's output changed", d.Name.Name)
				}
				edits = append(edits, edit{start + sw, start + sw, "\n\tisJSON := " + contentTypeJSON})
				for i := 0; ; {
					j := bytes.Index(body[i:], []byte(jsonCase))
					if j < 0 {
						break
					}
					at := start + i + j + len("case ")
					edits = append(edits, edit{at, at + len(contentTypeJSON), "isJSON"})
					i += j + len(jsonCase)
				}
				continue
			}
			if recvName(d) == "RawClient" && d.Name.IsExported() {
				start, end := off(d.Body.Pos()), off(d.Body.End())
				i := bytes.Index(src[start:end], []byte(sendTail))
				if i < 0 {
					return nil, fmt.Errorf("RawClient.%s does not end as expected: oapi-codegen's output changed", d.Name.Name)
				}
				edits = append(edits, edit{start + i, start + i + len(sendTail), "return c.send(ctx, req, reqEditors)"})
				sends++
				continue
			}
			if recvName(d) != "ClientWithResponses" {
				continue
			}
			i := bytes.Index(src[off(d.Body.Pos()):off(d.Body.End())], []byte(rawCall))
			if i < 0 {
				return nil, fmt.Errorf("%s does not call the raw client as expected: oapi-codegen's output changed", d.Name.Name)
			}
			at := off(d.Body.Pos()) + i + len(rawCall)
			edits = append(edits, edit{at, at, "Raw."})
		}
	}
	if len(drop) > 0 || !embedded || sends == 0 {
		return nil, fmt.Errorf("trimClient: the client interfaces, ClientWithResponses or RawClient's methods were not found: oapi-codegen's output changed")
	}
	edits = append(edits, edit{len(src), len(src), sendMethod})
	// One pass over the source, the edits in order (they do not overlap).
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	out.Grow(len(src))
	at := 0
	for _, e := range edits {
		out.Write(src[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(src[at:])
	return format.Source(out.Bytes())
}

// sendTail is how every RawClient method sends its request; sendMethod
// does it for all of them.
const (
	sendTail = `req = req.WithContext(ctx)
	if err := c.applyEditors(ctx, req, reqEditors); err != nil {
		return nil, err
	}
	return c.Client.Do(req)`
	sendMethod = `
// send sends req with ctx after the client's and the call's editors: the
// tail every method above shares (intercomgen writes it once).
func (c *RawClient) send(ctx context.Context, req *http.Request, reqEditors []RequestEditorFn) (*http.Response, error) {
	` + sendTail + `
}
`
)

// A Parse function's cases test the Content-Type so, each of them.
const (
	contentTypeJSON = `strings.Contains(rsp.Header.Get("Content-Type"), "json")`
	jsonCase        = "case " + contentTypeJSON + " && "
)

var parseFunc = regexp.MustCompile(`^Parse\w+Response$`)

// hasResponse is how a wrapper's method checks that it holds a response.
const hasResponse = "r.HTTPResponse != nil"

// rawCall is how a ClientWithResponses method calls the raw client.
const rawCall = "rsp, err := c."
