package jsonx

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// firstSpecial is the reference for special: the index of the first byte
// of b that is not plain, or len(b).
func firstSpecial(b []byte) int {
	for i, c := range b {
		if !plain[c] {
			return i
		}
	}
	return len(b)
}

func checkSpecial(t *testing.T, b []byte) {
	t.Helper()
	got := 8
	if m := special(binary.LittleEndian.Uint64(b)); m != 0 {
		got = bits.TrailingZeros64(m) >> 3
	}
	want := firstSpecial(b)
	require.Equal(t, want, got, "special(% x) flags byte %d first, want %d", b, got, want)
}

// TestSpecialFindsTheFirstNonPlainByte: every pair of byte values, at
// every pair of adjacent positions after plain bytes (which covers each
// borrow from one byte into the next), then random words drawn mostly from
// the boundary values.
func TestSpecialFindsTheFirstNonPlainByte(t *testing.T) {
	b := make([]byte, 8)
	for pos := 0; pos < 7; pos++ {
		for x := 0; x < 256; x++ {
			for y := 0; y < 256; y++ {
				for i := range b {
					b[i] = 'a'
				}
				b[pos], b[pos+1] = byte(x), byte(y)
				checkSpecial(t, b)
			}
		}
	}
	edges := []byte{0, 1, 0x1f, 0x20, 0x21, '"', 0x23, 0x5b, '\\', 0x5d, 0x7e, 0x7f, 0x80, 0x81, 0x9f, 0xa0, 0xa2, 0xdc, 0xff}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200000; n++ {
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = edges[r.IntN(len(edges))]
			}
		}
		checkSpecial(t, b)
	}
}
