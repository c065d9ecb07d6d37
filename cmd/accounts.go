package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/settings"
)

// runFleet audits each subfolder of --accounts as one account (docs/accounts.md):
// up to --jobs at once, with a progress line on a terminal, then one
// table or document for all of them. The exit code is the worst
// account's, except that an account that could not be read makes it 2
// once everything else is written.
func runFleet(o *auditOptions, s settings.Settings) error {
	rend, err := render.LookupFleet(o.Output)
	if err != nil {
		return usagef("--output: %v", err)
	}
	if o.Jobs < 1 {
		return usagef("--jobs must be at least 1, got %d", o.Jobs)
	}
	failOn := o.failOn()
	var progress *iostreams.Progress
	fleet, err := engine.RunFleet(o.Command, o.Accounts, s, o.Checks, o.Jobs, func(done, total int) {
		if progress == nil {
			progress = o.IO.StartProgress("auditing accounts", total)
		}
		progress.Set(done)
	})
	progress.Stop()
	if err != nil {
		return usagef("--accounts: %v", err)
	}
	table, _ := render.LookupFleet("table")
	err = o.emit(
		func(w io.Writer, ro render.Options) error { return rend(w, fleet, ro) },
		func(w io.Writer, ro render.Options) error { return table(w, fleet, ro) },
		nil) // each account's warnings are counted in the table and listed in the JSON
	if err != nil {
		return err
	}
	if !o.IO.IsStdoutTTY() {
		render.FleetSummary(o.IO.ErrOut, fleet)
	}
	if n := fleet.Errors(); n > 0 {
		var names []string
		for _, a := range fleet.Accounts {
			if a.Error != "" {
				names = append(names, a.Name)
			}
		}
		return fmt.Errorf("%d of %d accounts could not be read: %s", n, len(fleet.Accounts), strings.Join(names, ", "))
	}
	if failOn.Failed(fleet.Statuses()...) {
		return errThresholds
	}
	return nil
}
