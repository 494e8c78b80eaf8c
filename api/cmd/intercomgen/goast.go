package main

import (
	"go/ast"
	"os"
)

// recvName is the name of a method's receiver type (T for T and *T), ""
// for a function or an unusual receiver.
func recvName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// rewriteFile replaces the file at path with fn of its contents.
func rewriteFile(path string, fn func([]byte) ([]byte, error)) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := fn(src)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}
