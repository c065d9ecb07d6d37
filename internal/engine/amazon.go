package engine

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// amazonReport is the store's entry of the latest of Amazon's seller
// performance reports among the inputs (several dated snapshots are
// history: the latest is today's word), with its file and its date: the
// last day of its reporting date ranges.
type amazonReport struct {
	sp   *records.StorePerformance
	file string
	date civil.Date
}

// amazonSnapshots are the store's entries of the reports whose entry keep
// accepts (nil: any), one per date, oldest first: several of Amazon's
// seller performance reports are dated snapshots, the history of what the
// API only gives for today. The entry is the one whose store is the
// account's, or the only one of its report when the account's store is
// unknown. On the same date the V2 report's wins over the V1's, and
// between two of the same version the first read.
func amazonSnapshots(d *records.Dataset, store string, keep func(*records.StorePerformance) bool) []*amazonReport {
	type snap struct {
		r       *amazonReport
		version int
	}
	var all []snap
	for i := range d.Performance {
		p := &d.Performance[i]
		var found []*records.StorePerformance
		for j := range p.Stores {
			sp := &p.Stores[j]
			if (store != "" && sp.Store == store || store == "") && (keep == nil || keep(sp)) {
				found = append(found, sp)
			}
		}
		if len(found) != 1 && store == "" {
			continue
		}
		for _, sp := range found {
			r := &amazonReport{sp: sp, file: sp.Source.File, date: reportDate(sp)}
			if r.file == "" {
				r.file = p.Source.File
			}
			all = append(all, snap{r, p.Version})
		}
	}
	// By date, and on one date the highest version first; the stable sort
	// keeps the reading order between equals, so the first read wins.
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].r.date != all[b].r.date {
			return all[a].r.date < all[b].r.date
		}
		return all[a].version > all[b].version
	})
	var out []*amazonReport
	for _, s := range all {
		if n := len(out); n > 0 && out[n-1].date == s.r.date {
			continue
		}
		out = append(out, s.r)
	}
	return out
}

// reportDate is the last day of the entry's reporting date ranges: the
// day Amazon computed it on (the late shipment and cancel rates' windows
// end on it); 0 when none is given.
func reportDate(sp *records.StorePerformance) civil.Date {
	var d civil.Date
	for _, t := range sp.Targets {
		if t.To != nil {
			d = max(d, *t.To)
		}
	}
	for _, p := range sp.Policies {
		if p.To != nil {
			d = max(d, *p.To)
		}
	}
	return d
}

// amazonTarget is Amazon's entry for one of our results: the same
// metric, fulfilment and, for a metric with several windows, the same
// length; nil when the report has none.
func (a *amazonReport) target(res metrics.Result) *records.Target {
	var loose *records.Target
	for i := range a.sp.Targets {
		t := &a.sp.Targets[i]
		if t.Metric != res.ID || t.Fulfillment != res.Fulfillment {
			continue
		}
		if res.WindowDays == 0 || t.WindowDays == res.WindowDays {
			return t
		}
		if t.WindowDays == 0 && loose == nil {
			loose = t
		}
	}
	return loose
}

// compareAmazon puts Amazon's figure for res beside ours recomputed over
// Amazon's dates, as of the audit date or Amazon's report date when that
// is earlier, and explains the difference.
//
// Ours over Amazon's window is res itself when the window and the date are
// the entry's own; otherwise the metric is computed again, once per window
// and date for all its entries (cache).
func compareAmazon(a *amazonReport, m metrics.Metric, res metrics.Result, d *records.Dataset, s settings.Settings, cache oursCache) *health.Amazon {
	t := a.target(res)
	if t == nil {
		return nil
	}
	am := &health.Amazon{File: a.file, Rate: t.Rate, Numerator: t.Numerator, Denominator: t.Denominator,
		Components: t.Components, Op: t.Op, Target: t.Value, Status: t.Status, AsOf: s.AsOf}
	if a.date != 0 && a.date < s.AsOf {
		am.AsOf = a.date
	}
	ours := res
	if t.From != nil && t.To != nil && *t.To >= *t.From {
		am.Window = &records.Range{From: *t.From, To: *t.To}
		if am.AsOf != s.AsOf || res.Window.From != *t.From || res.Window.To != *t.To {
			k := oursKey{m.ID, t.WindowDays, int(am.AsOf - *t.To), am.AsOf}
			rs, ok := cache[k]
			if !ok {
				s2 := s
				s2.AsOf = am.AsOf
				s2.SetWindow(m.ID, []int{t.WindowDays}, k.lag)
				rs = m.Compute(d, s2).Results
				cache[k] = rs
			}
			ours = pick(rs, res)
			ours.Coverage = metrics.CoverageOf(m, ours, d, am.AsOf)
			ours.NotGiven = metrics.NotGivenOf(m, ours, d)
		}
	}
	am.Ours = health.Ours{Numerator: ours.Numerator, Denominator: ours.Denominator, Components: componentMap(ours.Components),
		NotGiven: ours.NotGiven, Window: records.Range{From: ours.Window.From, To: ours.Window.To}}
	if ours.Coverage != nil {
		am.Ours.Missing = ours.Coverage.Missing
	}
	compare(am, res, d)
	return am
}

