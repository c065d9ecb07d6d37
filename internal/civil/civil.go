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
	"sync/atomic"
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

// YearMonthDay is d's year, month and day, as d.Time().Date() gives them, without
// going through a time.Time (the JSON writer writes millions of dates).
func (d Date) YearMonthDay() (y int64, m, day int) { return civilFromDays(int64(d)) }

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// MarshalText writes YYYY-MM-DD, so JSON carries plain dates.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD, as MarshalText writes it.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// OptDate is a date that may be absent, in 4 bytes: its zero value is no
// date. It holds any Date but the one farthest in the past (math.MinInt32
// days, some six million years ago), which no parser makes.
type OptDate uint32

// OptDateOf is d, present.
func OptDateOf(d Date) OptDate { return OptDate(uint32(d) ^ 1<<31) }

// Get is the date and whether there is one.
func (o OptDate) Get() (Date, bool) { return Date(int32(uint32(o) ^ 1<<31)), o != 0 }

// ParseISODate reads YYYY-MM-DD strictly (the month and day must exist).
func ParseISODate(s string) (Date, error) {
	y, m, d, ok := isoFields(s)
	if !ok {
		return 0, fmt.Errorf("want a date like 2026-11-20, got %q", s)
	}
	return Valid(y, m, d, s)
}

