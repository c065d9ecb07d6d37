package cmd

import (
	"github.com/spf13/cobra"
)

const shipmentsInput = `

Reads the shipments file (one row per seller-fulfilled order; see
docs/formats.md).`

func newLateShipmentCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "late-shipment", short: "Late shipment rate (seller-fulfilled)",
		long: `Late shipment rate (help 200285190): seller-fulfilled orders whose expected
ship date falls in each of its windows, ending on --as-of, less those
cancelled before shipment; late = shipment confirmed after the expected ship
time, or not confirmed while the expected ship date is already past.` + shipmentsInput,
	})
}
