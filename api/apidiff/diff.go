package apidiff

import (
	"fmt"
	"io"
	"sort"
)

// Kind says how an API element moved between two versions.
type Kind string

// Kinds of change.
const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Change is one difference. Object names the element: "type Contact",
// "field Contact.OwnerId", "method ClientWithResponses.ListTagsWithResponse",
// "func NewClient", "const Version".
type Change struct {
	Kind     Kind
	Object   string
	Old, New string // descriptions; empty on the side where it is absent
}

// Breaking reports whether the change can stop users' code compiling:
// anything removed or changed (additions can too, in rare cases such as a
// method added to an interface users implement, which generated code does
// not invite).
func (c Change) Breaking() bool { return c.Kind != Added }

func (c Change) String() string {
	switch c.Kind {
	case Added:
		return fmt.Sprintf("+ %s %s", c.Object, c.New)
	case Removed:
		return fmt.Sprintf("- %s %s", c.Object, c.Old)
	}
	return fmt.Sprintf("~ %s: %s -> %s", c.Object, c.Old, c.New)
}

// Diff lists the changes from old to new, removed and changed first, each
// group sorted by object name.
func Diff(old, new *API) []Change {
	var out []Change
	typeNames := keys(old.Types, new.Types)
	for _, name := range typeNames {
		o, n := old.Types[name], new.Types[name]
		obj := "type " + name
		switch {
		case o == nil:
			out = append(out, Change{Kind: Added, Object: obj, New: n.Def})
			continue
		case n == nil:
			out = append(out, Change{Kind: Removed, Object: obj, Old: o.Def})
			continue
		case o.Def != n.Def:
			out = append(out, Change{Kind: Changed, Object: obj, Old: o.Def, New: n.Def})
		}
		out = append(out, diffMap("field "+name+".", o.Fields, n.Fields)...)
		out = append(out, diffMap("method "+name+".", o.Methods, n.Methods)...)
	}
	out = append(out, diffMap("func ", old.Funcs, new.Funcs)...)
	out = append(out, diffMap("", old.Values, new.Values)...)
	sort.SliceStable(out, func(i, j int) bool {
		if rank(out[i].Kind) != rank(out[j].Kind) {
			return rank(out[i].Kind) < rank(out[j].Kind)
		}
		return out[i].Object < out[j].Object
	})
	return out
}

// diffMap compares two name -> description maps. Members of a type that is
// added or removed as a whole are not listed one by one.
func diffMap(prefix string, old, new map[string]string) []Change {
	var out []Change
	for _, k := range keys(old, new) {
		o, inOld := old[k]
		n, inNew := new[k]
		switch {
		case !inOld:
			out = append(out, Change{Kind: Added, Object: prefix + k, New: n})
		case !inNew:
			out = append(out, Change{Kind: Removed, Object: prefix + k, Old: o})
		case o != n:
			out = append(out, Change{Kind: Changed, Object: prefix + k, Old: o, New: n})
		}
	}
	return out
}

func rank(k Kind) int {
	switch k {
	case Removed:
		return 0
	case Changed:
		return 1
	}
	return 2
}

func keys[V any](maps ...map[string]V) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Count returns how many changes there are of each kind.
func Count(cs []Change) map[Kind]int {
	m := map[Kind]int{}
	for _, c := range cs {
		m[c.Kind]++
	}
	return m
}

// Write prints changes one a line, grouped under a heading per kind.
func Write(w io.Writer, cs []Change) error {
	n := Count(cs)
	if _, err := fmt.Fprintf(w, "%d removed, %d changed, %d added\n", n[Removed], n[Changed], n[Added]); err != nil {
		return err
	}
	var last Kind
	for _, c := range cs {
		if c.Kind != last {
			last = c.Kind
			if _, err := fmt.Fprintf(w, "\n%s:\n", c.Kind); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(w, "  %s\n", c); err != nil {
			return err
		}
	}
	return nil
}
