package health

import (
	"github.com/sellerhealth/audit/internal/civil"
)

// Fleet is the audit of many accounts at once (audit all --accounts DIR):
// one report per account, in name order.
type Fleet struct {
	Command  string
	AsOf     civil.Date
	Status   Status // the worst account's status; Error when one could not be read
	Accounts []Account
}

// Account is one account of a fleet: its report, or why it has none.
type Account struct {
	Name   string  // the folder's name
	Path   string  // the folder as given on the command line, joined
	Report *Report // nil when Error is set
	// Error says why the account could not be audited (an unreadable or
	// malformed report): it is reported and the others still run.
	Error string
}

// Status is the account's verdict; Error when it could not be audited.
func (a Account) Status() Status {
	if a.Report == nil {
		return Error
	}
	return a.Report.Status
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
		if a.Report == nil {
			out = append(out, Error)
			continue
		}
		out = append(out, a.Report.Statuses()...)
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
