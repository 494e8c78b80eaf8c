package facade

import (
	"encoding/json"
	"unicode/utf8"
)

// tailWindow bounds how far lastMembers reads back from the end of a body:
// paging fields are small and come after the items, so reading the whole
// list backwards would only cost time.
const tailWindow = 4 << 10

// maxTailMembers bounds how many members lastMembers collects.
const maxTailMembers = 16

// lastMembers reads the top-level object in data backwards from its
// closing brace and hands fn its last members, in document order: those
// after the first value (from the end) that ends more than tailWindow bytes
// before the end of data, typically the list's items. It reports false
// when data does not end like an object. It trusts that data is JSON, so
// what it finds is a guess to be checked against a real decode; it never
// reads outside data.
func lastMembers(data []byte, fn func(key, raw []byte)) bool {
	type member struct{ key, raw []byte }
	floor := max(0, len(data)-tailWindow)
	i := spaceBack(data, len(data)-1, floor)
	if i < 0 || data[i] != '}' {
		return false
	}
	var found []member
	i--
	for len(found) < maxTailMembers {
		i = spaceBack(data, i, floor)
		if i < 0 {
			break // out of the window: keep what was found
		}
		if data[i] == '{' {
			break // the object's opening brace
		}
		start := valueStartBack(data, i, floor)
		if start < 0 {
			break
		}
		j := spaceBack(data, start-1, floor)
		if j < 0 || data[j] != ':' {
			return false
		}
		j = spaceBack(data, j-1, floor)
		if j < 0 || data[j] != '"' {
			return false
		}
		ks := stringStartBack(data, j, floor)
		if ks < 0 {
			return false
		}
		key, ok := keyText(data[ks : j+1])
		if !ok {
			return false
		}
		found = append(found, member{key: key, raw: data[start : i+1]})
		i = spaceBack(data, ks-1, floor)
		if i < 0 {
			break
		}
		switch data[i] {
		case ',':
			i--
		case '{':
			i = -1 // the opening brace: every member was read
		default:
			return false
		}
		if i < 0 {
			break
		}
	}
	for k := len(found) - 1; k >= 0; k-- {
		fn(found[k].key, found[k].raw)
	}
	return true
}

// spaceBack returns the index of the last byte at or before i that is not
// JSON whitespace, or -1 if there is none at or above floor.
func spaceBack(data []byte, i, floor int) int {
	for ; i >= floor && i < len(data); i-- {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return i
		}
	}
	return -1
}

// valueStartBack returns where the value ending at data[i] starts, or -1.
func valueStartBack(data []byte, i, floor int) int {
	switch c := data[i]; c {
	case '"':
		return stringStartBack(data, i, floor)
	case '}', ']':
		depth := 0
		for k := i; k >= floor; k-- {
			switch data[k] {
			case '}', ']':
				depth++
			case '{', '[':
				depth--
				if depth == 0 {
					return k
				}
			case '"':
				if k = stringStartBack(data, k, floor); k < 0 {
					return -1
				}
			}
		}
		return -1
	default:
		k := i
		for k >= floor && literalByte(data[k]) {
			k--
		}
		if k == i {
			return -1
		}
		return k + 1
	}
}

// stringStartBack returns the index of the quote that opens the string
// whose closing quote is data[end], or -1. A quote is a delimiter when an
// even number of backslashes precedes it.
func stringStartBack(data []byte, end, floor int) int {
	for k := end - 1; k >= floor; k-- {
		if data[k] != '"' {
			continue
		}
		n := 0
		for b := k - 1; b >= 0 && data[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return k
		}
	}
	return -1
}

func literalByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '-' || c == '+' || c == '.' || c == 'E'
}

// keyText is the text of a quoted key, as encoding/json reads it.
func keyText(quoted []byte) ([]byte, bool) {
	inner := quoted[1 : len(quoted)-1]
	for _, c := range inner {
		if c == '\\' || c >= utf8.RuneSelf {
			var s string
			if json.Unmarshal(quoted, &s) != nil {
				return nil, false
			}
			return []byte(s), true
		}
	}
	return inner, true
}
