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

// splitPicked gives the fields it is asked for as strings.Split does, and
// as many fields, "" for the others.
func TestSplitPickedAsStringsSplit(t *testing.T) {
	rng := rand.New(rand.NewSource(19))
	alphabet := []byte{'\t', '\t', '\t', 'a', 'Z', ' ', '-', '0'}
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.Intn(90))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		var want []int
		for c := range 40 {
			if rng.Intn(4) == 0 {
				want = append(want, c)
			}
		}
		tb := &Table{Delim: '\t', dec: newDecoder(EncodingUTF8, nil)}
		got := slices.Clone(tb.splitPicked(b, want))
		all := strings.Split(string(b), "\t")
		if len(got) != len(all) {
			t.Fatalf("splitPicked(%q, %v): %d fields, want %d", b, want, len(got), len(all))
		}
		for i := range all {
			w := ""
			if slices.Contains(want, i) {
				w = all[i]
			}
			if got[i] != w {
				t.Fatalf("splitPicked(%q, %v)[%d] = %q, want %q", b, want, i, got[i], w)
			}
		}
	}
}
