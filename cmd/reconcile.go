package cmd

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/render"
)

// newReconcileCmd is audit reconcile: Amazon's own figures beside ours.
func newReconcileCmd(env *Env) *cobra.Command {
	opts := &auditOptions{IO: env.IO, Now: env.Now, Command: "reconcile", Checks: engine.All, env: env}
	c := &cobra.Command{
		Use:   "reconcile [flags] PATH...",
		Short: "Amazon's own figures beside ours, the difference and why",
		Long: `Put every figure of Amazon's seller performance report (the V2 JSON report,
GET_V2_SELLER_PERFORMANCE_REPORT) beside ours recomputed over Amazon's own
dates, as of Amazon's report date, with the difference and what the files
can tell of it: orders Amazon counts that no orders report holds, claims or
chargebacks no file lists, negative feedback Amazon no longer counts,
windows that do not match, a report older than the files. Then what only
Amazon knows: the Account Health Rating, the account status, the
policy-violation counts (docs/metrics.md, "Amazon's figures").

Exit codes: 0 when every figure agrees or its difference is explained, 1
when a difference remains that nothing in the files explains (a flag for CI
to look), 2 when no seller performance report is among the inputs.

-o table or json (the report, each entry with its amazon object).` + pathsHelp,
		Example: `  audit reconcile ~/Downloads/acme/
  audit reconcile --as-of 2026-11-20 -o json reports/ | jq '.metrics[] | select(.amazon.explained == false)'`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("reconcile needs at least one PATH (a report file or a folder of reports, with Amazon's seller performance report)")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.cmd = c
			return runReconcile(opts)
		},
	}
	addAuditFlags(c, opts)
	for _, name := range []string{"accounts", "jobs", "details", "fail-on", "title"} {
		_ = c.Flags().MarkHidden(name)
	}
	return c
}

// runReconcile is the whole of audit reconcile once its flags are parsed.
func runReconcile(o *auditOptions) error {
	s, err := o.tableOrJSONSettings()
	if err != nil {
		return err
	}
	loaded, err := o.load(s, o.Checks)
	if err != nil {
		return err
	}
	if len(loaded.Data.Performance) == 0 {
		return usagef("no seller performance report among the inputs: audit reconcile compares Amazon's figures with ours (docs/downloads.md)")
	}
	rep, err := engine.Audit(o.Command, loaded, s, o.Checks)
	if err != nil {
		return err
	}
	write := render.Reconcile
	if o.Output == "json" {
		write = render.JSON
	}
	err = o.emit(
		func(w io.Writer, ro render.Options) error { return write(w, rep, ro) },
		func(w io.Writer, ro render.Options) error { return render.Reconcile(w, rep, ro) },
		rep.Warnings)
	if err != nil {
		return err
	}
	if unexplained(rep) > 0 {
		return errThresholds
	}
	return nil
}

// unexplained counts the entries whose figure differs from Amazon's with
// nothing in the files to explain it.
func unexplained(r *health.Report) int {
	n := 0
	for _, m := range r.Metrics {
		if a := m.Amazon; a != nil && a.Unexplained() {
			n++
		}
	}
	return n
}
