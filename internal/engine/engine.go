// Package engine runs the one-way pipeline of an audit: files -> records ->
// metrics -> verdicts. Commands call Run; renderers draw its report.
package engine

import (
	"fmt"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/report"
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
}

// Outcome is what a check found: its entries, the defects it could not
// place, and notes on missing inputs for the warnings list.
type Outcome struct {
	Results  []metrics.Result
	Unplaced []metrics.Unplaced
	Notes    []string
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
	if err := s.Validate(); err != nil {
		return nil, err
	}
	kinds := map[string]bool{}
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
	loaded, err := report.Load(paths, opt)
	if err != nil {
		return nil, err
	}
	return Audit(command, loaded, s, ids)
}

// ReadOptions turns the input settings into reading options; its error
// names the bad --encoding or --column.
func ReadOptions(s settings.Settings) (report.Options, error) {
	enc, err := report.ParseEncoding(s.Input.Encoding)
	if err != nil {
		return report.Options{}, fmt.Errorf("--encoding: %w", err)
	}
	cols := report.ColumnMap{}
	for _, c := range s.Input.Columns {
		if err := cols.Parse(c); err != nil {
			return report.Options{}, err
		}
	}
	return report.Options{Marketplace: s.Marketplace, Encoding: enc, Columns: cols, ShowPII: s.Input.ShowPII}, nil
}

// Audit judges an already loaded account. The account's store is
// --marketplace, else the one store the reports name; it picks the targets
// that differ by store.
func Audit(command string, loaded *report.Loaded, s settings.Settings, ids []string) (*health.Report, error) {
	store, notes := accountStore(loaded.Data, s.Marketplace)
	s.Marketplace = store
	r := &health.Report{Command: command, AsOf: s.AsOf, Marketplace: store, Warnings: append(loaded.Warnings, notes...), Inputs: loaded.Inputs}
	for _, id := range ids {
		c, ok := lookup(id)
		if !ok {
			return nil, fmt.Errorf("engine: unknown check %q", id)
		}
		out := c.Compute(loaded.Data, s)
		for _, res := range out.Results {
			where := store
			if res.Marketplace != "" {
				where = res.Marketplace
			}
			t, ok := health.ThresholdFor(res.ID, where)
			if !ok {
				return nil, fmt.Errorf("engine: no threshold for %q", res.ID)
			}
			r.Metrics = append(r.Metrics, health.Judge(res, t))
		}
		r.Unmatched = append(r.Unmatched, out.Unplaced...)
		r.Warnings = append(r.Warnings, out.Notes...)
	}
	r.Finish()
	return r, nil
}
