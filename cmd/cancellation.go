package cmd

import (
	"github.com/spf13/cobra"
)

func newCancellationCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "cancellation", short: "Pre-fulfillment cancel rate (seller-fulfilled)",
		long: `Pre-fulfillment cancel rate (help 200285210): seller-fulfilled orders dated in
its window, ending on --as-of; cancelled by the seller, or automatically by
Amazon, count; a cancellation the buyer asked for stays in the denominator
only.` + shipmentsInput + ` The All Orders report's seller-fulfilled
orders join the denominator, and Amazon's cancellation download (Order ID,
Impacts Account Health) marks cancellations that count.`,
	})
}
