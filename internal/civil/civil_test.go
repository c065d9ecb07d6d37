package civil

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestParseISODate(t *testing.T) {
	cases := []struct {
		in, want, err string
	}{
		{"2026-11-20", "2026-11-20", ""},
		{"1970-01-01", "1970-01-01", ""},
		{"1969-12-31", "1969-12-31", ""},
		{"2024-02-29", "2024-02-29", ""}, // leap year
		{"2000-02-29", "2000-02-29", ""}, // divisible by 400
		{"2026-12-31", "2026-12-31", ""},
		{"2026-02-29", "", `no such date "2026-02-29"`},
		{"1900-02-29", "", `no such date "1900-02-29"`}, // divisible by 100
		{"2026-04-31", "", `no such date "2026-04-31"`},
		{"2026-13-01", "", `no such date "2026-13-01"`},
		{"2026-00-10", "", `no such date "2026-00-10"`},
		{"2026-01-00", "", `no such date "2026-01-00"`},
		{"2026-1-5", "", `want a date like 2026-11-20, got "2026-1-5"`},
		{"2026/11/20", "", `want a date like 2026-11-20, got "2026/11/20"`},
		{"2026-11-20T10:00:00Z", "", `want a date like 2026-11-20, got "2026-11-20T10:00:00Z"`},
		{" 2026-11-2", "", `want a date like 2026-11-20, got " 2026-11-2"`},
		{"+026-11-20", "", `want a date like 2026-11-20, got "+026-11-20"`},
		{"2026-1a-20", "", `want a date like 2026-11-20, got "2026-1a-20"`},
		{"", "", `want a date like 2026-11-20, got ""`},
	}
	for _, c := range cases {
		d, err := ParseISODate(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ParseISODate(%q) = %v, %v; want error %q", c.in, d, err, c.err)
			}
			continue
		}
		if err != nil || d.String() != c.want {
			t.Errorf("ParseISODate(%q) = %v, %v; want %s", c.in, d, err, c.want)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	cases := []struct {
		in      string
		date    string
		instant string // RFC 3339 in UTC
		hasTime bool
	}{
		{"2020-02-18T05:05:21+00:00", "2020-02-18", "2020-02-18T05:05:21Z", true},
		{"2026-11-20T14:05:00Z", "2026-11-20", "2026-11-20T14:05:00Z", true},
		{"2017-06-05T06:57:28+09:00", "2017-06-05", "2017-06-04T21:57:28Z", true},
		// The date as written, never re-zoned.
		{"2026-09-07T23:30:00-07:00", "2026-09-07", "2026-09-08T06:30:00Z", true},
		{"2026-09-08T01:00:00+02:00", "2026-09-08", "2026-09-07T23:00:00Z", true},
		{"2017-09-23T14:18:23-0700", "2017-09-23", "2017-09-23T21:18:23Z", true},
		{"2026-11-20T14:05:00.123Z", "2026-11-20", "2026-11-20T14:05:00.123Z", true},
		{"2026-11-20T14:05:00.123456789+01:00", "2026-11-20", "2026-11-20T13:05:00.123456789Z", true},
		{"2026-11-20T14:05:00,5Z", "2026-11-20", "2026-11-20T14:05:00.5Z", true},
		{"2026-11-20T14:05+01:00", "2026-11-20", "2026-11-20T13:05:00Z", true},
		{"2026-11-20T14:05-0100", "2026-11-20", "2026-11-20T15:05:00Z", true},
		{"2026-11-20 14:05:00", "2026-11-20", "2026-11-20T14:05:00Z", true},
		{"2026-11-20 14:05:00+01:00", "2026-11-20", "2026-11-20T13:05:00Z", true},
		{"2026-11-20 14:05:00 +01:00", "2026-11-20", "2026-11-20T13:05:00Z", true},
		{"2026-11-20 14:05:00 -0130", "2026-11-20", "2026-11-20T15:35:00Z", true},
		{"2026-11-20T14:05:00.25", "2026-11-20", "2026-11-20T14:05:00.25Z", true},
		{"2026-11-20T14:05", "2026-11-20", "2026-11-20T14:05:00Z", true},
		{"2026-11-20", "2026-11-20", "2026-11-20T00:00:00Z", false},
		{"2024-02-29T23:59:59-12:00", "2024-02-29", "2024-03-01T11:59:59Z", true},
	}
	for _, c := range cases {
		ts, err := ParseTimestamp(c.in)
		if err != nil {
			t.Errorf("ParseTimestamp(%q): %v", c.in, err)
			continue
		}
		if ts.Date.String() != c.date || !ts.Instant().Equal(utc(c.instant)) || ts.HasTime() != c.hasTime {
			t.Errorf("ParseTimestamp(%q) = %s, %s, %v; want %s, %s, %v", c.in, ts.Date, ts.Instant().UTC().Format(time.RFC3339Nano), ts.HasTime(), c.date, c.instant, c.hasTime)
		}
	}
}

func TestParseTimestampErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", `want an ISO-8601 date or time, got ""`},
		{"garbage", `want an ISO-8601 date or time, got "garbage"`},
		{"2026-02-30T10:00:00+00:00", `want an ISO-8601 date or time, got "2026-02-30T10:00:00+00:00"`},
		{"2026-02-29", `want an ISO-8601 date or time, got "2026-02-29"`},
		{"11/20/2026", `want an ISO-8601 date or time, got "11/20/2026"`},
		{"2026-11-20X14:05:00Z", `want an ISO-8601 date or time, got "2026-11-20X14:05:00Z"`},
		{"20261120T140500Z", `want an ISO-8601 date or time, got "20261120T140500Z"`},
		{"2026-11-20T", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T"`},
		{"2026-11-20 ", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20 "`},
		{"2026-11-20T25:00:00Z", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T25:00:00Z"`},
		{"2026-11-20T14:60:00Z", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T14:60:00Z"`},
		{"2026-11-20T14:05:00+1", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T14:05:00+1"`},
		{"2026-11-20T14:05:00 PST", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T14:05:00 PST"`},
		{"2026-11-20T2pm", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T2pm"`},
		{"2026-11-20T14:05:00Zjunk", `want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-20T14:05:00Zjunk"`},
	}
	for _, c := range cases {
		ts, err := ParseTimestamp(c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseTimestamp(%q) = %+v, %v; want error %q", c.in, ts, err, c.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := NewDate(2026, time.November, 20)
	if d.String() != "2026-11-20" || d.Weekday() != time.Friday {
		t.Errorf("NewDate = %s, %s", d, d.Weekday())
	}
	if got := NewDate(1970, 1, 1); got != 0 {
		t.Errorf("epoch = %d", got)
	}
	if got := NewDate(1969, 12, 31); got != -1 || got.String() != "1969-12-31" {
		t.Errorf("day before the epoch = %d %s", got, got)
	}
	// NewDate does not validate: Feb 30 rolls over, as time.Date does.
	if got := NewDate(2026, 2, 30).String(); got != "2026-03-02" {
		t.Errorf("NewDate(2026-02-30) = %s", got)
	}
	adds := []struct {
		n    int
		want string
	}{
		{-14, "2026-11-06"}, {-73, "2026-09-08"}, {0, "2026-11-20"}, {11, "2026-12-01"}, {42, "2027-01-01"},
		{-325, "2025-12-30"}, {-365, "2025-11-20"}, {-365 - 365 - 366, "2023-11-20"},
	}
	for _, a := range adds {
		if got := d.AddDays(a.n).String(); got != a.want {
			t.Errorf("AddDays(%d) = %s, want %s", a.n, got, a.want)
		}
	}
	if NewDate(2024, 3, 1)-NewDate(2024, 2, 28) != 2 || NewDate(2026, 3, 1)-NewDate(2026, 2, 28) != 1 {
		t.Error("leap day arithmetic")
	}
	if !d.Time().Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %s", d.Time())
	}
	tokyo := time.FixedZone("JST", 9*3600)
	if got := DateOf(time.Date(2026, 11, 20, 1, 0, 0, 0, tokyo)); got != d {
		t.Errorf("DateOf in JST = %s, want the date in its own zone", got)
	}
	if got := DateOf(time.Date(2026, 11, 20, 1, 0, 0, 0, tokyo).UTC()); got != d.AddDays(-1) {
		t.Errorf("DateOf in UTC = %s", got)
	}
	if got := EndOfDay(d, tokyo); !got.Equal(time.Date(2026, 11, 20, 23, 59, 59, 0, tokyo)) {
		t.Errorf("EndOfDay = %s", got)
	}
	b, err := json.Marshal(struct{ D Date }{d})
	if err != nil || string(b) != `{"D":"2026-11-20"}` {
		t.Errorf("JSON %s, %v", b, err)
	}
}

func TestValid(t *testing.T) {
	if d, err := Valid(2028, 2, 29, "x"); err != nil || d.String() != "2028-02-29" {
		t.Errorf("Valid(2028-02-29) = %s, %v", d, err)
	}
	for _, c := range [][3]int{{2027, 2, 29}, {2026, 0, 1}, {2026, 13, 1}, {2026, 6, 31}, {2026, 6, 0}, {2026, 6, -1}} {
		if _, err := Valid(c[0], c[1], c[2], "in"); err == nil || err.Error() != `no such date "in"` {
			t.Errorf("Valid(%v) = %v", c, err)
		}
	}
}

// civilFromDays is time's calendar on every day of years 0 to 9999 and
// around them, and at the ends of civil.Date's range.
func TestCivilFromDaysIsTimesCalendar(t *testing.T) {
	first, last := NewDate(-2, 1, 1), NewDate(10002, 1, 1)
	days := []Date{math.MinInt32, math.MinInt32 + 1, math.MaxInt32 - 1, math.MaxInt32}
	for d := first; d <= last; d++ {
		days = append(days, d)
	}
	for _, d := range days {
		y, m, day := civilFromDays(int64(d))
		ty, tm, tday := d.Time().Date()
		if y != int64(ty) || m != int(tm) || day != tday {
			t.Fatalf("%d: %d-%d-%d, time says %d-%d-%d", d, y, m, day, ty, tm, tday)
		}
	}
}
