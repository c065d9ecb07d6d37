package metrics_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// The rules under test are those of ../shared/reference/metrics.md, section
// "Customer service": "now" is the end of the as-of day (23:59:59, in each
// record's own offset) and responses after it are ignored; a buyer message
// is answered in time when the first non-automatic response comes at most
// 24 h after receipt; no-response-needed messages and unanswered ones
// younger than 24 h are out; a return request is late when answered more
// than 48 h after it or still unanswered 48 h after it (younger and
// unanswered: not yet counted), an invalid rejection is one in policy; the
// rating is each rater's latest rating in a 28-day period, shown for the
// latest period ending on or before as-of (at most 365 days back) with 40
// ratings. Every case names the clause it guards. The audit date is asOf
// (2026-11-20, a Friday) unless a case says otherwise; "now" is then
// 2026-11-20T23:59:59 in the record's offset.

// ---------------------------------------------------------------------------
// Contact response rate

// msg is one buyer message, its responses folded as the reader folds them:
// response is the first manual response ("" none), auto says an automatic
// reply was sent, skip marks it no-response-needed.
type msg struct {
	id, order, received, response string
	auto, skip                    bool
}

// messagesFile is an account whose buyer-messages file holds rows (an id
// "" is msg-N).
func messagesFile(rows ...msg) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["messages"] = true
	for i, m := range rows {
		if m.id == "" {
			m.id = fmt.Sprintf("msg-%d", i+1)
		}
		d.Messages = append(d.Messages, records.Message{ID: m.id, OrderID: m.order,
			Received: stamp(m.received), FirstResponse: stampP(m.response),
			AutoReplied: m.auto, NoResponseNeeded: m.skip,
			File: records.Intern("messages.csv"), Line: int32(i + 2)})
	}
	return d
}

// crFig is a contact response entry's figures.
type crFig struct{ Num, Den, Late, None int }

func crFigOf(r metrics.Result) crFig {
	return crFig{r.Numerator, r.Denominator, r.Components.Get(metrics.ComponentLateResponse), r.Components.Get(metrics.ComponentNoResponse)}
}

// settingsAt are the default settings of an audit on date a ("" asOf).
func settingsAt(a string) settings.Settings {
	if a == "" {
		a = asOf
	}
	return settings.Default(day(a))
}

// contactWindow is the entry of window n.
func contactWindow(t *testing.T, rs []metrics.Result, n int) metrics.Result {
	t.Helper()
	for _, r := range rs {
		if r.WindowDays == n {
			return r
		}
	}
	t.Fatalf("no contact_response_rate entry for %d days in %+v", n, rs)
	return metrics.Result{}
}

