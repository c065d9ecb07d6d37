package metrics_test

import (
	"fmt"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rules under test are issue 20's and docs/metrics.md's "Customer
// service across marketplaces": each platform's messages are judged by its
// own rule, Amazon's by 24 clock hours (weekends count) over 7, 30 and 90
// days, Kaufland's by 48 hours of working days (weekends and the store
// country's public holidays do not count) over the calendar week, and the
// share of threads within the message limit per platform that counts
// them. The audit date is Sunday 2026-11-22: Kaufland's week is Monday
// 2026-11-16 to it; Tuesday 2026-11-17 is a public holiday in the Czech
// Republic (Den boje za svobodu a demokracii), not in Germany.

var (
	kaufland = settings.ResponseRule{DeadlineHours: 48, WorkingDays: true, SellerDaysOff: true, Period: settings.PeriodWeek, CountsThreads: true}
	allegro  = settings.ResponseRule{DeadlineHours: 24, WorkingDays: true, Period: settings.PeriodDays}
	sunday   = civil.NewDate(2026, 11, 22)
)

// mmsg is a message of a platform and store.
type mmsg struct {
	id, platform, store, thread, received, response string
}

func multiDataset(ms ...mmsg) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["messages"] = true
	for _, m := range ms {
		r := records.Message{ID: m.id, Platform: m.platform, Store: m.store, Thread: m.thread, Received: stamp(m.received)}
		if m.response != "" {
			r.FirstResponse = stamp(m.response)
		}
		d.Messages = append(d.Messages, r)
	}
	return d
}

func multiSettings() settings.Settings {
	s := settings.Default(sunday)
	s.Service.Responses = map[string]settings.ResponseRule{"amazon": settings.AmazonResponse, "kaufland": kaufland, "allegro": allegro}
	return s
}

// find is the entry of a platform, store and window length (0: the
// calendar week).
func find(t *testing.T, res []metrics.Result, platform, store string, days int) metrics.Result {
	t.Helper()
	for _, r := range res {
		if r.Platform == platform && r.Marketplace == store && r.WindowDays == days {
			return r
		}
	}
	t.Fatalf("no entry for %s %s %d days in %+v", platform, store, days, res)
	return metrics.Result{}
}

func TestResponseByPlatformRule(t *testing.T) {
	d := multiDataset(
		// Friday 18:00 to Sunday 20:00: 50 clock hours. Late on Amazon,
		// where weekends count; 6 working hours on Kaufland.
		mmsg{"A-1", "amazon", "DE", "", "2026-11-20T18:00:00+01:00", "2026-11-22T20:00:00+01:00"},
		mmsg{"K-1", "kaufland", "DE", "", "2026-11-20T18:00:00+01:00", "2026-11-22T20:00:00+01:00"},
		// Monday 10:00 to Wednesday 20:00: 58 hours in Germany (late),
		// 34 in the Czech Republic, whose Tuesday is a holiday (in time).
		mmsg{"K-2", "kaufland", "DE", "", "2026-11-16T10:00:00+01:00", "2026-11-18T20:00:00+01:00"},
		mmsg{"K-3", "kaufland", "CZ", "", "2026-11-16T10:00:00+01:00", "2026-11-18T20:00:00+01:00"},
		// Monday 09:00 to Thursday 10:00: 49 working hours in the Czech
		// Republic, one too many.
		mmsg{"K-4", "kaufland", "CZ", "", "2026-11-16T09:00:00+01:00", "2026-11-19T10:00:00+01:00"},
		// Thursday 08:00, unanswered: 40 working hours by Sunday's end,
		// not yet due; Monday 12:00, unanswered: 108, counted.
		mmsg{"K-5", "kaufland", "DE", "", "2026-11-19T08:00:00+01:00", ""},
		mmsg{"K-6", "kaufland", "DE", "", "2026-11-16T12:00:00+01:00", ""},
		// The week before is not this week's.
		mmsg{"K-7", "kaufland", "DE", "", "2026-11-13T10:00:00+01:00", "2026-11-13T11:00:00+01:00"},
		// Allegro (Poland): Tuesday 15:00 to Thursday 10:00 over
		// Independence Day (Wednesday 11th): 19 working hours, in time.
		mmsg{"P-1", "allegro", "PL", "", "2026-11-10T15:00:00+01:00", "2026-11-12T10:00:00+01:00"},
		// Monday 08:00 to Tuesday 09:00: 25 working hours, late.
		mmsg{"P-2", "allegro", "PL", "", "2026-11-16T08:00:00+01:00", "2026-11-17T09:00:00+01:00"},
	)
	res := metrics.ContactResponse(d, multiSettings())
	cases := []struct {
		platform, store string
		days            int
		num, den        int
	}{
		{"amazon", "DE", 7, 0, 1},
		{"allegro", "PL", 7, 0, 1},
		{"allegro", "PL", 30, 1, 2},
		{"kaufland", "CZ", 0, 1, 2},
		{"kaufland", "DE", 0, 1, 3},
	}
	for _, c := range cases {
		r := find(t, res, c.platform, c.store, c.days)
		if r.Numerator != c.num || r.Denominator != c.den {
			t.Errorf("%s %s %d days: %d/%d, want %d/%d; items %+v", c.platform, c.store, c.days, r.Numerator, r.Denominator, c.num, c.den, r.Items)
		}
	}
	week := find(t, res, "kaufland", "DE", 0)
	if week.Calendar != metrics.CalendarWeek || week.Window.From != civil.NewDate(2026, 11, 16) || week.Window.To != sunday {
		t.Errorf("Kaufland's period is %s %s..%s, want the week 2026-11-16..2026-11-22", week.Calendar, week.Window.From, week.Window.To)
	}
	if got := fmt.Sprint(week.Components); got != fmt.Sprint(metrics.Components{{Key: metrics.ComponentLateResponse, Count: 1}, {Key: metrics.ComponentNoResponse, Count: 1}}) {
		t.Errorf("components %s", got)
	}
	// The order: Amazon's first, then the platforms by name, stores by code.
	var order []string
	for _, r := range res {
		order = append(order, r.Platform+"-"+r.Marketplace)
	}
	if got := fmt.Sprint(order); got != "[amazon-DE amazon-DE amazon-DE allegro-PL allegro-PL allegro-PL kaufland-CZ kaufland-DE]" {
		t.Errorf("entries in the order %s", got)
	}
}

