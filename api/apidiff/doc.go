// Package apidiff compares the exported Go API of two packages from their
// source alone (go/parser, no type checking): types, struct fields, methods,
// functions, constants and variables added, removed or changed. It is how
// "make diff" shows what moving between two generated API versions does to
// users' code.
package apidiff
