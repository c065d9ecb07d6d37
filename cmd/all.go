package cmd

import (
	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/engine"
)

func newAllCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "all", short: "Every metric the given reports allow, in one table",
		checks: engine.All, odr: true,
		long: `Compute every account-health metric the given reports allow: the Order Defect
Rate, late shipment rate, pre-fulfillment cancel rate, valid tracking rate,
on-time delivery rate and invoice defect rate. A metric whose report is
missing is listed as not computed, with the report that would enable it.

The customer service metrics (contact response rate, return dissatisfaction
rate, customer service rating and customer service dissatisfaction rate)
are added when their files are among the inputs: the canonical
buyer-messages, return-requests and ratings files a help desk can write
(docs/formats.md; audit service --help says how each is counted). Without
those files they are left out, not listed as not computed.`,
		example: `  audit all ~/Downloads/acme/
  audit all --as-of 2026-11-20 --marketplace DE -o json reports/ | jq .status`,
	})
}
