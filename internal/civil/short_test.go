package civil

import (
	"reflect"
	"testing"
)

func TestParseShort(t *testing.T) {
	cases := []struct {
		in    string
		order Order
		want  string // "" for an error
	}{
		{"1/13/17", MDY, "2017-01-13"},
		{"1/2/26", MDY, "2026-01-02"},
		{"12/31/25", MDY, "2025-12-31"},
		{"01/02/2026", MDY, "2026-01-02"},
		{"2/29/24", MDY, "2024-02-29"},
		{" 1/13/17 ", MDY, "2017-01-13"},
		{"2/30/26", MDY, ""},
		{"13/1/17", MDY, ""},
		{"2/29/26", MDY, ""},
		{"13/1/17", DMY, "2017-01-13"},
		{"13.1.17", DMY, "2017-01-13"},
		{"1/2/26", DMY, "2026-02-01"},
		{"31.12.2025", DMY, "2025-12-31"},
		{"29-2-2028", DMY, "2028-02-29"},
		{"1/13/17", DMY, ""},
		{"31/4/26", DMY, ""},
		{"2017-01-13", YMD, "2017-01-13"},
		{"17/1/13", YMD, "2017-01-13"},
		{"2026/2/1", YMD, "2026-02-01"},
		{"26.02.01", YMD, "2026-02-01"},
		{"2026-02-30", YMD, ""},
		{"", MDY, ""},
		{"1/13", MDY, ""},
		{"1/13/17/1", MDY, ""},
		{"1/13.17", MDY, ""},
		{"a/b/c", MDY, ""},
		{"1//17", MDY, ""},
		{"-1/13/17", MDY, ""},
		{"1/+3/17", MDY, ""},
		{"12345/1/1", YMD, ""},
		{"1 / 13 / 17", MDY, ""},
	}
	for _, c := range cases {
		d, err := ParseShort(c.in, c.order)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("ParseShort(%q, %s) = %s, want an error", c.in, c.order, d)
		case c.want != "" && (err != nil || d.String() != c.want):
			t.Errorf("ParseShort(%q, %s) = %s, %v; want %s", c.in, c.order, d, err, c.want)
		}
	}
}

func TestParseShortErrorText(t *testing.T) {
	cases := []struct {
		in    string
		order Order
		want  string
	}{
		{"2/30/26", MDY, `no such date "2/30/26"`},
		{"yesterday", MDY, `want a date like M/D/YY, got "yesterday"`},
		{"1/13", DMY, `want a date like D/M/YY, got "1/13"`},
		{"2017.1", YMD, `want a date like YY/M/D, got "2017.1"`},
	}
	for _, c := range cases {
		if _, err := ParseShort(c.in, c.order); err == nil || err.Error() != c.want {
			t.Errorf("ParseShort(%q, %s) error %v, want %q", c.in, c.order, err, c.want)
		}
	}
}

// What a date alone says about the marketplace's order of day and month.
func TestShortEvidence(t *testing.T) {
	cases := []struct {
		in   string
		want []Order
	}{
		{"1/13/17", []Order{MDY}},
		{"13/1/17", []Order{DMY}}, // not YY/M/D: Japan's order is never guessed
		{"1/2/26", []Order{MDY, DMY}},
		{"12/12/26", []Order{MDY, DMY}},
		{"1/2/2026", []Order{MDY, DMY}},
		{"13.1.26", []Order{DMY}},
		{"1.2.26", []Order{DMY}}, // a dot is D.M.YY
		{"1-2-26", []Order{MDY, DMY}},
		{"2017-01-13", []Order{YMD}},
		{"2017/1/13", []Order{YMD}},
		{"2017-02-30", nil},
		{"2/30/26", nil},
		{"13/13/26", nil},
		{"17/1/13", []Order{DMY}},
		{"yesterday", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := ShortEvidence(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ShortEvidence(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestOrderString(t *testing.T) {
	if MDY.String() != "M/D/YY" || DMY.String() != "D/M/YY" || YMD.String() != "YY/M/D" {
		t.Errorf("%s %s %s", MDY, DMY, YMD)
	}
}

func TestParseDayMonYear(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"10-Jul-2025", "2025-07-10", ""},
		{"10-Jul-25", "2025-07-10", ""},
		{"10 Jul 2025", "2025-07-10", ""},
		{"1-jan-2026", "2026-01-01", ""},
		{"01-JAN-2026", "2026-01-01", ""},
		{" 29-Feb-2028 ", "2028-02-29", ""},
		{"31-Dec-99", "2099-12-31", ""},
		{"10/Jul/2025", "2025-07-10", ""},
		{"2025-07-10", "2025-07-10", ""},
		{"2025-07-10T23:30:00-07:00", "2025-07-10", ""},
		{"31-Feb-2025", "", `no such date "31-Feb-2025"`},
		{"29-Feb-2026", "", `no such date "29-Feb-2026"`},
		{"0-Jul-2025", "", `no such date "0-Jul-2025"`},
		{"10-July-2025", "", `want a date like 10-Jul-2025, got "10-July-2025"`},
		{"10-Jul-202", "", `want a date like 10-Jul-2025, got "10-Jul-202"`},
		{"10-Jul-20255", "", `want a date like 10-Jul-2025, got "10-Jul-20255"`},
		{"Jul-10-2025", "", `want a date like 10-Jul-2025, got "Jul-10-2025"`},
		{"7/10/25", "", `want a date like 10-Jul-2025, got "7/10/25"`},
		{"10-Jul", "", `want a date like 10-Jul-2025, got "10-Jul"`},
		{"", "", `want a date like 10-Jul-2025, got ""`},
		{"2025-02-30", "", `want an ISO-8601 date or time, got "2025-02-30"`},
	}
	for _, c := range cases {
		d, err := ParseDayMonYear(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ParseDayMonYear(%q) = %s, %v; want error %q", c.in, d, err, c.err)
			}
			continue
		}
		if err != nil || d.String() != c.want {
			t.Errorf("ParseDayMonYear(%q) = %s, %v; want %s", c.in, d, err, c.want)
		}
	}
}
