package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestWrapWords(t *testing.T) {
	got := WrapWords("on 2026-11-20 the order 114-6161865-0739074 was late", 16, "  ", "    ")
	want := []string{"  on 2026-11-20", "    the order", "    114-6161865-0739074", "    was late"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A table narrower than its cells loses its narrowings in order, then
// wraps its prose column at word boundaries; with no width it is
// WriteTable's.
func TestFitTable(t *testing.T) {
	header := []string{"NAME", "WHEN", "NOTE"}
	rows := [][]string{{"alpha", "2026-11-11..2026-11-20", "a long note that wraps at words"}}
	var plain, zero bytes.Buffer
	if err := WriteTable(&plain, header, make([]bool, 3), rows); err != nil {
		t.Fatal(err)
	}
	if err := fitTable(&zero, 0, columnsOf(header, make([]bool, 3), rows), dropColumn("WHEN")); err != nil {
		t.Fatal(err)
	}
	if zero.String() != plain.String() {
		t.Errorf("width 0:\n%s\nwant\n%s", zero.String(), plain.String())
	}
	for _, tt := range []struct {
		steps []narrowing
		want  string
	}{
		{[]narrowing{shortenColumn("WHEN", []string{"11-11..11-20"})},
			"NAME   WHEN          NOTE\n" +
				"alpha  11-11..11-20  a long note that\n" +
				"                       wraps at words\n"},
		{[]narrowing{shortenColumn("WHEN", []string{"11-11..11-20"}), dropColumn("WHEN")},
			"NAME   NOTE\n" +
				"alpha  a long note that wraps at words\n"},
	} {
		var narrow bytes.Buffer
		cols := columnsOf(header, make([]bool, 3), rows)
		cols[2].prose = true
		if err := fitTable(&narrow, 40, cols, tt.steps...); err != nil {
			t.Fatal(err)
		}
		if narrow.String() != tt.want {
			t.Errorf("width 40:\n%s\nwant\n%s", narrow.String(), tt.want)
		}
	}
}
