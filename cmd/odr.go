package cmd

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/spf13/cobra"
)

func newODRCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use:           "odr",
		short:         "Order Defect Rate, overall and Amazon- / seller-fulfilled",
		checks:        []string{"odr"},
		detailsChecks: []string{metrics.RemovableFeedback},
		odr:           true,
		long: `Recompute the Order Defect Rate (ODR) as Amazon defines it (help G200285170):
orders with a negative feedback (1-2 stars), an A-to-z claim that counts or a
service chargeback, each order once, over the orders dated in a 60-day window
ending 14 days before --as-of. Target: below 1 %; warns from 0.8 %.

Reads the All Orders report, the Feedback report, the seller-fulfilled
returns report, and the A-to-z claims and chargebacks files described in
docs/formats.md.`,
		example: `  audit odr ~/Downloads/acme/
  audit odr --as-of 2026-11-20 -o json reports/ | jq .status`,
	})
}

// auditCmd describes one metric command.
type auditCmd struct {
	use, short, long, example string
	checks                    []string
	odr                       bool // takes the ODR settings flags
	detailsOnly               bool // audit defects: the per-order lists only
	details                   bool // audit feedback: the lists, as with --details
	// detailsChecks run besides checks with --details (audit odr: the
	// negative feedback list, as audit feedback has it).
	detailsChecks []string
}

// newAuditCmd builds a metric command: shared flags, PATH arguments, and
// runAudit with the command's checks.
func newAuditCmd(env *Env, d auditCmd) *cobra.Command {
	opts := &auditOptions{IO: env.IO, Now: env.Now, Command: d.use, Checks: d.checks, DetailsChecks: d.detailsChecks,
		env: env, detailsOnly: d.detailsOnly, Details: d.details}
	c := &cobra.Command{
		Use:   d.use + " [flags] PATH...",
		Short: d.short,
		Long: d.long + `

Each PATH is a report file or a folder of them (read non-recursively); files
are recognised by their header row, never by their name.`,
		Example: d.example,
		Args: func(c *cobra.Command, args []string) error {
			accounts := c.Flags().Changed("accounts")
			switch {
			case accounts && len(args) > 0:
				return usagef("give either --accounts DIR or PATH arguments, not both")
			case !accounts && len(args) == 0:
				return usagef("%s needs at least one PATH (a report file or a folder of reports), or --accounts DIR", d.use)
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.cmd = c
			return runAudit(opts)
		},
	}
	addAuditFlags(c, opts)
	opts.Details = d.details // the flag's default reset it
	opts.ODR = defaultODR()
	if d.odr {
		addODRFlags(c, opts)
	}
	return c
}
