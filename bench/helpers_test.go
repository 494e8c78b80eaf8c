package bench

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// Helpers shared by the package's test files.

// page builds one list page of 150 contacts as the server sends it.
func page(tb testing.TB) []byte {
	tb.Helper()
	doc, err := Description("..", "2.16")
	if err != nil {
		tb.Skip(err)
	}
	tmpl, err := ContactTemplate(doc)
	require.NoError(tb, err)
	cs, err := Contacts(tmpl, 150)
	require.NoError(tb, err)
	var b bytes.Buffer
	b.WriteString(`{"type":"list","data":[`)
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(c)
	}
	b.WriteString(`],"total_count":150,"pages":{"type":"pages","next":{"per_page":150,"starting_after":"WzE2XQ"}}}`)
	return b.Bytes()
}
