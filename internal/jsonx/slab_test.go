package jsonx

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// tree nests slices and pointers of its own type, so that decoding one
// array's elements takes values from the same slab in between.
type tree struct {
	Name *string
	Kids []tree
	Next *tree
	Tags []string
}

// decodeTree is written as intercomgen writes decoders, over slot 1 for
// tree; PtrIn and SliceIn take slot 1 too for strings' slices, in the
// same probe range, so that slots are shared and probed.
func decodeTree(d *Decoder, v *tree) error {
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
		case "Name":
			err = StringPtr(d, &v.Name)
		case "Kids":
			err = SliceIn(d, &v.Kids, decodeTree, 1)
		case "Next":
			err = PtrIn(d, &v.Next, decodeTree, 1)
		case "Tags":
			err = SliceIn(d, &v.Tags, String[string], 1)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

func randomTree(r *rand.Rand, depth int) string {
	var parts []string
	if r.IntN(2) == 0 {
		parts = append(parts, fmt.Sprintf(`"Name":"n%d"`, r.IntN(100)))
	}
	if depth < 3 && r.IntN(3) > 0 {
		n := r.IntN(3)
		if r.IntN(8) == 0 {
			n = 7 + r.IntN(4) // around smallArray
		}
		kids := make([]string, n)
		for i := range kids {
			kids[i] = randomTree(r, depth+1)
		}
		parts = append(parts, `"Kids":[`+strings.Join(kids, ",")+`]`)
	}
	if depth < 3 && r.IntN(3) == 0 {
		parts = append(parts, `"Next":`+randomTree(r, depth+1))
	}
	if r.IntN(3) == 0 {
		n := r.IntN(4)
		if r.IntN(8) == 0 {
			n = 7 + r.IntN(4)
		}
		tags := make([]string, n)
		for i := range tags {
			tags[i] = fmt.Sprintf(`"t%d"`, i)
		}
		parts = append(parts, `"Tags":[`+strings.Join(tags, ",")+`]`)
	}
	r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	return "{" + strings.Join(parts, ",") + "}"
}

// TestSlabsKeepValuesApart: nested trees decoded through slabs (arrays
// of a type interleaved with arrays and pointers of the same type, arrays
// around smallArray) equal encoding/json's, and appending to a decoded
// slice leaves the values after it in the slab alone.
func TestSlabsKeepValuesApart(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	Strict = true
	defer func() { Strict = false }()
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 3000; n++ {
		in := "[" + randomTree(r, 0) + "," + randomTree(r, 0) + "]"
		var got, want []tree
		require.NoError(t, Run([]byte(in), &got, func(d *Decoder, v *[]tree) error { return SliceIn(d, v, decodeTree, 1) }), "%s", in)
		require.NoError(t, json.Unmarshal([]byte(in), &want))
		require.Equal(t, want, got, "%s:\ngot  %s\nwant %s", in, dump(got), dump(want))
		// Appending to any slice (without keeping the result) must not
		// write into another value.
		before := dump(got)
		var grow func([]tree)
		grow = func(ts []tree) {
			for i := range ts {
				_ = append(ts[i].Kids, tree{Name: new(string)})
				_ = append(ts[i].Tags, "appended")
				grow(ts[i].Kids)
				if ts[i].Next != nil {
					grow([]tree{*ts[i].Next})
				}
			}
		}
		grow(got)
		after := dump(got)
		require.Equal(t, before, after, "%s: appending changed the values:\n%s\n%s", in, before, after)
	}
}

func dump(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
