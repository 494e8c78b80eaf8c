package normalize

import (
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// operatorMeanings names each operator of Intercom's search query language
// by what it does. oapi-codegen names enum constants by spelling out a
// value's characters, which for operators gives names that say nothing or
// mislead: "!=" becomes ...OperatorEmpty (it drops the "!" and then finds
// nothing) and "!~" becomes ...OperatorN1. The words of the language (IN,
// NIN, AND, OR) are in the table too, so that all constants of one enum
// follow one style.
var operatorMeanings = map[string]string{
	"=":   "Equals",
	"!=":  "NotEquals",
	"IN":  "In",
	"NIN": "NotIn",
	"<":   "LessThan",
	">":   "GreaterThan",
	"<=":  "LessThanOrEquals",
	">=":  "GreaterThanOrEquals",
	"~":   "Contains",
	"!~":  "DoesNotContain",
	"^":   "StartsWith",
	"$":   "EndsWith",
	"AND": "And",
	"OR":  "Or",
}

// nameSymbolEnums sets x-enum-varnames, which oapi-codegen uses to name enum
// constants, on every string enum whose values are all operators of the
// query language (every value in operatorMeanings). Enums of other values
// keep oapi-codegen's names. An enum with a symbol value the table does not
// know is logged and left alone, so that a new operator shows up in the log
// of the version that brings it rather than as a constant named N1. An enum
// that already has x-enum-varnames or x-enumNames is the description's
// choice and kept.
func nameSymbolEnums(doc *openapi3.T, log *Log) {
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		if ref.Ref != "" || ref.Value == nil || len(ref.Value.Enum) == 0 {
			return
		}
		s := ref.Value
		if _, ok := s.Extensions["x-enum-varnames"]; ok {
			return
		}
		if _, ok := s.Extensions["x-enumNames"]; ok {
			return
		}
		var names, unknown []string
		for _, v := range s.Enum {
			str, ok := v.(string)
			if !ok {
				return // a number or boolean enum: oapi-codegen names those well
			}
			if name, known := operatorMeanings[str]; known {
				names = append(names, name)
			} else if isSymbol(str) {
				unknown = append(unknown, str)
			}
		}
		switch {
		case len(unknown) > 0:
			log.add("symbol-enum-names", ptr, "symbol values %q have no known meaning: oapi-codegen's names kept", unknown)
		case len(names) == len(s.Enum):
			ext := make([]any, len(names))
			parts := make([]string, len(names))
			for i, n := range names {
				ext[i] = n
				parts[i] = s.Enum[i].(string) + " " + n
			}
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions["x-enum-varnames"] = ext
			log.add("symbol-enum-names", join(ptr, "x-enum-varnames"), "constants named by meaning: %s", strings.Join(parts, ", "))
		}
	})
}

// isSymbol reports whether s has no letter or digit, so that oapi-codegen
// can only name it after its characters.
func isSymbol(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0
}
