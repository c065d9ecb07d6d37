package render

import "testing"

func TestHTMLGroup(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2657: "2,657", 499568: "499,568", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := htmlGroup(n); got != want {
			t.Errorf("htmlGroup(%d) = %q, want %q", n, got, want)
		}
	}
}
