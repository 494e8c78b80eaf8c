package jsonx

import (
	"encoding/json"
	"net/http"
)

// TopLevel collects the members of a document's top-level object while a
// generated decoder reads it, so that a caller who needs a few of them in
// a form the decoder's type does not hold (the paging fields of a list:
// cursors in shapes the descriptions do not all declare) gets them without
// a second pass over the document.
type TopLevel struct {
	// Member is called with each member of the top-level object once its
	// value has been read: the key unescaped, and the value's raw bytes
	// (valid JSON, possibly with leading whitespace). Both alias buffers
	// reused by the decoder: copy what is kept.
	Member func(key, raw []byte)
	// Complete reports that the generated decoder read the whole document
	// and every top-level member went to Member. It stays false when the
	// decoder fell back to encoding/json or the document is no object:
	// the caller must then drop what Member was given and find the members
	// another way.
	Complete bool
}

// RunBody is Run for a document read from rsp's body: when that body is a
// *Body with a TopLevel, the decoder reports the top-level members to it.
func RunBody[T any](rsp *http.Response, data []byte, v *T, fn func(*Decoder, *T) error) error {
	if v == nil {
		return json.Unmarshal(data, v)
	}
	return RunBodyFunc(rsp, data, v, func(d *Decoder) error { return fn(d, v) })
}

// RunBodyFunc is RunBody as RunFunc is Run: untyped, for generated code.
func RunBodyFunc(rsp *http.Response, data []byte, v any, fn func(*Decoder) error) error {
	if !nonNilPointer(v) {
		return json.Unmarshal(data, v)
	}
	var top *TopLevel
	if rsp != nil {
		if b, ok := rsp.Body.(*Body); ok {
			top = b.Top
		}
	}
	return run(data, v, fn, top)
}

// topKey is Key for the members of the top-level object when a TopLevel
// listens: it hands over the member whose value was just read, then reads
// the next key and remembers it.
func (d *Decoder) topKey(n int) ([]byte, error) {
	if n > 0 {
		d.top.Member(d.tkey, d.data[d.tstart:d.pos])
	}
	key, err := d.key(n)
	if err != nil {
		return nil, err
	}
	if key == nil {
		d.topEnd = true
		return nil, nil
	}
	d.tkey = append(d.tkey[:0], key...)
	d.tstart = d.pos
	return key, nil
}

// Members hands fn each member of the top-level object in data, in document
// order: the key unescaped and the value's raw bytes, which it checks but
// does not decode. It is the other way to find the members a TopLevel
// hears, for documents no generated decoder reads, and it works in every
// build (intercom_stdjson included). Errors are the scanner's own; nothing
// falls back to encoding/json. null is an object without members, as
// encoding/json reads it into a struct. The slices alias data: copy what is
// kept.
func Members(data []byte, fn func(key, raw []byte)) error {
	d := Decoder{data: data}
	ok, err := d.Object()
	if err != nil {
		return err
	}
	if !ok {
		return d.end() // null
	}
	for n := 0; ; n++ {
		key, err := d.key(n)
		if err != nil {
			return err
		}
		if key == nil {
			return d.end()
		}
		raw, err := d.Raw()
		if err != nil {
			return err
		}
		fn(key, raw)
	}
}
