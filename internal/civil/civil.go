// Package civil holds calendar dates and report timestamps as the reports
// write them.
//
// metrics.md: "a timestamp's calendar date is the date as written in the
// report (2026-09-08T01:00:00+02:00 is 8 September), never re-zoned; two
// timestamps are compared as instants". Date is therefore a plain day count,
// and Timestamp keeps both the date as written and the instant.
package civil

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date without zone, stored as days since 1970-01-01 so
// that comparing and adding days is integer arithmetic.
type Date int32

// NewDate returns the date y-m-d. It does not validate; use ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf is the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time is midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// MarshalText writes YYYY-MM-DD, so JSON carries plain dates.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// ParseISODate reads YYYY-MM-DD strictly (the month and day must exist).
func ParseISODate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("want a date like 2026-11-20, got %q", s)
	}
	y, err1 := digits(s[0:4])
	m, err2 := digits(s[5:7])
	d, err3 := digits(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, fmt.Errorf("want a date like 2026-11-20, got %q", s)
	}
	return Valid(y, m, d, s)
}

// Valid returns the date y-m-d, or an error naming the input if no such day exists.
func Valid(y, m, d int, input string) (Date, error) {
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, fmt.Errorf("no such date %q", input)
	}
	return NewDate(y, time.Month(m), d), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digits parses a non-empty run of ASCII digits (no sign, no spaces).
func digits(s string) (int, error) {
	if s == "" || len(s) > 9 {
		return 0, strconv.ErrSyntax
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, strconv.ErrSyntax
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// Timestamp is a report time: the calendar date as written and the instant.
// HasTime is false for a bare date; Instant is then the start of that day UTC.
type Timestamp struct {
	Date    Date
	Instant time.Time
	HasTime bool
}

// Same says whether two timestamps are the same date as written, the same
// instant, and equally precise.
func (t Timestamp) Same(u Timestamp) bool {
	return t.Date == u.Date && t.HasTime == u.HasTime && t.Instant.Equal(u.Instant)
}

// ParseTimestamp reads ISO-8601 as Amazon writes it: a bare date
// (2026-11-20), a date and time with an offset (2020-02-18T05:05:21+00:00,
// ...Z, ...-0700), with or without seconds and fractions, with T or a space
// between date and time. A time without offset is taken as written (UTC
// instant), which keeps the calendar date as written.
func ParseTimestamp(s string) (Timestamp, error) {
	if len(s) < 10 {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	d, err := ParseISODate(s[:10])
	if err != nil {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	if len(s) == 10 {
		return Timestamp{Date: d, Instant: d.Time()}, nil
	}
	if s[10] != 'T' && s[10] != ' ' {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	rest := s[11:]
	for _, layout := range timeLayouts {
		t, err := time.Parse("2006-01-02T"+layout, s[:10]+"T"+rest)
		if err == nil {
			return Timestamp{Date: d, Instant: t, HasTime: true}, nil
		}
	}
	return Timestamp{}, fmt.Errorf("want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got %q", s)
}

var timeLayouts = []string{
	"15:04:05Z07:00", "15:04:05.999999999Z07:00", "15:04Z07:00",
	"15:04:05-0700", "15:04:05.999999999-0700", "15:04-0700",
	"15:04:05 Z07:00", "15:04:05 -0700",
	"15:04:05", "15:04:05.999999999", "15:04",
}

// EndOfDay is 23:59:59 of d in loc.
func EndOfDay(d Date, loc *time.Location) time.Time {
	y, m, dd := d.Time().Date()
	return time.Date(y, m, dd, 23, 59, 59, 0, loc)
}