// oursCache holds a metric's results over one of Amazon's windows, by
// metric, window length, lag and date, for the entries of one audit.
type oursCache map[oursKey][]metrics.Result

type oursKey struct {
	id        string
	days, lag int
	asOf      civil.Date
}

// pick is the result among rs that is the same entry as want.
func pick(rs []metrics.Result, want metrics.Result) metrics.Result {
	for _, r := range rs {
		if r.Fulfillment == want.Fulfillment && r.Marketplace == want.Marketplace {
			return r
		}
	}
	return metrics.Result{ID: want.ID, NotComputed: "no such entry over Amazon's window"}
}

// componentMap is the components as a map, nil when there are none.
func componentMap(cs metrics.Components) map[string]int {
	if len(cs) == 0 {
		return nil
	}
	out := make(map[string]int, len(cs))
	for _, c := range cs {
		out[c.Key] = c.Count
	}
	return out
}

// compare sets the difference, whether the figures agree, and what the
// files tell of a difference.
func compare(am *health.Amazon, res metrics.Result, d *records.Dataset) {
	o := am.Ours
	ov, ok := o.Value()
	if am.Rate != nil && ok {
		diff := ov - *am.Rate
		am.Difference = &diff
	}
	switch {
	case am.Numerator != nil && am.Denominator != nil:
		am.Agrees = *am.Numerator == o.Numerator && *am.Denominator == o.Denominator
	case am.Rate != nil && ok:
		am.Agrees = math.Abs(ov-*am.Rate) < 0.00005 // Amazon's rates are rounded
	}
	var why []string
	if am.Window != nil && (res.Window.From != am.Window.From || res.Window.To != am.Window.To) && res.Window.Days > 0 {
		why = append(why, fmt.Sprintf("Amazon's window is %s..%s, the entry's %s..%s: ours beside Amazon's is over Amazon's", am.Window.From, am.Window.To, res.Window.From, res.Window.To))
	}
	if am.Window == nil {
		why = append(why, "Amazon's report gives no dates for it: ours beside it is over the entry's own window")
	}
	if am.Agrees {
		// The same figure; still, a part Amazon counts that no file of
		// the inputs could is said (not given is not zero).
		for _, k := range slices.Sorted(maps.Keys(am.Components)) {
			if n := am.Components[k]; n > 0 && slices.Contains(o.NotGiven, k) {
				why = append(why, fmt.Sprintf("Amazon counts %d %s; no file of them was given", n, componentLabel(k))+claimCandidates(k, am, res, d))
			}
		}
		am.Explanations, am.Explained = orEmpty(why), true
		return
	}
	explained := false
	add := func(s string) { why, explained = append(why, s), true }
	if len(o.Missing) > 0 {
		add("the files do not cover Amazon's window: " + rangesText(o.Missing) + " missing")
	}
	if am.Denominator != nil {
		switch n := *am.Denominator - o.Denominator; {
		case n > 0:
			add(fmt.Sprintf("Amazon counts %d in its window, the files hold %d: %d are in no file given", *am.Denominator, o.Denominator, n))
		case n < 0:
			add(fmt.Sprintf("the files hold %d in Amazon's window, Amazon counts %d: %d it does not count (pending orders, orders of another store or channel, or rows it has not processed yet)", o.Denominator, *am.Denominator, -n))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(am.Components)) {
		a, ours := am.Components[k], o.Components[k]
		label := componentLabel(k)
		switch {
		case slices.Contains(o.NotGiven, k) && a > 0:
			add(fmt.Sprintf("Amazon counts %d %s; no file of them was given", a, label) + claimCandidates(k, am, res, d))
		case a > ours:
			add(fmt.Sprintf("Amazon counts %d %s, the files %d: %d are in no file given", a, label, ours, a-ours) + claimCandidates(k, am, res, d))
		case a < ours && k == metrics.ComponentNegativeFeedback:
			add(fmt.Sprintf("the files hold %d negative feedback, Amazon counts %d: %d may have been removed since the Feedback report was downloaded", ours, a, ours-a))
		case a < ours:
			add(fmt.Sprintf("the files list %d %s, Amazon counts %d", ours, label, a))
		}
	}
	if am.AsOf < res.Window.To {
		add(fmt.Sprintf("Amazon's report is of %s, before the entry's window ends (%s)", am.AsOf, res.Window.To))
	}
	am.Explanations, am.Explained = orEmpty(why), explained
}

// componentWords name the numerator's parts in the explanations.
var componentWords = map[string]string{
	metrics.ComponentNegativeFeedback: "negative feedback", metrics.ComponentClaims: "A-to-z claims",
	metrics.ComponentChargebacks: "chargebacks", metrics.ComponentMissingInvoice: "missing invoices",
	metrics.ComponentLateInvoice: "late invoices", metrics.ComponentLateResponse: "late responses",
	metrics.ComponentNoResponse: "unanswered messages",
}

// componentLabel is a component in words.
func componentLabel(k string) string {
	if l := componentWords[k]; l != "" {
		return l
	}
	return strings.ReplaceAll(k, "_", " ")
}

// rangesText is "2026-09-08..2026-10-16, 2026-10-20".
func rangesText(rs []records.Range) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.From.String()
		if r.To != r.From {
			parts[i] += ".." + r.To.String()
		}
	}
	return strings.Join(parts, ", ")
}