func TestContactResponse(t *testing.T) {
	cases := []struct {
		name string
		asOf string // "" is asOf
		msgs []msg
		want crFig // of the 7-day window
	}{
		// Answered in time: at most 24 h after receipt.
		{name: "answered exactly 24 h after receipt: in time",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-19T10:00:00Z"}}, want: crFig{1, 1, 0, 0}},
		{name: "answered 24 h and one second after receipt: late",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-19T10:00:01Z"}}, want: crFig{0, 1, 1, 0}},
		{name: "answered within the minute: in time",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-18T10:00:30Z"}}, want: crFig{1, 1, 0, 0}},
		// Automatic replies are not responses.
		{name: "automatic reply, then a manual one after 24 h: late",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-19T12:00:00Z", auto: true}}, want: crFig{0, 1, 1, 0}},
		{name: "automatic reply, then a manual one within 24 h: in time",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-19T09:00:00Z", auto: true}}, want: crFig{1, 1, 0, 0}},
		{name: "only an automatic reply, 24 h and more ago: no response",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", auto: true}}, want: crFig{0, 1, 0, 1}},
		// No-response-needed messages are out.
		{name: "no response needed, unanswered: out",
			msgs: []msg{{received: "2026-11-16T10:00:00Z", skip: true}}, want: crFig{0, 0, 0, 0}},
		{name: "no response needed, answered late anyway: out",
			msgs: []msg{{received: "2026-11-16T10:00:00Z", response: "2026-11-18T10:00:00Z", skip: true}}, want: crFig{0, 0, 0, 0}},
		// Unanswered and younger than 24 h: not yet counted.
		{name: "unanswered, received 23 h before now: out",
			msgs: []msg{{received: "2026-11-20T00:59:59Z"}}, want: crFig{0, 0, 0, 0}},
		{name: "unanswered, received 24 h less a second before now: out",
			msgs: []msg{{received: "2026-11-20T00:00:00Z"}}, want: crFig{0, 0, 0, 0}},
		{name: "unanswered, received exactly 24 h before now: no response",
			msgs: []msg{{received: "2026-11-19T23:59:59Z"}}, want: crFig{0, 1, 0, 1}},
		{name: "unanswered, received 25 h before now: no response",
			msgs: []msg{{received: "2026-11-19T22:59:59Z"}}, want: crFig{0, 1, 0, 1}},
		{name: "received 23 h before now and answered already: counted, in time",
			msgs: []msg{{received: "2026-11-20T00:59:59Z", response: "2026-11-20T08:00:00Z"}}, want: crFig{1, 1, 0, 0}},
		// Responses after now are ignored.
		{name: "response after the as-of day: ignored, no response",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-21T00:00:00Z"}}, want: crFig{0, 1, 0, 1}},
		{name: "response after the as-of day to a young message: out",
			msgs: []msg{{received: "2026-11-20T10:00:00Z", response: "2026-11-21T00:00:00Z"}}, want: crFig{0, 0, 0, 0}},
		{name: "response at now itself, 24 h after receipt: in time",
			msgs: []msg{{received: "2026-11-19T23:59:59Z", response: "2026-11-20T23:59:59Z"}}, want: crFig{1, 1, 0, 0}},
		{name: "the same audit a day later sees the response",
			asOf: "2026-11-21",
			msgs: []msg{{received: "2026-11-18T10:00:00Z", response: "2026-11-21T00:00:00Z"}}, want: crFig{0, 1, 1, 0}},
		// Weekends and holidays included: 24 h is 24 h.
		{name: "received Saturday, answered Monday morning: late",
			msgs: []msg{{received: "2026-11-14T18:00:00Z", response: "2026-11-16T09:00:00Z"}}, want: crFig{0, 1, 1, 0}},
		{name: "received Saturday, answered Sunday within 24 h: in time",
			msgs: []msg{{received: "2026-11-14T18:00:00Z", response: "2026-11-15T17:00:00Z"}}, want: crFig{1, 1, 0, 0}},
		{name: "received Friday evening, unanswered over the weekend: no response",
			asOf: "2026-11-16",
			msgs: []msg{{received: "2026-11-13T18:00:00Z"}}, want: crFig{0, 1, 0, 1}},
		// "now" in each message's own offset.
		{name: "+09:00 message received 23 h before the end of the as-of day there: out (UTC's now would count it)",
			msgs: []msg{{received: "2026-11-20T01:00:00+09:00"}}, want: crFig{0, 0, 0, 0}},
		{name: "-08:00 message received 25 h before the end of the as-of day there: no response (UTC's now would not count it)",
			msgs: []msg{{received: "2026-11-19T23:00:00-08:00"}}, want: crFig{0, 1, 0, 1}},
		{name: "-08:00 message answered at a time written on the next day UTC, before now there: counted",
			msgs: []msg{{received: "2026-11-18T10:00:00-08:00", response: "2026-11-21T06:00:00Z"}}, want: crFig{0, 1, 1, 0}},
		{name: "response in another offset than the message, compared as instants: in time",
			msgs: []msg{{received: "2026-11-18T22:00:00-08:00", response: "2026-11-20T05:00:00+02:00"}}, want: crFig{1, 1, 0, 0}},
		{name: "a response written as a bare date is the start of that day in the message's offset: 25 h, late (UTC's start: 17 h)",
			msgs: []msg{{received: "2026-11-17T23:00:00-08:00", response: "2026-11-19"}}, want: crFig{0, 1, 1, 0}},
		{name: "a response written as a bare date after as-of: ignored",
			msgs: []msg{{received: "2026-11-17T23:00:00-08:00", response: "2026-11-21"}}, want: crFig{0, 1, 0, 1}},
		{name: "the receipt date is the date as written: 2026-11-13 -08:00 is out of the 7 days",
			msgs: []msg{{received: "2026-11-13T23:30:00-08:00"}}, want: crFig{0, 0, 0, 0}},
		{name: "the receipt date is the date as written: 2026-11-14 +09:00 is in the 7 days",
			msgs: []msg{{received: "2026-11-14T00:30:00+09:00"}}, want: crFig{0, 1, 0, 1}},
		{name: "messages received after as-of: out",
			msgs: []msg{{received: "2026-11-21T00:30:00+09:00"}, {received: "2026-11-22T10:00:00Z", response: "2026-11-22T11:00:00Z"}}, want: crFig{0, 0, 0, 0}},
		{name: "a mix",
			msgs: []msg{
				{received: "2026-11-16T10:00:00Z", response: "2026-11-16T11:00:00Z"},
				{received: "2026-11-16T10:00:00Z", response: "2026-11-17T11:00:00Z"},
				{received: "2026-11-17T10:00:00Z", auto: true},
				{received: "2026-11-17T10:00:00Z", skip: true},
				{received: "2026-11-20T10:00:00Z"},
				{received: "2026-11-18T10:00:00Z", response: "2026-11-18T10:05:00Z", auto: true},
			}, want: crFig{2, 4, 1, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := metrics.ContactResponse(messagesFile(c.msgs...), settingsAt(c.asOf))
			if len(rs) != 3 {
				t.Fatalf("%d entries, want 3 (7, 30, 90 days)", len(rs))
			}
			if got := crFigOf(contactWindow(t, rs, 7)); got != c.want {
				t.Errorf("7 days: got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestContactResponseWindows(t *testing.T) {
	// Windows of 7, 30 and 90 days ending on as-of 2026-11-20: from
	// 2026-11-14, 2026-10-22 and 2026-08-23. One unanswered message on each
	// first day and on the day before it.
	var ms []msg
	for _, d := range []string{"2026-11-13", "2026-11-14", "2026-10-21", "2026-10-22", "2026-08-22", "2026-08-23"} {
		ms = append(ms, msg{received: d + "T12:00:00Z"})
	}
	ms = append(ms, msg{received: "2026-11-20T00:00:00Z", response: "2026-11-20T01:00:00Z"})
	rs := metrics.ContactResponse(messagesFile(ms...), settings.Default(day(asOf)))
	want := map[int]struct {
		fig      crFig
		from, to string
	}{
		7:  {crFig{1, 2, 0, 1}, "2026-11-14", "2026-11-20"},
		30: {crFig{1, 4, 0, 3}, "2026-10-22", "2026-11-20"},
		90: {crFig{1, 6, 0, 5}, "2026-08-23", "2026-11-20"},
	}
	for i, n := range []int{7, 30, 90} {
		r := rs[i]
		w := want[n]
		if r.ID != metrics.ContactResponseRate || r.WindowDays != n {
			t.Errorf("entry %d: %s of %d days, want %s of %d", i, r.ID, r.WindowDays, metrics.ContactResponseRate, n)
		}
		if got := crFigOf(r); got != w.fig {
			t.Errorf("%d days: got %+v, want %+v", n, got, w.fig)
		}
		if r.Window != (metrics.Window{From: day(w.from), To: day(w.to), Days: n}) {
			t.Errorf("%d days: window %+v, want %s..%s", n, r.Window, w.from, w.to)
		}
		if r.Period != nil {
			t.Errorf("%d days: Period %+v, want none", n, r.Period)
		}
		if keys := componentKeys(r); keys != "late_response,no_response" {
			t.Errorf("%d days: components %s, want late_response,no_response in that order", n, keys)
		}
	}
}

func TestContactResponseWindowsFromSettings(t *testing.T) {
	s := settings.Default(day(asOf))
	s.SetWindow(metrics.ContactResponseRate, []int{1, 2}, 0)
	rs := metrics.ContactResponse(messagesFile(msg{received: "2026-11-19T10:00:00Z"}, msg{received: "2026-11-18T10:00:00Z"}), s)
	if len(rs) != 2 || crFigOf(rs[0]) != (crFig{0, 0, 0, 0}) || crFigOf(rs[1]) != (crFig{0, 1, 0, 1}) {
		t.Errorf("windows 1, 2: got %+v", rs)
	}
}

// componentKeys are a result's component keys in order, comma-separated.
func componentKeys(r metrics.Result) string {
	var ks []string
	for _, c := range r.Components {
		ks = append(ks, c.Key)
	}
	return strings.Join(ks, ",")
}

func TestContactResponseNotComputed(t *testing.T) {
	rs := metrics.ContactResponse(records.NewDataset(), settings.Default(day(asOf)))
	if len(rs) != 3 {
		t.Fatalf("%d entries, want 3", len(rs))
	}
	for i, n := range []int{7, 30, 90} {
		r := rs[i]
		if r.ID != metrics.ContactResponseRate || r.WindowDays != n || !strings.Contains(r.NotComputed, "buyer-messages file") {
			t.Errorf("entry %d: %+v, want not computed for %d days naming the buyer-messages file", i, r, n)
		}
	}
	// An empty file: computed, no data.
	for _, r := range metrics.ContactResponse(messagesFile(), settings.Default(day(asOf))) {
		if r.NotComputed != "" || r.Denominator != 0 || r.Days != nil || r.Items != nil {
			t.Errorf("empty file, %d days: %+v, want no data", r.WindowDays, r)
		}
	}
}

func TestContactResponseItems(t *testing.T) {
	d := messagesFile(
		msg{id: "m1", order: "111-0000001-0000001", received: "2026-11-18T10:00:00Z", response: "2026-11-19T10:00:01Z"},
		msg{id: "m2", received: "2026-11-17T09:00:00Z", auto: true},
		msg{id: "m3", order: "111-0000003-0000003", received: "2026-11-16T08:00:00Z", response: "2026-11-17T10:05:00Z", auto: true},
		msg{id: "m4", order: "111-0000004-0000004", received: "2026-11-16T08:00:00Z", response: "2026-11-21T10:00:00Z"},
		msg{id: "m5", order: "111-0000005-0000005", received: "2026-11-16T08:00:00Z", response: "2026-11-16T10:00:00Z"},
		msg{id: "m6", received: "2026-11-02T08:00:00Z"},
		msg{id: "m8", order: "111-0000007-0000007", received: "2026-11-19T08:00:00Z", response: "2026-11-20T08:00:01Z"},
		msg{id: "m7", order: "111-0000007-0000007", received: "2026-11-19T06:00:00Z"},
	)
	rs := metrics.ContactResponse(d, settings.Default(day(asOf)))
	want7 := []metrics.Item{
		item("111-0000003-0000003", "", "", "2026-11-16", "2026-11-23",
			ev("late_response", "2026-11-17", "answered 26 h 5 min after receipt; the automatic reply does not count")),
		item("111-0000004-0000004", "", "", "2026-11-16", "2026-11-23", ev("no_response", "", "no response")),
		item("m2", "", "", "2026-11-17", "2026-11-24", ev("no_response", "", "only an automatic reply")),
		item("111-0000001-0000001", "", "", "2026-11-18", "2026-11-25", ev("late_response", "2026-11-19", "answered 24 h 1 s after receipt")),
		// Two messages of one order on one day: by message id.
		item("111-0000007-0000007", "", "", "2026-11-19", "2026-11-26", ev("no_response", "", "no response")),
		item("111-0000007-0000007", "", "", "2026-11-19", "2026-11-26", ev("late_response", "2026-11-20", "answered 24 h 1 s after receipt")),
	}
	checkItems(t, "7 days", contactWindow(t, rs, 7).Items, want7)
	want30 := append([]metrics.Item{item("m6", "", "", "2026-11-02", "2026-12-02", ev("no_response", "", "no response"))}, want7...)
	for i := 1; i < len(want30); i++ {
		want30[i].LeavesWindowOn = want30[i].KeyDate.AddDays(30)
	}
	checkItems(t, "30 days", contactWindow(t, rs, 30).Items, want30)

	// The items are those the figures count: late + no response.
	for _, r := range rs {
		if len(r.Items) != r.Denominator-r.Numerator || len(r.Items) != r.Components.Get("late_response")+r.Components.Get("no_response") {
			t.Errorf("%d days: %d items for %+v", r.WindowDays, len(r.Items), crFigOf(r))
		}
	}

	// The order of the rows does not change the items.
	rev := messagesFile()
	for i := len(d.Messages) - 1; i >= 0; i-- {
		rev.Messages = append(rev.Messages, d.Messages[i])
	}
	if got := metrics.ContactResponse(rev, settings.Default(day(asOf))); !reflect.DeepEqual(got, rs) {
		t.Errorf("rows reversed: the results differ")
	}
}

func TestContactResponseLeavesWindowOn(t *testing.T) {
	// Received 2026-11-14, unanswered: in the 7 days as of 2026-11-20, out
	// as of 2026-11-21, the day it leaves.
	d := messagesFile(msg{received: "2026-11-14T10:00:00Z"})
	for _, n := range []int{7, 30, 90} {
		leaves := day("2026-11-14").AddDays(n)
		before := contactWindow(t, metrics.ContactResponse(d, settings.Default(leaves.AddDays(-1))), n)
		after := contactWindow(t, metrics.ContactResponse(d, settings.Default(leaves)), n)
		if len(before.Items) != 1 || before.Items[0].LeavesWindowOn != leaves || before.Denominator != 1 {
			t.Errorf("%d days, as of %v: items %s, want one leaving on %v", n, leaves.AddDays(-1), showItems(before.Items), leaves)
		}
		if len(after.Items) != 0 || after.Denominator != 0 {
			t.Errorf("%d days, as of %v (it leaves): still counted%s", n, leaves, showItems(after.Items))
		}
	}
}

func TestContactResponseDays(t *testing.T) {
	d := messagesFile(
		msg{received: "2026-11-14T10:00:00Z", response: "2026-11-14T11:00:00Z"},
		msg{received: "2026-11-14T10:00:00Z"},
		msg{received: "2026-11-16T10:00:00Z", response: "2026-11-18T11:00:00Z"},
		msg{received: "2026-11-20T10:00:00Z"}, // young: out
		msg{received: "2026-11-20T01:00:00Z", response: "2026-11-20T02:00:00Z"},
		msg{received: "2026-10-01T10:00:00Z", response: "2026-10-01T11:00:00Z"},
		msg{received: "2026-11-13T10:00:00Z", skip: true},
	)
	rs := metrics.ContactResponse(d, settings.Default(day(asOf)))
	r7 := contactWindow(t, rs, 7)
	checkDays(t, "7 days", r7, map[string]nd{"2026-11-14": {1, 2}, "2026-11-16": {0, 1}, "2026-11-20": {1, 1}, "2026-11-15": {0, 0}})
	if len(r7.Days) != 7 || r7.Days[0].Date != day("2026-11-14") {
		t.Errorf("7 days: %d Days from %v, want 7 from 2026-11-14", len(r7.Days), r7.Days)
	}
	checkDays(t, "90 days", contactWindow(t, rs, 90), map[string]nd{"2026-10-01": {1, 1}, "2026-11-13": {0, 0}})
	for _, r := range rs {
		checkDaysSum(t, fmt.Sprintf("%d days", r.WindowDays), r)
	}
}

// checkDaysSum is the Days invariant: the Days in the window add up to the
// Result's figures.
func checkDaysSum(t *testing.T, what string, r metrics.Result) {
	t.Helper()
	var s nd
	for _, x := range r.Days {
		if r.Window.Contains(x.Date) {
			s.Num += x.Numerator
			s.Den += x.Denominator
		}
	}
	if s != ndOf(r) {
		t.Errorf("%s: Days add up to %+v, the result is %+v", what, s, ndOf(r))
	}
}

// ---------------------------------------------------------------------------
// Return Dissatisfaction Rate

// rtn is one return request: responded "" is unanswered.
type rtn struct {
	order, requested, responded string
	resp                        records.ReturnResponse
	inPolicy                    bool
	feedback                    records.ReturnFeedback
}

const (
	authorized = records.ReturnAuthorized
	rejected   = records.ReturnRejected
	refunded   = records.ReturnRefunded
	negative   = records.ReturnFeedbackNegative
)

// returnsFile is an account whose return-requests file holds rows (an
// order "" is ord-N).
func returnsFile(rows ...rtn) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["return-requests"] = true
	for i, q := range rows {
		if q.order == "" {
			q.order = fmt.Sprintf("ord-%d", i+1)
		}
		d.ReturnRequests = append(d.ReturnRequests, records.ReturnRequest{OrderID: q.order,
			Requested: stamp(q.requested), Responded: stampP(q.responded), Response: q.resp,
			InPolicy: q.inPolicy, Feedback: q.feedback,
			File: records.Intern("returns.csv"), Line: int32(i + 2)})
	}
	return d
}

// rdFig is a return dissatisfaction entry's figures.
type rdFig struct{ Num, Den, Late, Invalid, Negative int }

func rdFigOf(r metrics.Result) rdFig {
	return rdFig{r.Numerator, r.Denominator, r.Components.Get("late_response"), r.Components.Get("invalid_rejection"), r.Components.Get("negative_feedback")}
}

func TestReturnDissatisfaction(t *testing.T) {
	cases := []struct {
		name string
		reqs []rtn
		want rdFig
	}{
		// Invalid rejection = rejected while in policy.
		{name: "rejected in policy, in time: invalid rejection",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-11T10:00:00Z", resp: rejected, inPolicy: true}}, want: rdFig{1, 1, 0, 1, 0}},
		{name: "rejected out of policy, in time: fine",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-11T10:00:00Z", resp: rejected}}, want: rdFig{0, 1, 0, 0, 0}},
		{name: "authorised in policy, in time: fine",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-11T10:00:00Z", resp: authorized, inPolicy: true}}, want: rdFig{0, 1, 0, 0, 0}},
		// Late = answered more than 48 h after the request.
		{name: "refunded exactly 48 h after the request: in time",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-12T10:00:00Z", resp: refunded}}, want: rdFig{0, 1, 0, 0, 0}},
		{name: "refunded 48 h and one second after the request: late",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-12T10:00:01Z", resp: refunded}}, want: rdFig{1, 1, 1, 0, 0}},
		{name: "closed over a weekend, 60 h after: late",
			reqs: []rtn{{requested: "2026-11-13T18:00:00Z", responded: "2026-11-16T06:00:00Z", resp: records.ReturnClosed}}, want: rdFig{1, 1, 1, 0, 0}},
		// Unanswered: late 48 h after the request, not yet counted before.
		{name: "unanswered, requested 47 h before now: not yet counted",
			reqs: []rtn{{requested: "2026-11-19T00:59:59Z"}}, want: rdFig{0, 0, 0, 0, 0}},
		{name: "unanswered, requested exactly 48 h before now: late",
			reqs: []rtn{{requested: "2026-11-18T23:59:59Z"}}, want: rdFig{1, 1, 1, 0, 0}},
		{name: "unanswered, requested 49 h before now: late",
			reqs: []rtn{{requested: "2026-11-18T22:59:59Z"}}, want: rdFig{1, 1, 1, 0, 0}},
		{name: "answered, requested 10 h before now: counted, fine",
			reqs: []rtn{{requested: "2026-11-20T13:59:59Z", responded: "2026-11-20T15:00:00Z", resp: authorized}}, want: rdFig{0, 1, 0, 0, 0}},
		{name: "unanswered -08:00 request 49 h before the end of the as-of day there: late (UTC's now: 41 h, not counted)",
			reqs: []rtn{{requested: "2026-11-18T23:00:00-08:00"}}, want: rdFig{1, 1, 1, 0, 0}},
		// Responses after now are ignored.
		{name: "rejected in policy after the as-of day: ignored, unanswered and late",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-21T01:00:00Z", resp: rejected, inPolicy: true}}, want: rdFig{1, 1, 1, 0, 0}},
		{name: "answered after the as-of day, requested 20 h before now: not yet counted",
			reqs: []rtn{{requested: "2026-11-20T03:59:59Z", responded: "2026-11-21T01:00:00Z", resp: authorized}}, want: rdFig{0, 0, 0, 0, 0}},
		// A response needs its time (the file leaves both cells empty while
		// unanswered): a response kind without a date is no response by now;
		// a date without a kind is a response of unknown kind.
		{name: "rejected in policy without a response date: unanswered, late, not an invalid rejection",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", resp: rejected, inPolicy: true}}, want: rdFig{1, 1, 1, 0, 0}},
		{name: "a response date without a response kind: answered",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-10T11:00:00Z"}}, want: rdFig{0, 1, 0, 0, 0}},
		// Negative feedback.
		{name: "answered in time, negative feedback",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-10T12:00:00Z", resp: refunded, feedback: negative}}, want: rdFig{1, 1, 0, 0, 1}},
		{name: "positive feedback: fine",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-10T12:00:00Z", resp: refunded, feedback: records.ReturnFeedbackPositive}}, want: rdFig{0, 1, 0, 0, 0}},
		// Each request once; components per request.
		{name: "late, in-policy rejection with negative feedback: one request, three components",
			reqs: []rtn{{requested: "2026-11-10T10:00:00Z", responded: "2026-11-13T10:00:00Z", resp: rejected, inPolicy: true, feedback: negative}}, want: rdFig{1, 1, 1, 1, 1}},
		{name: "two requests of one order are two requests",
			reqs: []rtn{{order: "A", requested: "2026-11-10T10:00:00Z", responded: "2026-11-10T12:00:00Z", resp: refunded},
				{order: "A", requested: "2026-11-12T10:00:00Z"}}, want: rdFig{1, 2, 1, 0, 0}},
		// Window: requests made in the 30 days ending on as-of (2026-10-22 on).
		{name: "requested on the window's first day: in",
			reqs: []rtn{{requested: "2026-10-22T00:00:00Z"}}, want: rdFig{1, 1, 1, 0, 0}},
		{name: "requested the day before the window: out",
			reqs: []rtn{{requested: "2026-10-21T23:59:59Z"}}, want: rdFig{0, 0, 0, 0, 0}},
		{name: "requested after as-of: out",
			reqs: []rtn{{requested: "2026-11-21T00:00:00+14:00"}}, want: rdFig{0, 0, 0, 0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := metrics.ReturnDissatisfaction(returnsFile(c.reqs...), settings.Default(day(asOf)))
			if got := rdFigOf(r); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
			if r.ID != metrics.ReturnDissatisfactionRate || r.Window != (metrics.Window{From: day("2026-10-22"), To: day(asOf), Days: 30}) {
				t.Errorf("id %s window %+v", r.ID, r.Window)
			}
			if keys := componentKeys(r); keys != "late_response,invalid_rejection,negative_feedback" {
				t.Errorf("components %s", keys)
			}
			checkDaysSum(t, "return dissatisfaction", r)
			if len(r.Items) != r.Numerator {
				t.Errorf("%d items for a numerator of %d", len(r.Items), r.Numerator)
			}
		})
	}
}

func TestReturnDissatisfactionItems(t *testing.T) {
	d := returnsFile(
		rtn{order: "B", requested: "2026-11-10T10:00:00Z", responded: "2026-11-13T10:30:00Z", resp: rejected, inPolicy: true, feedback: negative},
		rtn{order: "A", requested: "2026-11-10T10:00:00Z"},
		rtn{order: "C", requested: "2026-11-01T10:00:00Z", responded: "2026-11-01T11:00:00Z", resp: authorized, feedback: negative},
		rtn{order: "D", requested: "2026-11-02T10:00:00Z", responded: "2026-11-02T11:00:00Z", resp: authorized},
	)
	r := metrics.ReturnDissatisfaction(d, settings.Default(day(asOf)))
	checkItems(t, "returns", r.Items, []metrics.Item{
		item("C", "", "", "2026-11-01", "2026-12-01", ev("negative_feedback", "", "negative return feedback")),
		item("A", "", "", "2026-11-10", "2026-12-10", ev("late_response", "", "not answered")),
		item("B", "", "", "2026-11-10", "2026-12-10",
			ev("late_response", "2026-11-13", "rejected 72 h 30 min after the request"),
			ev("invalid_rejection", "2026-11-13", "rejected in policy"),
			ev("negative_feedback", "", "negative return feedback")),
	})
	checkDays(t, "returns", r, map[string]nd{"2026-11-10": {2, 2}, "2026-11-01": {1, 1}, "2026-11-02": {0, 1}, "2026-11-20": {0, 0}})
	if len(r.Days) != 30 || r.Days[0].Date != day("2026-10-22") {
		t.Errorf("%d Days from %v, want 30 from 2026-10-22", len(r.Days), r.Days)
	}
	checkLeaves(t, "returns", "A", day("2026-12-10"), func(a civil.Date) metrics.Result {
		return metrics.ReturnDissatisfaction(d, settings.Default(a))
	})
}

func TestReturnDissatisfactionItemsOrderIndependent(t *testing.T) {
	// Two requests of one order on one day: by file, then line, whatever
	// the order of the rows.
	d := returnsFile(
		rtn{order: "A", requested: "2026-11-10T10:00:00Z"},
		rtn{order: "A", requested: "2026-11-10T11:00:00Z", responded: "2026-11-10T12:00:00Z", resp: refunded, feedback: negative},
		rtn{order: "A", requested: "2026-11-10T09:00:00Z", responded: "2026-11-10T12:00:00Z", resp: rejected, inPolicy: true},
	)
	d.ReturnRequests[2].File = records.Intern("a-returns.csv")
	want := []metrics.Item{
		item("A", "", "", "2026-11-10", "2026-12-10", ev("invalid_rejection", "2026-11-10", "rejected in policy")),
		item("A", "", "", "2026-11-10", "2026-12-10", ev("late_response", "", "not answered")),
		item("A", "", "", "2026-11-10", "2026-12-10", ev("negative_feedback", "", "negative return feedback")),
	}
	r := metrics.ReturnDissatisfaction(d, settings.Default(day(asOf)))
	checkItems(t, "as read", r.Items, want)
	d.ReturnRequests[0], d.ReturnRequests[1], d.ReturnRequests[2] = d.ReturnRequests[2], d.ReturnRequests[0], d.ReturnRequests[1]
	checkItems(t, "rows rotated", metrics.ReturnDissatisfaction(d, settings.Default(day(asOf))).Items, want)
	d.ReturnRequests[0], d.ReturnRequests[2] = d.ReturnRequests[2], d.ReturnRequests[0]
	checkItems(t, "rows swapped", metrics.ReturnDissatisfaction(d, settings.Default(day(asOf))).Items, want)
}

func TestReturnDissatisfactionNotComputed(t *testing.T) {
	r := metrics.ReturnDissatisfaction(records.NewDataset(), settings.Default(day(asOf)))
	if r.ID != metrics.ReturnDissatisfactionRate || !strings.Contains(r.NotComputed, "return-requests file") {
		t.Errorf("no file: %+v, want not computed naming the return-requests file", r)
	}
	r = metrics.ReturnDissatisfaction(returnsFile(), settings.Default(day(asOf)))
	if r.NotComputed != "" || r.Denominator != 0 || r.Days != nil {
		t.Errorf("empty file: %+v, want no data", r)
	}
}

// ---------------------------------------------------------------------------
// Customer-service rating

// rate is one row of the ratings file: a score, or a yes/no answer.
type rate struct {
	rater, rated string
	score        int
	solved       records.Solved
}

// ratingsFile is an account whose ratings file holds rows.
func ratingsFile(rows ...rate) *records.Dataset {
	d := records.NewDataset()
	d.Kinds["ratings"] = true
	for i, g := range rows {
		d.Ratings = append(d.Ratings, records.Rating{Rater: g.rater, Rated: stamp(g.rated), Score: g.score, Solved: g.solved,
			File: records.Intern("ratings.csv"), Line: int32(i + 2)})
	}
	return d
}

// raters are n ratings of score by raters prefix-1.. prefix-n, at date's
// noon UTC.
func raters(prefix string, n int, date string, score int) []rate {
	var out []rate
	for i := 1; i <= n; i++ {
		out = append(out, rate{rater: fmt.Sprintf("%s-%d", prefix, i), rated: date + "T12:00:00Z", score: score})
	}
	return out
}

func join(parts ...[]rate) []rate {
	var out []rate
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestServiceRating(t *testing.T) {
	one := func(rater, rated string, score int) []rate { return []rate{{rater: rater, rated: rated, score: score}} }
	cases := []struct {
		name     string
		asOf     string // "" is asOf
		rows     []rate
		num, den int
		period   string // "from..to"; "" none (no data)
	}{
		// 40 ratings in the period; 39 are not enough.
		{name: "40 ratings in the as-of period",
			rows: join(raters("a", 20, "2026-10-24", 9), raters("b", 20, "2026-11-20", 7)), num: 320, den: 40, period: "2026-10-24..2026-11-20"},
		{name: "39 ratings and nothing older: no data",
			rows: join(raters("a", 19, "2026-10-24", 9), raters("b", 20, "2026-11-20", 7))},
		{name: "a 40th on the day before the period: no data",
			rows: join(raters("a", 19, "2026-10-24", 9), raters("b", 20, "2026-11-20", 7), one("c", "2026-10-23T12:00:00Z", 1)),
			num:  0, den: 0},
		// Each rater's latest rating in the period.
		{name: "a rater who rated twice in the period counts once, with the latest",
			rows: join(raters("a", 40, "2026-11-10", 8), one("a-1", "2026-11-12T12:00:00Z", 2)), num: 39*8 + 2, den: 40, period: "2026-10-24..2026-11-20"},
		{name: "latest by instant, not by the date as written",
			rows: join(raters("a", 39, "2026-11-10", 8), one("x", "2026-11-02T01:00:00+14:00", 10), one("x", "2026-11-01T12:00:00Z", 4)),
			num:  39*8 + 4, den: 40, period: "2026-10-24..2026-11-20"},
		{name: "same instant: the later row counts",
			rows: join(raters("a", 39, "2026-11-10", 8), one("x", "2026-11-02T12:00:00Z", 10), one("x", "2026-11-02T14:00:00+02:00", 5)),
			num:  39*8 + 5, den: 40, period: "2026-10-24..2026-11-20"},
		{name: "a rater's rating before the period does not count, the one in it does",
			rows: join(raters("a", 39, "2026-11-10", 8), one("x", "2026-10-23T12:00:00Z", 10), one("x", "2026-11-01T12:00:00Z", 3)),
			num:  39*8 + 3, den: 40, period: "2026-10-24..2026-11-20"},
		{name: "two ratings of one rater are one rating: 39 raters, no data",
			rows: join(raters("a", 39, "2026-11-10", 8), one("a-1", "2026-11-11T12:00:00Z", 3))},
		// Ratings after as-of are ignored.
		{name: "a rating after as-of is ignored: 39, no data",
			rows: join(raters("a", 39, "2026-11-10", 8), one("x", "2026-11-21T00:00:00Z", 10))},
		{name: "a rater's later rating after as-of is ignored: the earlier counts",
			rows: join(raters("a", 40, "2026-11-10", 8), one("a-1", "2026-11-21T12:00:00Z", 1)), num: 320, den: 40, period: "2026-10-24..2026-11-20"},
		{name: "the date as written decides: 2026-11-20 -08:00 is on as-of",
			rows: join(raters("a", 39, "2026-11-10", 8), one("x", "2026-11-20T23:00:00-08:00", 10)), num: 39*8 + 10, den: 40, period: "2026-10-24..2026-11-20"},
		// The fallback to the latest period with 40 ratings.
		{name: "fallback: 30 ratings on 2026-10-20 and 15 on 2026-11-10 share the periods ending 2026-11-10..2026-11-16",
			rows: join(raters("a", 30, "2026-10-20", 6), raters("b", 15, "2026-11-10", 10)), num: 330, den: 45, period: "2026-10-20..2026-11-16"},
		{name: "fallback: the latest period wins over an older one with more ratings",
			rows: join(raters("old", 60, "2026-06-01", 10), raters("a", 40, "2026-09-01", 5), raters("b", 39, "2026-11-20", 9)),
			num:  200, den: 40, period: "2026-09-01..2026-09-28"},
		{name: "fallback: a rater of the older period who rated again later still counts there",
			rows: join(raters("a", 40, "2026-09-01", 5), one("a-1", "2026-11-15T12:00:00Z", 1)), num: 200, den: 40, period: "2026-09-01..2026-09-28"},
		{name: "fallback: a period ending 365 days before as-of counts",
			rows: raters("a", 40, "2025-10-24", 7), num: 280, den: 40, period: "2025-10-24..2025-11-20"},
		{name: "no period with 40 ratings within 365 days: no data",
			rows: join(raters("a", 40, "2025-10-23", 7), raters("b", 39, "2026-11-01", 9))},
		{name: "yes/no answers beside the scores do not count",
			rows: join(raters("a", 39, "2026-11-10", 8), []rate{{rater: "o-1", rated: "2026-11-10T12:00:00Z", solved: records.SolvedYes}})},
		{name: "scores outside 1-10 do not count",
			rows: join(raters("a", 39, "2026-11-10", 8), one("x", "2026-11-10T12:00:00Z", 0), one("y", "2026-11-10T12:00:00Z", 11))},
		{name: "an audit of an earlier date sees the period then",
			asOf: "2026-11-09",
			rows: join(raters("a", 30, "2026-10-20", 6), raters("b", 15, "2026-11-10", 10), raters("c", 10, "2026-11-01", 1)), num: 190, den: 40, period: "2026-10-13..2026-11-09"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := settingsAt(c.asOf)
			r := metrics.ServiceRating(ratingsFile(c.rows...), s)
			if r.ID != metrics.CustomerServiceRating || r.NotComputed != "" {
				t.Fatalf("id %s, not computed %q", r.ID, r.NotComputed)
			}
			if r.Numerator != c.num || r.Denominator != c.den {
				t.Errorf("got %d/%d, want %d/%d", r.Numerator, r.Denominator, c.num, c.den)
			}
			if c.period == "" {
				if r.Period != nil {
					t.Errorf("period %+v, want none", *r.Period)
				}
				if want := metrics.WindowEnding(s.AsOf, 28); r.Window != want {
					t.Errorf("window %+v, want the as-of period %+v", r.Window, want)
				}
				if _, ok := r.Value(); ok {
					t.Errorf("a value without a period")
				}
				return
			}
			from, to, _ := strings.Cut(c.period, "..")
			want := metrics.Window{From: day(from), To: day(to), Days: 28}
			if r.Period == nil || *r.Period != want || r.Window != want {
				t.Errorf("period %v window %+v, want %+v for both", r.Period, r.Window, want)
			}
			if v, ok := r.Value(); !ok || v != float64(c.num)/float64(c.den) {
				t.Errorf("value %v %v, want the average %v", v, ok, float64(c.num)/float64(c.den))
			}
		})
	}
}

func TestServiceRatingTieAcrossFiles(t *testing.T) {
	// One instant in two files: the row of the later file (by name) counts,
	// whatever the lines and the order of the rows.
	rows := join(raters("a", 39, "2026-11-10", 8), []rate{{rater: "x", rated: "2026-11-02T12:00:00Z", score: 10}, {rater: "x", rated: "2026-11-02T12:00:00Z", score: 2}})
	for _, later := range []int{39, 40} {
		d := ratingsFile(rows...)
		d.Ratings[later].File = records.Intern("ratings-2026-11.csv")
		d.Ratings[later].Line = 2
		d.Ratings[79-later].File = records.Intern("ratings-2026-10.csv")
		d.Ratings[79-later].Line = 9
		want := 39*8 + d.Ratings[later].Score
		if r := metrics.ServiceRating(d, settings.Default(day(asOf))); r.Numerator != want || r.Denominator != 40 {
			t.Errorf("row %d in the later file: got %d/%d, want %d/40", later, r.Numerator, r.Denominator, want)
		}
	}
}

func TestServiceRatingSettings(t *testing.T) {
	s := settings.Default(day(asOf))
	s.SetWindow(metrics.CustomerServiceRating, []int{7}, 0)
	s.Service.RatingMin, s.Service.RatingLookbackDays = 3, 10
	d := ratingsFile(join(raters("a", 3, "2026-11-04", 4), raters("b", 2, "2026-11-20", 9))...)
	// Periods of 7 days ending 2026-11-20 back to 2026-11-10: the one
	// ending 2026-11-10 is [11-04, 11-10], with the three ratings of 11-04.
	r := metrics.ServiceRating(d, s)
	if r.Numerator != 12 || r.Denominator != 3 || r.Period == nil || *r.Period != (metrics.Window{From: day("2026-11-04"), To: day("2026-11-10"), Days: 7}) {
		t.Errorf("got %d/%d period %v, want 12/3 over 2026-11-04..2026-11-10", r.Numerator, r.Denominator, r.Period)
	}
	s.Service.RatingLookbackDays = 9
	if r := metrics.ServiceRating(d, s); r.Denominator != 0 || r.Period != nil {
		t.Errorf("lookback 9: got %d/%d period %v, want no data", r.Numerator, r.Denominator, r.Period)
	}
	s.Service.RatingLookbackDays, s.Service.RatingMin = 0, 2
	if r := metrics.ServiceRating(d, s); r.Numerator != 18 || r.Denominator != 2 {
		t.Errorf("lookback 0, min 2: got %d/%d, want 18/2", r.Numerator, r.Denominator)
	}
}

func TestServiceRatingNotComputed(t *testing.T) {
	s := settings.Default(day(asOf))
	if r := metrics.ServiceRating(records.NewDataset(), s); r.ID != metrics.CustomerServiceRating || !strings.Contains(r.NotComputed, "ratings file") {
		t.Errorf("no file: %+v, want not computed naming the ratings file", r)
	}
	yesNo := ratingsFile(rate{rater: "o-1", rated: "2026-11-10T12:00:00Z", solved: records.SolvedNo})
	if r := metrics.ServiceRating(yesNo, s); !strings.Contains(r.NotComputed, "only yes/no answers") {
		t.Errorf("yes/no answers only: %+v, want not computed saying so", r)
	}
	if r := metrics.ServiceRating(ratingsFile(), s); r.NotComputed != "" || r.Denominator != 0 || r.Period != nil {
		t.Errorf("empty file: %+v, want no data", r)
	}
}

// naiveRating reads the rule literally: every period from as-of back,
// each rater's latest rating in it by instant then line; a rater id that
// is a Multi-Channel Fulfillment order of the orders report is no Amazon
// buyer's.
func naiveRating(d *records.Dataset, s settings.Settings) (num, den int, period *metrics.Window) {
	for back := 0; back <= s.Service.RatingLookbackDays; back++ {
		p := metrics.WindowEnding(s.AsOf.AddDays(-back), metrics.WindowOf(s, metrics.CustomerServiceRating).Days[0])
		latest := map[string]records.Rating{}
		for _, g := range d.Ratings {
			if g.Solved != records.SolvedUnknown || g.Score < 1 || g.Score > 10 || !p.Contains(g.Rated.Date) {
				continue
			}
			if o, ok := d.Orders.Get(g.Rater); ok && o.SalesChannel.String() == "Non-Amazon" {
				continue
			}
			old, ok := latest[g.Rater]
			if !ok || g.Rated.Compare(old.Rated) > 0 || g.Rated.Compare(old.Rated) == 0 && g.Line > old.Line {
				latest[g.Rater] = g
			}
		}
		if len(latest) >= s.Service.RatingMin && len(latest) > 0 {
			for _, g := range latest {
				num += g.Score
			}
			return num, len(latest), &p
		}
	}
	return 0, 0, nil
}

func TestServiceRatingMatchesNaiveReading(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	offsets := []string{"Z", "+09:00", "-08:00", "+14:00", "-12:00"}
	for round := 0; round < 200; round++ {
		s := settings.Default(day(asOf))
		s.SetWindow(metrics.CustomerServiceRating, []int{1 + rng.Intn(30)}, 0)
		s.Service.RatingMin = 1 + rng.Intn(12)
		s.Service.RatingLookbackDays = rng.Intn(120)
		var rows []rate
		for i, n := 0, rng.Intn(150); i < n; i++ {
			date := day(asOf).AddDays(5 - rng.Intn(160))
			rows = append(rows, rate{rater: fmt.Sprintf("r%d", rng.Intn(25)),
				rated: fmt.Sprintf("%sT%02d:%02d:00%s", date, rng.Intn(24), rng.Intn(2)*30, offsets[rng.Intn(len(offsets))]),
				score: rng.Intn(12)})
		}
		d := ratingsFile(rows...)
		if round%2 == 1 { // raters r3 and r7 are Multi-Channel Fulfillment orders, r4 an Amazon order
			d = sf{d}.orders(ord{id: "r3", date: asOf, ch: afn, sales: "Non-Amazon"}, ord{id: "r7", date: asOf, ch: afn, sales: "Non-Amazon"},
				ord{id: "r4", date: asOf, ch: afn}).d
		}
		r := metrics.ServiceRating(d, s)
		num, den, p := naiveRating(d, s)
		if r.Numerator != num || r.Denominator != den || !reflect.DeepEqual(r.Period, p) {
			t.Fatalf("round %d (days %d, min %d, lookback %d): got %d/%d %v, naive %d/%d %v",
				round, metrics.WindowOf(s, metrics.CustomerServiceRating).Days[0], s.Service.RatingMin, s.Service.RatingLookbackDays, r.Numerator, r.Denominator, r.Period, num, den, p)
		}
	}
}

// ---------------------------------------------------------------------------
// Customer Service Dissatisfaction Rate

func answer(order, rated string, no bool) rate {
	s := records.SolvedYes
	if no {
		s = records.SolvedNo
	}
	return rate{rater: order, rated: rated, solved: s}
}

func TestServiceDissatisfaction(t *testing.T) {
	const yes, no = false, true
	cases := []struct {
		name     string
		rows     []rate
		num, den int
	}{
		{name: "one no of two", rows: []rate{answer("A", "2026-11-10T10:00:00Z", no), answer("B", "2026-11-10T10:00:00Z", yes)}, num: 1, den: 2},
		{name: "latest answer per order: no then yes is yes",
			rows: []rate{answer("A", "2026-11-01T10:00:00Z", no), answer("A", "2026-11-05T10:00:00Z", yes)}, num: 0, den: 1},
		{name: "latest answer per order: yes then no is no",
			rows: []rate{answer("A", "2026-11-01T10:00:00Z", yes), answer("A", "2026-11-05T10:00:00Z", no)}, num: 1, den: 1},
		{name: "latest by instant: the later instant dated earlier wins",
			rows: []rate{answer("A", "2026-11-02T01:00:00+14:00", no), answer("A", "2026-11-01T12:00:00Z", yes)}, num: 0, den: 1},
		{name: "a later answer after as-of is ignored",
			rows: []rate{answer("A", "2026-11-10T10:00:00Z", no), answer("A", "2026-11-21T10:00:00Z", yes)}, num: 1, den: 1},
		{name: "an answer before the window does not count; the one in it does",
			rows: []rate{answer("A", "2026-10-21T10:00:00Z", yes), answer("A", "2026-10-22T10:00:00Z", no), answer("B", "2026-10-21T23:00:00Z", no)}, num: 1, den: 1},
		{name: "scores beside the answers do not count",
			rows: []rate{answer("A", "2026-11-10T10:00:00Z", no), {rater: "x", rated: "2026-11-10T10:00:00Z", score: 2}}, num: 1, den: 1},
		{name: "answers only outside the window: no data",
			rows: []rate{answer("A", "2026-10-01T10:00:00Z", no)}, num: 0, den: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := metrics.ServiceDissatisfaction(ratingsFile(c.rows...), settings.Default(day(asOf)))
			if r.ID != metrics.CustomerServiceDissatisfactionRate || r.NotComputed != "" {
				t.Fatalf("id %s, not computed %q", r.ID, r.NotComputed)
			}
			if r.Numerator != c.num || r.Denominator != c.den {
				t.Errorf("got %d/%d, want %d/%d", r.Numerator, r.Denominator, c.num, c.den)
			}
			if r.Window != (metrics.Window{From: day("2026-10-22"), To: day(asOf), Days: 30}) {
				t.Errorf("window %+v", r.Window)
			}
			checkDaysSum(t, "dissatisfaction", r)
			if len(r.Items) != r.Numerator {
				t.Errorf("%d items for a numerator of %d", len(r.Items), r.Numerator)
			}
		})
	}
}

func TestServiceDissatisfactionItems(t *testing.T) {
	d := ratingsFile(
		answer("B", "2026-11-05T10:00:00Z", true),
		answer("A", "2026-11-01T10:00:00Z", false),
		answer("A", "2026-11-05T10:00:00Z", true),
		answer("C", "2026-11-03T10:00:00Z", true),
		answer("D", "2026-11-03T10:00:00Z", false),
	)
	r := metrics.ServiceDissatisfaction(d, settings.Default(day(asOf)))
	checkItems(t, "dissatisfaction", r.Items, []metrics.Item{
		item("C", "", "", "2026-11-03", "2026-12-03", ev("not_solved", "2026-11-03", "answered no")),
		item("A", "", "", "2026-11-05", "2026-12-05", ev("not_solved", "2026-11-05", "answered no")),
		item("B", "", "", "2026-11-05", "2026-12-05", ev("not_solved", "2026-11-05", "answered no")),
	})
	checkDays(t, "dissatisfaction", r, map[string]nd{"2026-11-05": {2, 2}, "2026-11-03": {1, 2}, "2026-11-01": {0, 0}})
	if len(r.Days) != 30 || r.Days[0].Date != day("2026-10-22") {
		t.Errorf("%d Days from %v, want 30 from 2026-10-22", len(r.Days), r.Days)
	}
	checkLeaves(t, "dissatisfaction", "C", day("2026-12-03"), func(a civil.Date) metrics.Result {
		return metrics.ServiceDissatisfaction(d, settings.Default(a))
	})
}

func TestServiceDissatisfactionNotComputed(t *testing.T) {
	s := settings.Default(day(asOf))
	if r := metrics.ServiceDissatisfaction(records.NewDataset(), s); r.ID != metrics.CustomerServiceDissatisfactionRate || !strings.Contains(r.NotComputed, "ratings file") {
		t.Errorf("no file: %+v, want not computed naming the ratings file", r)
	}
	scores := ratingsFile(raters("a", 3, "2026-11-10", 8)...)
	if r := metrics.ServiceDissatisfaction(scores, s); !strings.Contains(r.NotComputed, "no yes/no answers") {
		t.Errorf("scores only: %+v, want not computed saying there are no yes/no answers", r)
	}
	if r := metrics.ServiceDissatisfaction(ratingsFile(), s); !strings.Contains(r.NotComputed, "no yes/no answers") {
		t.Errorf("empty file: %+v, want not computed saying there are no yes/no answers", r)
	}
	// A file with both: both computed.
	both := ratingsFile(append(raters("a", 40, "2026-11-10", 8), answer("A", "2026-11-10T10:00:00Z", true))...)
	if r := metrics.ServiceDissatisfaction(both, s); r.NotComputed != "" || r.Numerator != 1 || r.Denominator != 1 {
		t.Errorf("scores and answers, dissatisfaction: %+v", r)
	}
	if r := metrics.ServiceRating(both, s); r.NotComputed != "" || r.Numerator != 320 || r.Denominator != 40 {
		t.Errorf("scores and answers, rating: %+v", r)
	}
}

func TestServiceDoesNotModifyDataset(t *testing.T) {
	d := messagesFile(msg{received: "2026-11-18T10:00:00Z", response: "2026-11-19T10:00:01Z"}, msg{received: "2026-11-01T10:00:00Z"})
	d.Kinds["return-requests"], d.Kinds["ratings"] = true, true
	d.ReturnRequests = returnsFile(rtn{requested: "2026-11-10T10:00:00Z"}, rtn{requested: "2026-11-11T10:00:00Z", responded: "2026-11-11T11:00:00Z", resp: rejected, inPolicy: true}).ReturnRequests
	d.Ratings = ratingsFile(join(raters("a", 40, "2026-11-10", 8), raters("a", 40, "2026-11-01", 2), []rate{answer("A", "2026-11-01T10:00:00Z", true), answer("A", "2026-11-02T10:00:00Z", false)})...).Ratings
	before := fmt.Sprintf("%+v", *d)
	s := settings.Default(day(asOf))
	metrics.ContactResponse(d, s)
	metrics.ReturnDissatisfaction(d, s)
	metrics.ServiceRating(d, s)
	metrics.ServiceDissatisfaction(d, s)
	if after := fmt.Sprintf("%+v", *d); after != before {
		t.Errorf("the dataset changed")
	}
}

// BenchmarkServiceRating is a large survey account: 300,000 ratings over
// 400 days by 100,000 raters, with no period holding enough ratings, so
// that every period of the lookback is looked at.
func BenchmarkServiceRating(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	d := records.NewDataset()
	d.Kinds["ratings"] = true
	for i := 0; i < 300000; i++ {
		at := civil.TimestampOf(day(asOf).AddDays(-rng.Intn(400)).Time().Add(time.Duration(rng.Intn(86400)) * time.Second))
		d.Ratings = append(d.Ratings, records.Rating{Rater: fmt.Sprintf("r%d", rng.Intn(100000)), Rated: at, Score: 1 + rng.Intn(10), Line: int32(i + 2)})
	}
	s := settings.Default(day(asOf))
	s.Service.RatingMin = 1 << 30
	b.ResetTimer()
	for b.Loop() {
		metrics.ServiceRating(d, s)
	}
}

// ---------------------------------------------------------------------------
// Multi-Channel Fulfillment orders

// Rule: a Multi-Channel Fulfillment order (All Orders sales-channel
// Non-Amazon) is no Amazon order: Amazon's buyer messages, return requests
// and service surveys do not reach it. Where the orders report tells an
// order to be one, its messages, return requests, yes/no answers and
// ratings (a rater id that is the order's id) are left out, and the
// outcome's note says how many. An order the report does not hold, and
// every order without the report, cannot be told and counts.
func TestServiceMultiChannel(t *testing.T) {
	const mcfOrder, mcfOther, amazonOrder, unknownMCF = "S01-2412417-1075636", "S01-2412417-1075699", "113-0000000-0000001", "S01-9999999-9999999"
	withOrders := func(d *records.Dataset) *records.Dataset {
		return sf{d}.orders(ord{id: mcfOrder, date: "2026-11-01", ch: afn, sales: "Non-Amazon"},
			ord{id: mcfOther, date: "2026-09-01", ch: afn, sales: "Non-Amazon"},
			ord{id: amazonOrder, date: "2026-11-01", ch: afn}).d
	}
	compute := func(id string, d *records.Dataset, s settings.Settings) metrics.Outcome {
		m, _ := metrics.Lookup(id)
		return m.Compute(d, s)
	}
	s := settingsAt("")

	t.Run("contact response rate", func(t *testing.T) {
		rows := []msg{
			{order: amazonOrder, received: "2026-11-18T10:00:00Z", response: "2026-11-19T12:00:00Z"}, // late
			{order: mcfOrder, received: "2026-11-18T10:00:00Z", response: "2026-11-19T12:00:00Z"},    // late, MCF: out
			{order: mcfOrder, received: "2026-11-17T10:00:00Z"},                                      // unanswered, MCF: out
			{order: mcfOrder, received: "2026-11-20T20:00:00Z"},                                      // not yet due: out anyway, not in the note
			{order: mcfOther, received: "2026-09-20T10:00:00Z", response: "2026-09-20T11:00:00Z"},    // 90 days only, MCF: out
			{order: unknownMCF, received: "2026-11-18T10:00:00Z", response: "2026-11-18T11:00:00Z"},  // not in the report: counts
			{received: "2026-11-18T10:00:00Z", response: "2026-11-18T11:00:00Z"},                     // no order id: counts
		}
		d := withOrders(messagesFile(rows...))
		out := compute(metrics.ContactResponseRate, d, s)
		if got := crFigOf(contactWindow(t, out.Results, 7)); got != (crFig{2, 3, 1, 0}) {
			t.Errorf("7 days: %+v, want 2/3, 1 late", got)
		}
		if got := crFigOf(contactWindow(t, out.Results, 90)); got != (crFig{2, 3, 1, 0}) {
			t.Errorf("90 days: %+v, want 2/3, 1 late", got)
		}
		for _, r := range out.Results {
			for _, it := range r.Items {
				if it.OrderID == mcfOrder || it.OrderID == mcfOther {
					t.Errorf("%d days lists MCF order %s", r.WindowDays, it.OrderID)
				}
			}
		}
		want := []string{"3 buyer messages on Multi-Channel Fulfillment orders (sales channel Non-Amazon) left out of the contact response rate (90 days): Amazon's buyer-seller messages do not reach them"}
		if !reflect.DeepEqual(out.Notes, want) {
			t.Errorf("notes %q, want %q", out.Notes, want)
		}
		// Without the orders report no order can be told: all count.
		plain := compute(metrics.ContactResponseRate, messagesFile(rows...), s)
		if got := crFigOf(contactWindow(t, plain.Results, 7)); got != (crFig{2, 5, 2, 1}) || plain.Notes != nil {
			t.Errorf("without the orders report: %+v, notes %q; want 2/5, 2 late, 1 unanswered, no note", got, plain.Notes)
		}
	})

	t.Run("return dissatisfaction rate", func(t *testing.T) {
		rows := []rtn{
			{order: amazonOrder, requested: "2026-11-10T10:00:00Z", responded: "2026-11-13T10:00:00Z", resp: authorized}, // late
			{order: mcfOrder, requested: "2026-11-10T10:00:00Z", responded: "2026-11-13T10:00:00Z", resp: authorized},    // late, MCF: out
			{order: mcfOrder, requested: "2026-11-20T10:00:00Z"},                                                         // not yet due: out anyway
			{order: unknownMCF, requested: "2026-11-11T10:00:00Z", responded: "2026-11-11T12:00:00Z", resp: refunded},    // counts
		}
		out := compute(metrics.ReturnDissatisfactionRate, withOrders(returnsFile(rows...)), s)
		if got := rdFigOf(out.Results[0]); got != (rdFig{1, 2, 1, 0, 0}) {
			t.Errorf("%+v, want 1/2", got)
		}
		want := []string{"1 return request on a Multi-Channel Fulfillment order (sales channel Non-Amazon) left out of the return dissatisfaction rate: Amazon's return requests do not reach them"}
		if !reflect.DeepEqual(out.Notes, want) {
			t.Errorf("notes %q, want %q", out.Notes, want)
		}
		if got := metrics.ReturnDissatisfaction(returnsFile(rows...), s); got.Denominator != 3 {
			t.Errorf("without the orders report: %d requests, want 3", got.Denominator)
		}
	})

	t.Run("customer service dissatisfaction rate", func(t *testing.T) {
		rows := []rate{
			answer(amazonOrder, "2026-11-10T10:00:00Z", true),
			answer(mcfOrder, "2026-11-10T10:00:00Z", true), // MCF: out, one order
			answer(mcfOrder, "2026-11-12T10:00:00Z", true),
			answer(mcfOther, "2026-09-10T10:00:00Z", true), // outside the window: not in the note
			answer(unknownMCF, "2026-11-12T10:00:00Z", false),
		}
		out := compute(metrics.CustomerServiceDissatisfactionRate, withOrders(ratingsFile(rows...)), s)
		if r := out.Results[0]; r.Numerator != 1 || r.Denominator != 2 {
			t.Errorf("%d/%d, want 1/2", r.Numerator, r.Denominator)
		}
		want := []string{"1 answer on a Multi-Channel Fulfillment order (sales channel Non-Amazon) left out of the customer service dissatisfaction rate: Amazon's customer service surveys do not reach them"}
		if !reflect.DeepEqual(out.Notes, want) {
			t.Errorf("notes %q, want %q", out.Notes, want)
		}
	})

	t.Run("customer service rating", func(t *testing.T) {
		rs := s
		rs.Service.RatingMin = 2
		rows := []rate{
			{rater: "A2BUYER", rated: "2026-11-10T10:00:00Z", score: 9},
			{rater: amazonOrder, rated: "2026-11-10T10:00:00Z", score: 7},
			{rater: mcfOrder, rated: "2026-11-10T10:00:00Z", score: 1}, // MCF: out
			{rater: mcfOrder, rated: "2026-11-11T10:00:00Z", score: 2},
			{rater: mcfOther, rated: "2026-11-12T10:00:00Z", score: 1}, // MCF: out
			{rater: mcfOther, rated: "2026-09-12T10:00:00Z", score: 1}, // before the period
		}
		out := compute(metrics.CustomerServiceRating, withOrders(ratingsFile(rows...)), rs)
		if r := out.Results[0]; r.Numerator != 16 || r.Denominator != 2 {
			t.Errorf("%d/%d, want 16/2", r.Numerator, r.Denominator)
		}
		want := []string{"2 ratings on Multi-Channel Fulfillment orders (sales channel Non-Amazon) left out of the customer service rating: Amazon's customer service surveys do not reach them"}
		if !reflect.DeepEqual(out.Notes, want) {
			t.Errorf("notes %q, want %q", out.Notes, want)
		}
		if r := metrics.ServiceRating(ratingsFile(rows...), rs); r.Denominator != 4 {
			t.Errorf("without the orders report: %d raters, want 4", r.Denominator)
		}
	})
}
