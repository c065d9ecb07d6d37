package engine

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Judge is a loaded account ready to be audited on any as-of date: its
// store, its threshold profile resolved once (the user's overrides and
// Amazon's own targets on top), the metrics' windows from that profile,
// and the metrics to run. Audit only reads it, so the dates of a trend are
// audited in parallel from one Judge.
type Judge struct {
	command  string
	loaded   *input.Loaded
	s        settings.Settings // Marketplace is the account's store; Windows the profile's
	ids      []string
	profile  string
	platform string // the profile's platform
	resolved map[string]profile.Resolved
	notes    []string // on the store and Amazon's targets, for the warnings

	// snapshots are Amazon's seller performance reports for the
	// account's store, one per date, oldest first (amazonSnapshots), and
	// account the checks only each of them gives (accountChecks). An audit
	// uses the latest dated on or before its as-of date: a later one is
	// the future. compare puts its figures beside ours (a single audit,
	// not each date of a trend).
	snapshots []*amazonReport
	account   [][]health.AccountCheck
	compare   bool

	mu     sync.Mutex
	stores map[string]map[string]profile.Resolved // other profiles by name, resolved on first use
}

// NewJudge settles what every audit of the loaded account shares. The
// account's store is --marketplace, else the one store the reports name.
// The threshold profile is the one named (--profile, the config file,
// AUDIT_PROFILE), else the store's; the user's overrides go on top, and
// Amazon's own seller performance report's targets over the profile's.
// The profile's windows are the metrics' windows, and a metric the
// profile lacks is not computed.
func NewJudge(command string, loaded *input.Loaded, s settings.Settings, ids []string) (*Judge, error) {
	for _, id := range ids {
		if _, err := lookup(id); err != nil {
			return nil, err
		}
	}
	if err := needsOne(command, ids, loaded); err != nil {
		return nil, err
	}
	store, notes := accountStore(loaded.Data, s.Marketplace)
	s.Marketplace = store
	prof, resolved, err := resolveProfile(s, store)
	if err != nil {
		return nil, err
	}
	notes = append(notes, applyAmazonTargets(loaded.Data, store, s.AsOf, resolved, ids)...)
	if hasCore(ids) {
		ids = withoutAmazon(WithInputs(ids, loaded.Data), loaded.Data)
	}
	if err := platformEntries(ids, prof, s, resolved); err != nil {
		return nil, err
	}
	s.Windows = windowsOf(resolved)
	s.Service.Responses = responseRules(prof, store, s.Service.ResponseOverrides)
	j := &Judge{command: command, loaded: loaded, s: s, ids: ids, profile: prof.Name, platform: prof.Platform, resolved: resolved, notes: notes,
		snapshots: amazonSnapshots(loaded.Data, store, nil)}
	if p, ok := OnlyPlatform(ids); ok && s.Profile == "" {
		// An eBay seller's audit is judged by eBay's profile, and says so.
		if own, ok := profile.ForPlatform(p, store); ok {
			j.profile, j.platform = own.Name, own.Platform
		}
	}
	j.account = make([][]health.AccountCheck, len(j.snapshots))
	for i, a := range j.snapshots {
		j.account[i] = accountChecks(a)
	}
	return j, nil
}

// platformEntries adds to resolved the targets of the metrics of another
// platform than the profile's (metrics.Metric.Platform: eBay's seller
// standards, Kaufland's cancellations): the platform's own profile judges
// them, with the user's overrides, whatever the account's store.
func platformEntries(ids []string, prof profile.Profile, s settings.Settings, resolved map[string]profile.Resolved) error {
	for _, id := range ids {
		m, _ := metrics.Lookup(id)
		if m.Platform == "" || m.Platform == prof.Platform {
			continue
		}
		if _, ok := resolved[id]; ok {
			continue
		}
		p, ok := profile.ForPlatform(m.Platform, "")
		if !ok {
			continue
		}
		r, err := profile.Resolve(p, s.Overrides)
		if err != nil {
			return err
		}
		if e, ok := r[id]; ok {
			resolved[id] = e
		}
	}
	return nil
}

