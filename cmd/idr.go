package cmd

import (
	"github.com/spf13/cobra"
)

func newIDRCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "idr", short: "Invoice defect rate per EU store (Amazon Business orders)",
		long: `Invoice defect rate (help 44QSYRCU27EW4UK), per store, UK, DE, FR, IT and ES
only: shipped business orders placed in its window, ending its lag before
--as-of; an invoice is due by 23:59:59 of the first Monday-Friday day after
the shipment was confirmed (public holidays count as business days); missing
= not uploaded by --as-of, late = uploaded after it was due.

Reads the shipments file (with invoice-upload-date) or, without it, the VAT
invoice data report (which tells missing invoices only).`,
	})
}