// accountChecks judge what only Amazon knows of the account: the Account
// Health Rating, the account status, each policy-violation count.
func accountChecks(a *amazonReport) []health.AccountCheck {
	if a == nil {
		return nil
	}
	sp := a.sp
	var out []health.AccountCheck
	if sp.HealthRating != "" || sp.HealthRatingScore != nil {
		out = append(out, ahrCheck(sp, a.file))
	}
	if sp.AccountStatus != "" {
		st, reason := accountStatusVerdict(sp.AccountStatus)
		out = append(out, health.AccountCheck{Store: sp.Store, Kind: "account_status", Value: sp.AccountStatus, Status: st, Reason: reason, File: a.file})
	}
	for _, p := range sp.Policies {
		out = append(out, policyCheck(sp.Store, p, a.file))
	}
	return out
}

// ahrCheck judges the Account Health Rating: by its score with Amazon's
// bands (200 and above healthy, 100 to 199 at risk, below 100 at risk of
// deactivation: help G200205250), else by its status.
func ahrCheck(sp *records.StorePerformance, file string) health.AccountCheck {
	c := health.AccountCheck{Store: sp.Store, Kind: "account_health_rating", Value: sp.HealthRating, Score: sp.HealthRatingScore, File: file}
	switch score := sp.HealthRatingScore; {
	case score != nil && *score >= health.AHRHealthy:
		c.Status, c.Reason = health.Pass, "score "+strconv.Itoa(*score)+": 200 and above is healthy"
	case score != nil && *score >= health.AHRAtRisk:
		c.Status, c.Reason = health.Warn, "score "+strconv.Itoa(*score)+": 100 to 199 is at risk"
	case score != nil:
		c.Status, c.Reason = health.Fail, "score "+strconv.Itoa(*score)+": below 100 is at risk of deactivation"
	default:
		c.Status, c.Reason = ahrStatusVerdict(sp.HealthRating)
	}
	return c
}

