package health

import (
	"github.com/sellerhealth/audit/internal/civil"
)

// Fleet is the audit of many accounts at once (audit all --accounts DIR):
// one entry per account, in name order.
//
// A fleet keeps of each account only its Summary, a few hundred bytes:
// what the fleet's tables, totals and exit code read. Each account's whole
// Report (its per-order lists, warnings and inputs) is drawn as soon as it
// is audited and dropped (engine.RunFleet, render.FleetWriter), so that
// memory grows with the accounts audited at once, not with the number of
// accounts.
type Fleet struct {
	Command  string
	AsOf     civil.Date
	Status   Status // the worst account's status; Error when one could not be read
	Accounts []Account
}

// Account is one account of a fleet: its report, or why it has none.
type Account struct {
	Name string // the folder's name
	Path string // the folder as given on the command line, joined
	// Report is the account's whole report while it is drawn. An account
	// of a fleet engine.RunFleet returns has none: only its Summary.
	Report *Report
	// Summary is what the fleet's tables and totals read of the report;
	// nil when Error is set. Summarize makes it.
	Summary *Summary
	// Error says why the account could not be audited (an unreadable or
	// malformed report): it is reported and the others still run.
	Error string
}

// Summary is what a fleet keeps of an account's report once the report
// is drawn, a few kilobytes: its store, profile and status, its entries
// with what the fleet's tables show of them, what only Amazon's report
// tells, and how many warnings and defects not placed it had.
type Summary struct {
	Marketplace string
	Profile     string
	Status      Status
	// Metrics are the report's entries, without what only an account's
	// own document shows: their per-order lists, day counts, components,
	// inputs and forecast, their coverage unless they are incomplete, and
	// of Amazon's figure anything but whether it agrees and whether the
	// files explain a difference.
	Metrics   []Verdict
	Account   []AccountCheck
	Warnings  int // len(Report.Warnings)
	Unmatched int // len(Report.Unmatched)
}

// Summarize is what a fleet keeps of r; nil for a nil report.
func Summarize(r *Report) *Summary {
	if r == nil {
		return nil
	}
	s := &Summary{Marketplace: r.Marketplace, Profile: r.Profile, Status: r.Status,
		Metrics: make([]Verdict, len(r.Metrics)), Account: r.Account,
		Warnings: len(r.Warnings), Unmatched: len(r.Unmatched)}
	for i, m := range r.Metrics {
		m.Items, m.Days, m.Components, m.Inputs, m.Forecast = nil, nil, nil, nil, nil
		if m.Status != Incomplete {
			m.Coverage = nil
		}
		if a := m.Amazon; a != nil {
			m.Amazon = &Amazon{Agrees: a.Agrees, Explained: a.Explained}
		}
		s.Metrics[i] = m
	}
	return s
}

// Statuses are the statuses of the entries, for --fail-on, as
// Report.Statuses.
func (s *Summary) Statuses() []Status { return statuses(s.Metrics, s.Account) }

// Summarized is a with its Summary made from its Report when it has none.
func (a Account) Summarized() Account {
	if a.Summary == nil && a.Report != nil {
		a.Summary = Summarize(a.Report)
	}
	return a
}

// Status is the account's verdict; Error when it could not be audited.
func (a Account) Status() Status {
	switch {
	case a.Summary != nil:
		return a.Summary.Status
	case a.Report != nil:
		return a.Report.Status
	}
	return Error
}

// Finish sets the fleet's status to the worst of its accounts' statuses.
func (f *Fleet) Finish() {
	s := NoData
	for _, a := range f.Accounts {
		s = Worst(s, a.Status())
	}
	f.Status = s
}

// Statuses are every account's entries' statuses, and Error for an
// account that could not be audited, for --fail-on.
func (f *Fleet) Statuses() []Status {
	var out []Status
	for _, a := range f.Accounts {
		switch {
		case a.Summary != nil:
			out = append(out, a.Summary.Statuses()...)
		case a.Report != nil:
			out = append(out, a.Report.Statuses()...)
		default:
			out = append(out, Error)
		}
	}
	return out
}

// Errors counts the accounts that could not be audited.
func (f *Fleet) Errors() int {
	n := 0
	for _, a := range f.Accounts {
		if a.Error != "" {
			n++
		}
	}
	return n
}
