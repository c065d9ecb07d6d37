package metrics_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// The rules under test (issue 9, `audit risks`; metrics.md): a
// seller-fulfilled shipment confirmed by as-of without valid tracking is a
// risk until ClaimPeriodDays (90) after its promised delivery date (its
// confirmation date without one), that last day included; a return request
// unanswered at now (the end of the as-of day, 2026-11-20T23:59:59 in the
// request's own offset) is a risk from 24 h of age (included) to 48 h
// (excluded: it is then late). Expectations are computed by hand.

// showRisk writes a risk with every field, the deadline with its offset.
func showRisk(r metrics.Risk) string {
	dl := "-"
	if !r.Deadline.IsZero() {
		dl = r.Deadline.Date.String()
		if r.Deadline.HasTime() {
			dl = r.Deadline.Instant().Format("2006-01-02T15:04:05-07:00")
		}
	}
	return fmt.Sprintf("%s %s %s deadline=%s %q %s:%d", r.Kind, r.OrderID, r.Date, dl, r.Detail, r.Source.File, r.Source.Line)
}

func showRisks(rs []metrics.Risk) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(showRisk(r) + "\n")
	}
	return b.String()
}

func checkRisks(t *testing.T, got []metrics.Risk, want ...string) {
	t.Helper()
	var w strings.Builder
	for _, s := range want {
		w.WriteString(s + "\n")
	}
	if g := showRisks(got); g != w.String() {
		t.Errorf("risks:\n got:\n%s\nwant:\n%s", g, w.String())
	}
}

func TestRisksUntrackedShipments(t *testing.T) {
	const u = metrics.RiskUntrackedShipment
	cases := []struct {
		name string
		row  shp
		want string // "" for no risk
	}{
		{"no tracking id: promised 2026-11-14 + 90 days",
			shp{id: "s", confirm: "2026-11-10", promised: "2026-11-14"},
			u + ` s 2026-11-10 deadline=2027-02-12 "no tracking id" shipments.csv:2`},
		{"tracking id present, unmarked: valid",
			shp{id: "s", confirm: "2026-11-10", tracking: "1Z1", promised: "2026-11-14"}, ""},
		{"tracking id marked valid",
			shp{id: "s", confirm: "2026-11-10", tracking: "1Z1", mark: records.TrackingValid, promised: "2026-11-14"}, ""},
		{"tracking id marked invalid",
			shp{id: "s", confirm: "2026-11-10", tracking: "1Z1", mark: records.TrackingInvalid, promised: "2026-11-15"},
			u + ` s 2026-11-10 deadline=2027-02-13 "tracking id marked invalid" shipments.csv:2`},
		{"marked invalid without an id: no tracking id",
			shp{id: "s", confirm: "2026-11-10", mark: records.TrackingInvalid, promised: "2026-11-15"},
			u + ` s 2026-11-10 deadline=2027-02-13 "no tracking id" shipments.csv:2`},
		{"not confirmed: not shipped, no risk yet",
			shp{id: "s", promised: "2026-11-14"}, ""},
		{"confirmed the day after as-of: not yet",
			shp{id: "s", confirm: "2026-11-21T00:00:00Z", promised: "2026-11-25"}, ""},
		{"confirmed late on the as-of day in its own offset",
			shp{id: "s", confirm: "2026-11-20T23:30:00-08:00", promised: "2026-11-25"},
			u + ` s 2026-11-20 deadline=2027-02-23 "no tracking id" shipments.csv:2`},
		{"claim period ended the day before as-of",
			shp{id: "s", purchase: "2026-08-15", confirm: "2026-08-17", promised: "2026-08-21"}, ""},
		{"claim period ends on the as-of day",
			shp{id: "s", purchase: "2026-08-15", confirm: "2026-08-17", promised: "2026-08-22"},
			u + ` s 2026-08-17 deadline=2026-11-20 "no tracking id" shipments.csv:2`},
		{"no promised date: from the confirmation, ends on as-of",
			shp{id: "s", purchase: "2026-08-20", confirm: "2026-08-22T10:00:00+02:00"},
			u + ` s 2026-08-22 deadline=2026-11-20 "no tracking id" shipments.csv:2`},
		{"no promised date: from the confirmation, ended",
			shp{id: "s", purchase: "2026-08-20", confirm: "2026-08-21"}, ""},
		{"promised date wins over a later confirmation",
			shp{id: "s", purchase: "2026-08-15", confirm: "2026-08-25", promised: "2026-08-21"}, ""},
		{"cancelled before the confirmation: never had to ship",
			shp{id: "s", confirm: "2026-11-10", cancel: "2026-11-09", by: records.CancelledBuyer, promised: "2026-11-14"}, ""},
		{"cancelled after the confirmation: shipped",
			shp{id: "s", confirm: "2026-11-10", cancel: "2026-11-12", by: records.CancelledBuyer, promised: "2026-11-14"},
			u + ` s 2026-11-10 deadline=2027-02-12 "no tracking id" shipments.csv:2`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := metrics.Risks(shipments(nil, c.row).d, settingsAt(""))
			if c.want == "" {
				checkRisks(t, got)
			} else {
				checkRisks(t, got, c.want)
			}
		})
	}
}