// ahrStatusVerdict judges an AHR status without a score.
func ahrStatusVerdict(s string) (health.Status, string) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "GREAT", "GOOD", "HEALTHY":
		return health.Pass, "Amazon says " + s
	case "FAIR", "WARNED", "AT_RISK", "AT RISK":
		return health.Warn, "Amazon says " + s
	case "POOR", "CRITICAL", "BAD", "UNHEALTHY":
		return health.Fail, "Amazon says " + s
	}
	return health.NoData, "status " + strconv.Quote(s) + " is none audit knows"
}

// accountStatusVerdict judges a store's account status.
func accountStatusVerdict(s string) (health.Status, string) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "NORMAL":
		return health.Pass, "Amazon says NORMAL"
	case "AT_RISK":
		return health.Warn, "Amazon says AT_RISK"
	case "DEACTIVATED", "SUSPENDED":
		return health.Fail, "Amazon says " + s
	}
	return health.NoData, "status " + strconv.Quote(s) + " is none audit knows"
}

// policyCheck judges a policy-violation count: Amazon's status when it
// says GOOD or BAD, else the count against its target, else any count
// above 0 warns.
func policyCheck(store string, p records.PolicyCount, file string) health.AccountCheck {
	c := health.AccountCheck{Store: store, Kind: "policy", Key: p.Key, Value: p.Status, Count: p.Count, Op: p.Op, Target: p.Value, File: file}
	switch strings.ToUpper(p.Status) {
	case "BAD":
		c.Status, c.Reason = health.Fail, "Amazon says BAD"
		return c
	case "GOOD":
		c.Status, c.Reason = health.Pass, "Amazon says GOOD"
		return c
	}
	switch {
	case p.Count == nil:
		c.Status, c.Reason = health.NoData, "no count given"
	case p.Op == "<" || p.Op == "<=" || p.Op == ">" || p.Op == ">=" || p.Op == "=":
		th := health.Threshold{Op: health.Op(p.Op), Value: p.Value, WarnAt: p.Value}
		if th.Op == "=" {
			th.Op = health.LessEqual
		}
		c.Status, c.Reason = th.Judge(float64(*p.Count), true), "count "+strconv.Itoa(*p.Count)+" against Amazon's target "+p.Op+" "+strconv.FormatFloat(p.Value, 'f', -1, 64)
	case *p.Count > 0:
		c.Status, c.Reason = health.Warn, strconv.Itoa(*p.Count)+" counted, Amazon gives no target"
	default:
		c.Status, c.Reason = health.Pass, "none counted"
	}
	return c
}

// maxCandidates is how many candidate orders an explanation names.
const maxCandidates = 5

// claimCandidates names, for A-to-z claims Amazon counts that no file
// lists, the orders of Amazon's window and channel that could be the
// missing ones: those with a negative feedback (a buyer who leaves one
// often files a claim too) but no claim in the files. "" for another
// component, or when there is none.
func claimCandidates(component string, am *health.Amazon, res metrics.Result, d *records.Dataset) string {
	if component != metrics.ComponentClaims || am.Window == nil {
		return ""
	}
	claimed := map[string]bool{}
	for _, c := range d.Claims {
		claimed[c.OrderID] = true
	}
	var ids []string
	seen := map[string]bool{}
	for _, f := range d.Feedback {
		if !metrics.FeedbackCounts(f) || f.Date > am.AsOf || claimed[f.OrderID] || seen[f.OrderID] {
			continue
		}
		o, ok := d.Orders.Get(f.OrderID)
		if !ok || o.Date < am.Window.From || o.Date > am.Window.To || !sameChannel(o.Channel, res.Fulfillment) {
			continue
		}
		seen[f.OrderID] = true
		ids = append(ids, f.OrderID)
	}
	if len(ids) == 0 {
		return ""
	}
	sort.Strings(ids)
	more := ""
	if len(ids) > maxCandidates {
		more = fmt.Sprintf(" and %d more", len(ids)-maxCandidates)
		ids = ids[:maxCandidates]
	}
	return "; orders with a negative feedback and no claim in the files, which could be among them: " + strings.Join(ids, ", ") + more
}

// sameChannel says whether an order's channel is the entry's segment.
func sameChannel(c records.Channel, fulfillment string) bool {
	switch fulfillment {
	case "afn":
		return c == records.ChannelAmazon
	case "mfn":
		return c == records.ChannelMerchant
	}
	return true
}
