package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kept is a struct decoded the way generated decoders decode one: its key
// loop is Member, its unknown members go to KeepMember when keep is set.
type kept struct {
	A, B *string
	U    map[string]json.RawMessage
	// keys seen by the default case, to check what Member reports.
	unknown []string
}

func decodeKept(s *Struct) func(d *Decoder, v *kept) error {
	return func(d *Decoder, v *kept) error {
		ok, err := d.Object()
		if !ok {
			return err
		}
		var w Walk
		for {
			f, err := d.Member(s, &w)
			if f == End {
				return err
			}
			switch f {
			case 0:
				v.A, err = StringTo(d, v.A)
			case 1:
				v.B, err = StringTo(d, v.B)
			default:
				v.unknown = append(v.unknown, w.Key)
				if s.Keep {
					err = d.KeepMember(&v.U, w.Key)
				} else {
					err = d.Skip()
				}
			}
			if err != nil {
				return err
			}
		}
	}
}

func newKeys(keep bool) *Struct {
	var order [3]Learnt
	return &Struct{Names: []string{QuoteKey("a"), QuoteKey("b")}, Fields: NewFields([]string{"a", "b"}), Order: order[:], Keep: keep}
}

func TestMemberWalksAnObject(t *testing.T) {
	s := newKeys(true)
	for i, in := range []string{
		`{"a":"1","x":{"y":[2]},"b":"2"}`,
		` { "A" : "1" , "x":{"y":[2]}, "b":"2" } `, // case-folded key, whitespace: looked up
		`{"b":"2","a":"1","x":{"y":[2]}}`,          // another order: predicted wrong, then learnt
		`{"b":"2","a":"1","x":{"y":[2]}}`,
	} {
		var v kept
		// Called directly rather than through Run, which is encoding/json
		// in the intercom_stdjson build.
		d := &Decoder{data: []byte(in)}
		require.NoError(t, decodeKept(s)(d, &v), "%d: %s", i, in)
		require.NoError(t, d.end(), "%d: %s", i, in)
		assert.Equal(t, "1", *v.A, "%d", i)
		assert.Equal(t, "2", *v.B, "%d", i)
		assert.Equal(t, map[string]json.RawMessage{"x": json.RawMessage(`{"y":[2]}`)}, v.U, "%d", i)
		assert.Equal(t, []string{"x"}, v.unknown, "%d", i)
	}
	// After {"b",...,"a"}: b came first (Order[0] = b+1), a after b.
	assert.Equal(t, 1, s.Order.After(-1), "the first key learnt")
	assert.Equal(t, 0, s.Order.After(1), "the key learnt after b")
}

func TestMemberKeepsNoKeyWhenTheTypeKeepsNone(t *testing.T) {
	s := newKeys(false)
	var v kept
	require.NoError(t, decodeKept(s)(&Decoder{data: []byte(`{"x":1,"a":"1"}`)}, &v))
	assert.Equal(t, []string{""}, v.unknown, "the key of a skipped member is not kept")
	assert.Nil(t, v.U)
}

func TestMemberStopsAtMalformedInput(t *testing.T) {
	s := newKeys(true)
	for _, in := range []string{`{"a":"1",}`, `{"a":"1" "b":"2"}`, `{"a"`, `{"a":"1"`} {
		var v kept
		d := &Decoder{data: []byte(in)}
		err := decodeKept(s)(d, &v)
		var se *Error
		assert.ErrorAs(t, err, &se, "%s", in)
	}
}
