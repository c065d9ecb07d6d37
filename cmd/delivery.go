package cmd

import (
	"github.com/spf13/cobra"
)

func newDeliveryCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "delivery", short: "On-time delivery rate (seller-fulfilled)",
		long: `On-time delivery rate: validly tracked shipments whose promised delivery date is
in its window, ending its lag before --as-of; on time = delivered on or before
the promised date. Enforced in the US; recommended in the EU stores (a miss
warns, never fails).` + shipmentsInput + `
The All Orders report's sales channel tells the store when the shipments
file does not.`,
	})
}
