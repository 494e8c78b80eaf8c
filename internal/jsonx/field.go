package jsonx

import (
	"slices"
	"strings"
	"sync/atomic"
)

// KeyIs is a fast path for Key used by struct decoders: it reports whether
// the next member of the object starts with exactly names[f], a key as
// QuoteKey writes it, and if so consumes it (the ',' before it when n > 0,
// the quoted key and the colon). Otherwise it consumes nothing and the
// caller calls Key, which also deals with any whitespace. Encoders write
// the members of an object in a fixed order, so guessing the field that
// came next the last time (see Order) turns most key lookups into one
// comparison; KeyIs is small enough to be inlined into Member.
//
// Keys of the outermost object always go through Key, so that whatever
// Key does per top-level member is done.
func (d *Decoder) KeyIs(n, f int, names []string) bool {
	if uint(f) < uint(len(names)) && d.depth > 1 {
		q := names[f]
		if n == 0 {
			q = q[1:] // no separator before the first member
		}
		if i := d.pos; len(q) > 1 && len(d.data)-i >= len(q) && string(d.data[i:i+len(q)]) == q {
			d.pos = i + len(q)
			return true
		}
	}
	return false
}

// QuoteKey returns the form of key KeyIs compares with the input: ',', the
// key in quotes and ':'. A key that needs escaping, or that is not ASCII,
// gives ",", which KeyIs never matches: the input bytes equal to the
// quoted form would then not be exactly that JSON string.
func QuoteKey(key string) string {
	if key == "" {
		return ","
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return ","
		}
	}
	return `,"` + key + `":`
}

// Order is what a struct decoder has learnt of the order in which its
// type's keys arrive: element f+1 holds the field seen after field f
// (element 0, the first field), plus one; zero means nothing is known yet,
// and then the field after f in declaration order is predicted. Intercom
// sends the keys of a type in a fixed order of its own (type, id,
// workspace_id ... for a contact), rarely the declaration's alphabetical
// one: after the first object, every key of the next ones is predicted.
// Generated decoders keep one Order per type, shared by all decoders; it
// only ever guides KeyIs, which checks each prediction.
type Order []Learnt

// Learnt is one element of an Order.
type Learnt struct{ v atomic.Int32 }

// After returns the field predicted to follow field f (-1 before the
// first field of an object).
func (o Order) After(f int) int {
	if uint(f+1) < uint(len(o)) {
		if v := o[f+1].v.Load(); v != 0 {
			return int(v) - 1
		}
	}
	return f + 1
}

// Learn records that field g came after field last (-1: g was the first
// field of the object) and returns the field to predict from next: g, or
// last again when g is -1 (a key of no field, which is skipped over).
func (o Order) Learn(last, g int) int {
	if g < 0 {
		return last
	}
	if uint(last+1) < uint(len(o)) && o[last+1].v.Load() != int32(g)+1 {
		o[last+1].v.Store(int32(g) + 1)
	}
	return g
}

// Fields is a struct's table of member keys, for the keys KeyIs did not
// predict: the fields' JSON names, and their case-folded forms (FoldName),
// each sorted, with the field each one names. Generated decoders look keys
// up in it instead of switching over the names, which compiled two string
// switches into every decoder.
type Fields struct {
	Names  []string
	Index  []int // Names[i] is the name of field Index[i]
	Folded []string
	FIndex []int // Folded[i] is the folded name of field FIndex[i], the first with it
}

// NewFields returns the table of a struct whose fields' JSON names are
// names, in field order. The generator writes it into the generated code
// as a literal.
func NewFields(names []string) Fields {
	var fs Fields
	first := map[string]bool{}
	for i, n := range names {
		fs.Names, fs.Index = append(fs.Names, n), append(fs.Index, i)
		if k := string(FoldName([]byte(n))); !first[k] {
			first[k] = true
			fs.Folded, fs.FIndex = append(fs.Folded, k), append(fs.FIndex, i)
		}
	}
	sortBy(fs.Names, fs.Index)
	sortBy(fs.Folded, fs.FIndex)
	return fs
}

// sortBy sorts keys, and index along with them.
func sortBy(keys []string, index []int) {
	p := make([]int, len(keys))
	for i := range p {
		p[i] = i
	}
	slices.SortFunc(p, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	k, x := slices.Clone(keys), slices.Clone(index)
	for i, j := range p {
		keys[i], index[i] = k[j], x[j]
	}
}

// Field returns the field key names, as encoding/json would choose it: the
// field of that exact name, else the first whose name matches it under
// case folding; -1 for none.
func (d *Decoder) Field(key []byte, fs *Fields) int {
	if i := search(fs.Names, key); i >= 0 {
		return fs.Index[i]
	}
	if i := search(fs.Folded, d.Fold(key)); i >= 0 {
		return fs.FIndex[i]
	}
	return -1
}

// search returns the index of key in the sorted keys, or -1. The
// comparisons convert key without copying it.
func search(keys []string, key []byte) int {
	lo, hi := 0, len(keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if keys[m] < string(key) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(keys) && keys[lo] == string(key) {
		return lo
	}
	return -1
}
