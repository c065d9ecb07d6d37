package cmd

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/settings"
)

// newSourcesCmd is audit sources: which reports to download for an audit
// date, from where, for which dates, and what a folder already holds.
func newSourcesCmd(env *Env) *cobra.Command {
	opts := &auditOptions{IO: env.IO, Now: env.Now, Command: "sources", env: env,
		Checks: metrics.IDs(func(m metrics.Metric) bool { return !m.List })}
	c := &cobra.Command{
		Use:   "sources [flags] [PATH...]",
		Short: "Which reports to download for an audit, from where, for which dates",
		Long: `For each metric of the profile, list the reports it reads, what each gives it
(its population, a part of its numerator, or something else), the dates to
download for the audit date (from the first day of its earliest window to
--as-of), where each report is in Seller Central (or that your own order
system or help desk writes it) and its SP-API report type.

Given PATHs (report files or folders), it also says what the files already
hold: "covered", the days still missing, or "not given". docs/downloads.md is
the seller's guide to the same.

-o table or json.`,
		Example: `  audit sources --as-of 2026-11-20
  audit sources ~/Downloads/acme/
  audit sources --marketplace DE -o json | jq '.sources[] | select(.role == "denominator")'`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.cmd = c
			return runSources(opts)
		},
	}
	addAuditFlags(c, opts)
	f := c.Flags()
	for _, name := range []string{"accounts", "jobs", "details", "fail-on", "output-file", "title"} {
		_ = f.MarkHidden(name) // shared flags sources has no use for
	}
	return c
}

// tableOrJSONSettings are the settings of a command that writes table or
// JSON only (sources, reconcile): the shared check knows the report
// formats, so -o is checked here.
func (o *auditOptions) tableOrJSONSettings() (settings.Settings, error) {
	format := o.Output
	o.Output = "table"
	s, err := o.settings()
	if err != nil {
		return s, err
	}
	if o.cmd.Flags().Changed("output") {
		o.Output = format
	}
	if o.Output != "table" && o.Output != "json" {
		return s, usagef("--output: audit %s writes table or json, not %q", o.Command, o.Output)
	}
	return s, nil
}

// runSources is the whole of audit sources once its flags are parsed.
func runSources(o *auditOptions) error {
	s, err := o.tableOrJSONSettings()
	if err != nil {
		return err
	}
	var loaded *input.Loaded
	if len(o.Paths) > 0 {
		if loaded, err = o.load(s, o.Checks); err != nil {
			return err
		}
	}
	src, err := engine.Sources(loaded, s, o.Checks)
	if err != nil {
		return err
	}
	write := render.SourcesTable
	if o.Output == "json" {
		write = render.SourcesJSON
	}
	return o.emit(
		func(w io.Writer, ro render.Options) error { return write(w, src, ro) },
		func(w io.Writer, ro render.Options) error { return render.SourcesTable(w, src, ro) },
		src.Warnings)
}
