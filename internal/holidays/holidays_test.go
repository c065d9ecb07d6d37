package holidays

import (
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
)

func date(s string) civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Public holidays of the stores' countries, from their laws, against the
// library: a day that is one, and one that is not.
func TestHoliday(t *testing.T) {
	cases := []struct {
		country, day string
		want         bool
	}{
		{"DE", "2026-10-03", true},  // Tag der Deutschen Einheit
		{"DE", "2026-12-25", true},  // 1. Weihnachtstag
		{"DE", "2026-12-24", false}, // Heiligabend is no public holiday
		{"DE", "2026-01-06", false}, // Epiphany: some states only
		{"CZ", "2026-10-28", true},  // Den vzniku samostatného československého státu
		{"CZ", "2026-11-17", true},  // Den boje za svobodu a demokracii
		{"CZ", "2026-12-24", true},  // Štědrý den
		{"SK", "2026-08-29", true},  // Výročie SNP
		{"SK", "2026-09-01", false}, // Deň Ústavy: no day off since 2024
		{"PL", "2026-11-11", true},  // Narodowe Święto Niepodległości
		{"PL", "2026-12-24", true},  // Wigilia, a public holiday since 2025
		{"AT", "2026-10-26", true},  // Nationalfeiertag
		{"AT", "2026-10-27", false},
		{"UK", "2026-12-28", true}, // Boxing Day (26th a Saturday) observed on Monday
		{"XX", "2026-12-25", false},
	}
	for _, c := range cases {
		name, got := Holiday(c.country, date(c.day))
		if got != c.want {
			t.Errorf("Holiday(%s, %s) = %q, %v; want %v", c.country, c.day, name, got, c.want)
		}
	}
}

func TestWorkday(t *testing.T) {
	c := New("DE", []civil.Date{date("2026-11-27")})
	for day, want := range map[string]bool{
		"2026-11-23": true,  // Monday
		"2026-11-28": false, // Saturday
		"2026-11-29": false, // Sunday
		"2026-10-03": false, // a holiday on a Saturday
		"2026-12-25": false, // a holiday on a Friday
		"2026-11-27": false, // the seller's day off
		"2026-11-26": true,
	} {
		if got := c.Workday(date(day)); got != want {
			t.Errorf("Workday(%s) = %v, want %v", day, got, want)
		}
	}
}

// Working time leaves out weekends and holidays whole, in the first
// instant's location.
func TestBetween(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, cet)
		if err != nil {
			panic(err)
		}
		return v
	}
	de := New("DE", nil)
	cases := []struct {
		from, to string
		want     time.Duration
	}{
		{"2026-11-24 10:00", "2026-11-24 10:00", 0},
		{"2026-11-24 10:00", "2026-11-24 09:00", 0},
		{"2026-11-24 10:00", "2026-11-25 12:00", 26 * time.Hour},
		// Friday 16:00 to Tuesday 16:00: 8 h of Friday, 24 of Monday, 16 of Tuesday.
		{"2026-11-27 16:00", "2026-12-01 16:00", 48 * time.Hour},
		// Over a weekend: Saturday's message starts counting on Monday.
		{"2026-11-28 09:00", "2026-11-30 10:00", 10 * time.Hour},
		// Over Christmas (Thursday 24th is a working day in DE, 25th a holiday, 26th a Saturday).
		{"2026-12-24 12:00", "2026-12-28 12:00", 24 * time.Hour},
	}
	for _, c := range cases {
		if got := de.Between(at(c.from), at(c.to)); got != c.want {
			t.Errorf("Between(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
	// In the Czech Republic the 24th is a holiday too.
	if got := New("CZ", nil).Between(at("2026-12-24 12:00"), at("2026-12-28 12:00")); got != 12*time.Hour {
		t.Errorf("CZ over Christmas = %v, want 12h", got)
	}
}
