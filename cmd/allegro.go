package cmd

import (
	"github.com/spf13/cobra"
)

func newAllegroCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "allegro", short: "Allegro's own figures: the daily sales quality and the Super Sprzedawca days",
		long: `Allegro's sales quality (docs/metrics.md, "Allegro sales quality and Super
Sprzedawca"), from the responses of Allegro's GET /sale/quality saved as JSON
files (docs/formats.md, "Allegro sales quality"); overlapping downloads merge
by day. Judged by the allegro profile whatever the account's store:

- sales quality: the latest day's score on or before --as-of over its
  maximum, with its grade; --details lists every day of the last 30 with
  its grade and level.
- Super Sprzedawca days: the days of the last 30 at Super or Super+ (at
  least 14 of 30).
- days at Dobry or better: every graded day of the last 30 at Dobry or
  above (never below Dobry).

The third criterion, 50 orders in 30 days, is not in GET /sale/quality and
is not judged. The criteria could not be confirmed on Allegro's pages: each
is a profile entry (thresholds.<id>.fail) you can override.

audit all shows them too when their files are among the inputs.`,
		example: `  audit allegro ~/Downloads/allegro/
  audit allegro --as-of 2025-06-30 --details testdata/accounts/allegro-seller`,
	})
}
