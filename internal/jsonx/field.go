package jsonx

// KeyIs is a fast path for Key used by struct decoders: it reports whether
// the next member of the object starts with exactly names[f], a key as
// QuoteKey writes it (quotes and colon included), and if so consumes it
// (with the ',' before it when n > 0, as Key would). Otherwise it consumes
// nothing and the caller calls Key. Encoders write the members of an
// object in a fixed order, usually the order of the struct's fields, so
// guessing the field after the last one matched turns most key lookups
// into one comparison.
//
// Keys of the outermost object always go through Key, so that whatever
// Key does per top-level member is done.
func (d *Decoder) KeyIs(n, f int, names []string) bool {
	if uint(f) >= uint(len(names)) || d.depth <= 1 {
		return false
	}
	q := names[f]
	data := d.data
	i := d.pos
	if n > 0 {
		if i >= len(data) || data[i] != ',' {
			return false
		}
		i++
	}
	for i < len(data) && data[i] <= ' ' && isSpace(data[i]) {
		i++
	}
	if len(data)-i < len(q) || q == "" || string(data[i:i+len(q)]) != q {
		return false
	}
	d.pos = i + len(q)
	return true
}

// QuoteKey returns the form of key KeyIs compares with the input: the key
// in quotes followed by ':'. A key that needs escaping, or that is not
// ASCII, gives "", which KeyIs never matches: the input bytes equal to
// the quoted form would then not be exactly that JSON string.
func QuoteKey(key string) string {
	if key == "" {
		return ""
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return ""
		}
	}
	return `"` + key + `":`
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
