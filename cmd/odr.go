package cmd

import (
	"github.com/spf13/cobra"
)

func newODRCmd(env *Env) *cobra.Command {
	opts := &auditOptions{IO: env.IO, Now: env.Now, Command: "odr", Checks: []string{"odr"}}
	c := &cobra.Command{
		Use:   "odr [flags] PATH...",
		Short: "Order Defect Rate, overall and Amazon- / seller-fulfilled",
		Long: `Recompute the Order Defect Rate (ODR) as Amazon defines it (help G200285170):
orders with a negative feedback (1-2 stars), an A-to-z claim that counts or a
service chargeback, each order once, over the orders dated in a 60-day window
ending 14 days before --as-of. Target: below 1 %; warns from 0.8 %.

Each PATH is a report file or a folder of them (read non-recursively). Files
are recognised by their header row: the All Orders report, the Feedback
report, the seller-fulfilled returns report, and the A-to-z claims and
chargebacks files described in docs/formats.md.`,
		Example: `  audit odr ~/Downloads/acme/
  audit odr --as-of 2026-11-20 -o json reports/ | jq .status`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("odr needs at least one PATH (a report file or a folder of reports)")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			return runAudit(opts)
		},
	}
	addAuditFlags(c, opts)
	addODRFlags(c, opts)
	return c
}
