// Package engine runs the one-way pipeline of an audit: files -> records ->
// metrics -> verdicts. Commands call Run; renderers draw its report.
package engine

import (
	"fmt"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Check computes one metric family from a dataset. Each lives in its own
// file and registers itself.
type Check struct {
	ID string
	// Needs lists the report kinds the check reads; Run reads only the
	// kinds its checks need.
	Needs   []string
	Compute func(d *records.Dataset, s settings.Settings) Outcome
	// Optional checks are left out of a run of every check (audit all)
	// when none of their reports was read (WithInputs).
	Optional bool
	// List checks give a work list (Outcome.Feedback, Outcome.Risks), not
	// a metric: no profile lists them.
	List bool
}

// Outcome is what a check found: its entries, the defects it could not
// place, and notes on missing inputs for the warnings list.
type Outcome struct {
	Results  []metrics.Result
	Unplaced []metrics.Unplaced
	Notes    []string
	Feedback []metrics.FeedbackItem // removable_feedback
	Risks    []metrics.Risk         // risks
}

var checks []Check

func register(c Check) { checks = append(checks, c) }

func lookup(id string) (Check, bool) {
	for _, c := range checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// Run reads the paths and audits the given metric ids.
func Run(command string, paths []string, s settings.Settings, ids []string) (*health.Report, error) {
	loaded, err := Load(paths, s, ids)
	if err != nil {
		return nil, err
	}
	return Audit(command, loaded, s, ids)
}

// Load reads the report kinds the given checks need (and Amazon's seller
// performance report, which sets targets for every metric) from the paths.
func Load(paths []string, s settings.Settings, ids []string) (*input.Loaded, error) {
	return LoadProgress(paths, s, ids, nil)
}

// LoadProgress is Load telling progress how many bytes of the files it has
// read, of how many (input.Options.Progress); progress may be nil.
func LoadProgress(paths []string, s settings.Settings, ids []string, progress func(read, total int64)) (*input.Loaded, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	kinds := map[string]bool{kindPerformance: true}
	for _, id := range ids {
		c, ok := lookup(id)
		if !ok {
			return nil, fmt.Errorf("engine: unknown check %q", id)
		}
		for _, k := range c.Needs {
			kinds[k] = true
		}
	}
	opt, err := ReadOptions(s)
	if err != nil {
		return nil, err
	}
	opt.Kinds = kinds
	opt.Progress = progress
	// Only the shipments are set aside by date: the orders report also
	// tells the stores and which defects are unmatched.
	opt.Since = horizon(s, needing(ids, "shipments"))
	return input.Load(paths, opt)
}

// needing is the checks among ids that read the report kind.
func needing(ids []string, kind string) []string {
	var out []string
	for _, id := range ids {
		if c, ok := lookup(id); ok {
			for _, k := range c.Needs {
				if k == kind {
					out = append(out, id)
					break
				}
			}
		}
	}
	return out
}

// ReadOptions turns the input settings into reading options; its error
// names the bad --encoding or --column.
func ReadOptions(s settings.Settings) (input.Options, error) {
	enc, err := input.ParseEncoding(s.Input.Encoding)
	if err != nil {
		return input.Options{}, fmt.Errorf("--encoding: %w", err)
	}
	cols := input.ColumnMap{}
	for _, c := range s.Input.Columns {
		if err := cols.Parse(c); err != nil {
			return input.Options{}, err
		}
	}
	return input.Options{Marketplace: s.Marketplace, Encoding: enc, Columns: cols, ShowPII: s.Input.ShowPII}, nil
}

// Audit judges an already loaded account. The account's store is
// --marketplace, else the one store the reports name. The threshold
// profile is the one named (--profile, the config file, AUDIT_PROFILE),
// else the store's; the user's overrides go on top. The profile's windows
// are the metrics' windows, and a metric the profile lacks is not computed.
func Audit(command string, loaded *input.Loaded, s settings.Settings, ids []string) (*health.Report, error) {
	store, notes := accountStore(loaded.Data, s.Marketplace)
	s.Marketplace = store
	prof, err := chooseProfile(s.Profile, store)
	if err != nil {
		return nil, err
	}
	resolved, err := profile.Resolve(prof, s.Overrides)
	if err != nil {
		return nil, err
	}
	notes = append(notes, applyAmazonTargets(loaded.Data, store, resolved, ids)...)
	applyWindows(&s, resolved)
	if hasCore(ids) {
		ids = WithInputs(ids, loaded.Data)
	}
	r := &health.Report{Command: command, AsOf: s.AsOf, Marketplace: store, Profile: prof.Name,
		Warnings: append(append([]string(nil), loaded.Warnings...), notes...), Inputs: loaded.Inputs}
	for _, id := range ids {
		c, ok := lookup(id)
		if !ok {
			return nil, fmt.Errorf("engine: unknown check %q", id)
		}
		if c.List {
			out := c.Compute(loaded.Data, s)
			if r.Feedback == nil && id == RemovableFeedback {
				r.Feedback = []metrics.FeedbackItem{}
			}
			if r.Risks == nil && id == ClaimRisks {
				r.Risks = []metrics.Risk{}
			}
			r.Feedback = append(r.Feedback, out.Feedback...)
			r.Risks = append(r.Risks, out.Risks...)
			r.Warnings = append(r.Warnings, out.Notes...)
			continue
		}
		if _, in := resolved[id]; !in {
			res := metrics.Missing(id, "not a metric of the "+prof.Name+" profile")
			r.Metrics = append(r.Metrics, health.Judge(res, health.Threshold{}))
			continue
		}
		out := c.Compute(loaded.Data, s)
		for _, res := range out.Results {
			t := resolved[res.ID].Threshold()
			if res.Marketplace != "" && res.Marketplace != store && s.Profile == "" {
				// A per-store entry (IDR) of another store than the
				// account's: that store's profile decides.
				other, err := profile.Resolve(profile.ForStore(res.Marketplace), s.Overrides)
				if err != nil {
					return nil, err
				}
				if e, ok := other[res.ID]; ok {
					t = e.Threshold()
				}
			}
			v := health.Judge(res, t)
			v.Forecast = health.ForecastOf(v, s.AsOf)
			r.Metrics = append(r.Metrics, v)
		}
		r.Unmatched = append(r.Unmatched, out.Unplaced...)
		r.Warnings = append(r.Warnings, out.Notes...)
	}
	r.Finish()
	return r, nil
}

// hasCore says whether ids holds a check that is not Optional: a run of
// every check (audit all) leaves out the Optional ones without reports; a
// run of those alone (audit service) says why each is not computed.
func hasCore(ids []string) bool {
	for _, id := range ids {
		if c, ok := lookup(id); ok && !c.Optional {
			return true
		}
	}
	return false
}

// chooseProfile is the named profile, else the store's.
func chooseProfile(name, store string) (profile.Profile, error) {
	if name != "" {
		return profile.ByName(name)
	}
	return profile.ForStore(store), nil
}

// applyWindows sets the metrics' windows from the resolved profile.
func applyWindows(s *settings.Settings, r map[string]profile.Resolved) {
	first := func(e profile.Resolved, def int) int {
		if len(e.WindowDays) > 0 {
			return e.WindowDays[0]
		}
		return def
	}
	sh := &s.Shipping
	if e, ok := r["odr"]; ok {
		s.ODR.WindowDays, s.ODR.LagDays = first(e, s.ODR.WindowDays), e.LagDays
	}
	if e, ok := r[metrics.LateShipmentRate]; ok && len(e.WindowDays) > 0 {
		sh.LateShipmentDays, sh.LateShipmentLagDays = append([]int(nil), e.WindowDays...), e.LagDays
	}
	if e, ok := r[metrics.PrefulfillmentCancelRate]; ok {
		sh.CancelDays, sh.CancelLagDays = first(e, sh.CancelDays), e.LagDays
	}
	if e, ok := r[metrics.ValidTrackingRate]; ok {
		sh.TrackingDays, sh.TrackingLagDays = first(e, sh.TrackingDays), e.LagDays
	}
	if e, ok := r[metrics.OnTimeDeliveryRate]; ok {
		sh.DeliveryDays, sh.DeliveryLagDays = first(e, sh.DeliveryDays), e.LagDays
	}
	if e, ok := r[metrics.InvoiceDefectRate]; ok {
		sh.InvoiceDays, sh.InvoiceLagDays = first(e, sh.InvoiceDays), e.LagDays
	}
	sv := &s.Service
	if e, ok := r[metrics.ContactResponseRate]; ok && len(e.WindowDays) > 0 {
		sv.ContactDays = append([]int(nil), e.WindowDays...)
	}
	if e, ok := r[metrics.ReturnDissatisfactionRate]; ok {
		sv.ReturnDays = first(e, sv.ReturnDays)
	}
	if e, ok := r[metrics.CustomerServiceRating]; ok {
		sv.RatingDays = first(e, sv.RatingDays)
	}
	if e, ok := r[metrics.CustomerServiceDissatisfactionRate]; ok {
		sv.DissatisfactionDays = first(e, sv.DissatisfactionDays)
	}
}
