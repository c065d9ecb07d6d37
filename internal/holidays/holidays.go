// Package holidays says which days are working days in a store's country:
// weekends and the country's public holidays are not. Some marketplaces
// count response deadlines in working days (Kaufland's 48 hours, Allegro's
// 24), leaving out the weekends and the public holidays of the sales
// channel's country. The holidays come from github.com/rickar/cal, a
// maintained library of national calendars, not from tables written here.
package holidays

import (
	"sort"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/hu"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/pt"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/us"

	"github.com/sellerhealth/audit/internal/civil"
)

// national are the countries' national public holidays, by the store
// codes audit uses (UK for Great Britain). A state's or region's own
// holidays (Bavaria's Epiphany) are not among them: a marketplace's
// deadline follows the country's.
var national = map[string][]*cal.Holiday{
	"AT": at.Holidays, "BE": be.Holidays, "CA": ca.Holidays, "CH": ch.Holidays,
	"CZ": cz.Holidays, "DE": de.Holidays, "DK": dk.Holidays, "ES": es.Holidays,
	"FR": fr.Holidays, "HU": hu.Holidays, "IE": ie.Holidays, "IT": it.Holidays,
	"NL": nl.Holidays, "PL": pl.Holidays, "PT": pt.Holidays, "RO": ro.Holidays,
	"SE": se.Holidays, "SK": sk.Holidays, "UK": gb.Holidays, "US": us.Holidays,
}

// Countries are the store codes with a holiday calendar, sorted.
func Countries() []string {
	out := make([]string, 0, len(national))
	for c := range national {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Known says whether a country has a holiday calendar here.
func Known(country string) bool { _, ok := national[country]; return ok }

// Holiday is the name of the public holiday on day d in country, and
// whether there is one: the day itself, or the day a holiday falling on a
// weekend is observed on where the country moves it (the UK's bank
// holidays). A country without a calendar has none.
func Holiday(country string, d civil.Date) (string, bool) {
	hs, ok := national[country]
	if !ok {
		return "", false
	}
	t := d.Time()
	y := t.Year()
	for _, h := range hs {
		act, obs := h.Calc(y)
		if sameDay(act, t) || sameDay(obs, t) {
			return h.Name, true
		}
		if _, obs := h.Calc(y + 1); sameDay(obs, t) { // next year's, observed on New Year's Eve
			return h.Name, true
		}
	}
	return "", false
}

func sameDay(a, b time.Time) bool {
	if a.IsZero() {
		return false
	}
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	return ya == yb && ma == mb && da == db
}

// Calendar tells working days: Monday to Friday, less a country's public
// holidays and the seller's own days off.
type Calendar struct {
	country string
	off     map[civil.Date]bool
	memo    map[civil.Date]bool
}

// New is the working-day calendar of country (a store code; "" or one
// without a calendar: weekends only) with the seller's days off.
func New(country string, daysOff []civil.Date) *Calendar {
	c := &Calendar{country: country, off: map[civil.Date]bool{}, memo: map[civil.Date]bool{}}
	for _, d := range daysOff {
		c.off[d] = true
	}
	return c
}

// Workday says whether d is a working day.
func (c *Calendar) Workday(d civil.Date) bool {
	if w, ok := c.memo[d]; ok {
		return w
	}
	w := true
	switch {
	case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
		w = false
	case c.off[d]:
		w = false
	default:
		_, hol := Holiday(c.country, d)
		w = !hol
	}
	c.memo[d] = w
	return w
}

// Between is the working time from a to b (zero when b is not after a):
// the parts of [a, b) on working days, days being the calendar days of a's
// location. A deadline of 48 working hours is met when Between(received,
// answered) is at most 48 h.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	loc := a.Location()
	b = b.In(loc)
	var total time.Duration
	for cur := a; cur.Before(b); {
		y, m, d := cur.Date()
		next := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
		end := next
		if b.Before(end) {
			end = b
		}
		if c.Workday(civil.NewDate(y, m, d)) {
			total += end.Sub(cur)
		}
		cur = next
	}
	return total
}
