package cmd

import (
	"github.com/spf13/cobra"
)

func newKauflandCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "kaufland", short: "Kaufland: seller cancellations per month, late shipments per week",
		long: `Kaufland's own figures (docs/metrics.md, "Kaufland cancellations and late
shipments"), per storefront (DE, CZ, SK, ...), from the Kaufland Seller API's
order units (GET /v2/order-units, saved as JSON; docs/formats.md), judged by
the kaufland profile:

- seller cancellation rate, per calendar month (the previous month and the
  month of --as-of): units cancelled for a reason of the seller's
  (NoInventory, DelayedInventory, WrongPrice, WrongCatalogData,
  GeneralAdjustment; inferred) over the units created in the month. Kaufland
  wants under 1 %; from 1 % it charges 5 %, from 3 % 10 % of the cancelled
  units' price (a warning names the band).
- late shipment rate, per ISO week (the previous week and the week of
  --as-of): units due in the week and still not marked sent after their
  deadline. The API gives no time a unit was sent, so units marked sent are
  counted on time: the rate is a lower bound. Kaufland publishes no target:
  the profile's 4 % is advice.

audit all shows them too when the order units are among the inputs.`,
		example: `  audit kaufland ~/Downloads/kaufland/
  audit kaufland --as-of 2026-12-07 -o json testdata/accounts/kaufland-seller`,
	})
}
