package civil

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// refParseTimestamp is ParseTimestamp as it was written on time.Parse: the
// hand-written parser must accept exactly what it accepted, with the same
// date, instant, offset and error.
func refParseTimestamp(s string) (d Date, instant time.Time, hasTime bool, err error) {
	if len(s) < 10 {
		return 0, time.Time{}, false, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	d, err = ParseISODate(s[:10])
	if err != nil {
		return 0, time.Time{}, false, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	if len(s) == 10 {
		return d, d.Time(), false, nil
	}
	if s[10] != 'T' && s[10] != ' ' {
		return 0, time.Time{}, false, fmt.Errorf("want an ISO-8601 date or time, got %q", s)
	}
	for _, layout := range []string{
		"15:04:05Z07:00", "15:04:05.999999999Z07:00", "15:04Z07:00",
		"15:04:05-0700", "15:04:05.999999999-0700", "15:04-0700",
		"15:04:05 Z07:00", "15:04:05 -0700",
		"15:04:05", "15:04:05.999999999", "15:04",
	} {
		t, err := time.Parse("2006-01-02T"+layout, s[:10]+"T"+s[11:])
		if err == nil {
			return d, t, true, nil
		}
	}
	return 0, time.Time{}, false, fmt.Errorf("want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got %q", s)
}

// checkAgainstReference fails when ParseTimestamp and time.Parse disagree
// on s.
func checkAgainstReference(t *testing.T, s string) {
	t.Helper()
	ts, err := ParseTimestamp(s)
	d, instant, hasTime, refErr := refParseTimestamp(s)
	if (err == nil) != (refErr == nil) {
		t.Fatalf("ParseTimestamp(%q) error %v, time.Parse error %v", s, err, refErr)
	}
	if err != nil {
		if err.Error() != refErr.Error() {
			t.Fatalf("ParseTimestamp(%q) error %q, want %q", s, err, refErr)
		}
		return
	}
	_, refOff := instant.Zone()
	if ts.IsZero() || ts.Date != d || ts.HasTime() != hasTime || !ts.Instant().Equal(instant) || ts.Offset() != refOff {
		t.Fatalf("ParseTimestamp(%q) = %s %v %s (offset %d), time.Parse %s %v %s (offset %d)", s,
			ts.Date, ts.HasTime(), ts.Instant().Format(time.RFC3339Nano), ts.Offset(),
			d, hasTime, instant.Format(time.RFC3339Nano), refOff)
	}
	if _, off := ts.Instant().Zone(); off != refOff {
		t.Fatalf("ParseTimestamp(%q) instant's zone offset %d, want %d", s, off, refOff)
	}
}

// The corners of time.Parse's syntax that the hand-written parser keeps.
func TestParseTimestampMatchesTimeParse(t *testing.T) {
	for _, s := range []string{
		"2026-11-20T1:05:00Z",                     // time.Parse reads a one-digit hour
		"2026-11-20T1:05",                         //
		"2026-11-20T01:5:00Z",                     // but not a one-digit minute
		"2026-11-20T14:05:0Z",                     // nor second
		"2026-11-20T24:00:00Z",                    // hour 24
		"2026-11-20T23:59:59.1234567891234+01:00", // more than nine digits: truncated
		"2026-11-20T23:59:59.999999999999Z",       //
		"2026-11-20T23:59:59,000000001Z",          //
		"2026-11-20T14:05:00.Z",                   // a separator without digits
		"2026-11-20T14:05:00.",                    //
		"2026-11-20T14:05.5Z",                     // a fraction without seconds
		"2026-11-20T14:05:00   +01:00",            // several spaces
		"2026-11-20T14:05:00 Z",                   // a space before Z
		"2026-11-20T14:05:00 ",                    // a space and nothing
		"2026-11-20T14:05 +01:00",                 // a space without seconds
		"2026-11-20T14:05:00+24:60",               // the largest offset time.Parse takes
		"2026-11-20T14:05:00+25:00",               //
		"2026-11-20T14:05:00+01:61",               //
		"2026-11-20T14:05:00-2460",                //
		"2026-11-20T14:05:00-00:00",               //
		"2026-11-20T14:05:00+0000",                //
		"2026-11-20T14:05:00+01",                  //
		"2026-11-20T14:05:00+01:0",                //
		"2026-11-20T14:05:00+010",                 //
		"2026-11-20T14:05:00*01:00",               // not a sign
		"2026-11-20T14:05:00 *0100",               //
		"2026-11-20T14:05:00+01:00 ",              // extra text
		"2026-11-20T14:05:00ZZ",                   //
		"2026-11-20T14:05:00z",                    //
		"2026-11-20T14:05Z",                       //
		"2026-11-20T14:05-01:30",                  //
		"2026-11-20T14:05:00.5 -0130",             // a fraction, then a spaced offset
		"2026-11-20T14:05:00:00",                  //
		"2026-11-20T14:05:00.5.5",                 //
		"2026-11-20T:05:00Z",                      //
		"2026-11-20T14",                           //
		"2026-11-20T14:",                          //
		"2026-11-20T14:05:",                       //
		"2026-11-20 14:05:00.25",                  //
		"0000-01-01T00:00:00-23:59",               // year 0
		"9999-12-31T23:59:59.999999999-24:60",     //
		"0000-03-01T00:00:00+24:00",               //
		"1970-01-01T00:00:00Z",                    // the epoch, written as a time
		"1970-01-01",                              // and as a bare date
		"1969-12-31T23:59:59.5-00:30",             //
		"2026-11-20T14:05:00+01:00",               //
		"2026-11-20T\xff",                         //
	} {
		checkAgainstReference(t, s)
	}
}

// FuzzParseTimestampMatchesTimeParse: the hand-written parser and
// time.Parse agree on every input.
func FuzzParseTimestampMatchesTimeParse(f *testing.F) {
	for _, s := range []string{
		"2020-02-18T05:05:21+00:00", "2026-09-07T23:30:00-07:00", "2017-09-23T14:18:23-0700",
		"2026-11-20T14:05:00.123Z", "2026-11-20 14:05:00 +01:00", "2026-11-20T14:05", "2026-11-20",
		"2026-11-20T1:05:00,5  -2460", "2026-11-20T14:05-0100", "0000-01-01T00:00:00-23:59",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgainstReference(t, s)
	})
}

func TestParseTimestampAllocatesNothing(t *testing.T) {
	for _, s := range []string{"2026-11-20T14:05:00+05:45", "2026-11-20T14:05:00.123-0700", "2026-11-20 14:05", "2026-11-20T14:05:00Z", "2026-11-20"} {
		var ts Timestamp
		n := testing.AllocsPerRun(100, func() { ts, _ = ParseTimestamp(s) })
		if n != 0 {
			t.Errorf("ParseTimestamp(%q) allocates %v times", s, n)
		}
		if ts.IsZero() {
			t.Errorf("ParseTimestamp(%q) is zero", s)
		}
	}
}

func BenchmarkParseTimestamp(b *testing.B) {
	in := []string{"2026-09-06T06:33:14-08:00", "2026-09-08T12:15:41+05:30", "2026-09-09", "2026-11-20T14:05:00.123Z"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseTimestamp(in[i%len(in)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseISODate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseISODate("2026-09-06"); err != nil {
			b.Fatal(err)
		}
	}
}

// A timestamp is 12 bytes without pointers: a million of them are not
// scanned by the garbage collector.
func TestTimestampLayout(t *testing.T) {
	if n := unsafe.Sizeof(Timestamp{}); n != 12 {
		t.Errorf("Timestamp is %d bytes, want 12", n)
	}
	typ := reflect.TypeFor[Timestamp]()
	for i := 0; i < typ.NumField(); i++ {
		switch typ.Field(i).Type.Kind() {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Struct:
			t.Errorf("field %s is a %s", typ.Field(i).Name, typ.Field(i).Type)
		}
	}
}

func TestTimestampZero(t *testing.T) {
	var zero Timestamp
	epoch := DateStamp(0)
	if !zero.IsZero() || epoch.IsZero() {
		t.Errorf("IsZero: zero %v, 1970-01-01 %v", zero.IsZero(), epoch.IsZero())
	}
	parsed, _ := ParseTimestamp("1970-01-01")
	if !parsed.Same(epoch) || parsed.Same(zero) || !zero.Same(Timestamp{}) {
		t.Errorf("Same: parsed 1970-01-01 vs DateStamp %v, vs zero %v", parsed.Same(epoch), parsed.Same(zero))
	}
}

func TestTimestampSameAndCompare(t *testing.T) {
	p := func(s string) Timestamp {
		ts, err := ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	cases := []struct {
		a, b string
		cmp  int
		same bool
	}{
		{"2026-11-20T10:00:00+01:00", "2026-11-20T09:00:00Z", 0, true}, // one instant, one date as written
		{"2026-11-20T00:30:00+01:00", "2026-11-19T23:30:00Z", 0, false},
		{"2026-11-20T10:00:00Z", "2026-11-20T10:00:00.000000001Z", -1, false},
		{"2026-11-20T10:00:00.5Z", "2026-11-20T10:00:00,5Z", 0, true},
		{"2026-11-20", "2026-11-20T00:00:00Z", 0, false}, // not equally precise
		{"2026-11-21T00:00:00+14:00", "2026-11-20T12:00:00-12:00", -1, false},
		{"1969-12-31T23:59:59.75Z", "1969-12-31T23:59:59.5Z", +1, false},
	}
	for _, c := range cases {
		a, b := p(c.a), p(c.b)
		if got := a.Compare(b); got != c.cmp {
			t.Errorf("%s.Compare(%s) = %d, want %d", c.a, c.b, got, c.cmp)
		}
		if got := b.Compare(a); got != -c.cmp {
			t.Errorf("%s.Compare(%s) = %d, want %d", c.b, c.a, got, -c.cmp)
		}
		if got := a.Instant().Compare(b.Instant()); got != c.cmp {
			t.Errorf("instants of %s and %s compare %d, want %d", c.a, c.b, got, c.cmp)
		}
		if a.Same(b) != c.same || b.Same(a) != c.same {
			t.Errorf("%s.Same(%s) = %v, want %v", c.a, c.b, a.Same(b), c.same)
		}
	}
	// Unix of a time before the epoch: seconds floor, nanoseconds positive.
	if s, ns := p("1969-12-31T23:59:59.75Z").Unix(); s != -1 || ns != 750000000 {
		t.Errorf("Unix = %d, %d", s, ns)
	}
}

func TestTimestampLocation(t *testing.T) {
	for _, c := range []struct {
		in  string
		off int
	}{
		{"2026-11-20T10:00:00+05:45", 5*3600 + 45*60},
		{"2026-11-20T10:00:00-0330", -(3*3600 + 30*60)},
		{"2026-11-20T10:00:00+00:00", 0},
		{"2026-11-20T10:00:00Z", 0},
		{"2026-11-20T10:00:00", 0},
		{"2026-11-20", 0},
	} {
		ts, err := ParseTimestamp(c.in)
		if err != nil {
			t.Fatal(err)
		}
		_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, ts.Location()).Zone()
		if ts.Offset() != c.off || off != c.off || ts.Instant().Location() != ts.Location() {
			t.Errorf("%s: offset %d, location's %d, want %d", c.in, ts.Offset(), off, c.off)
		}
		// The clock and date as written, read back in the timestamp's
		// own zone.
		if got := ts.Instant().Format("2006-01-02T15:04:05"); ts.HasTime() && !strings.HasPrefix(c.in, got) {
			t.Errorf("%s: instant in its own zone reads %s", c.in, got)
		}
	}
	a, _ := ParseTimestamp("2026-11-20T10:00:00+05:45")
	b, _ := ParseTimestamp("2026-01-01T00:00:00+0545")
	if a.Location() != b.Location() {
		t.Error("two timestamps of one offset have two locations")
	}
}

func TestTimestampOf(t *testing.T) {
	nepal := time.FixedZone("NPT", 5*3600+45*60)
	in := time.Date(2026, 11, 20, 1, 2, 3, 456, nepal)
	ts := TimestampOf(in)
	want, _ := ParseTimestamp("2026-11-20T01:02:03.000000456+05:45")
	if !ts.Same(want) || ts.Offset() != want.Offset() || !ts.Instant().Equal(in) {
		t.Errorf("TimestampOf(%s) = %s, %s", in, ts.Date, ts.Instant())
	}
	if d := DateStamp(NewDate(2026, 11, 20)); d.HasTime() || !d.Instant().Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("DateStamp = %v %s", d.HasTime(), d.Instant())
	}
	defer func() {
		if recover() == nil {
			t.Error("TimestampOf of an offset of seconds did not panic")
		}
	}()
	TimestampOf(time.Date(2026, 11, 20, 0, 0, 0, 0, time.FixedZone("LMT", 17)))
}

// The day count without time.Date is NewDate's on every day of the years
// 0 to 9999, and isoDate agrees with ParseISODate.
func TestDaysFromCivil(t *testing.T) {
	for y := 0; y <= 9999; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= daysIn(y, time.Month(m)); d++ {
				if got, want := daysFromCivil(y, m, d), NewDate(y, time.Month(m), d); got != want {
					t.Fatalf("daysFromCivil(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
		if want := time.Date(y, 3, 0, 0, 0, 0, 0, time.UTC).Day(); daysIn(y, time.February) != want {
			t.Fatalf("daysIn(%d, February) = %d, want %d", y, daysIn(y, time.February), want)
		}
	}
	for _, s := range []string{"2026-11-20", "2024-02-29", "2026-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "9999-12-31", "2026-13-01", "2026-1-05", "2026-11-2x"} {
		d, ok := isoDate(s)
		want, err := ParseISODate(s)
		if ok != (err == nil) || d != want {
			t.Errorf("isoDate(%q) = %s, %v; ParseISODate %s, %v", s, d, ok, want, err)
		}
	}
}

func TestOptDate(t *testing.T) {
	var none OptDate
	if d, ok := none.Get(); ok {
		t.Errorf("zero OptDate = %s, %v", d, ok)
	}
	for _, d := range []Date{0, -1, 1, NewDate(2026, 11, 20), NewDate(0, 1, 1), NewDate(9999, 12, 31), math.MaxInt32, math.MinInt32 + 1} {
		o := OptDateOf(d)
		if got, ok := o.Get(); !ok || got != d || o == 0 {
			t.Errorf("OptDateOf(%d).Get() = %d, %v", d, got, ok)
		}
	}
	if unsafe.Sizeof(none) != 4 {
		t.Errorf("OptDate is %d bytes", unsafe.Sizeof(none))
	}
}