// isoDate is ParseISODate without the error's text, for the hot path.
func isoDate(s string) (Date, bool) {
	y, m, d, ok := isoFields(s)
	if !ok || !exists(y, m, d) {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

// isoFields splits YYYY-MM-DD into numbers, checking only the syntax.
func isoFields(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, err1 := digits(s[0:4])
	m, err2 := digits(s[5:7])
	d, err3 := digits(s[8:10])
	return y, m, d, err1 == nil && err2 == nil && err3 == nil
}

// Valid returns the date y-m-d, or an error naming the input if no such day exists.
func Valid(y, m, d int, input string) (Date, error) {
	if !exists(y, m, d) {
		return 0, fmt.Errorf("no such date %q", input)
	}
	if y < 0 || y > 9999 {
		return NewDate(y, time.Month(m), d), nil
	}
	return daysFromCivil(y, m, d), nil
}

func exists(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

func daysIn(y int, m time.Month) int {
	if m == time.February && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		return 29
	}
	return int(monthDays[m-1])
}

var monthDays = [12]uint8{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// daysFromCivil is NewDate of a real day of the years 0 to 9999 without
// time.Date: the proleptic Gregorian day count of H. Hinnant's
// days_from_civil.
func daysFromCivil(y, m, d int) Date {
	if i := (y-tableFirstYear)*12 + m - 1; uint(i) < uint(len(monthStarts)) {
		return monthStarts[i] + Date(d-1)
	}
	return hinnant(y, m, d)
}

// monthStarts holds the first day of every month of the years a report
// holds (tableFirstYear on), so that a date is a lookup and an addition:
// the readers turn tens of millions of dates into days, and the
// arithmetic was a few per cent of reading a large account.
var monthStarts = func() (t [(tableLastYear - tableFirstYear + 1) * 12]Date) {
	for i := range t {
		t[i] = hinnant(tableFirstYear+i/12, i%12+1, 1)
	}
	return t
}()

const tableFirstYear, tableLastYear = 1970, 2099

// hinnant is H. Hinnant's days_from_civil.
func hinnant(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
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

// Timestamp is a report time: the calendar date and the clock as written,
// and the UTC offset they were written in, so that both the date as written
// and the instant are known. HasTime is false for a bare date, whose
// instant is the start of that day UTC.
//
// The zero Timestamp is no timestamp (an optional column left empty; see
// IsZero). A Timestamp holds no pointer and takes 12 bytes: the shipments
// of a large account hold five each, and none is work for the garbage
// collector. Make one with ParseTimestamp, DateStamp or TimestampOf.
type Timestamp struct {
	Date Date // the calendar date as written
	// clock packs the rest: the second of the day as written (bits 0-16),
	// the offset in minutes east of UTC plus maxOffset (bits 17-28), "has a
	// time" (bit 29) and "is a timestamp" (bit 30, unset in the zero value).
	clock uint32
	nsec  uint32 // nanoseconds within the second
}

// Words are the timestamp's three 32-bit words: its date, its clock (the
// second of the day, the offset and the flags) and its nanoseconds. A
// store that keeps timestamps packed (internal/records) reads them here
// and gives them back with TimestampOfWords; nothing else should.
func (t Timestamp) Words() [3]uint32 { return [3]uint32{uint32(t.Date), t.clock, t.nsec} }

// TimestampOfWords is the timestamp whose Words are w.
func TimestampOfWords(w [3]uint32) Timestamp {
	return Timestamp{Date: Date(int32(w[0])), clock: w[1], nsec: w[2]}
}

const (
	offsetShift = 17
	hasTimeBit  = 1 << 29
	setBit      = 1 << 30
)

// maxOffset bounds a UTC offset in minutes: time.Parse, whose syntax
// ParseTimestamp keeps, accepts up to 24 hours and 60 minutes.
const maxOffset = 24*60 + 60

// stamp packs a timestamp of a time (sec seconds into the day, nsec
// nanoseconds, off minutes east of UTC).
func stamp(d Date, sec, nsec int, off int16) Timestamp {
	return Timestamp{Date: d, clock: uint32(sec) | uint32(int(off)+maxOffset)<<offsetShift | hasTimeBit | setBit, nsec: uint32(nsec)}
}

// DateStamp is the timestamp of a bare date (HasTime false).
func DateStamp(d Date) Timestamp {
	return Timestamp{Date: d, clock: maxOffset<<offsetShift | setBit}
}

// TimestampOf is the timestamp of t as written in t's own location: its
// date and clock there, and that location's offset at t. It panics if the
// offset is not a whole number of minutes within ±25 hours, which no
// report writes.
func TimestampOf(t time.Time) Timestamp {
	_, off := t.Zone()
	if off%60 != 0 || off/60 > maxOffset || off/60 < -maxOffset {
		panic(fmt.Sprintf("civil.TimestampOf: offset of %d seconds", off))
	}
	h, m, s := t.Clock()
	return stamp(DateOf(t), h*3600+m*60+s, t.Nanosecond(), int16(off/60))
}

// IsZero says whether t is no timestamp at all (the zero value).
func (t Timestamp) IsZero() bool { return t.clock&setBit == 0 }

// HasTime says whether t has a time of day (false for a bare date).
func (t Timestamp) HasTime() bool { return t.clock&hasTimeBit != 0 }

// off is the offset in minutes east of UTC.
func (t Timestamp) off() int16 {
	if t.clock == 0 {
		return 0
	}
	return int16(int(t.clock>>offsetShift&(1<<12-1)) - maxOffset)
}

// Unix is the instant in seconds and nanoseconds since 1970-01-01 UTC.
func (t Timestamp) Unix() (sec int64, nsec int64) {
	return int64(t.Date)*86400 + int64(t.clock&(1<<offsetShift-1)) - int64(t.off())*60, int64(t.nsec)
}

// Offset is the UTC offset the time was written in, in seconds east of UTC
// (0 for a bare date or a time written without offset).
func (t Timestamp) Offset() int { return int(t.off()) * 60 }

// Location is the fixed zone of t's offset: UTC for offset 0, a bare date
// and a time without offset. It is shared by all timestamps of one offset.
func (t Timestamp) Location() *time.Location { return zone(t.off()) }

// Instant is the moment t names, in t's own offset (Location).
func (t Timestamp) Instant() time.Time {
	sec, nsec := t.Unix()
	return time.Unix(sec, nsec).In(zone(t.off()))
}

// Compare compares the instants of t and u: -1 if t is before u, +1 if
// after, 0 if they are the same moment.
func (t Timestamp) Compare(u Timestamp) int {
	ts, tn := t.Unix()
	us, un := u.Unix()
	switch {
	case ts < us || ts == us && tn < un:
		return -1
	case ts > us || ts == us && tn > un:
		return +1
	}
	return 0
}

// Same says whether two timestamps are the same date as written, the same
// instant, and equally precise; two zero timestamps are the same.
func (t Timestamp) Same(u Timestamp) bool {
	return t.IsZero() == u.IsZero() && t.Date == u.Date && t.HasTime() == u.HasTime() && t.Compare(u) == 0
}

// zones caches the fixed zone of each offset (minutes east of UTC, shifted
// by maxOffset), so that parsing a time makes no Location.
var zones [2*maxOffset + 1]atomic.Pointer[time.Location]

func zone(off int16) *time.Location {
	if off == 0 {
		return time.UTC
	}
	p := &zones[int(off)+maxOffset]
	if l := p.Load(); l != nil {
		return l
	}
	p.CompareAndSwap(nil, time.FixedZone("", int(off)*60))
	return p.Load()
}

// ParseTimestamp reads ISO-8601 as Amazon writes it: a bare date
// (2026-11-20), a date and time with an offset (2020-02-18T05:05:21+00:00,
// ...Z, ...-0700), with or without seconds and fractions, with T or a space
// between date and time. A time without offset is taken as written (UTC
// instant), which keeps the calendar date as written. It allocates nothing
// on valid input.
func ParseTimestamp(s string) (Timestamp, error) {
	if len(s) < 10 {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	d, ok := isoDate(s[:10])
	if !ok {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	if len(s) == 10 {
		return DateStamp(d), nil
	}
	if s[10] != 'T' && s[10] != ' ' {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	sec, nsec, off, ok := parseClock(s[11:])
	if !ok {
		return Timestamp{}, fmt.Errorf("want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got %q", s)
	}
	return stamp(d, sec, nsec, off), nil
}

// parseClock reads the time after the date, with the syntax time.Parse
// gives these layouts, tried in turn (see the test's reference parser):
//
//	15:04:05Z07:00   15:04:05.999999999Z07:00   15:04Z07:00
//	15:04:05-0700    15:04:05.999999999-0700    15:04-0700
//	15:04:05 Z07:00  15:04:05 -0700
//	15:04:05         15:04:05.999999999         15:04
//
// That is: an hour of one or two digits, two-digit minutes, optional
// two-digit seconds with an optional fraction ('.' or ',' and any number of
// digits, of which nine count), then nothing, 'Z', ±hh:mm or ±hhmm (hours
// up to 24, minutes up to 60); after seconds, spaces may come before the
// offset. It returns the second of the day, the nanoseconds and the
// offset in minutes.
func parseClock(v string) (sec, nsec int, off int16, ok bool) {
	if !isDigit(v, 0) {
		return 0, 0, 0, false
	}
	h, i := int(v[0]-'0'), 1
	if isDigit(v, 1) {
		h, i = h*10+int(v[1]-'0'), 2
	}
	if h >= 24 || i >= len(v) || v[i] != ':' {
		return 0, 0, 0, false
	}
	m, ok := twoDigits(v, i+1)
	if !ok || m >= 60 {
		return 0, 0, 0, false
	}
	i += 3
	s, seconds := 0, false
	if i < len(v) && v[i] == ':' {
		if s, ok = twoDigits(v, i+1); !ok || s >= 60 {
			return 0, 0, 0, false
		}
		seconds, i = true, i+3
		if i+1 < len(v) && (v[i] == '.' || v[i] == ',') && isDigit(v, i+1) {
			j, scale := i+1, 100000000
			for ; j < len(v) && isDigit(v, j); j++ {
				nsec += int(v[j]-'0') * scale
				scale /= 10
			}
			i = j
		}
	}
	sec = h*3600 + m*60 + s
	z := v[i:]
	if seconds && len(z) > 0 && z[0] == ' ' {
		for len(z) > 0 && z[0] == ' ' {
			z = z[1:]
		}
		if z == "" {
			return 0, 0, 0, false
		}
	}
	switch {
	case z == "" || z == "Z":
		return sec, nsec, 0, true
	case len(z) == 6 && z[3] == ':':
		off, ok = offset(z[0], z[1:3], z[4:6])
	case len(z) == 5:
		off, ok = offset(z[0], z[1:3], z[3:5])
	default:
		return 0, 0, 0, false
	}
	return sec, nsec, off, ok
}

// offset reads a UTC offset's sign, hours and minutes into minutes east of
// UTC.
func offset(sign byte, hh, mm string) (int16, bool) {
	h, ok1 := twoDigits(hh, 0)
	m, ok2 := twoDigits(mm, 0)
	if !ok1 || !ok2 || h > 24 || m > 60 {
		return 0, false
	}
	switch sign {
	case '+':
		return int16(h*60 + m), true
	case '-':
		return -int16(h*60 + m), true
	}
	return 0, false
}

func isDigit(s string, i int) bool { return i < len(s) && '0' <= s[i] && s[i] <= '9' }

// twoDigits reads the two digits at s[i:].
func twoDigits(s string, i int) (int, bool) {
	if !isDigit(s, i) || !isDigit(s, i+1) {
		return 0, false
	}
	return int(s[i]-'0')*10 + int(s[i+1]-'0'), true
}

// EndOfDay is 23:59:59 of d in loc.
func EndOfDay(d Date, loc *time.Location) time.Time {
	y, m, dd := d.Time().Date()
	return time.Date(y, m, dd, 23, 59, 59, 0, loc)
}

// civilFromDays is the proleptic Gregorian date n days after 1970-01-01,
// as time.Time.Date gives it, without going through a time.Time (Howard
// Hinnant's civil_from_days, "chrono-Compatible Low-Level Date
// Algorithms").
func civilFromDays(n int64) (y int64, m, d int) {
	n += 719468              // days from 0000-03-01
	if n >= 0 && n < 1<<32 { // the same in unsigned 32-bit arithmetic, faster
		u := uint32(n)
		era := u / 146097
		doe := u - era*146097
		yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
		doy := doe - (365*yoe + yoe/4 - yoe/100)
		mp := (5*doy + 2) / 153
		d = int(doy - (153*mp+2)/5 + 1)
		m = int(mp + 3)
		if m > 12 {
			m -= 12
		}
		y = int64(yoe + era*400)
		if m <= 2 {
			y++
		}
		return y, m, d
	}
	era := n / 146097
	if n < 0 && n%146097 != 0 {
		era--
	}
	doe := n - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // [0, 11], from March
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}
