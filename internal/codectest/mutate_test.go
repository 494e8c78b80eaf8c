package codectest

import (
	"bytes"
	"encoding/json"

	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// node is a JSON value that keeps object member order and number text, so
// that examples can be re-emitted with mutations encoding/json's tree
// would lose (duplicate keys, key spelling, exact numbers).
type node struct {
	kind byte // '{', '[', '"', '0' (number), 't', 'f', 'n'
	keys []string
	vals []*node // object values or array elements
	text string  // string value or number literal
}

func parseTree(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return readNode(dec)
}

func readNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '{' {
			n := &node{kind: '{'}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := readNode(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
				n.vals = append(n.vals, v)
			}
			_, err := dec.Token()
			return n, err
		}
		n := &node{kind: '['}
		for dec.More() {
			v, err := readNode(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		_, err := dec.Token()
		return n, err
	case string:
		return &node{kind: '"', text: tok}, nil
	case json.Number:
		return &node{kind: '0', text: string(tok)}, nil
	case bool:
		if tok {
			return &node{kind: 't'}, nil
		}
		return &node{kind: 'f'}, nil
	}
	return &node{kind: 'n'}, nil
}

// mutator re-emits trees with random, JSON-valid-or-not changes aimed at
// the corners of encoding/json's behaviour.
type mutator struct {
	r    *rand.Rand
	rate float64 // chance that a given node is changed
}

func (m *mutator) chance() bool { return m.r.Float64() < m.rate }

func (m *mutator) emit(b *bytes.Buffer, n *node) {
	m.space(b)
	if m.chance() {
		if m.r.IntN(3) == 0 {
			m.replacement(b, n)
			return
		}
	}
	switch n.kind {
	case '{':
		b.WriteByte('{')
		first := true
		member := func(k string, v *node) {
			if !first {
				b.WriteByte(',')
			}
			first = false
			m.space(b)
			m.key(b, k)
			m.space(b)
			b.WriteByte(':')
			m.emit(b, v)
			m.space(b)
		}
		for i, k := range n.keys {
			if m.chance() && m.r.IntN(4) == 0 {
				continue // drop the member
			}
			member(k, n.vals[i])
			if m.chance() {
				// The same key again: encoding/json decodes into what the
				// first occurrence left (pointers, slices, structs).
				member(k, n.vals[m.r.IntN(len(n.vals))])
			}
		}
		if m.chance() {
			member("unknown_"+strconv.Itoa(m.r.IntN(9)), n)
		}
		b.WriteByte('}')
	case '[':
		b.WriteByte('[')
		count := 0
		for _, v := range n.vals {
			reps := 1
			if m.chance() {
				reps = m.r.IntN(3) // drop or repeat
			}
			for ; reps > 0; reps-- {
				if count > 0 {
					b.WriteByte(',')
				}
				count++
				m.emit(b, v)
			}
		}
		b.WriteByte(']')
	case '"':
		m.str(b, n.text)
	case '0':
		if m.chance() {
			b.WriteString(hugeNumbers[m.r.IntN(len(hugeNumbers))])
		} else {
			b.WriteString(n.text)
		}
	case 't':
		b.WriteString("true")
	case 'f':
		b.WriteString("false")
	default:
		b.WriteString("null")
	}
}

var hugeNumbers = []string{
	"1e400", "-1e400", "1e-400", "123456789012345678901234567890", "9223372036854775807",
	"9223372036854775808", "-9223372036854775808", "-9223372036854775809", "4294967296",
	"2147483648", "1.5", "-0", "0.0", "1E2", "3.4028235e38", "3.5e38", "0e0", "1e+2",
}

// replacement writes a value of another kind in place of n.
func (m *mutator) replacement(b *bytes.Buffer, n *node) {
	switch m.r.IntN(9) {
	case 0:
		b.WriteString("null")
	case 1:
		b.WriteString("true")
	case 2:
		b.WriteString(hugeNumbers[m.r.IntN(len(hugeNumbers))])
	case 3:
		m.str(b, "replaced")
	case 4:
		b.WriteString("{}")
	case 5:
		b.WriteString("[]")
	case 6:
		b.WriteString(`{"type":"x","id":1,"ID":"2"}`)
	case 7:
		b.WriteString(`[null,1,"a",{}]`)
	default:
		m.str(b, "2024-01-02T03:04:05Z")
	}
}

// key writes an object key, sometimes respelt so that only encoding/json's
// case-insensitive matching (ASCII and Unicode folding) finds the field.
func (m *mutator) key(b *bytes.Buffer, k string) {
	if m.chance() {
		switch m.r.IntN(4) {
		case 0:
			k = strings.ToUpper(k)
		case 1:
			k = strings.ReplaceAll(k, "k", "\u212a") // KELVIN SIGN folds to k
		case 2:
			k = strings.ReplaceAll(k, "s", "\u017f") // LATIN SMALL LETTER LONG S folds to s
		default:
			if k != "" {
				k = strings.ToUpper(k[:1]) + k[1:]
			}
		}
	}
	m.str(b, k)
}

// str writes a string, sometimes with escapes, surrogates, invalid UTF-8
// or raw control characters.
func (m *mutator) str(b *bytes.Buffer, s string) {
	if !m.chance() {
		q, _ := json.Marshal(s)
		b.Write(q)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteString(strconv.FormatInt(int64(c)>>4, 16))
			b.WriteString(strconv.FormatInt(int64(c)&15, 16))
		case m.r.IntN(8) == 0 && c < 0x80:
			b.WriteString(`\u00` + strconv.FormatInt(int64(c), 16))
		default:
			b.WriteByte(c)
		}
	}
	extras := []string{`\ud83d\ude00`, `\ud800`, `\udc00x`, "\xff", "\xc3\x28", `\/`, `\b\f\n\r\t`, "\x01", `\u00e9`, "é", `\x`, `\u12`, "\xed\xa0\x80"}
	b.WriteString(extras[m.r.IntN(len(extras))])
	b.WriteByte('"')
}

