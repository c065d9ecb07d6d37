package metrics

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/holidays"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// ContactResponseRate is the contact response rate's id.
const ContactResponseRate = "contact_response_rate"

// contactResponseWindow is Amazon's rule: 7, 30 and 90 days by receipt
// date, ending on as-of.
var contactResponseWindow = settings.Window{Days: []int{7, 30, 90}}

var contactResponseMetric = Metric{
	ID: ContactResponseRate, Title: "Contact Response Rate", Short: "REPLIES", Abbrev: "CRR",
	Command: "service", Source: "help 200549770",
	KeyedOn: "messages received", Counts: "answered in time", Population: "messages", Scope: "Buyer messages",
	Scale: 1, MultiWindow: true, Window: contactResponseWindow,
	Reads: []string{kindMessages}, OnlyWithInputs: true, Uses: []string{kindOrders},
	Base: Base{Kinds: []string{kindMessages}, Field: records.Received},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		res, notes := contactResponse(d, s)
		return Outcome{Results: res, Notes: notes}
	},
	Series: contactResponseSeries,
}

// message outcomes on the as-of date.
const (
	msgOut     = iota // not in the population
	msgInTime         // answered by the deadline
	msgLate           // answered by now, after the deadline
	msgNoReply        // unanswered by now, past the deadline
)

// responseClock measures the time to a response by a platform's rule:
// clock hours (Amazon: weekends and holidays count), or the hours of
// working days only (the weekends and public holidays of the store's
// country left out, and the seller's days off where the rule allows).
type responseClock struct {
	deadline time.Duration
	work     *holidays.Calendar // nil: clock hours
}

// amazonClock is Amazon's: 24 clock hours.
var amazonClock = responseClock{deadline: messageDeadline}

// clockOf is the clock of rule for a store's country.
func clockOf(rule settings.ResponseRule, country string, s settings.Settings) responseClock {
	c := responseClock{deadline: time.Duration(rule.DeadlineHours) * time.Hour}
	if rule.WorkingDays {
		var off []civil.Date
		if rule.SellerDaysOff {
			off = s.Service.DaysOff
		}
		c.work = holidays.New(country, off)
	}
	return c
}

// elapsed is the time from a to b that counts towards the deadline.
func (c responseClock) elapsed(a, b time.Time) time.Duration {
	if c.work != nil {
		return c.work.Between(a, b)
	}
	return b.Sub(a)
}

// words says how elapsed counts, for an item's status: "" for clock
// hours, " working" for working days.
func (c responseClock) words() string {
	if c.work != nil {
		return " working"
	}
	return ""
}

// messageOutcome classifies a buyer message received on or before as-of
// by the clock's deadline, and gives the event that counts it against the
// metric (late or none).
func messageOutcome(m *records.Message, asOf civil.Date, c responseClock) (int, Event) {
	if m.NoResponseNeeded {
		return msgOut, Event{}
	}
	now := serviceNow(asOf, m.Received)
	rcv := start(m.Received, m.Received.Location())
	if resp, ok := responseBy(m.FirstResponse, m.Received, now); ok {
		after := c.elapsed(rcv, resp)
		if after <= c.deadline {
			return msgInTime, Event{}
		}
		st := "answered " + elapsed(after) + c.words() + " after receipt"
		if c.work != nil {
			st += " (" + elapsed(resp.Sub(rcv)) + " in all)"
		}
		if m.AutoReplied {
			st += "; the automatic reply does not count"
		}
		return msgLate, Event{Type: ComponentLateResponse, Date: m.FirstResponse.Date, Status: st}
	}
	if c.elapsed(rcv, now) < c.deadline {
		return msgOut, Event{} // not yet due
	}
	st := "no response"
	if m.AutoReplied {
		st = "only an automatic reply"
	}
	return msgNoReply, Event{Type: ComponentNoResponse, Status: st}
}

