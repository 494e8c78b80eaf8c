package jsonx

import (
	"encoding/json"
	"net/url"
	"strconv"
)

// Intercom's traffic differs from its descriptions in a few classes of
// value (docs/divergences.md): integers sent as numeric strings
// (pages.per_page: "100"), strings sent as numbers
// (conversation.statistics.last_closed_by_id), objects sent as a string
// (contact.avatar as its URL, pages.next as a link). The normaliser marks
// such fields; the generated decoders read them with the helpers below, and
// the generated UnmarshalJSON methods, which encoding/json calls, with
// Relax and StringValue, so that both give one result.

// Lenient field kinds, as the generated code passes them to Relax.
const (
	AsDeclared     byte = iota // decoded as declared
	IntOrString                // an integer, or a string holding an integer literal
	StringOrNumber             // a string, or a number read as its literal text
)

// integerLiteral reports whether s is a JSON integer literal:
// -?(0|[1-9][0-9]*).
func integerLiteral(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NextIs reports whether the next value starts with c (say '"' for a
// string), without consuming it.
func (d *Decoder) NextIs(c byte) bool { return d.peek() == c }

// ReadString reads the next value, which must be a string.
func (d *Decoder) ReadString() (string, error) {
	if d.peek() != '"' {
		return "", d.mismatch("string")
	}
	return d.readString()
}

// stringInt reads a string holding an integer literal as that integer.
func (d *Decoder) stringInt(bitSize int) (int64, error) {
	s, err := d.readString()
	if err != nil {
		return 0, err
	}
	if !integerLiteral(s) {
		return 0, d.mismatch("integer (in a string)")
	}
	n, err := strconv.ParseInt(s, 10, bitSize)
	if err != nil {
		return 0, d.mismatch("integer (overflow)")
	}
	return n, nil
}

// IntOrStringTo decodes into the *int p as IntTo does, but also reads a
// string holding an integer literal as that integer ("100" as 100).
func IntOrStringTo(d *Decoder, p *int) (*int, error) {
	if d.peek() != '"' {
		return IntTo(d, p)
	}
	n, err := d.stringInt(strconv.IntSize)
	if err != nil {
		return p, err
	}
	if p == nil {
		p = d.newInt()
	}
	*p = int(n)
	return p, nil
}

// IntOrStringValue is IntOrStringTo for an int field.
func IntOrStringValue(d *Decoder, p *int) error {
	if d.peek() != '"' {
		return Int(d, p)
	}
	n, err := d.stringInt(strconv.IntSize)
	if err == nil {
		*p = int(n)
	}
	return err
}

// numberText reads a number and returns its literal text.
func (d *Decoder) numberText() (string, error) {
	lit, _, err := d.number()
	if err != nil {
		return "", err
	}
	return d.keep(lit), nil
}

func isNumberStart(c byte) bool { return c == '-' || (c >= '0' && c <= '9') }

// StringOrNumberTo decodes into the *string p as StringTo does, but also
// reads a number as its literal text (12345 as "12345").
func StringOrNumberTo(d *Decoder, p *string) (*string, error) {
	if !isNumberStart(d.peek()) {
		return StringTo(d, p)
	}
	s, err := d.numberText()
	if err != nil {
		return p, err
	}
	if p == nil {
		p = d.newString()
	}
	*p = s
	return p, nil
}

// StringOrNumberValue is StringOrNumberTo for a string field.
func StringOrNumberValue(d *Decoder, p *string) error {
	if !isNumberStart(d.peek()) {
		return String(d, p)
	}
	s, err := d.numberText()
	if err == nil {
		*p = s
	}
	return err
}

// matchField returns the index of the field encoding/json (and the
// generated decoders) would store key in: the first exact match, else the
// first match under case folding; -1 for none.
func matchField(key []byte, names []string) int {
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	fk := string(FoldName(key))
	for i, n := range names {
		if string(FoldName([]byte(n))) == fk {
			return i
		}
	}
	return -1
}

// Relax rewrites the members of the JSON object data that belong to
// lenient fields (names lists a struct's fields' JSON names in declaration
// order, kinds their kinds) so that encoding/json reads them as the
// generated decoders do: a string holding an integer literal becomes that
// number, a number becomes a string of its text. Anything else, including
// input that is not a valid object, is returned unchanged, so that
// encoding/json reports on it as ever. Generated UnmarshalJSON methods call
// it; it is not on the generated decoders' path.
func Relax(data []byte, names []string, kinds []byte) []byte {
	d := &Decoder{data: data}
	if ok, err := d.Object(); !ok || err != nil {
		return data
	}
	var out []byte
	copied := 0
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil {
			return data // a syntax error: encoding/json reports it
		}
		if key == nil {
			break
		}
		f := matchField(key, names)
		if d.peek() == 0 {
			return data
		}
		start := d.pos
		if err := d.skipValue(); err != nil {
			return data
		}
		if f < 0 || kinds[f] == AsDeclared {
			continue
		}
		raw := data[start:d.pos]
		var repl []byte
		switch kinds[f] {
		case IntOrString:
			if raw[0] == '"' {
				var s string
				if json.Unmarshal(raw, &s) == nil && integerLiteral(s) {
					repl = []byte(s)
				}
			}
		case StringOrNumber:
			if isNumberStart(raw[0]) {
				repl = append(append([]byte{'"'}, raw...), '"')
			}
		}
		if repl != nil {
			out = append(append(out, data[copied:start]...), repl...)
			copied = d.pos
		}
	}
	if out == nil || d.end() != nil {
		return data // nothing to change, or trailing data encoding/json reports
	}
	return append(out, data[copied:]...)
}

// StringValue reports whether data, a raw JSON value as encoding/json hands
// it to UnmarshalJSON, is a string, and returns it unquoted.
func StringValue(data []byte) (string, bool, error) {
	for len(data) > 0 && (data[0] == ' ' || data[0] == '\t' || data[0] == '\n' || data[0] == '\r') {
		data = data[1:]
	}
	if len(data) == 0 || data[0] != '"' {
		return "", false, nil
	}
	var s string
	err := json.Unmarshal(data, &s)
	return s, true, err
}

// Query returns the query parameters of a URL sent in place of a paging
// object (pages.next as "https://api.intercom.io/articles?page=2"); nil if
// s is not a URL.
func Query(s string) url.Values {
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil
	}
	return q
}

// QueryString returns the first value of a query parameter.
func QueryString(q url.Values, name string) (string, bool) {
	v, ok := q[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// QueryInt returns the first value of a query parameter that holds an
// integer literal.
func QueryInt(q url.Values, name string) (int, bool) {
	s, ok := QueryString(q, name)
	if !ok || !integerLiteral(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
