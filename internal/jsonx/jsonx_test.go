package jsonx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

type pair struct {
	A *string
	B *string
}

func decodePair(d *Decoder, v *pair) error {
	ok, err := d.Object()
	if !ok {
		return err
	}
	for n := 0; ; n++ {
		key, err := d.Key(n)
		if err != nil || key == nil {
			return err
		}
		switch string(key) {
		case "a":
			err = StringPtr(d, &v.A)
		case "b":
			err = StringPtr(d, &v.B)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

// TestRunUsesTheFastPathPerBuildTag: the fast path runs exactly when Fast
// is set (it is not under the intercom_stdjson tag), and the result is the
// same either way.
func TestRunUsesTheFastPathPerBuildTag(t *testing.T) {
	called := false
	var v pair
	err := Run([]byte(`{"a":"x","b":"y"}`), &v, func(d *Decoder, p *pair) error {
		called = true
		return decodePair(d, p)
	})
	if err != nil || v.A == nil || *v.A != "x" || *v.B != "y" {
		t.Fatalf("Run: %v, %+v", err, v)
	}
	if called != Fast {
		t.Fatalf("fast path called: %v, Fast: %v", called, Fast)
	}
}

// TestRunFallsBackToEncodingJSON: a fast-path failure yields encoding/json's
// own error and result, unless Strict asks for the fast path's error.
func TestRunFallsBackToEncodingJSON(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: there is no fast path to fall back from")
	}
	failing := func(d *Decoder, p *pair) error { return d.syntax("planted failure") }
	var v pair
	if err := Run([]byte(`{"a":"x"}`), &v, failing); err != nil || v.A == nil || *v.A != "x" {
		t.Fatalf("fallback did not decode with encoding/json: %v %+v", err, v)
	}
	var se *json.SyntaxError
	if err := Run([]byte(`{"a":`), &v, failing); !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *json.SyntaxError", err, err)
	}
	// As with encoding/json, a syntax error leaves the destination as it
	// was, even though the fast path wrote to it before failing.
	before := "kept"
	w := pair{A: nil, B: &before}
	err := Run([]byte(`{"a":"x","b":`), &w, decodePair)
	if !errors.As(err, &se) || w.A != nil || w.B != &before || before != "kept" {
		t.Fatalf("after a syntax error: %v, %+v", err, w)
	}
	var ie *json.InvalidUnmarshalError
	if err := Run([]byte(`{}`), (*pair)(nil), decodePair); !errors.As(err, &ie) {
		t.Fatalf("nil destination: %T %v", err, err)
	}
	Strict = true
	defer func() { Strict = false }()
	var je *Error
	if err := Run([]byte(`{"a":"x"}`), &v, failing); !errors.As(err, &je) || je.Msg != "planted failure" {
		t.Fatalf("Strict: %v", err)
	}
}

// TestSharedStringsStayDistinct decodes more string values than one shared
// block holds, with escapes and duplicate keys: every target must get its
// own value, and none may alias another.
func TestSharedStringsStayDistinct(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	const n = 500
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		v := strconv.Itoa(i) + strings.Repeat("z", i%40)
		b.WriteString(`{"a":"` + v + `\u00e9","b":"drop","b":"` + v + `"}`)
	}
	b.WriteString("]")
	var got []pair
	err := Run([]byte(b.String()), &got, func(d *Decoder, p *[]pair) error { return Slice(d, p, decodePair) })
	var want []pair
	if jerr := json.Unmarshal([]byte(b.String()), &want); err != nil || jerr != nil {
		t.Fatalf("decode: %v, %v", err, jerr)
	}
	if len(got) != n {
		t.Fatalf("%d elements", len(got))
	}
	seen := map[*string]bool{}
	for i := range got {
		if *got[i].A != *want[i].A || *got[i].B != *want[i].B {
			t.Fatalf("element %d: %q %q, want %q %q", i, *got[i].A, *got[i].B, *want[i].A, *want[i].B)
		}
		if seen[got[i].A] || seen[got[i].B] || got[i].A == got[i].B {
			t.Fatalf("element %d shares a target", i)
		}
		seen[got[i].A], seen[got[i].B] = true, true
	}
	*got[0].A = "changed"
	if *got[1].A == "changed" || *got[0].B == "changed" {
		t.Fatal("writing one field changed another")
	}
}

type body struct {
	io.Reader
	closed bool
}

func (b *body) Close() error { b.closed = true; return nil }

// TestReadBody reads bodies with and without Content-Length, and does not
// trust a huge declared length with a huge buffer.
func TestReadBody(t *testing.T) {
	for _, c := range []struct {
		name    string
		length  int64
		content string
		err     bool
	}{
		{"declared", 5, "hello", false},
		{"unknown", -1, "hello", false},
		{"huge claim", 1 << 40, "hello", false},
		{"empty", 0, "", false},
	} {
		got, err := ReadBody(&http.Response{ContentLength: c.length, Body: &body{Reader: strings.NewReader(c.content)}})
		if (err != nil) != c.err || string(got) != c.content {
			t.Errorf("%s: %q, %v", c.name, got, err)
		}
		if c.name == "declared" && cap(got) > 6 {
			t.Errorf("declared length: buffer of %d bytes for 5", cap(got))
		}
	}
	boom := errors.New("connection reset")
	_, err := ReadBody(&http.Response{ContentLength: 10, Body: &body{Reader: io.MultiReader(strings.NewReader("abc"), iotest{boom})}})
	if !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
}

type iotest struct{ err error }

func (r iotest) Read([]byte) (int, error) { return 0, r.err }