// contactResponseSeries is the contact response rate on every as-of date
// from from to to (SeriesFunc): each message is a unit keyed on the day it
// was received, out of the population until due (24 h after receipt) or
// answered, counted when answered in time (messageOutcome). Its outcome
// changes only around the days it was received and answered (a day or
// two either way: the as-of date ends in the message's own offset).
func contactResponseSeries(d *records.Dataset, s settings.Settings, from, to civil.Date) ([][]Result, bool) {
	if !d.Has(kindMessages) {
		return nil, false
	}
	if gs := messageGroups(d); len(gs) != 1 || gs[0] != (msgGroup{platform: "amazon"}) {
		return nil, false // several platforms or stores: each date alone (Compute)
	}
	if rule, ok := s.Service.Response("amazon"); !ok || rule != settings.AmazonResponse {
		return nil, false
	}
	win := s.Window(ContactResponseRate, contactResponseWindow)
	sl := newSlider(from, to, win.Lag, win.Days, 1)
	var mcf multiChannel
	var breaks []civil.Date
	for i := range d.Messages {
		m := &d.Messages[i]
		key := m.Received.Date
		if !sl.reaches(key) || m.NoResponseNeeded || mcf.id(d, m.OrderID) {
			continue
		}
		breaks = around(around(breaks[:0], m.Received.Date, 0, 2), m.FirstResponse.Date, -2, 2)
		sl.follow(key, 1, func(asOf civil.Date) standing {
			switch o, _ := messageOutcome(m, asOf, amazonClock); o {
			case msgOut:
				return stOut
			case msgInTime:
				return stCounted
			}
			return stIn
		}, breaks...)
	}
	out := byWindow(sl, ContactResponseRate, win.Days)
	for _, day := range out {
		for i := range day {
			day[i].Platform = "amazon"
		}
	}
	return out, true
}

// ContactResponse computes the contact response rate (help 200549770) for
// each window of its setting (7, 30 and 90 days by default): buyer messages received in the N
// days ending on as-of, except those marked no-response-needed and those
// still unanswered but received less than 24 h before now (the end of the
// as-of day in the message's own offset; responses after it are ignored).
// Numerator = answered by the first manual response at most 24 h after
// receipt (exactly 24 h is in time); automatic replies are not responses.
// Components: late_response (answered by now, after 24 h) and no_response
// (unanswered 24 h after receipt). Items are the late and unanswered
// messages, under their order id (the message id when none); Days count by
// receipt date, the numerator being the messages answered in time.
// Messages on Multi-Channel Fulfillment orders (the orders report's sales
// channel Non-Amazon) are left out: they are not Amazon buyer messages.
func ContactResponse(d *records.Dataset, s settings.Settings) []Result {
	res, _ := contactResponse(d, s)
	return res
}

// contactResponse is ContactResponse and its notes: the messages on
// Multi-Channel Fulfillment orders it left out of its longest window, and
// the platforms without a rule or a holiday calendar.
func contactResponse(d *records.Dataset, s settings.Settings) ([]Result, []string) {
	win := s.Window(ContactResponseRate, contactResponseWindow)
	var out []Result
	if !d.Has(kindMessages) {
		for _, n := range win.Days {
			r := Missing(ContactResponseRate, needMessages)
			r.WindowDays = n
			out = append(out, r)
		}
		return out, nil
	}
	var notes []string
	for _, g := range messageGroups(d) {
		rule, ok := s.Service.Response(g.platform)
		if !ok {
			r := Missing(ContactResponseRate, "no response rule for "+g.platform+"'s buyer messages: none is published that audit knows; set one with service."+g.platform+".deadline_hours (docs/metrics.md, \"Customer service across marketplaces\")")
			r.Platform, r.Marketplace = g.platform, g.store
			out = append(out, r)
			continue
		}
		country := cmp.Or(g.store, homeCountry[g.platform])
		if rule.WorkingDays && !holidays.Known(country) {
			notes = append(notes, fmt.Sprintf("%s: no public-holiday calendar for %q: only weekends are left out of its %d-hour deadline",
				groupName(g), country, rule.DeadlineHours))
		}
		res, note := contactResponseGroup(d, s, g, rule, clockOf(rule, country, s))
		out = append(out, res...)
		if note != "" {
			notes = append(notes, note)
		}
	}
	return out, notes
}

// msgGroup is the messages of one platform and store, judged alike.
type msgGroup struct{ platform, store string }

// groupName names a group in a note: "kaufland-de".
func groupName(g msgGroup) string {
	if g.store == "" {
		return g.platform
	}
	return g.platform + "-" + strings.ToLower(g.store)
}

// homeCountry is the country whose holidays a platform's messages follow
// when the file names no store: the platform's home market.
var homeCountry = map[string]string{"kaufland": "DE", "allegro": "PL", "cdiscount": "FR", "otto": "DE", "bol": "NL", "emag": "RO"}