// responseRules are the buyer-message response rules by platform: the
// account's profile's for its platform (Amazon's store's when the profile
// is another platform's), each other platform's own profile's, with the
// user's overrides on top (a platform without a rule gets one from them).
func responseRules(prof profile.Profile, store string, overrides map[string]settings.ResponseOverride) map[string]settings.ResponseRule {
	out := map[string]settings.ResponseRule{}
	for _, p := range profile.Builtin {
		if p.Response == nil || p.Platform == prof.Platform {
			continue
		}
		if _, ok := out[p.Platform]; !ok {
			if own, ok := profile.ForPlatform(p.Platform, store); ok && own.Response != nil {
				out[p.Platform] = *own.Response
			}
		}
	}
	if prof.Response != nil {
		out[prof.Platform] = *prof.Response
	}
	for platform, o := range overrides {
		out[platform] = o.Apply(out[platform])
	}
	return out
}

// OnlyPlatform is the platform of ids when every metric among them (not
// the work lists) is that one other platform's own.
func OnlyPlatform(ids []string) (string, bool) {
	p := ""
	for _, id := range ids {
		m, _ := metrics.Lookup(id)
		switch {
		case m.List:
		case m.Platform == "" || p != "" && m.Platform != p:
			return "", false
		default:
			p = m.Platform
		}
	}
	return p, p != ""
}

// snapshotOn is the index in j.snapshots of the latest of Amazon's
// reports dated on or before asOf, -1 when there is none; and a warning
// naming those dated after it, which are left out.
func (j *Judge) snapshotOn(asOf civil.Date) (int, []string) {
	i := sort.Search(len(j.snapshots), func(k int) bool { return j.snapshots[k].date > asOf }) - 1
	var later []string
	for _, a := range j.snapshots[i+1:] {
		later = append(later, a.file+" ("+a.date.String()+")")
	}
	if len(later) == 0 {
		return i, nil
	}
	return i, []string{"Amazon's seller performance report dated after " + asOf.String() + " left out: " + strings.Join(later, ", ")}
}

// resolveProfile is the profile of the store (or the one named) with the
// user's overrides on top.
func resolveProfile(s settings.Settings, store string) (profile.Profile, map[string]profile.Resolved, error) {
	prof, err := chooseProfile(s.Profile, store)
	if err != nil {
		return prof, nil, err
	}
	resolved, err := profile.Resolve(prof, s.Overrides)
	return prof, resolved, err
}

// windowsOf are the metrics' windows as the resolved profile sets them.
func windowsOf(r map[string]profile.Resolved) map[string]settings.Window {
	out := make(map[string]settings.Window, len(r))
	for id, e := range r {
		if len(e.WindowDays) > 0 {
			out[id] = settings.Window{Days: append([]int(nil), e.WindowDays...), Lag: e.LagDays}
		}
	}
	return out
}

// Audit computes and judges the account's metrics on asOf.
func (j *Judge) Audit(asOf civil.Date) (*health.Report, error) {
	s := j.s
	s.AsOf = asOf
	d := j.loaded.Data
	r := &health.Report{Command: j.command, AsOf: asOf, Marketplace: s.Marketplace, Profile: j.profile,
		Warnings: append(append([]string(nil), j.loaded.Warnings...), j.notes...), Inputs: j.loaded.Inputs}
	snap, later := j.snapshotOn(asOf)
	r.Warnings = append(r.Warnings, later...)
	var amazon *amazonReport
	if snap >= 0 {
		amazon = j.snapshots[snap]
		r.Account = j.account[snap]
	}
	outs := j.outcomes(s)
	for k, id := range j.ids {
		m, _ := metrics.Lookup(id) // NewJudge checked every id
		out := outs[k]
		if m.List {
			if out.Feedback != nil {
				r.Feedback = append(orEmpty(r.Feedback), out.Feedback...)
			}
			if out.Risks != nil {
				r.Risks = append(orEmpty(r.Risks), out.Risks...)
			}
			r.Warnings = append(r.Warnings, out.Notes...)
			continue
		}
		if _, in := j.resolved[id]; !in {
			r.Metrics = append(r.Metrics, j.notInProfile(m))
			continue
		}
		cache := oursCache{}
		for _, res := range out.Results {
			v, err := j.verdict(m, res, asOf)
			if err != nil {
				return nil, err
			}
			if j.compare && amazon != nil && res.NotComputed == "" {
				v.Amazon = compareAmazon(amazon, m, v.Result, d, s, cache)
			}
			r.Metrics = append(r.Metrics, v)
		}
		r.Unmatched = append(r.Unmatched, out.Unplaced...)
		r.Warnings = append(r.Warnings, out.Notes...)
	}
	r.Warnings = append(r.Warnings, staleNotes(j.loaded.Data, s)...)
	r.Finish()
	return r, nil
}

