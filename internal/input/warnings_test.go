package input

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Past maxWarningsLike warnings of one format about one file, the rest are
// counted in one line where the first of them would have been; another
// format, or another file, is another kind.
func TestWarnfSummarisesAKind(t *testing.T) {
	s := &Sink{}
	var want []string
	for i := range 1000 {
		s.Warnf("%s:%d: odd value %q", "a.txt", i+2, "x")
		if i < maxWarningsLike {
			want = append(want, fmt.Sprintf("a.txt:%d: odd value \"x\"", i+2))
		}
		if i < 3 { // another kind, among them
			s.Warnf("%s:%d: something else", "a.txt", i+2)
			want = append(want, fmt.Sprintf("a.txt:%d: something else", i+2))
		}
		if i == maxWarningsLike {
			want = append(want, "") // the count, in the place of the first not listed
		}
		if i%40 == 0 { // the same format about another file: 25 of them
			s.Warnf("%s:%d: odd value %q", "b.txt", i+2, "y")
			if i/40 < maxWarningsLike {
				want = append(want, fmt.Sprintf("b.txt:%d: odd value \"y\"", i+2))
			}
			if i/40 == maxWarningsLike {
				want = append(want, "b.txt: 5 more warnings like these not listed (25 in all)")
			}
		}
	}
	want[slices.Index(want, "")] = "a.txt: 980 more warnings like these not listed (1000 in all)"
	compareLines(t, "warnings", s.warnings, want)
	if len(s.kinds) != 3 {
		t.Errorf("%d kinds kept, want 3", len(s.kinds))
	}
}

// A warning whose first argument is no string has no file: its format
// alone is its kind, and its count names no file.
func TestWarnfWithoutFile(t *testing.T) {
	s := &Sink{}
	for i := range maxWarningsLike + 2 {
		s.Warnf("%d odd things", i)
	}
	if n := len(s.warnings); n != maxWarningsLike+1 || s.warnings[n-1] != "2 more warnings like these not listed (22 in all)" {
		t.Errorf("warnings %q", s.warnings)
	}
}

// A list changed by other hands (a background reader's warnings merged
// in) keeps every line as written: a kind counted before starts a new
// count at the end rather than rewriting a line that may have moved.
func TestWarnfAfterTheListChanged(t *testing.T) {
	s := &Sink{warnings: []string{"given first"}}
	for i := range maxWarningsLike + 1 {
		s.Warnf("%s:%d: odd", "a.txt", i+2)
	}
	s.warnings = slices.Insert(s.warnings, 1, "merged in")
	s.Warnf("%s:%d: odd", "a.txt", 99)
	s.Warnf("%s:%d: odd", "a.txt", 100)
	want := []string{"given first", "merged in"}
	for i := range maxWarningsLike {
		want = append(want, fmt.Sprintf("a.txt:%d: odd", i+2))
	}
	want = append(want, "a.txt: 1 more warnings like these not listed (21 in all)",
		"a.txt: 2 more warnings like these not listed (23 in all)")
	compareLines(t, "warnings", s.warnings, want)
}

// Through Load: an orders report's unknown fulfillment channels, one
// warning each, are summarised per file, in the same place whether the
// orders reports are read on their own goroutine or file after file.
func TestLoadSummarisesWarnings(t *testing.T) {
	dir := t.TempDir()
	head := "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n"
	orders := func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		for i := range n {
			fmt.Fprintf(&b, "111-%07d-0000001\t2026-10-02\tDrone %d\tAmazon.com\n", i, i)
		}
		return b.String()
	}
	a := writeFile(t, dir, "a-orders.txt", orders(30))
	writeFile(t, dir, "b-notes.md", "not a report\n")
	c := writeFile(t, dir, "c-orders.txt", orders(maxWarningsLike+5))
	var want []string
	for i := range maxWarningsLike {
		want = append(want, fmt.Sprintf("%s:%d: unknown fulfillment-channel \"Drone %d\": its orders count in \"all\" only", a, i+2, i))
	}
	want = append(want, a+": 10 more warnings like these not listed (30 in all)",
		"skipped "+filepath.Join(dir, "b-notes.md")+": not a recognised report")
	for i := range maxWarningsLike {
		want = append(want, fmt.Sprintf("%s:%d: unknown fulfillment-channel \"Drone %d\": its orders count in \"all\" only", c, i+2, i))
	}
	want = append(want, c+": 5 more warnings like these not listed (25 in all)")
	for _, background := range []bool{false, true} {
		backgroundOrders = background
		l := mustLoad(t, Options{}, dir)
		backgroundOrders = true
		compareLines(t, fmt.Sprintf("warnings (background %v)", background), l.Warnings, want)
	}
}
