package cmd

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/settings"
)

// runFleet audits each subfolder of --accounts as one account (docs/accounts.md):
// up to --jobs at once, with a progress line on a terminal, then one
// table or document for all of them. Each account's report is drawn as
// soon as it is audited and dropped (render.FleetWriter), so memory does
// not grow with the number of accounts. The exit code is the worst
// account's, except that an account that could not be read makes it 2
// once everything else is written.
func runFleet(o *auditOptions, s settings.Settings) error {
	if _, err := render.LookupFleet(o.Output); err != nil {
		return usagef("--output: %v", err)
	}
	if o.Jobs < 1 {
		return usagef("--jobs must be at least 1, got %d", o.Jobs)
	}
	failOn := o.failOn()
	// The documents emit writes, with the options it draws them with: the
	// -o format (on stdout, or in --output-file at full width and
	// uncoloured), and the table on stdout beside --output-file.
	ropts := o.renderOptions()
	formatOpts := ropts
	if o.OutputFile != "" {
		formatOpts.Color, formatOpts.Width = false, 0
	}
	format, err := render.NewFleetWriter(o.Output, s.AsOf, formatOpts)
	if err != nil {
		return usagef("--output: %v", err)
	}
	defer format.Close()
	writers := []*render.FleetWriter{format}
	table := format
	if o.OutputFile != "" {
		if table, err = render.NewFleetWriter("table", s.AsOf, ropts); err != nil {
			return err
		}
		defer table.Close()
		writers = append(writers, table)
	}
	var progress *iostreams.Progress
	defer fleetBallast()()
	fleet, err := engine.RunFleet(o.Command, o.Accounts, s, o.Checks, o.Jobs, func(done, total int) {
		if progress == nil {
			progress = o.IO.StartProgress("auditing accounts", total)
		}
		progress.Set(done)
	}, func(i int, a health.Account) {
		for _, w := range writers {
			w.Account(i, a)
		}
	})
	progress.Stop()
	if err != nil {
		return usagef("--accounts: %v", err)
	}
	err = o.emit(
		func(w io.Writer, _ render.Options) error { return format.Finish(w, fleet) },
		func(w io.Writer, _ render.Options) error { return table.Finish(w, fleet) },
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

// GCPercent is the heap growth, in per cent of what is kept, at which
// main.go has the collector run unless GOGC is set (docs/performance.md).
const GCPercent = 10

// fleetBallast keeps the garbage collector from running after every few
// hundred kilobytes while a fleet of small accounts is audited. main.go
// collects at GCPercent heap growth, which keeps one large account's heap
// close to what it keeps. But between two accounts a fleet keeps a few
// megabytes (accounts of 5,000 orders), and 10 % of that is collected
// again and again: with GODEBUG=gctrace=1, 100 such accounts took about
// 118 collections at 10 % with a 64 MiB ballast, 47 with 160 MiB. So,
// unless GOGC is set, the fleet holds a ballast of fleetBallastSize:
// memory that is never written, so never resident, and holds no
// pointers, so costs the collector nothing to mark, but counts in the
// heap the percentage is of. The collector then waits for at least
// fleetGCStep of new allocations, and a large account still grows its
// heap by GCPercent of what it keeps, plus that step.
func fleetBallast() func() {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	ballast := make([]byte, fleetBallastSize)
	return func() { runtime.KeepAlive(ballast) }
}

// fleetGCStep is the least a fleet allocates between two collections;
// fleetBallastSize the ballast that makes it so at GCPercent.
const (
	fleetGCStep      = 16 << 20
	fleetBallastSize = fleetGCStep * 100 / GCPercent
)
