package metrics

import (
	"sort"
	"strconv"

	"github.com/sellerhealth/audit/internal/civil"
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
	KeyedOn: "messages received", Counts: "answered within 24 h", Population: "messages", Scope: "Buyer messages",
	Scale: 1, MultiWindow: true, Window: contactResponseWindow,
	Reads: []string{kindMessages}, OnlyWithInputs: true, Uses: []string{kindOrders},
	Base: Base{Kinds: []string{kindMessages}, Field: records.Received},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome {
		res, note := contactResponse(d, s)
		return Outcome{Results: res, Notes: notes(note)}
	},
	Series: contactResponseSeries,
}

// message outcomes on the as-of date.
const (
	msgOut     = iota // not in the population
	msgInTime         // answered at most 24 h after receipt
	msgLate           // answered by now, more than 24 h after receipt
	msgNoReply        // unanswered by now, 24 h or more after receipt
)

// messageOutcome classifies a buyer message received on or before as-of,
// and gives the event that counts it against the metric (late or none).
func messageOutcome(m *records.Message, asOf civil.Date) (int, Event) {
	if m.NoResponseNeeded {
		return msgOut, Event{}
	}
	now := serviceNow(asOf, m.Received)
	rcv := start(m.Received, m.Received.Location())
	if resp, ok := responseBy(m.FirstResponse, m.Received, now); ok {
		after := resp.Sub(rcv)
		if after <= messageDeadline {
			return msgInTime, Event{}
		}
		st := "answered " + elapsed(after) + " after receipt"
		if m.AutoReplied {
			st += "; the automatic reply does not count"
		}
		return msgLate, Event{Type: ComponentLateResponse, Date: m.FirstResponse.Date, Status: st}
	}
	if now.Sub(rcv) < messageDeadline {
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
			switch o, _ := messageOutcome(m, asOf); o {
			case msgOut:
				return stOut
			case msgInTime:
				return stCounted
			}
			return stIn
		}, breaks...)
	}
	return byWindow(sl, ContactResponseRate, win.Days), true
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

// contactResponse is ContactResponse and the note of the messages on
// Multi-Channel Fulfillment orders it left out of its longest window ("":
// none).
func contactResponse(d *records.Dataset, s settings.Settings) ([]Result, string) {
	win := s.Window(ContactResponseRate, contactResponseWindow)
	var out []Result
	if !d.Has(kindMessages) {
		for _, n := range win.Days {
			r := Missing(ContactResponseRate, needMessages)
			r.WindowDays = n
			out = append(out, r)
		}
		return out, ""
	}
	longest := 0
	for _, n := range win.Days {
		longest = max(longest, n)
	}
	// Each message is classified once, for every window.
	type counted struct {
		key     civil.Date
		outcome int
		ev      Event
		id, msg string
	}
	var all []counted
	end := s.AsOf.AddDays(-win.Lag)
	first := end.AddDays(-(longest - 1))
	var mcf multiChannel
	left := 0 // messages on MCF orders that would count in the longest window
	for i := range d.Messages {
		m := &d.Messages[i]
		key := m.Received.Date
		if key < first || key > end {
			continue
		}
		o, ev := messageOutcome(m, s.AsOf)
		if o == msgOut {
			continue
		}
		if mcf.id(d, m.OrderID) {
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
	for _, n := range win.Days {
		w := WindowEnding(end, n)
		r := Result{ID: ContactResponseRate, WindowDays: n, Window: w}
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
			r.Items = append(r.Items, Item{OrderID: c.id, KeyDate: c.key, Events: []Event{c.ev},
				LeavesWindowOn: LeavesWindow(c.key, win.Lag, n)})
		}
		r.Components = Components{{ComponentLateResponse, late}, {ComponentNoResponse, none}}
		r.Days = days.counted()
		out = append(out, r)
	}
	metric := "contact response rate"
	if len(win.Days) > 1 {
		metric += " (" + strconv.Itoa(longest) + " days)"
	}
	return out, multiChannelNote(left, "buyer message on a Multi-Channel Fulfillment order", "buyer messages on Multi-Channel Fulfillment orders",
		metric, "buyer-seller messages")
}
