package input

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// split cuts a line as strings.Split does, whatever the bytes around the
// delimiters (0x01 above one, which the eight-byte search must check).
func TestSplitAsStringsSplit(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	alphabet := []byte{'\t', ',', 0x01, 0x00, 0x08, 0x09 ^ 0x80, 0x2c ^ 0x01, 'a', 'Z', 0xff, 0x80, ' '}
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.Intn(70))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		for _, d := range []byte{'\t', ','} {
			tb := &Table{Delim: d}
			got := slices.Clone(tb.split(b))
			if want := strings.Split(string(b), string(d)); !slices.Equal(got, want) {
				t.Fatalf("split(%q, %q) = %q, want %q", b, d, got, want)
			}
		}
	}
}