func (m *mutator) space(b *bytes.Buffer) {
	if m.r.IntN(20) == 0 {
		b.WriteString([]string{" ", "\n\t", "\r\n ", "\v", "\u00a0"}[m.r.IntN(5)])
	}
}

// variants returns mutated copies of an example: tree mutations at a few
// rates, and truncations.
func variants(r *rand.Rand, data []byte, n int) [][]byte {
	var out [][]byte
	tree, err := parseTree(data)
	if err == nil {
		for i := 0; i < n; i++ {
			m := &mutator{r: r, rate: []float64{0.05, 0.15, 0.4}[i%3]}
			var b bytes.Buffer
			m.emit(&b, tree)
			out = append(out, b.Bytes())
		}
	}
	for _, cut := range []int{1, len(data) / 3, len(data) / 2, len(data) - 1} {
		if cut > 0 && cut < len(data) {
			out = append(out, data[:cut])
		}
	}
	return out
}

// TestMutatedExamplesDecodeLikeEncodingJSON decodes many mutated copies of
// every example (duplicate keys, respelt keys, values of other kinds, huge
// numbers, escapes and invalid UTF-8, truncation) both ways.
func TestMutatedExamplesDecodeLikeEncodingJSON(t *testing.T) {
	perExample := 6
	if testing.Short() {
		perExample = 2
	}
	for _, v := range Versions {
		t.Run(v.Header, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(v.Version))))
			total := 0
			for _, ex := range examples(t, v) {
				for _, data := range variants(r, ex.data, perExample) {
					if check(t, v, ex, data) {
						total++
					}
				}
				if t.Failed() {
					return // the first disagreements say enough
				}
			}
			t.Logf("%s: %d mutated inputs agree", v.Header, total)
		})
	}
}
