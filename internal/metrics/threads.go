package metrics

import (
	"cmp"
	"sort"
	"strconv"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// ThreadsWithinLimit is the id of the share of buyer threads within the
// message limit.
const ThreadsWithinLimit = "threads_within_limit"

// threadsWindow: threads whose latest message was received in the 30 days
// ending on as-of (policy: the platforms publish no period).
var threadsWindow = settings.Window{Days: []int{30}}

// Kaufland and Cdiscount count the messages of a buyer thread and may
// block a seller who goes over a limit they do not disclose; the messages
// of a thread a first answer did not settle pile up. The metric is the
// share of threads within service.thread_limit messages, per platform
// and store of those that count them (ResponseRule.CountsThreads), with
// the threads over it listed, those with the most messages first.
var threadsMetric = Metric{
	ID: ThreadsWithinLimit, Title: "Threads within the message limit", Short: "THREADS", Abbrev: "THR",
	Command: "service", Source: "Kaufland and Cdiscount count the messages of a thread (the limit is not disclosed)",
	Platform: "kaufland",
	KeyedOn:  "latest messages received", Counts: "within the limit", Population: "threads", Scope: "Buyer threads",
	Clean:     [2]string{"thread within the limit", "threads within the limit"},
	ListTitle: "Threads over the limit",
	Scale:     1, Window: threadsWindow,
	Reads: []string{kindMessages}, OnlyWithInputs: true,
	Base:    Base{Kinds: []string{kindMessages}, Field: records.Received},
	Compute: func(d *records.Dataset, s settings.Settings) Outcome { return Outcome{Results: ThreadLimits(d, s)} },
}

// ThreadLimits computes, for each platform and store whose rule counts
// thread messages (an entry for each that has threads, whatever their
// dates, so that every date of a trend has the same entries), the threads whose latest message was received in the
// window ending on as-of (messages received after as-of are not counted;
// a message without a thread-id is in no thread): numerator = those of at
// most service.thread_limit messages, denominator = all of them. Items are
// the threads over the limit under their thread id, keyed on their latest
// message, the most messages first.
func ThreadLimits(d *records.Dataset, s settings.Settings) []Result {
	if !d.Has(kindMessages) {
		return nil // no platform to name: an Amazon seller's audit service shows nothing of it
	}
	win := s.Window(ThreadsWithinLimit, threadsWindow)
	w := WindowEnding(s.AsOf.AddDays(-win.Lag), win.Days[0])
	limit := max(s.Service.ThreadLimit, 1)
	type thread struct {
		id       string
		latest   civil.Date // its latest message's receipt date
		messages int
	}
	byGroup := map[msgGroup]map[string]*thread{}
	for i := range d.Messages {
		m := &d.Messages[i]
		if m.Thread == "" {
			continue
		}
		g := msgGroup{cmp.Or(m.Platform, "amazon"), m.Store}
		if rule, ok := s.Service.Response(g.platform); !ok || !rule.CountsThreads {
			continue
		}
		ts := byGroup[g] // every group with threads has an entry, whatever the date
		if ts == nil {
			ts = map[string]*thread{}
			byGroup[g] = ts
		}
		if m.Received.Date > s.AsOf {
			continue
		}
		t := ts[m.Thread]
		if t == nil {
			t = &thread{id: m.Thread, latest: m.Received.Date}
			ts[m.Thread] = t
		}
		t.messages++
		if m.Received.Date > t.latest {
			t.latest = m.Received.Date
		}
	}
	var out []Result
	for _, g := range messageGroups(d) {
		ts, ok := byGroup[g]
		if !ok {
			continue
		}
		r := Result{ID: ThreadsWithinLimit, WindowDays: win.Days[0], Window: w, Platform: g.platform, Marketplace: g.store}
		var over []*thread
		for _, t := range ts {
			if !w.Contains(t.latest) {
				continue
			}
			r.Denominator++
			if t.messages <= limit {
				r.Numerator++
			} else {
				over = append(over, t)
			}
		}
		sort.Slice(over, func(i, j int) bool {
			a, b := over[i], over[j]
			if a.messages != b.messages {
				return a.messages > b.messages
			}
			return a.id < b.id
		})
		for _, t := range over {
			key := t.latest
			r.Items = append(r.Items, Item{OrderID: t.id, KeyDate: key, LeavesWindowOn: LeavesWindow(key, win.Lag, win.Days[0]),
				Events: []Event{{Type: EventOverLimit, Date: key, Status: strconv.Itoa(t.messages) + " messages, over the limit of " + strconv.Itoa(limit)}}})
		}
		out = append(out, r)
	}
	return out
}

// EventOverLimit is a thread holding more messages than the limit.
const EventOverLimit = "over_limit"
