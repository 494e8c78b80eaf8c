package jsonx

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrderPredictsWhatItLearnt(t *testing.T) {
	var o [4]Learnt
	order := Order(o[:])
	for f := -1; f < 3; f++ {
		g := order.After(f)
		assert.Equal(t, f+1, g, "before learning, after %d: %d, want %d", f, g, f+1)
	}
	last := order.Learn(-1, 2)  // field 2 came first
	last = order.Learn(last, 0) // then field 0
	last = order.Learn(last, -1)
	assert.Equal(t, 0, last, "a key of no field moved the prediction")
	order.Learn(last, 1) // field 1 after the key of no field: after 0
	for _, c := range [][2]int{{-1, 2}, {2, 0}, {0, 1}, {1, 2}} {
		g := order.After(c[0])
		assert.Equal(t, c[1], g, "after %d: %d, want %d", c[0], g, c[1])
	}
	assert.Equal(t, 8, order.After(7), "after a field out of range")
}

// triple is decoded the way generated decoders decode a struct, counting
// the keys that were not predicted.
type triple struct{ A, B, C *string }

var (
	orderTriple [4]Learnt
	namesTriple = []string{QuoteKey("a"), QuoteKey("b"), QuoteKey("c")}
	missed      int
)

func decodeTriple(d *Decoder, v *triple) error {
	ok, err := d.Object()
	if !ok {
		return err
	}
	last := -1
	for n := 0; ; n++ {
		f := Order(orderTriple[:]).After(last)
		if d.KeyIs(n, f, namesTriple) {
			last = f
		} else {
			key, err := d.Key(n)
			if err != nil || key == nil {
				return err
			}
			missed++
			f = -1
			switch string(key) {
			case "a":
				f = 0
			case "b":
				f = 1
			case "c":
				f = 2
			}
			last = Order(orderTriple[:]).Learn(last, f)
		}
		switch f {
		case 0:
			v.A, err = StringTo(d, v.A)
		case 1:
			v.B, err = StringTo(d, v.B)
		case 2:
			v.C, err = StringTo(d, v.C)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

// Objects whose keys come in an order of their own, with a key of no
// field among them, miss predictions only while the order is learnt (and
// on that key), and decode as encoding/json decodes them.
func TestKeysInAnOrderOfTheirOwnArePredicted(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	in := "[" + strings.TrimSuffix(strings.Repeat(`{"c":"3","x":0,"a":"1","b":"2"},`, 100), ",") + "]"
	missed = 0
	var got, want []triple
	require.NoError(t, Run([]byte(in), &got, func(d *Decoder, p *[]triple) error { return Slice(d, p, decodeTriple) }))
	require.NoError(t, json.Unmarshal([]byte(in), &want))
	for i := range want {
		require.Equal(t, *want[i].A, *got[i].A, "element %d differs", i)
		require.Equal(t, *want[i].B, *got[i].B, "element %d differs", i)
		require.Equal(t, *want[i].C, *got[i].C, "element %d differs", i)
	}
	// Each object misses on "x", which is no field; the first object also
	// on "c", its first key, and on "a", which it had yet to learn.
	assert.Equal(t, 100+2, missed, "keys not predicted")
}
