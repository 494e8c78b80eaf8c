// Package services groups the operations of a normalised description into
// the services of a typed client (c.Contacts, c.Conversations, ...) and names
// their methods, by one rule with an overrides file for the operationIds
// that mislead it. intercomgen renders the result into
// gen/<package>/services.gen.go.
//
// The rule:
//   - an operation belongs to the service of its first tag, named by the
//     tag's words in Go form ("Help Center" -> HelpCenter, "AI Content" ->
//     AIContent);
//   - its method is its operationId in Go form, with the verbs show,
//     retrieve and find read as Get, and the service's noun removed where
//     it names the resource (ShowContact -> Get, ListContacts -> List,
//     AttachTagToContact in Tags -> AttachToContact,
//     ListTagsForAContact in Contacts -> ListTags): the first occurrence of
//     the noun, singular or plural, after the verb, with an "A"/"An" before
//     it, and with a preposition before it when it ends the name;
//   - two operations of one service that the rule would give one name keep
//     their whole operationIds, and the collision is reported.
package services

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/intercom-go/intercom/api/internal/schemas"
	"github.com/intercom-go/intercom/api/overrides"
)

// Operation is one operation placed in a service.
type Operation struct {
	OperationID string // in the normalised description
	Call        string // the generated client's method (oapi-codegen's name)
	Method      string // the service method's name
	HTTPMethod  string
	Path        string
	Summary     string
	// Reason says why Method is not the rule's name: an override's why, or
	// the collision that kept the whole operationId.
	Reason string
	// Variants names the methods of a union body's arms, by arm type, where
	// an override gives them (the rule: Method + the arm's own words).
	Variants map[string]string
}

// Service is the operations of one tag.
type Service struct {
	Name       string // Go name of the client field, e.g. "Contacts"
	Tag        string
	Operations []Operation
}

// Override renames one operation's method or moves it to another service.
// Its operation, versions, why (the method's reason) and Intercom's words
// are the fields every overrides file shares (api/overrides).
type Override struct {
	overrides.Common `yaml:",inline"`
	Method           string `yaml:"method,omitempty"`
	Service          string `yaml:"service,omitempty"`
	// Variants names the per-arm methods of a union body, by the arm's Go
	// type name.
	Variants map[string]string `yaml:"variants,omitempty"`
}

//go:embed overrides.yaml
var overridesYAML []byte

// DefaultOverrides returns the overrides of api/services/overrides.yaml.
func DefaultOverrides() ([]Override, error) { return ParseOverrides(overridesYAML) }

// ParseOverrides reads an overrides file; every entry needs a why.
func ParseOverrides(data []byte) ([]Override, error) {
	return overrides.Parse("service", data, func(o Override) error {
		if o.Method == "" && o.Service == "" && len(o.Variants) == 0 {
			return errors.New("changes nothing")
		}
		return nil
	})
}

