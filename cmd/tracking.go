package cmd

import (
	"github.com/spf13/cobra"
)

func newTrackingCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "tracking", short: "Valid tracking rate (seller-fulfilled)",
		long: `Valid tracking rate (help 201817070): confirmed seller-fulfilled shipments whose
promised delivery date is in its window, ending its lag before --as-of; valid
= a tracking id is present and not marked invalid.` + shipmentsInput,
	})
}
