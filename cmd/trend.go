package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
)

// htmlTrendDays is how many daily points the html report charts.
const htmlTrendDays = 60

// trendDefaultDays is the length of the range without --from.
const trendDefaultDays = 30

// trendOptions are audit trend's own flags, over the shared ones.
type trendOptions struct {
	*auditOptions
	From, To string
	Metrics  []string
}

// trendCommands are the command names --metric takes, each standing for
// the metrics of that command (metrics.Metric.Command): odr,
// late-shipment, ..., service.
func trendCommands() []string {
	var out []string
	for _, m := range metrics.Figures() {
		if !slices.Contains(out, m.Command) {
			out = append(out, m.Command)
		}
	}
	return out
}

func newTrendCmd(env *Env) *cobra.Command {
	opts := &trendOptions{auditOptions: &auditOptions{IO: env.IO, Now: env.Now, Command: "trend", Checks: engine.All, env: env}}
	c := &cobra.Command{
		Use:   "trend [flags] PATH...",
		Short: "Each metric recomputed for every day of a range, with a sparkline",
		Long: `Recompute the metrics for each as-of date from --from to --to (both included)
from the same reports, and show where each rate is heading: its rate on the
first and the last day, the lowest and highest, a sparkline of every day, and
its status on --to. The reports are read once; every day is judged as
` + "`audit all --as-of DAY`" + ` would judge it.

--to defaults to --as-of, else today (UTC); --from to 29 days before --to
(30 daily points). At most 3660 days. --metric picks the metrics: a command
name (` + strings.Join(trendCommands(), ", ") + `) or a metric id
(late_shipment_rate, ...), repeated or comma-separated; default all.

-o table, json or csv (one row per entry and day). The exit code goes by the
statuses on --to, as --fail-on says. See docs/trend.md.

Each PATH is a report file or a folder of them (read non-recursively); files
are recognised by their header row, never by their name.`,
		Example: `  audit trend ~/Downloads/acme/
  audit trend --from 2026-08-23 --to 2026-11-20 --metric odr reports/
  audit trend --to 2026-11-20 -o csv reports/ > trend.csv`,
		Args: func(c *cobra.Command, args []string) error {
			if c.Flags().Changed("accounts") {
				return usagef("--accounts is not supported with trend: run it on each account's folder")
			}
			if len(args) == 0 {
				return usagef("trend needs at least one PATH (a report file or a folder of reports)")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.cmd = c
			return runTrend(opts)
		},
	}
	addAuditFlags(c, opts.auditOptions)
	opts.ODR = defaultODR()
	addODRFlags(c, opts.auditOptions)
	f := c.Flags()
	f.StringVar(&opts.From, "from", "", "first as-of date YYYY-MM-DD (default 29 days before --to)")
	f.StringVar(&opts.To, "to", "", "last as-of date YYYY-MM-DD (default --as-of, else today, UTC)")
	f.StringSliceVar(&opts.Metrics, "metric", nil, "metrics to follow: "+strings.Join(trendCommands(), ", ")+" or a metric id; repeatable or comma-separated (default all)")
	f.Lookup("as-of").Usage = "the same as --to"
	for _, name := range []string{"accounts", "jobs", "details", "title"} {
		_ = f.MarkHidden(name) // shared flags a trend has no use for (no HTML page: no title)
	}
	return c
}

// runTrend is the whole of audit trend once its flags are parsed.
func runTrend(o *trendOptions) error {
	flags := o.cmd.Flags()
	if flags.Changed("details") {
		return usagef("--details is not supported with trend (audit defects --as-of DAY lists a day's orders)")
	}
	// The shared settings check -o against the formats of one report; a
	// trend has its own, checked below.
	format, formatGiven := o.Output, flags.Changed("output")
	o.Output = "table"
	s, err := o.settings()
	if err != nil {
		return err
	}
	if formatGiven {
		o.Output = format
	}
	rend, err := render.LookupTrend(o.Output)
	if err != nil {
		if formatGiven {
			return usagef("--output: %v", err)
		}
		return o.layers.annotate(fmt.Errorf("--output: %v", err), outputFlag)
	}
	from, to, err := o.dates(s.AsOf)
	if err != nil {
		return err
	}
	ids, err := trendChecks(o.Metrics)
	if err != nil {
		return err
	}
	o.Checks = ids
	failOn := o.failOn()
	s.AsOf, s.FirstAsOf = to, from // read what every date of the range needs
	loaded, err := o.load(s, ids)
	if err != nil {
		return err
	}
	tr, err := engine.Trend(o.Command, loaded, s, ids, from, to, o.trendProgress())
	if err != nil {
		return err
	}
	err = o.emit(
		func(w io.Writer, ro render.Options) error { return rend(w, tr, ro) },
		func(w io.Writer, ro render.Options) error { return render.TrendTable(w, tr, ro) },
		tr.Warnings)
	if err != nil {
		return err
	}
	if !o.IO.IsStdoutTTY() {
		render.TrendSummary(o.IO.ErrOut, tr)
	}
	if failOn.Failed(tr.Statuses()...) {
		return errThresholds
	}
	return nil
}

// dates reads --from and --to: --to defaults to asOf (--as-of, else
// today), --from to 29 days before --to.
func (o *trendOptions) dates(asOf civil.Date) (from, to civil.Date, err error) {
	to = asOf
	if o.To != "" {
		if to, err = civil.ParseISODate(o.To); err != nil {
			return 0, 0, usagef("--to: %v", err)
		}
		if o.AsOf != "" && to != asOf {
			return 0, 0, usagef("--to %s and --as-of %s differ: give one of them", to, asOf)
		}
	}
	from = to.AddDays(-(trendDefaultDays - 1))
	if o.From != "" {
		if from, err = civil.ParseISODate(o.From); err != nil {
			return 0, 0, usagef("--from: %v", err)
		}
	}
	if from > to {
		return 0, 0, usagef("--from %s is after --to %s", from, to)
	}
	if n := int(to-from) + 1; n > engine.MaxTrendDays {
		return 0, 0, usagef("--from: %s to %s is %d days, at most %d", from, to, n, engine.MaxTrendDays)
	}
	return from, to, nil
}

// trendChecks turns --metric into check ids, each once, in the order audit
// all shows them; all of them when none is named.
func trendChecks(names []string) ([]string, error) {
	if len(names) == 0 {
		return engine.All, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		switch {
		case n == "all":
			for _, id := range engine.All {
				want[id] = true
			}
		case slices.Contains(trendCommands(), n):
			for _, m := range metrics.Figures() {
				want[m.ID] = want[m.ID] || m.Command == n
			}
		case slices.Contains(engine.All, n):
			want[n] = true
		default:
			return nil, usagef("--metric: unknown metric %q (want %s, all, or a metric id)", n, strings.Join(trendCommands(), ", "))
		}
	}
	var ids []string
	for _, id := range engine.All {
		if want[id] {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// trendProgress shows a progress line on a terminal's stderr while the
// days of a trend are computed ("computing the trend 37/90…"), once that
// takes more than a moment; the caller stops it when Trend returns (the
// line stops itself on the last day).
func (o *auditOptions) trendProgress() engine.TrendOptions {
	var p *iostreams.Progress
	return engine.TrendOptions{Progress: func(done, total int) {
		if p == nil {
			p = o.IO.StartProgress("computing the trend", total)
		}
		p.Set(done)
		if done == total {
			p.Stop()
		}
	}}
}
