package civil

import (
	"strings"
	"testing"
)

// FuzzParseTimestamp: no panic; a timestamp that parses keeps its date as
// written in its first ten characters.
func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{
		"2020-02-18T05:05:21+00:00", "2026-09-07T23:30:00-07:00", "2017-09-23T14:18:23-0700",
		"2026-11-20T14:05:00.123Z", "2026-11-20 14:05:00 +01:00", "2026-11-20T14:05", "2026-11-20",
		"2026-02-30T10:00:00+00:00", "2026-11-20T25:00:00Z", "", "2026-11-20\xff", "0000-01-01T00:00:00-23:59",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := ParseTimestamp(s)
		if err != nil {
			if !strings.Contains(err.Error(), "want an ISO-8601") {
				t.Fatalf("ParseTimestamp(%q): error %q", s, err)
			}
			return
		}
		if ts.Date.String() != s[:10] {
			t.Fatalf("ParseTimestamp(%q) date %s, want the date as written", s, ts.Date)
		}
		if ts.HasTime() != (len(s) > 10) {
			t.Fatalf("ParseTimestamp(%q) HasTime %v", s, ts.HasTime())
		}
		if !ts.HasTime() && !ts.Instant().Equal(ts.Date.Time()) {
			t.Fatalf("ParseTimestamp(%q) instant %s", s, ts.Instant())
		}
	})
}

// FuzzParseShort: no panic; a date that parses is a real day whose ISO
// form parses back; ShortEvidence offers only orders that parse.
func FuzzParseShort(f *testing.F) {
	for _, s := range []string{"1/13/17", "13.1.17", "2017-01-13", "17/1/13", "2/30/26", "1/2/2026", "0/0/0", "9999/99/99", ".../", ""} {
		for o := MDY; o <= YMD; o++ {
			f.Add(s, uint8(o))
		}
	}
	f.Fuzz(func(t *testing.T, s string, o uint8) {
		order := Order(o % 3)
		d, err := ParseShort(s, order)
		if err == nil {
			back, err := ParseISODate(d.String())
			if err != nil || back != d {
				t.Fatalf("ParseShort(%q, %s) = %s, which reads back as %s, %v", s, order, d, back, err)
			}
		}
		for _, ev := range ShortEvidence(s) {
			if _, err := ParseShort(s, ev); err != nil {
				t.Fatalf("ShortEvidence(%q) offers %s, which fails: %v", s, ev, err)
			}
		}
		_, _ = ParseDayMonYear(s)
	})
}
