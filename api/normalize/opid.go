package normalize

import (
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// addOperationIDs names operations that have no operationId after their
// summary ("Get export job status" -> getExportJobStatus), or after the
// method and path when the summary is empty or its name is taken.
func addOperationIDs(doc *openapi3.T, log *Log) {
	taken := map[string]bool{}
	eachOperation(doc, func(_, _, _ string, op *openapi3.Operation) {
		if op.OperationID != "" {
			taken[strings.ToLower(op.OperationID)] = true
		}
	})
	eachOperation(doc, func(ptr, path, method string, op *openapi3.Operation) {
		if op.OperationID != "" {
			return
		}
		id := camelWords(op.Summary)
		if id == "" || taken[strings.ToLower(id)] {
			id = camelWords(method + " " + templateParam.ReplaceAllString(path, "by $1"))
		}
		for base, n := id, 2; taken[strings.ToLower(id)]; n++ {
			id = base + itoa(n)
		}
		taken[strings.ToLower(id)] = true
		op.OperationID = id
		log.add("missing-operation-id", ptr, "operationId set to %q", id)
	})
}

var fillerWords = map[string]bool{"a": true, "an": true, "the": true}

// camelWords turns free text into a lowerCamel identifier, dropping articles
// and anything that is not a letter or digit.
func camelWords(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	for _, w := range words {
		lw := strings.ToLower(w)
		if fillerWords[lw] {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(lw)
			continue
		}
		r := []rune(lw)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	out := b.String()
	if out != "" && unicode.IsDigit(rune(out[0])) {
		out = "op" + out
	}
	return out
}
