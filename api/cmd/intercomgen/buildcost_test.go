package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
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
	root, err := modroot.Dir()
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(root, "gen", "*", "intercom.gen.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
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
