package cmd

import (
	"github.com/spf13/cobra"
)

func newServiceCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "service", short: "Customer service: replies within 24 h, returns within 48 h, the service rating",
		long: `Customer service metrics (docs/metrics.md, "Customer service"), from the
canonical buyer-messages, return-requests and ratings files a help desk can
write (docs/formats.md):

- contact response rate, over each of its windows: buyer messages answered
  within 24 hours, weekends and holidays included; automatic replies are not
  responses; messages marked no-response-needed are left out; one still
  unanswered but younger than 24 h at the end of --as-of is not counted yet.
- return dissatisfaction rate: return requests answered after 48 h (or not
  at all), rejected while in policy, or with negative feedback.
- customer service rating: the average of each buyer's latest score (1-10)
  over its period, shown with at least 40 ratings, else the latest period
  that had 40.
- customer service dissatisfaction rate: "no" answers to "Did this solve
  your problem?", the latest per order.

audit all shows them too when their files are among the inputs.`,
		example: `  audit service ~/Downloads/helpdesk/
  audit service --as-of 2026-11-20 -o json testdata/accounts/acme-service`,
	})
}
