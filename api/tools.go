//go:build tools

// Package tools pins oapi-codegen, which intercomgen runs with "go run" from
// this module, so that its version lives in api/go.mod and api/go.sum and
// nothing is installed globally. The generator is a module of its own so
// that none of its dependencies enter the module graph of the client's users.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
