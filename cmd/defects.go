package cmd

import (
	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/engine"
)

func newDefectsCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "defects", short: "The orders counted against each metric, and when each stops counting",
		checks: engine.All, odr: true, detailsOnly: true,
		long: `List the orders that count against each metric on --as-of: the defective
orders of the ODR (with each negative feedback, A-to-z claim and chargeback,
its date and status), the late shipments, the seller cancellations, the
shipments without valid tracking, the late deliveries and the missing or late
invoices. leaves_window_on is the first as-of date on which the order no
longer counts (for the ODR: order date + 14 + 60 days).

The same lists appear under each metric with --details, in the JSON output
of every command, and as one spreadsheet row per order and event with -o csv.`,
		example: `  audit defects ~/Downloads/acme/
  audit defects --as-of 2026-11-20 -o csv reports/ > defects.csv`,
	})
}