func TestRisksUnansweredReturns(t *testing.T) {
	const k = metrics.RiskReturnUnanswered
	cases := []struct {
		name string
		row  rtn
		want string // "" for no risk
	}{
		{"23 h: not yet", rtn{order: "r", requested: "2026-11-20T00:59:59Z"}, ""},
		{"exactly 24 h: a risk",
			rtn{order: "r", requested: "2026-11-19T23:59:59Z"},
			k + ` r 2026-11-19 deadline=2026-11-21T23:59:59+00:00 "unanswered for 24 h: 24 h left" returns.csv:2`},
		{"30 h",
			rtn{order: "r", requested: "2026-11-19T17:59:59Z"},
			k + ` r 2026-11-19 deadline=2026-11-21T17:59:59+00:00 "unanswered for 30 h: 18 h left" returns.csv:2`},
		{"30 h 30 min: hours rounded down",
			rtn{order: "r", requested: "2026-11-19T17:29:59Z"},
			k + ` r 2026-11-19 deadline=2026-11-21T17:29:59+00:00 "unanswered for 30 h: 17 h left" returns.csv:2`},
		{"47 h 59 min",
			rtn{order: "r", requested: "2026-11-19T00:00:59Z"},
			k + ` r 2026-11-19 deadline=2026-11-21T00:00:59+00:00 "unanswered for 47 h: 0 h left" returns.csv:2`},
		{"exactly 48 h: late, no longer a risk", rtn{order: "r", requested: "2026-11-18T23:59:59Z"}, ""},
		{"answered before now", rtn{order: "r", requested: "2026-11-19T17:59:59Z", responded: "2026-11-20T10:00:00Z", resp: authorized}, ""},
		{"answered exactly at now", rtn{order: "r", requested: "2026-11-19T17:59:59Z", responded: "2026-11-20T23:59:59Z", resp: rejected}, ""},
		{"answered after now: ignored",
			rtn{order: "r", requested: "2026-11-19T17:59:59Z", responded: "2026-11-21T08:00:00Z", resp: authorized},
			k + ` r 2026-11-19 deadline=2026-11-21T17:59:59+00:00 "unanswered for 30 h: 18 h left" returns.csv:2`},
		{"answered on a bare date after as-of: ignored",
			rtn{order: "r", requested: "2026-11-19T17:59:59Z", responded: "2026-11-21", resp: refunded},
			k + ` r 2026-11-19 deadline=2026-11-21T17:59:59+00:00 "unanswered for 30 h: 18 h left" returns.csv:2`},
		{"offset -08:00: now is 23:59:59-08:00, deadline in that offset",
			rtn{order: "r", requested: "2026-11-19T17:59:59-08:00"},
			k + ` r 2026-11-19 deadline=2026-11-21T17:59:59-08:00 "unanswered for 30 h: 18 h left" returns.csv:2`},
		{"offset -08:00, answered in UTC before now there",
			rtn{order: "r", requested: "2026-11-19T17:59:59-08:00", responded: "2026-11-21T05:00:00Z", resp: authorized}, ""},
		{"offset +09:00: 22 h 59 min by its own now",
			rtn{order: "r", requested: "2026-11-20T01:00:00+09:00"}, ""},
		{"the same instant in UTC: 31 h 59 min",
			rtn{order: "r", requested: "2026-11-19T16:00:00Z"},
			k + ` r 2026-11-19 deadline=2026-11-21T16:00:00+00:00 "unanswered for 31 h: 16 h left" returns.csv:2`},
		{"bare date the day before as-of: 47 h 59 min from its start",
			rtn{order: "r", requested: "2026-11-19"},
			k + ` r 2026-11-19 deadline=2026-11-21T00:00:00+00:00 "unanswered for 47 h: 0 h left" returns.csv:2`},
		{"bare date on the as-of day: 23 h 59 min", rtn{order: "r", requested: "2026-11-20"}, ""},
		{"requested after as-of", rtn{order: "r", requested: "2026-11-21T00:00:00Z"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := metrics.Risks(returnsFile(c.row), settingsAt(""))
			if c.want == "" {
				checkRisks(t, got)
			} else {
				checkRisks(t, got, c.want)
			}
		})
	}
}

