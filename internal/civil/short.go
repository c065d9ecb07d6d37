package civil

import (
	"fmt"
	"strings"
	"time"
)

// Order is the order of day, month and year in a marketplace's short dates,
// as the Feedback report writes them (report-formats.md).
type Order int

const (
	MDY Order = iota // US: 1/13/17
	DMY              // UK, FR, IT, ES, ...: 13/1/17; DE writes 13.1.17
	YMD              // SE: 2017-01-13; JP: 17/1/13
)

func (o Order) String() string {
	switch o {
	case MDY:
		return "M/D/YY"
	case DMY:
		return "D/M/YY"
	default:
		return "YY/M/D"
	}
}

// ParseShort reads a short date whose parts are separated by '/', '.' or '-'
// in the given order. Two-digit years are 20YY. The day must exist.
func ParseShort(s string, o Order) (Date, error) {
	parts, ok := splitShort(s)
	if !ok {
		return 0, fmt.Errorf("want a date like %s, got %q", o, s)
	}
	var y, m, d int
	switch o {
	case MDY:
		m, d, y = parts[0], parts[1], parts[2]
	case DMY:
		d, m, y = parts[0], parts[1], parts[2]
	default:
		y, m, d = parts[0], parts[1], parts[2]
	}
	if y < 100 {
		y += 2000
	}
	return Valid(y, m, d, s)
}

// splitShort splits "1/13/17", "13.1.17", "2017-01-13" into three numbers.
func splitShort(s string) ([3]int, bool) {
	var out [3]int
	s = strings.TrimSpace(s)
	sep := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '/' || c == '.' || c == '-' {
			sep = int(c)
			break
		}
	}
	if sep < 0 {
		return out, false
	}
	f := strings.Split(s, string(rune(sep)))
	if len(f) != 3 {
		return out, false
	}
	for i, p := range f {
		if len(p) > 4 {
			return out, false
		}
		n, err := digits(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

// ShortEvidence says which orders a short date allows, as far as its digits
// and separators tell: a first part above 12 cannot be a month, a four-digit
// first part is a year (YYYY-MM-DD, Sweden), a dot means D.M.YY (Germany;
// nobody writes M.D.YY). A two-digit year written first (Japan's YY/M/D,
// 17/1/13) looks like D/M/YY and is never inferred: such a date allows M/D
// and D/M only, and Japan's order comes from --marketplace or the orders'
// sales channel. It returns nil when no order allows the date.
func ShortEvidence(s string) []Order {
	parts, ok := splitShort(s)
	if !ok {
		return nil
	}
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, "/.-"); i == 4 && parts[0] > 31 {
		if _, err := ParseShort(s, YMD); err == nil {
			return []Order{YMD}
		}
		return nil
	}
	var out []Order
	for _, o := range []Order{MDY, DMY} {
		if o == MDY && strings.Contains(t, ".") {
			continue
		}
		if _, err := ParseShort(s, o); err == nil {
			out = append(out, o)
		}
	}
	return out
}

var monthAbbr = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// ParseDayMonYear reads the returns report's dates, "10-Jul-2025" (also
// "10-Jul-25" and "10 Jul 2025"); an ISO date or timestamp is accepted too.
func ParseDayMonYear(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' {
		ts, err := ParseTimestamp(s)
		return ts.Date, err
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' || r == '/' })
	if len(f) == 3 {
		d, err1 := digits(f[0])
		m, okm := monthAbbr[strings.ToLower(f[1])]
		y, err2 := digits(f[2])
		if err1 == nil && okm && err2 == nil && len(f[2]) != 3 && len(f[2]) <= 4 {
			if y < 100 {
				y += 2000
			}
			return Valid(y, int(m), d, s)
		}
	}
	return 0, fmt.Errorf("want a date like 10-Jul-2025, got %q", s)
}
