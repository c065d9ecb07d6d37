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

// trim is strings.TrimSpace.
func TestTrimAsTrimSpace(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	alphabet := []string{" ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u2003", "a", "Z", "~", "\x7f", "\x00", "é", "\xff", "\x80"}
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(6); k > 0; k-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		if v := b.String(); trim(v) != strings.TrimSpace(v) {
			t.Fatalf("trim(%q) = %q, want %q", v, trim(v), strings.TrimSpace(v))
		}
	}
}