// outcomes computes the metrics of the judge on s, side by side: they are
// pure functions of the same records. out[k] is the outcome of j.ids[k];
// a metric the profile lacks is not computed (its outcome is zero).
func (j *Judge) outcomes(s settings.Settings) []metrics.Outcome {
	outs := make([]metrics.Outcome, len(j.ids))
	parallel(len(j.ids), func(k int) {
		m, _ := metrics.Lookup(j.ids[k])
		if _, in := j.resolved[m.ID]; in || m.List {
			outs[k] = m.Compute(j.loaded.Data, s)
		}
	})
	return outs
}

// notInProfile is the verdict on metric m when the profile has no target
// for it: not computed.
func (j *Judge) notInProfile(m metrics.Metric) health.Verdict {
	res := metrics.Missing(m.ID, "not a metric of the "+j.profile+" profile")
	res.Inputs = metrics.InputsOf(m, j.loaded.Data)
	res.Platform = cmp.Or(m.Platform, j.platform)
	return health.Judge(res, health.Threshold{})
}

// verdict judges one result of metric m on asOf: how far the files cover
// its window, the components none of whose inputs was read, its inputs,
// its target and its forecast.
func (j *Judge) verdict(m metrics.Metric, res metrics.Result, asOf civil.Date) (health.Verdict, error) {
	d := j.loaded.Data
	if res.NotComputed == "" {
		res.Coverage = metrics.CoverageOf(m, res, d, asOf)
		if res.Coverage != nil {
			res.Coverage.Reports = kindTitles(res.Coverage.Kinds)
		}
		res.NotGiven = metrics.NotGivenOf(m, res, d)
	}
	res.Inputs = metrics.InputsOf(m, d)
	if res.Platform == "" {
		res.Platform = cmp.Or(m.Platform, j.platform)
	}
	t, err := j.threshold(res)
	if err != nil {
		return health.Verdict{}, err
	}
	if t.Op == "" && res.NotComputed == "" { // another platform's entry its profile has no target for
		res.NotComputed = "no " + res.Platform + " target for it: the " + res.Platform + " profile has none"
	}
	v := health.Judge(res, t)
	v.Forecast = health.ForecastOf(v, asOf)
	return v, nil
}

// orEmpty is s, or an empty (not nil) slice: a list that was asked for is
// written as [] even when it holds nothing.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// threshold is the target of a result: the account's profile's; for an
// entry of another platform than the profile's (a Kaufland store's
// messages), that platform's profile's; for a per-store entry (IDR) of
// another store than the account's when no profile is named, that store's
// profile's.
func (j *Judge) threshold(res metrics.Result) (health.Threshold, error) {
	t := j.resolved[res.ID].Threshold()
	if res.Platform != "" && res.Platform != j.platform {
		other, err := j.platformProfile(res.Platform)
		if err != nil {
			return t, err
		}
		if e, ok := other[res.ID]; ok {
			return e.Threshold(), nil
		}
		if res.NotComputed != "" || t.Op == "" {
			return health.Threshold{}, nil // no target of that platform to show
		}
		// The platform publishes no target (a rule the user set for eBay's
		// messages): the account's, with the user's overrides.
		return t, nil
	}
	if res.Marketplace == "" || res.Marketplace == j.s.Marketplace || j.s.Profile != "" {
		return t, nil
	}
	other, err := j.storeProfile(res.Marketplace)
	if err != nil {
		return t, err
	}
	if e, ok := other[res.ID]; ok {
		t = e.Threshold()
	}
	return t, nil
}

