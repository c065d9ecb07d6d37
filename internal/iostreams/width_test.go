package iostreams

import (
	"errors"
	"testing"
)

func TestOutWidth(t *testing.T) {
	size := func(w int, err error) func() (int, error) { return func() (int, error) { return w, err } }
	fail := errors.New("not a terminal")
	for _, tt := range []struct {
		columns string
		size    func() (int, error)
		want    int
	}{
		{"", size(120, nil), 120},
		{"80", size(120, nil), 80}, // COLUMNS overrides
		{" 100 ", size(120, nil), 100},
		{"0", size(120, nil), 120}, // not a width: the terminal's
		{"-5", size(120, nil), 120},
		{"wide", size(120, nil), 120},
		{"", size(0, fail), 0}, // unknown
		{"", size(0, nil), 0},
		{"90", size(0, fail), 90},
	} {
		if got := outWidth(tt.columns, tt.size); got != tt.want {
			t.Errorf("outWidth(%q) = %d, want %d", tt.columns, got, tt.want)
		}
	}
}
