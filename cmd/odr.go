package cmd

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/spf13/cobra"
)

func newODRCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use:           "odr",
		short:         "Order Defect Rate, overall and Amazon- / seller-fulfilled",
		detailsChecks: []string{metrics.RemovableFeedback},
		odr:           true,
		long: `Recompute the Order Defect Rate (ODR) as Amazon defines it (help G200285170):
orders with a negative feedback (1-2 stars), an A-to-z claim that counts or a
service chargeback, each order once, over the orders dated in its window
(--window-days, ending --lag-days before --as-of).

Reads the All Orders report, the Feedback report, the seller-fulfilled
returns report, and the A-to-z claims and chargebacks files described in
docs/formats.md.`,
		example: `  audit odr ~/Downloads/acme/
  audit odr --as-of 2026-11-20 -o json reports/ | jq .status`,
	})
}