// platformProfile is a platform's profile with the user's overrides
// (Amazon's: the account's store's), resolved once per Judge; empty for a
// platform without one.
func (j *Judge) platformProfile(platform string) (map[string]profile.Resolved, error) {
	p, _ := profile.ForPlatform(platform, j.s.Marketplace)
	return j.resolvedProfile(p)
}

// storeProfile is the store's Amazon profile with the user's overrides,
// resolved once per Judge.
func (j *Judge) storeProfile(store string) (map[string]profile.Resolved, error) {
	return j.resolvedProfile(profile.ForStore(store))
}

// resolvedProfile is p with the user's overrides, resolved once per Judge
// and profile.
func (j *Judge) resolvedProfile(p profile.Profile) (map[string]profile.Resolved, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if r, ok := j.stores[p.Name]; ok {
		return r, nil
	}
	r, err := profile.Resolve(p, j.s.Overrides)
	if err != nil {
		return nil, err
	}
	if j.stores == nil {
		j.stores = map[string]map[string]profile.Resolved{}
	}
	j.stores[p.Name] = r
	return r, nil
}

// sparseKinds are the inputs whose rows are events (a feedback, a claim,
// a chargeback, a return, a settlement's transactions): weeks without one
// are normal, so a file that ends early is not an incomplete verdict, only
// a note when it evidently ends long before the audit date.
var sparseKinds = []string{"feedback", "claims", "chargebacks", "returns", "settlement"}

// staleNotes warn about the event files whose newest row is older than
// the first day of the ODR's window on the audit date: if they were
// downloaded (or written) then, the defects since are not counted.
func staleNotes(d *records.Dataset, s settings.Settings) []string {
	start := metrics.ODRWindow(s).From
	var notes []string
	for _, k := range sparseKinds {
		var newest civil.Date
		for _, f := range d.Files {
			if f.Kind != k {
				continue
			}
			for _, sp := range f.Spans {
				newest = max(newest, sp.To)
			}
		}
		if newest != 0 && newest < start {
			notes = append(notes, fmt.Sprintf("the newest row of the %s is dated %s, before the ODR window (from %s): if it was downloaded then, what came since is not counted; download it again",
				input.Kind(k).Title(), newest, start))
		}
	}
	return notes
}

// needsOne is an input error when the files read hold none of the input
// kinds the metrics read (an empty folder, one of other reports only):
// such a run has nothing to judge, and a CI job must not go green on it.
// It names the reports to download. A dataset not read from files
// (Files nil) is not checked.
func needsOne(command string, ids []string, loaded *input.Loaded) error {
	d := loaded.Data
	if d.Files == nil {
		return nil
	}
	var kinds []string
	for _, id := range ids {
		m, _ := metrics.Lookup(id)
		for _, k := range m.Reads {
			if d.Has(k) {
				return nil
			}
			if !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	e := &NoReportsError{Command: command, Reports: kindTitles(kinds)}
	for _, w := range loaded.Warnings {
		if rest, ok := strings.CutPrefix(w, "skipped "); ok {
			e.Skipped = append(e.Skipped, rest)
		}
	}
	return e
}

// kindTitles are the reports' names of input kinds: "All Orders report".
func kindTitles(kinds []string) []string {
	titles := make([]string, len(kinds))
	for i, k := range kinds {
		titles[i] = input.Kind(k).Title()
	}
	return titles
}

// NoReportsError says that no input feeds the command's metrics.
type NoReportsError struct {
	Command string
	Reports []string // the titles of the reports the command reads
	// Skipped are the files that were found and skipped, with why.
	Skipped []string
}

func (e *NoReportsError) Error() string {
	msg := fmt.Sprintf("no report among the inputs feeds audit %s: it reads %s (docs/downloads.md says where to get each)",
		e.Command, strings.Join(e.Reports, ", "))
	if len(e.Skipped) > 0 {
		msg += "; found instead: " + strings.Join(e.Skipped, "; ")
	}
	return msg
}