func TestRisksDeadlineKeepsOffset(t *testing.T) {
	got := metrics.Risks(returnsFile(rtn{order: "r", requested: "2026-11-19T17:59:59-08:00"}), settingsAt(""))
	if len(got) != 1 {
		t.Fatalf("got %d risks, want 1", len(got))
	}
	if off := got[0].Deadline.Offset(); off != -8*3600 {
		t.Errorf("deadline offset %d s, want -28800", off)
	}
	if want := stamp("2026-11-21T17:59:59-08:00"); !got[0].Deadline.Same(want) {
		t.Errorf("deadline %+v, want %+v", got[0].Deadline, want)
	}
	if !got[0].Deadline.HasTime() {
		t.Error("a return deadline has a time")
	}
}

func TestRisksSorted(t *testing.T) {
	d := shipments(nil,
		shp{id: "s-b", confirm: "2026-11-10", promised: "2026-11-14"},                                                // 2027-02-12
		shp{id: "s-z", purchase: "2026-08-15", confirm: "2026-08-17", promised: "2026-08-22"},                        // 2026-11-20
		shp{id: "s-a", confirm: "2026-11-11", tracking: "1Z", mark: records.TrackingInvalid, promised: "2026-11-14"}, // 2027-02-12
		shp{id: "s-ok", confirm: "2026-11-11", tracking: "1Z9", promised: "2026-11-14"},                              // tracked: none
	).d
	d.ReturnRequests = returnsFile(
		rtn{order: "r-0", requested: "2026-11-19T17:59:59-08:00"}, // 2026-11-22T01:59:59Z
		rtn{order: "r-c", requested: "2026-11-19T20:00:00Z"},      // 2026-11-21T20:00:00Z
		rtn{order: "r-b", requested: "2026-11-19T17:59:59Z"},      // 2026-11-21T17:59:59Z
		rtn{order: "r-a", requested: "2026-11-19T00:00:59Z"},      // 2026-11-21T00:00:59Z
		rtn{order: "r-x", requested: "2026-11-20T12:00:00Z"},      // 12 h: none
	).ReturnRequests
	u, k := metrics.RiskUntrackedShipment, metrics.RiskReturnUnanswered
	checkRisks(t, metrics.Risks(d, settingsAt("")),
		u+` s-z 2026-08-17 deadline=2026-11-20 "no tracking id" shipments.csv:3`,
		k+` r-a 2026-11-19 deadline=2026-11-21T00:00:59+00:00 "unanswered for 47 h: 0 h left" returns.csv:5`,
		k+` r-b 2026-11-19 deadline=2026-11-21T17:59:59+00:00 "unanswered for 30 h: 18 h left" returns.csv:4`,
		k+` r-c 2026-11-19 deadline=2026-11-21T20:00:00+00:00 "unanswered for 27 h: 20 h left" returns.csv:3`,
		k+` r-0 2026-11-19 deadline=2026-11-21T17:59:59-08:00 "unanswered for 30 h: 18 h left" returns.csv:2`,
		u+` s-a 2026-11-11 deadline=2027-02-12 "tracking id marked invalid" shipments.csv:4`,
		u+` s-b 2026-11-10 deadline=2027-02-12 "no tracking id" shipments.csv:2`,
	)
}

func TestRisksOtherAsOf(t *testing.T) {
	// The as-of date is the settings': on 2026-11-21 the 30 h request is
	// 54 h old, and a shipment whose claim period ended on 2026-11-20 is
	// gone.
	d := shipments(nil, shp{id: "s", purchase: "2026-08-15", confirm: "2026-08-17", promised: "2026-08-22"}).d
	d.ReturnRequests = returnsFile(
		rtn{order: "r-old", requested: "2026-11-19T17:59:59Z"},
		rtn{order: "r-new", requested: "2026-11-20T20:00:00Z"},
	).ReturnRequests
	checkRisks(t, metrics.Risks(d, settingsAt("2026-11-21")),
		metrics.RiskReturnUnanswered+` r-new 2026-11-20 deadline=2026-11-22T20:00:00+00:00 "unanswered for 27 h: 20 h left" returns.csv:3`)
}

func TestRisksEmpty(t *testing.T) {
	if got := metrics.Risks(records.NewDataset(), settingsAt("")); len(got) != 0 {
		t.Errorf("got %v, want none", got)
	}
}
