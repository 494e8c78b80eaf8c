package jsonx

// KeyIs is a fast path for Key used by struct decoders: it reports whether
// the next key of the object is exactly names[f], written without escapes
// and followed directly by ':', and if so consumes it with the colon (and
// the ',' before it when n > 0, as Key would). Otherwise it consumes
// nothing and the caller calls Key. Encoders write the members of an
// object in a fixed order, usually the order of the struct's fields, so
// guessing the field after the last one matched turns most key lookups
// into one comparison.
//
// Every names[f] tried must be a plain ASCII key (no '"', '\\' or control
// characters), or "" for a name that is not: then the input bytes equal
// to it are exactly that JSON string. Keys of the outermost object always
// go through Key, so that whatever Key does per top-level member is done.
func (d *Decoder) KeyIs(n, f int, names []string) bool {
	if uint(f) >= uint(len(names)) || d.depth <= 1 {
		return false
	}
	name := names[f]
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
	end := i + len(name) + 2 // index of the ':'
	if name == "" || end >= len(data) || data[i] != '"' || data[end-1] != '"' || data[end] != ':' ||
		string(data[i+1:end-1]) != name {
		return false
	}
	d.pos = end + 1
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
