package normalize

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Change is one edit a rule made to a description.
type Change struct {
	Rule    string // the rule's name, e.g. "path-param-in-query"
	Pointer string // JSON pointer (RFC 6901) of the node that changed
	Detail  string // what was done, briefly
}

func (c Change) String() string {
	return fmt.Sprintf("%s\t%s\t%s", c.Rule, c.Pointer, c.Detail)
}

// Log collects the changes of one normalisation run.
type Log struct {
	Changes []Change
}

func (l *Log) add(rule, pointer, format string, args ...any) {
	l.Changes = append(l.Changes, Change{Rule: rule, Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

// Count returns how many changes the named rule made.
func (l *Log) Count(rule string) int {
	n := 0
	for _, c := range l.Changes {
		if c.Rule == rule {
			n++
		}
	}
	return n
}

// WriteTo writes one line per change, sorted so that the output is stable
// between runs, followed by a per-rule summary.
func (l *Log) WriteTo(w io.Writer) (int64, error) {
	lines := make([]string, len(l.Changes))
	counts := map[string]int{}
	for i, c := range l.Changes {
		lines[i] = c.String()
		counts[c.Rule]++
	}
	sort.Strings(lines)
	var b strings.Builder
	for _, s := range lines {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	rules := make([]string, 0, len(counts))
	for r := range counts {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		fmt.Fprintf(&b, "# %s: %d change(s)\n", r, counts[r])
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// pointer joins reference tokens into a JSON pointer, escaping "~" and "/".
func pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString(strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}

func join(base string, tokens ...string) string { return base + pointer(tokens...) }
