package cmd

import (
	"github.com/spf13/cobra"
)

func newRisksCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "risks", short: "Untracked shipments and return requests about to be late",
		long: `List what can still turn into a defect: seller-fulfilled shipments confirmed
without valid tracking (an A-to-z claim on them is granted automatically),
until their claim period ends (the promised delivery date + 90 days), and
return requests unanswered for more than 24 hours, with the time left before
the 48 hours run out. Nearest deadline first.`,
		example: `  audit risks --as-of 2026-11-20 testdata/accounts/acme-us`,
	})
}
