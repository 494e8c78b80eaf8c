package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/api/internal/modroot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every function of a generated package is compiled in every user's cold
// build, used or not. oapi-codegen.yaml turns off the <Op>Response
// wrappers' per-field getters and ContentType (2,200 of gen/v2_16's
// functions); their fields and Status/StatusCode remain.
func TestResponseWrappersKeepOnlyStatusMethods(t *testing.T) {
	for path, f := range generatedClients(t) {
		wrappers := map[string]bool{}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok {
				for _, s := range g.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						if st, ok := ts.Type.(*ast.StructType); ok && isResponseWrapper(st) {
							wrappers[ts.Name.Name] = true
						}
					}
				}
			}
		}
		require.NotEmpty(t, wrappers, path)
		methods := map[string]bool{}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok && wrappers[id.Name] {
				methods[fd.Name.Name] = true
			}
		}
		names := make([]string, 0, len(methods))
		for m := range methods {
			names = append(names, m)
		}
		sort.Strings(names)
		assert.Equal(t, []string{"Status", "StatusCode"}, names, "methods of the response wrappers in %s", path)
	}
}

// The compiler writes a wrapper for every method of an interface type a
// package declares, and two for every method a struct promotes from an
// embedded interface (trimClient removed 1,281 such functions from
// gen/v2_16). The generated packages declare no large interface and
// embed none.
func TestGeneratedClientsDeclareNoMethodWrappers(t *testing.T) {
	for path, f := range generatedClients(t) {
		methods := 0
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.InterfaceType:
				methods += len(n.Methods.List)
			case *ast.StructType:
				for _, fld := range n.Fields.List {
					if len(fld.Names) == 0 {
						if id, ok := fld.Type.(*ast.Ident); ok && strings.HasSuffix(id.Name, "Interface") {
							assert.Failf(t, "embedded interface", "%s: a struct embeds %s", path, id.Name)
						}
					}
				}
			}
			return true
		})
		assert.LessOrEqual(t, methods, 2, "%s: interface methods declared", path)
	}
}

// generatedClients parses every gen/<pkg>/intercom.gen.go.
func generatedClients(t *testing.T) map[string]*ast.File {
	t.Helper()
	root, err := modroot.Dir()
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(root, "gen", "*", "intercom.gen.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]*ast.File{}
	for _, path := range files {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		out[path] = f
	}
	return out
}

func TestTrimClient(t *testing.T) {
	src := []byte(`package p

import (
	"context"
	"net/http"
	"strings"
)

type RequestEditorFn func(ctx context.Context, req *http.Request) error

type RawClient struct {
	Server string
	Client *http.Client
}

func (c *RawClient) applyEditors(ctx context.Context, req *http.Request, editors []RequestEditorFn) error {
	return nil
}

func (c *RawClient) ListTags(ctx context.Context, reqEditors ...RequestEditorFn) (*http.Response, error) {
	req, err := http.NewRequest("GET", c.Server+"/tags", nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	if err := c.applyEditors(ctx, req, reqEditors); err != nil {
		return nil, err
	}
	return c.Client.Do(req)
}

// The interface specification for the client above.
type ClientInterface interface {
	ListTags(ctx context.Context) (*http.Response, error)
}

type ClientWithResponses struct {
	ClientInterface
}

func NewClientWithResponses() *ClientWithResponses { return &ClientWithResponses{&RawClient{}} }

// ClientWithResponsesInterface is the interface specification for the client with responses above.
type ClientWithResponsesInterface interface {
	ListTagsWithResponse(ctx context.Context) (*http.Response, error)
}

func (c *ClientWithResponses) ListTagsWithResponse(ctx context.Context) (*http.Response, error) {
	rsp, err := c.ListTags(ctx)
	return rsp, err
}

type ListTagsResponse struct {
	Body         []byte
	HTTPResponse *http.Response
}

func (r ListTagsResponse) StatusCode() int {
	if r.HTTPResponse != nil {
		return r.HTTPResponse.StatusCode
	}
	return 0
}

func ParseListTagsResponse(rsp *http.Response) (*ListTagsResponse, error) {
	response := &ListTagsResponse{HTTPResponse: rsp}

	switch {
	case strings.Contains(rsp.Header.Get("Content-Type"), "json") && rsp.StatusCode == 200:
		response.Body = []byte("200")

	case strings.Contains(rsp.Header.Get("Content-Type"), "json") && rsp.StatusCode == 401:
		response.Body = []byte("401")

	}
	return response, nil
}
`)
	out, err := trimClient(src)
	require.NoError(t, err)
	got := string(out)
	assert.NotContains(t, got, "interface")
	assert.Contains(t, got, "\tRaw *RawClient\n}")
	assert.Contains(t, got, "rsp, err := c.Raw.ListTags(ctx)")
	assert.Contains(t, got, "\treturn c.send(ctx, req, reqEditors)\n}")
	assert.Equal(t, 1, strings.Count(got, "req.WithContext(ctx)"), "the shared tail is written once, in send")
	assert.Contains(t, got, "func (c *RawClient) send(ctx context.Context, req *http.Request, reqEditors []RequestEditorFn) (*http.Response, error) {")
	assert.Contains(t, got, "&ClientWithResponses{&RawClient{}}")
	assert.Contains(t, got, "func (r *ListTagsResponse) StatusCode() int {\n\tif r != nil && r.HTTPResponse != nil {")
	assert.Contains(t, got, "isJSON := strings.Contains(rsp.Header.Get(\"Content-Type\"), \"json\")\n\tswitch {")
	assert.Equal(t, 1, strings.Count(got, "rsp.Header.Get"), "the Content-Type is read once")
	assert.Contains(t, got, "case isJSON && rsp.StatusCode == 401:")

	_, err = trimClient([]byte("package p\n\ntype ClientWithResponses struct{ Raw *RawClient }\n"))
	assert.ErrorContains(t, err, "oapi-codegen's output changed", "a changed output is refused, not half-trimmed")
}
