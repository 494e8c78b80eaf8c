package jsonx

// KeyIs is a fast path for Key used by struct decoders: it reports whether
// the next member of the object starts with exactly names[f], a key as
// QuoteKey writes it, and if so consumes it (the ',' before it when n > 0,
// the quoted key and the colon). Otherwise it consumes nothing and the
// caller calls Key, which also deals with any whitespace. Encoders write
// the members of an object in a fixed order, usually the order of the
// struct's fields, so guessing the field after the last one matched turns
// most key lookups into one comparison; KeyIs is small enough to be
// inlined into the decoders.
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
