package jsonx

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntegersLikeEncodingJSON: integers into *int (IntPtr and IntTo) and
// int64 (the fast path for short plain literals and the general one for
// the rest) give encoding/json's value and error-or-not, judged on the
// fast path alone.
func TestIntegersLikeEncodingJSON(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	Strict = true
	defer func() { Strict = false }()
	type rec struct {
		P *int
		N int64
		Q *int
	}
	decode := func(d *Decoder, v *rec) error {
		if ok, err := d.Array(); !ok {
			return err
		}
		if _, err := d.Elem(0); err != nil {
			return err
		}
		if err := IntPtr(d, &v.P); err != nil {
			return err
		}
		if more, err := d.Elem(1); err != nil || !more {
			return err
		}
		if err := Int(d, &v.N); err != nil {
			return err
		}
		if more, err := d.Elem(2); err != nil || !more {
			return err
		}
		var err error
		if v.Q, err = IntTo(d, v.Q); err != nil {
			return err
		}
		_, err = d.Elem(3)
		return err
	}
	for _, lit := range []string{
		"0", "-0", "7", "-7", "10", "123456789012345678", "-123456789012345678",
		"12345678", "-12345678", "99999999", "10000000", "1571672154", "-1571672154", "1234567", "123456789",
		"12345678.5", "12345678e1", "123456780123456789", "1234567801234567890",
		"1234567890123456789", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "99999999999999999999",
		"01", "-01", "00", "1.0", "1e2", "1E2", "-", "--1", "+1", "1.", "0x1", "1-", "1+", " 12", "12 ", "null",
	} {
		for _, in := range []string{"[" + lit + "," + lit + "," + lit + "]", "[" + lit + "," + lit + "," + lit} {
			var got, want rec
			gerr := Run([]byte(in), &got, decode)
			// encoding/json decodes arrays into structs only as objects:
			// the reference reads the two elements into a slice.
			var ref []*int64
			werr := json.Unmarshal([]byte(in), &ref)
			if werr == nil && len(ref) == 3 {
				if ref[0] != nil {
					p, q := int(*ref[0]), int(*ref[2])
					want.P, want.Q = &p, &q
				}
				if ref[1] != nil {
					want.N = *ref[1]
				}
			}
			if !assert.Equal(t, werr == nil, gerr == nil, "%s: error %v, encoding/json %v", in, gerr, werr) || gerr != nil {
				continue
			}
			// Equal compares what the pointers hold, as encoding/json would.
			assert.Equal(t, want.P, got.P, "%s: P", in)
			assert.Equal(t, want.N, got.N, "%s: N", in)
			assert.Equal(t, want.Q, got.Q, "%s: Q", in)
		}
	}
}

type longItem struct {
	N *int
	S string
}

func decodeLongItem(d *Decoder, v *longItem) error {
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
		case "N":
			v.N, err = IntTo(d, v.N)
		case "S":
			err = String(d, &v.S)
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

// TestLongArraysLikeEncodingJSON: arrays of one type, long and short, one
// after the other (so that each is decoded at the capacity the last one
// suggests: too much, too little, exact), truncated ones included, equal
// encoding/json's, and keep at most twice their length in capacity.
func TestLongArraysLikeEncodingJSON(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	Strict = true
	defer func() { Strict = false }()
	for _, n := range []int{20, 20, 9, 300, 10, 0, 8, 50, 51, 49, 1000, 3, 12} {
		for _, truncate := range []bool{false, true} {
			var b strings.Builder
			b.WriteString("[")
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, `{"N":%d,"S":"s%d"}`, i, i)
			}
			in := b.String()
			if !truncate {
				in += "]"
			}
			var got, want []longItem
			gerr := Run([]byte(in), &got, func(d *Decoder, v *[]longItem) error { return Slice(d, v, decodeLongItem) })
			werr := json.Unmarshal([]byte(in), &want)
			require.Equal(t, (werr == nil), (gerr == nil), "%d elements, truncated %v: error %v, encoding/json %v", n, truncate, gerr, werr)
			if gerr != nil {
				continue
			}
			require.Equal(t, want, got, "%d elements: got %d, want %d", n, len(got), len(want))
			if len(got) > smallArray {
				assert.LessOrEqual(t, cap(got), 2*len(got), "%d elements: capacity", n)
			}
		}
	}
}

// TestEightDigits: the word-at-a-time digit test and parse agree with a
// byte loop and strconv on random words, mostly digits.
func TestEightDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	b := make([]byte, 8)
	for n := 0; n < 200000; n++ {
		digits := true
		for i := range b {
			if r.IntN(16) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = '0' + byte(r.IntN(10))
			}
			digits = digits && b[i] >= '0' && b[i] <= '9'
		}
		w := binary.LittleEndian.Uint64(b)
		require.Equal(t, digits, eightDigits(w), "eightDigits(%q) = %v", b, !digits)
		if digits {
			want, err := strconv.ParseInt(string(b), 10, 64)
			require.NoError(t, err, "%q", b)
			require.Equal(t, want, parseEight(w), "parseEight(%q)", b)
		}
	}
}

// A long array yields the processor now and then: with one processor, a
// goroutine made runnable before the decode starts runs during it, not
// only after it.
func TestLongArraysYieldTheProcessor(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var ran atomic.Bool
	go ran.Store(true)
	in := "[" + strings.Repeat("1,", 199) + "1]"
	seenAt, n := -1, 0
	var got []int
	err := Run([]byte(in), &got, func(d *Decoder, p *[]int) error {
		return Slice(d, p, func(d *Decoder, v *int) error {
			if seenAt < 0 && ran.Load() {
				seenAt = n
			}
			n++
			return Int(d, v)
		})
	})
	require.NoError(t, err, "%d elements", len(got))
	require.Len(t, got, 200, "%d elements", len(got))
	assert.GreaterOrEqual(t, seenAt, 0, "the other goroutine did not run while the array was decoded")
}

// bigValue is an array element of bigElem bytes or more.
type bigValue struct {
	N   int
	Pad [bigElem]byte
}

// An array of big values is decoded into one slice from the start, sized
// from the last array of the type, with no growth through 1, 2, 4 and 8
// elements first.
func TestBigValuesSkipTheGrowthChain(t *testing.T) {
	if !Fast {
		t.Skip("built with intercom_stdjson: Run is encoding/json")
	}
	in := []byte("[" + strings.TrimSuffix(strings.Repeat("7,", 20), ",") + "]")
	decode := func() []bigValue {
		var got []bigValue
		err := Run(in, &got, func(d *Decoder, p *[]bigValue) error {
			return Slice(d, p, func(d *Decoder, v *bigValue) error { return Int(d, &v.N) })
		})
		// A bare check: testify's boxed arguments would allocate inside
		// the AllocsPerRun count below.
		if err != nil || len(got) != 20 || got[19].N != 7 {
			t.Fatalf("%d elements, %v", len(got), err)
		}
		return got
	}
	decode() // the length of the last array is known from here on
	// The slice, the decoder and Run's own; growing through 1, 2, 4 and 8
	// elements first would take four more.
	n := testing.AllocsPerRun(20, func() { decode() })
	assert.LessOrEqual(t, n, float64(3), "%v allocations per array of 20 big values, want at most 3", n)
}
