package engine

import (
	"fmt"
	"slices"
	"sync"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// MaxTrendDays is the longest range a trend covers: ten years of daily
// points.
const MaxTrendDays = 3660

// noEntry is the reason of a point on a date whose audit has no such entry
// (an IDR store whose first order comes later, say).
const noEntry = "no entry on this date"

// Trend audits the already loaded account at each as-of date from from to
// to, both inclusive, and gathers each entry's figures into a series. The
// files are read once, by the caller (Load): every date is judged on the
// same records, as Audit would judge them with s.AsOf set to that date.
//
// Series are the audits' entries keyed by metric, fulfilment, window length
// and store, in the order the checks ids give, and within a metric in the
// order the entries first appear. Every series has one point per date; on a
// date whose audit lacks the entry, its point is not computed. A series'
// threshold is the one of its last point that has the entry. The Account
// Health Rating of each date is the one of the latest of Amazon's reports
// dated on or before it (Judge.Audit). The warnings, inputs, store and
// profile are the last date's (o.Last, when it is that date's audit).
//
// A metric with a Series is computed for every date in one pass over the
// records (metrics.SeriesFunc); the others, and one whose Series cannot
// take these records, date by date. The work lists (removable feedback,
// risks) have no points. Dates are judged in parallel, at most
// runtime.NumCPU at a time; the result does not depend on the order they
// finish in. o.Progress, when set, hears of each date judged.
func Trend(command string, loaded *input.Loaded, s settings.Settings, ids []string, from, to civil.Date, o TrendOptions) (*health.Trend, error) {
	if to < from {
		return nil, fmt.Errorf("trend: from %s is after to %s", from, to)
	}
	n := int(to-from) + 1
	if n > MaxTrendDays {
		return nil, fmt.Errorf("trend: %d days from %s to %s, at most %d", n, from, to, MaxTrendDays)
	}
	first := s
	first.AsOf, first.FirstAsOf = to, from
	if need := horizon(first, needing(ids, "shipments")); loaded.Since != 0 && need != 0 && need < loaded.Since {
		// Shipments the earlier dates need were set aside when reading:
		// the caller must load with settings.FirstAsOf = from.
		return nil, fmt.Errorf("trend: the reports were read for as-of dates from %s on, not %s", loaded.Since, from)
	}
	// Everything but the date is settled once, on the last date's
	// settings; each date is then judged alone.
	j, err := NewJudge(command, loaded, first, ids)
	if err != nil {
		return nil, err
	}
	last := o.Last
	if last == nil || last.AsOf != to {
		if last, err = j.Audit(to); err != nil {
			return nil, err
		}
	}
	series := j.series(from, to)
	reports := make([]*health.Report, n)
	errs := make([]error, n)
	var mu sync.Mutex
	done := 0
	parallel(n, func(i int) {
		reports[i], errs[i] = j.points(from.AddDays(i), i, series)
		if o.Progress != nil {
			mu.Lock() // one call at a time, done rising by one each
			done++
			o.Progress(done, n)
			mu.Unlock()
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return gather(command, reports, last, ids, from, to), nil
}

// series computes, for each metric of the judge that has a Series, its
// results on every date from from to to, in one pass each; the metrics
// run side by side. A metric missing from the result is computed date by
// date (points).
func (j *Judge) series(from, to civil.Date) map[string][][]metrics.Result {
	got := make([][][]metrics.Result, len(j.ids))
	parallel(len(j.ids), func(k int) {
		m, _ := metrics.Lookup(j.ids[k]) // NewJudge checked every id
		if _, in := j.resolved[m.ID]; !in || m.List || m.Series == nil {
			return
		}
		if res, ok := m.Series(j.loaded.Data, j.s, from, to); ok {
			got[k] = res
		}
	})
	out := map[string][][]metrics.Result{}
	for k, res := range got {
		if res != nil {
			out[j.ids[k]] = res
		}
	}
	return out
}

// points is the report of one date of a trend, i its index: the verdicts
// on the metrics' entries (from series, else computed on the date), and
// the Account Health Rating of the date; nothing else a trend does not
// show.
func (j *Judge) points(asOf civil.Date, i int, series map[string][][]metrics.Result) (*health.Report, error) {
	s := j.s
	s.AsOf = asOf
	r := &health.Report{Command: j.command, AsOf: asOf}
	if snap, _ := j.snapshotOn(asOf); snap >= 0 {
		r.Account = j.account[snap]
	}
	for _, id := range j.ids {
		m, _ := metrics.Lookup(id)
		if m.List {
			continue
		}
		if _, in := j.resolved[id]; !in {
			r.Metrics = append(r.Metrics, j.notInProfile(m))
			continue
		}
		results, ok := series[id]
		var on []metrics.Result
		if ok {
			on = results[i]
		} else {
			on = m.Compute(j.loaded.Data, s).Results
		}
		for _, res := range on {
			v, err := j.verdict(m, res, asOf)
			if err != nil {
				return nil, err
			}
			r.Metrics = append(r.Metrics, v)
		}
	}
	return r, nil
}

// TrendOptions are a trend's optional settings.
type TrendOptions struct {
	// Progress, when set, is called once a date is audited: done of the
	// total dates are. It computes nothing else; calls come one at a
	// time, from the goroutines that audit the dates.
	Progress func(done, total int)
	// Last, when set, is the audit of the trend's last date already made
	// (engine.Audit with the same checks): its warnings, inputs, store and
	// profile are the trend's, and it is not computed again.
	Last *health.Report
}

// TrendBefore is the trend of the given checks over the n days ending on
// s.AsOf.
func TrendBefore(command string, loaded *input.Loaded, s settings.Settings, ids []string, n int, o TrendOptions) (*health.Trend, error) {
	if n < 1 {
		return nil, fmt.Errorf("trend: %d days, want at least 1", n)
	}
	return Trend(command, loaded, s, ids, s.AsOf.AddDays(-(n - 1)), s.AsOf, o)
}

// seriesKey tells the entries of an audit apart.
type seriesKey struct {
	id, fulfillment string
	windowDays      int
	marketplace     string
	platform        string
	calendar        string
	cycle           string // eBay's current or projected evaluation
}

// gather turns one report per date into series; last is the full audit
// of the last date, whose warnings, inputs, store and profile the trend
// has.
func gather(command string, reports []*health.Report, last *health.Report, ids []string, from, to civil.Date) *health.Trend {
	t := &health.Trend{Command: command, From: from, To: to, Marketplace: last.Marketplace, Profile: last.Profile,
		Warnings: dedup(last.Warnings), Inputs: last.Inputs}
	if t.Inputs == nil {
		t.Inputs = []records.InputFile{}
	}
	index := map[seriesKey]int{}
	var keys []seriesKey
	for _, r := range reports {
		for _, v := range r.Metrics {
			k := seriesKey{v.ID, v.Fulfillment, v.WindowDays, v.Marketplace, v.Platform, v.Calendar, v.Cycle}
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	// Group by metric in the checks' order; a stable sort keeps the first
	// seen order within a metric.
	rank := func(id string) int {
		if i := slices.Index(ids, id); i >= 0 {
			return i
		}
		return len(ids)
	}
	slices.SortStableFunc(keys, func(a, b seriesKey) int { return rank(a.id) - rank(b.id) })
	for i, k := range keys {
		index[k] = i
	}
	t.Series = make([]health.Series, len(keys))
	for i, k := range keys {
		ser := health.Series{ID: k.id, Fulfillment: k.fulfillment, WindowDays: k.windowDays, Marketplace: k.marketplace,
			Platform: k.platform, Calendar: k.calendar, Cycle: k.cycle,
			Points: make([]health.Point, len(reports))}
		for d := range reports {
			ser.Points[d] = health.Point{AsOf: reports[d].AsOf, Status: health.NotComputed, NotComputed: noEntry}
		}
		t.Series[i] = ser
	}
	for d, r := range reports {
		for _, v := range r.Metrics {
			ser := &t.Series[index[seriesKey{v.ID, v.Fulfillment, v.WindowDays, v.Marketplace, v.Platform, v.Calendar, v.Cycle}]]
			ser.Points[d] = health.Point{AsOf: r.AsOf, Numerator: v.Numerator, Denominator: v.Denominator,
				Status: v.Status, Partial: v.Partial, NotComputed: v.NotComputed}
			ser.Threshold = v.Threshold // the last date with the entry wins
		}
	}
	t.AccountHealth = accountHealth(reports)
	return t
}

// accountHealth is the Account Health Rating of each date's audit (the
// latest of Amazon's reports dated on or before it), nil when no date has
// one.
func accountHealth(reports []*health.Report) []health.AHRPoint {
	out := make([]health.AHRPoint, len(reports))
	found := false
	for d, r := range reports {
		out[d].AsOf = r.AsOf
		for i := range r.Account {
			if c := r.Account[i]; c.Kind == "account_health_rating" {
				out[d].Check, found = &c, true
				break
			}
		}
	}
	if !found {
		return nil
	}
	return out
}

// dedup drops repeated strings, keeping the first of each.
func dedup(ss []string) []string {
	out := make([]string, 0, len(ss))
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