// Derive groups every operation of doc into services. version is the
// Intercom-Version value, for overrides limited to some versions.
func Derive(doc *openapi3.T, version string, ovs []Override) ([]Service, error) {
	byName := map[string]*Service{}
	for it := range schemas.Operations(doc) {
		op, method, path := it.Op, it.Method, it.Path
		if op.OperationID == "" {
			return nil, fmt.Errorf("%s %s has no operationId", method, path)
		}
		tag := "Other"
		if len(op.Tags) > 0 {
			tag = op.Tags[0]
		}
		o := Operation{
			OperationID: op.OperationID,
			Call:        codegen.SchemaNameToTypeName(op.OperationID),
			HTTPMethod:  method,
			Path:        path,
			Summary:     op.Summary,
		}
		svc := GoName(tag)
		o.Method = MethodName(o.Call, tag)
		for _, ov := range overrides.For(ovs, op.OperationID, version) {
			if ov.Service != "" {
				svc = ov.Service
			}
			if ov.Method != "" {
				o.Method = ov.Method
			}
			if len(ov.Variants) > 0 {
				o.Variants = ov.Variants
			}
			o.Reason = ov.Reason()
		}
		s := byName[svc]
		if s == nil {
			s = &Service{Name: svc, Tag: tag}
			byName[svc] = s
		}
		s.Operations = append(s.Operations, o)
	}
	out := make([]Service, 0, len(byName))
	for _, s := range byName {
		sort.Slice(s.Operations, func(i, j int) bool { return s.Operations[i].OperationID < s.Operations[j].OperationID })
		resolveCollisions(s)
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// resolveCollisions gives every operation whose name another one shares its
// whole operationId instead.
func resolveCollisions(s *Service) {
	count := map[string]int{}
	for _, o := range s.Operations {
		count[o.Method]++
	}
	for i, o := range s.Operations {
		if count[o.Method] > 1 {
			s.Operations[i].Reason = fmt.Sprintf("the rule names it %s, as it does another operation of %s", o.Method, s.Name)
			s.Operations[i].Method = o.Call
		}
	}
}

// initialisms are tag words written in capitals in Go.
var initialisms = map[string]string{"ai": "AI", "ip": "IP", "id": "ID", "api": "API", "url": "URL"}

// GoName turns a tag into a Go identifier: each word capitalised.
func GoName(tag string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(tag, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if up, ok := initialisms[strings.ToLower(w)]; ok {
			b.WriteString(up)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// getVerbs are the verbs read as Get.
var getVerbs = map[string]bool{"Show": true, "Retrieve": true, "Find": true}

var prepositions = map[string]bool{"To": true, "For": true, "From": true, "Of": true, "In": true, "On": true, "By": true, "With": true}

// MethodName applies the naming rule to a generated method name (call)
// of an operation tagged tag.
func MethodName(call, tag string) string {
	words := splitWords(call)
	if len(words) == 0 {
		return call
	}
	if getVerbs[words[0]] {
		words[0] = "Get"
	}
	nouns := nounForms(tag)
	for i := 1; i < len(words); i++ {
		n := matchNoun(words[i:], nouns)
		if n == 0 {
			continue
		}
		start, end := i, i+n
		if start > 1 && (words[start-1] == "A" || words[start-1] == "An") {
			start--
		}
		if end == len(words) && start > 1 && prepositions[words[start-1]] {
			start--
		}
		words = append(words[:start:start], words[end:]...)
		break
	}
	return strings.Join(words, "")
}

// nounForms lists the word sequences that name a tag's resource: each word
// singular, and the last one also plural.
func nounForms(tag string) [][]string {
	var sing []string
	for _, w := range strings.Fields(GoNameWords(tag)) {
		sing = append(sing, singular(w))
	}
	if len(sing) == 0 {
		return nil
	}
	plural := append(append([]string{}, sing[:len(sing)-1]...), sing[len(sing)-1]+"s")
	pluralEs := append(append([]string{}, sing[:len(sing)-1]...), sing[len(sing)-1]+"es")
	ies := sing[len(sing)-1]
	forms := [][]string{plural, pluralEs, sing}
	if strings.HasSuffix(ies, "y") {
		forms = append([][]string{append(append([]string{}, sing[:len(sing)-1]...), strings.TrimSuffix(ies, "y")+"ies")}, forms...)
	}
	return forms
}

// GoNameWords is GoName with spaces between the words.
func GoNameWords(tag string) string {
	var out []string
	for _, w := range strings.FieldsFunc(tag, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, strings.ToUpper(w[:1])+w[1:])
	}
	return strings.Join(out, " ")
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 3:
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "sses"):
		return strings.TrimSuffix(w, "es")
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 1:
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// matchNoun returns how many leading words of ws form one of the nouns.
func matchNoun(ws []string, nouns [][]string) int {
	for _, n := range nouns {
		if len(n) <= len(ws) {
			ok := true
			for i := range n {
				if !strings.EqualFold(ws[i], n[i]) {
					ok = false
					break
				}
			}
			if ok {
				return len(n)
			}
		}
	}
	return 0
}

// SplitWords splits a Go identifier into its words, as the naming rule does.
func SplitWords(s string) []string { return splitWords(s) }

// splitWords splits a Go identifier at its capitals (runs of capitals stay
// one word, as in "ListAIContent" -> List AI Content).
func splitWords(s string) []string {
	var out []string
	rs := []rune(s)
	start := 0
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))) {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	return append(out, string(rs[start:]))
}
