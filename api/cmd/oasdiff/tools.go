//go:build tools

// Package tools pins oasdiff, which "make diff" runs with "go run" from this
// directory. It is a module of its own because oasdiff needs a newer Go than
// the client module promises its users, and so that its dependencies never
// enter the client's module graph.
package tools

import (
	_ "github.com/oasdiff/oasdiff"
)
