package normalize

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

// spec wraps components and paths fragments into a minimal description.
func spec(paths, schemas string) []byte {
	var b strings.Builder
	b.WriteString("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n")
	if paths == "" {
		b.WriteString("  {}\n")
	}
	b.WriteString(indent(paths, "  "))
	b.WriteString("components:\n  schemas:\n")
	if schemas == "" {
		b.WriteString("    {}\n")
	}
	b.WriteString(indent(schemas, "    "))
	return []byte(b.String())
}

func indent(s, pad string) string {
	s = strings.Trim(s, "\n")
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n") + "\n"
}

// run normalises a fragment and returns the document and log.
func run(t *testing.T, paths, schemas string) (*openapi3.T, *Log) {
	t.Helper()
	doc, log, err := Normalize(spec(paths, schemas))
	require.NoError(t, err)
	return doc, log
}

func changesOf(log *Log, rule string) []Change {
	var out []Change
	for _, c := range log.Changes {
		if c.Rule == rule {
			out = append(out, c)
		}
	}
	return out
}

func schema(doc *openapi3.T, name string) *openapi3.Schema {
	return doc.Components.Schemas[name].Value
}
