package normalize

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Normalize parses a description (YAML or JSON), applies the overlays in
// order, then every rule, and returns the repaired document with the log of
// what changed. It never reads the network or the file system: $refs must be
// local to the document.
func Normalize(raw []byte, overlays ...Overlay) (*openapi3.T, *Log, error) {
	log := &Log{}
	var node yaml.Node
	if err := yaml.Unmarshal(raw, &node); err != nil {
		return nil, nil, fmt.Errorf("parse description: %w", err)
	}
	dropDuplicateKeys(&node, "", log) // dupkeys.go
	hoistNestedPaths(&node, log)      // nestedpaths.go
	for _, o := range overlays {
		if err := o.apply(&node, log); err != nil {
			return nil, nil, err
		}
	}
	var tree any
	if err := node.Decode(&tree); err != nil {
		return nil, nil, fmt.Errorf("decode description: %w", err)
	}
	js, err := json.Marshal(tree)
	if err != nil {
		return nil, nil, fmt.Errorf("description is not representable as JSON: %w", err)
	}
	doc := &openapi3.T{}
	if err := json.Unmarshal(js, doc); err != nil {
		return nil, nil, fmt.Errorf("description is not OpenAPI 3: %w", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		return nil, nil, fmt.Errorf("description is not OpenAPI 3 (openapi: %q)", doc.OpenAPI)
	}
	applyPhase(doc, log, BeforeResolve)
	loader := openapi3.NewLoader()
	if err := loader.ResolveRefsIn(doc, nil); err != nil {
		return nil, nil, fmt.Errorf("resolve $refs: %w", err)
	}
	applyPhase(doc, log, AfterResolve)
	return doc, log, nil
}

func applyPhase(doc *openapi3.T, log *Log, phase Phase) {
	for _, r := range Rules {
		if r.Phase == phase {
			r.Apply(doc, log)
		}
	}
}

// Validate checks the repaired document against OpenAPI 3.0, leaving out
// example validation: upstream examples are data, tested separately.
func Validate(ctx context.Context, doc *openapi3.T) error {
	return doc.Validate(ctx, openapi3.DisableExamplesValidation())
}
