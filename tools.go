//go:build tools

// Package tools pins the code generators this module runs with "go run", so
// that their versions live in go.mod and go.sum and nothing is installed
// globally.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
