package jsonx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.NoError(t, err, "Run: %v, %+v", err, v)
	require.NotNil(t, v.A, "Run: %v, %+v", err, v)
	require.Equal(t, "x", *v.A, "Run: %v, %+v", err, v)
	require.Equal(t, "y", *v.B, "Run: %v, %+v", err, v)
	require.Equal(t, Fast, called, "fast path called: %v, Fast: %v", called, Fast)
}

// TestRunFallsBackToEncodingJSON: a fast-path failure yields encoding/json's
// own error and result, unless Strict asks for the fast path's error.
func TestRunFallsBackToEncodingJSON(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: there is no fast path to fall back from")
	}
	failing := func(d *Decoder, p *pair) error { return d.syntax("planted failure") }
	var v pair
	err := Run([]byte(`{"a":"x"}`), &v, failing)
	require.NoError(t, err, "fallback did not decode with encoding/json")
	require.NotNil(t, v.A, "fallback did not decode with encoding/json")
	require.Equal(t, "x", *v.A, "fallback did not decode with encoding/json")
	var se *json.SyntaxError
	require.ErrorAs(t, Run([]byte(`{"a":`), &v, failing), &se)
	// As with encoding/json, a syntax error leaves the destination as it
	// was, even though the fast path wrote to it before failing.
	before := "kept"
	w := pair{A: nil, B: &before}
	err = Run([]byte(`{"a":"x","b":`), &w, decodePair)
	require.ErrorAs(t, err, &se, "after a syntax error")
	require.Nil(t, w.A, "after a syntax error")
	require.Same(t, &before, w.B, "after a syntax error")
	require.Equal(t, "kept", before, "after a syntax error")
	var ie *json.InvalidUnmarshalError
	require.ErrorAs(t, Run([]byte(`{}`), (*pair)(nil), decodePair), &ie, "nil destination")
	Strict = true
	defer func() { Strict = false }()
	var je *Error
	require.ErrorAs(t, Run([]byte(`{"a":"x"}`), &v, failing), &je, "Strict")
	require.Equal(t, "planted failure", je.Msg, "Strict")
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
	require.NoError(t, err, "decode: %v", err)
	require.NoError(t, json.Unmarshal([]byte(b.String()), &want), "decode: %v", err)
	require.Len(t, got, n, "%d elements", len(got))
	seen := map[*string]bool{}
	for i := range got {
		require.Equal(t, *want[i].A, *got[i].A, "element %d", i)
		require.Equal(t, *want[i].B, *got[i].B, "element %d", i)
		require.False(t, seen[got[i].A], "element %d shares a target", i)
		require.False(t, seen[got[i].B], "element %d shares a target", i)
		require.NotSame(t, got[i].A, got[i].B, "element %d shares a target", i)
		seen[got[i].A], seen[got[i].B] = true, true
	}
	*got[0].A = "changed"
	require.NotEqual(t, "changed", *got[1].A, "writing one field changed another")
	require.NotEqual(t, "changed", *got[0].B, "writing one field changed another")
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
		assert.Equal(t, c.err, (err != nil), "%s: %q, %v", c.name, got, err)
		assert.Equal(t, c.content, string(got), "%s: %q, %v", c.name, got, err)
		if c.name == "declared" {
			assert.LessOrEqual(t, cap(got), 6, "declared length: buffer for 5 bytes")
		}
	}
	boom := errors.New("connection reset")
	_, err := ReadBody(&http.Response{ContentLength: 10, Body: &body{Reader: io.MultiReader(strings.NewReader("abc"), iotest{boom})}})
	assert.ErrorIs(t, err, boom, "read error")
}

type iotest struct{ err error }

func (r iotest) Read([]byte) (int, error) { return 0, r.err }