// messageGroups are the platforms and stores of the messages, Amazon's
// first, then by platform and store; Amazon's alone when there are no
// messages.
func messageGroups(d *records.Dataset) []msgGroup {
	seen := map[msgGroup]bool{}
	var out []msgGroup
	for i := range d.Messages {
		g := msgGroup{d.Messages[i].Platform, d.Messages[i].Store}
		if g.platform == "" {
			g.platform = "amazon"
		}
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return []msgGroup{{platform: "amazon"}}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.platform == "amazon") != (b.platform == "amazon") {
			return a.platform == "amazon"
		}
		if a.platform != b.platform {
			return a.platform < b.platform
		}
		return a.store < b.store
	})
	return out
}

// The calendar periods a window may be (Result.Calendar).
const (
	CalendarWeek  = "week"
	CalendarMonth = "month"
)

// periodsOf are the windows a group's rate is measured over, each with
// its window_days (0 for a calendar week): the metric's windows ending on
// as-of (lag days before it), or the calendar week of the as-of date,
// Monday to as-of.
func periodsOf(s settings.Settings, rule settings.ResponseRule) (ws []Window, days []int, lag int) {
	if rule.Period == settings.PeriodWeek {
		monday := s.AsOf.AddDays(-((int(s.AsOf.Weekday()) + 6) % 7))
		return []Window{{From: monday, To: s.AsOf, Days: int(s.AsOf-monday) + 1}}, []int{0}, 0
	}
	win := s.Window(ContactResponseRate, contactResponseWindow)
	end := s.AsOf.AddDays(-win.Lag)
	for _, n := range win.Days {
		ws = append(ws, WindowEnding(end, n))
	}
	return ws, win.Days, win.Lag
}

// contactResponseGroup is the rate of one platform's and store's
// messages by its rule, one entry per period; the note of the messages
// on MCF orders left out (Amazon's alone: another platform's buyer may be
// served from Amazon's stock).
func contactResponseGroup(d *records.Dataset, s settings.Settings, g msgGroup, rule settings.ResponseRule, clock responseClock) ([]Result, string) {
	ws, windowDays, lag := periodsOf(s, rule)
	first, last := ws[0].From, ws[0].To
	for _, w := range ws {
		first, last = min(first, w.From), max(last, w.To)
	}
	// Each message is classified once, for every window.
	type counted struct {
		key     civil.Date
		outcome int
		ev      Event
		id, msg string
	}
	var all []counted
	var mcf multiChannel
	left := 0 // messages on MCF orders that would count in the longest window
	for i := range d.Messages {
		m := &d.Messages[i]
		if (msgGroup{cmp.Or(m.Platform, "amazon"), m.Store}) != g {
			continue
		}
		key := m.Received.Date
		if key < first || key > last {
			continue
		}
		o, ev := messageOutcome(m, s.AsOf, clock)
		if o == msgOut {
			continue
		}
		if g.platform == "amazon" && mcf.id(d, m.OrderID) {
			left++
			continue
		}
		id := m.OrderID
		if id == "" {
			id = m.ID
		}
		all = append(all, counted{key: key, outcome: o, ev: ev, id: id, msg: m.ID})
	}
	// Items in a deterministic order whatever the rows' order: by receipt
	// date, then id, then message id.
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if a.id != b.id {
			return a.id < b.id
		}
		return a.msg < b.msg
	})
	var out []Result
	for k, w := range ws {
		n := windowDays[k]
		r := Result{ID: ContactResponseRate, WindowDays: n, Window: w, Platform: g.platform, Marketplace: g.store}
		if n == 0 {
			r.Calendar = CalendarWeek
		}
		days := daysOf(w, s.AsOf)
		var late, none int
		for _, c := range all {
			if !w.Contains(c.key) {
				continue
			}
			days.add(c.key, c.outcome == msgInTime)
			r.Denominator++
			switch c.outcome {
			case msgInTime:
				r.Numerator++
				continue
			case msgLate:
				late++
			case msgNoReply:
				none++
			}
			leaves := LeavesWindow(c.key, lag, n)
			if n == 0 {
				leaves = w.From.AddDays(7) // the next week's Monday
			}
			r.Items = append(r.Items, Item{OrderID: c.id, KeyDate: c.key, Events: []Event{c.ev}, LeavesWindowOn: leaves})
		}
		r.Components = Components{{ComponentLateResponse, late}, {ComponentNoResponse, none}}
		r.Days = days.counted()
		out = append(out, r)
	}
	metric := "contact response rate"
	if len(ws) > 1 {
		metric += " (" + strconv.Itoa(slices.Max(windowDays)) + " days)"
	}
	return out, multiChannelNote(left, "buyer message on a Multi-Channel Fulfillment order", "buyer messages on Multi-Channel Fulfillment orders",
		metric, "buyer-seller messages")
}