// The seller's days off do not count where the rule allows it, and
// service.<platform> overrides reach the rule.
func TestResponseSellerDaysOff(t *testing.T) {
	// Monday 10:00 to Wednesday 12:00: 50 hours, late; with Tuesday off, 26.
	d := multiDataset(mmsg{"K-1", "kaufland", "DE", "", "2026-11-16T10:00:00+01:00", "2026-11-18T12:00:00+01:00"})
	s := multiSettings()
	if r := find(t, metrics.ContactResponse(d, s), "kaufland", "DE", 0); r.Numerator != 0 || r.Denominator != 1 {
		t.Fatalf("without days off: %d/%d, want 0/1", r.Numerator, r.Denominator)
	}
	s.Service.DaysOff = []civil.Date{civil.NewDate(2026, 11, 17)}
	if r := find(t, metrics.ContactResponse(d, s), "kaufland", "DE", 0); r.Numerator != 1 || r.Denominator != 1 {
		t.Errorf("with Tuesday off: %d/%d, want 1/1", r.Numerator, r.Denominator)
	}
	off := false
	rule := settings.ResponseOverride{SellerDaysOff: &off}.Apply(kaufland)
	s.Service.Responses["kaufland"] = rule
	if r := find(t, metrics.ContactResponse(d, s), "kaufland", "DE", 0); r.Numerator != 0 {
		t.Errorf("seller_days_off false: %d/%d, want 0/1", r.Numerator, r.Denominator)
	}
}

// A platform without a rule is not computed, and says so; a file without
// the marketplace column is Amazon's alone.
func TestResponseWithoutRule(t *testing.T) {
	d := multiDataset(mmsg{"E-1", "ebay", "DE", "", "2026-11-18T10:00:00+01:00", "2026-11-18T11:00:00+01:00"})
	res := metrics.ContactResponse(d, multiSettings())
	if len(res) != 1 || res[0].Platform != "ebay" || res[0].NotComputed == "" {
		t.Errorf("eBay's messages without a rule: %+v", res)
	}
	d = multiDataset(mmsg{"A-1", "", "", "", "2026-11-20T10:00:00+01:00", "2026-11-20T11:00:00+01:00"})
	res = metrics.ContactResponse(d, settings.Default(sunday))
	if len(res) != 3 || res[0].Platform != "amazon" || res[0].Marketplace != "" || res[0].Numerator != 1 {
		t.Errorf("Amazon's messages: %+v", res)
	}
}

func TestThreadsWithinLimit(t *testing.T) {
	var ms []mmsg
	// T-1: six messages (over a limit of 5); T-2: five (within);
	// T-3: its latest message before the 30-day window; T-4: its sixth
	// message after as-of, not counted; Amazon's threads are not counted.
	for i := 0; i < 6; i++ {
		ms = append(ms, mmsg{fmt.Sprintf("a%d", i), "kaufland", "DE", "T-1", fmt.Sprintf("2026-11-%02dT10:00:00+01:00", 10+i), ""})
	}
	for i := 0; i < 5; i++ {
		ms = append(ms, mmsg{fmt.Sprintf("b%d", i), "kaufland", "DE", "T-2", fmt.Sprintf("2026-11-%02dT10:00:00+01:00", 10+i), ""})
	}
	for i := 0; i < 7; i++ {
		ms = append(ms, mmsg{fmt.Sprintf("c%d", i), "kaufland", "DE", "T-3", fmt.Sprintf("2026-10-%02dT10:00:00+01:00", 1+i), ""})
	}
	for i := 0; i < 6; i++ {
		ms = append(ms, mmsg{fmt.Sprintf("d%d", i), "kaufland", "DE", "T-4", fmt.Sprintf("2026-11-%02dT10:00:00+01:00", 18+i), ""})
	}
	for i := 0; i < 9; i++ {
		ms = append(ms, mmsg{fmt.Sprintf("e%d", i), "amazon", "DE", "T-9", fmt.Sprintf("2026-11-%02dT10:00:00+01:00", 10+i), ""})
	}
	res := metrics.ThreadLimits(multiDataset(ms...), multiSettings())
	if len(res) != 1 {
		t.Fatalf("%d entries, want Kaufland DE's alone: %+v", len(res), res)
	}
	r := res[0]
	if r.Platform != "kaufland" || r.Marketplace != "DE" || r.Numerator != 2 || r.Denominator != 3 {
		t.Errorf("Kaufland DE: %d/%d, want 2/3 (T-1 over, T-2 and T-4 within)", r.Numerator, r.Denominator)
	}
	if len(r.Items) != 1 || r.Items[0].OrderID != "T-1" {
		t.Errorf("listed %+v, want T-1", r.Items)
	}
	s := multiSettings()
	s.Service.ThreadLimit = 6
	if r := metrics.ThreadLimits(multiDataset(ms...), s)[0]; r.Numerator != 3 {
		t.Errorf("limit 6: %d/%d, want 3/3", r.Numerator, r.Denominator)
	}
}
