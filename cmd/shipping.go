package cmd

import (
	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/metrics"
)

const shipmentsInput = `

Reads the shipments file (one row per seller-fulfilled order; see
docs/formats.md).`

func newLateShipmentCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "late-shipment", short: "Late shipment rate over 10 and 30 days (seller-fulfilled)",
		checks: []string{"late_shipment_rate"},
		long: `Late shipment rate (help 200285190): seller-fulfilled orders whose expected
ship date falls in the 10 (and 30) days ending on --as-of, less those
cancelled before shipment; late = shipment confirmed after the expected ship
time, or not confirmed while the expected ship date is already past.
Target: below 4 %.` + shipmentsInput,
	})
}

func newCancellationCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "cancellation", short: "Pre-fulfillment cancel rate over 7 days (seller-fulfilled)",
		checks: []string{"prefulfillment_cancel_rate"},
		long: `Pre-fulfillment cancel rate (help 200285210): seller-fulfilled orders dated in
the 7 days ending on --as-of; cancelled by the seller, or automatically by
Amazon, count; a cancellation the buyer asked for stays in the denominator
only. Target: below 2.5 %.` + shipmentsInput + ` The All Orders report's seller-fulfilled
orders join the denominator, and Amazon's cancellation download (Order ID,
Impacts Account Health) marks cancellations that count.`,
	})
}

func newTrackingCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "tracking", short: "Valid tracking rate over 30 days (seller-fulfilled)",
		checks: []string{"valid_tracking_rate"},
		long: `Valid tracking rate (help 201817070): confirmed seller-fulfilled shipments whose
promised delivery date is in the 30 days ending 14 days before --as-of; valid
= a tracking id is present and not marked invalid. Target: above 95 %.` + shipmentsInput,
	})
}

func newDeliveryCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "delivery", short: "On-time delivery rate over 14 days (seller-fulfilled)",
		checks: []string{"on_time_delivery_rate"},
		long: `On-time delivery rate: validly tracked shipments whose promised delivery date is
in the 14 days ending 7 days before --as-of; on time = delivered on or before
the promised date. Target: at least 90 % in the US (enforced); above 97 %
recommended in EU stores (a miss warns, never fails).` + shipmentsInput + `
The All Orders report's sales channel tells the store when the shipments
file does not.`,
	})
}

func newIDRCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "idr", short: "Invoice defect rate per EU store (Amazon Business orders)",
		checks: []string{"invoice_defect_rate"},
		long: `Invoice defect rate (help 44QSYRCU27EW4UK), per store, UK, DE, FR, IT and ES
only: shipped business orders placed in the 7 days from 13 to 7 days before
--as-of; an invoice is due by 23:59:59 of the first Monday-Friday day after
the shipment was confirmed (public holidays count as business days); missing
= not uploaded by --as-of, late = uploaded after it was due. Target: below
5 %.

Reads the shipments file (with invoice-upload-date) or, without it, the VAT
invoice data report (which tells missing invoices only).`,
	})
}

func newAllCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "all", short: "Every metric the given reports allow, in one table",
		checks: engine.All, odr: true,
		long: `Compute every account-health metric the given reports allow: the Order Defect
Rate, late shipment rate (10 and 30 days), pre-fulfillment cancel rate, valid
tracking rate, on-time delivery rate and invoice defect rate. A metric whose
report is missing is listed as not computed, with the report that would
enable it.`,
		example: `  audit all ~/Downloads/acme/
  audit all --as-of 2026-11-20 --marketplace DE -o json reports/ | jq .status`,
	})
}

func newDefectsCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "defects", short: "The orders counted against each metric, and when each stops counting",
		checks: engine.All, odr: true, detailsOnly: true,
		long: `List the orders that count against each metric on --as-of: the defective
orders of the ODR (with each negative feedback, A-to-z claim and chargeback,
its date and status), the late shipments, the seller cancellations, the
shipments without valid tracking, the late deliveries and the missing or late
invoices. leaves_window_on is the first as-of date on which the order no
longer counts (for the ODR: order date + 14 + 60 days).

The same lists appear under each metric with --details, in the JSON output
of every command, and as one spreadsheet row per order and event with -o csv.`,
		example: `  audit defects ~/Downloads/acme/
  audit defects --as-of 2026-11-20 -o csv reports/ > defects.csv`,
	})
}

func newServiceCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "service", short: "Customer service: replies within 24 h, returns within 48 h, the service rating",
		checks: engine.Service,
		long: `Customer service metrics (docs/metrics.md, "Customer service"), from the
canonical buyer-messages, return-requests and ratings files a help desk can
write (docs/formats.md):

- contact response rate, 7, 30 and 90 days: buyer messages answered within
  24 hours, weekends and holidays included; automatic replies are not
  responses; messages marked no-response-needed are left out; one still
  unanswered but younger than 24 h at the end of --as-of is not counted yet.
  Target: at least 90 %.
- return dissatisfaction rate, 30 days: return requests answered after 48 h
  (or not at all), rejected while in policy, or with negative feedback.
  Target: below 10 %, advisory.
- customer service rating: the average of each buyer's latest score (1-10)
  over 28 days, shown with at least 40 ratings, else the latest 28 days that
  had 40. 8 and above passes, 6 to 7.9 warns, below 6 fails.
- customer service dissatisfaction rate, 30 days: "no" answers to "Did this
  solve your problem?", the latest per order. Target: below 25 %, advisory.

audit all shows them too when their files are among the inputs.`,
		example: `  audit service ~/Downloads/helpdesk/
  audit service --as-of 2026-11-20 -o json testdata/accounts/acme-service`,
	})
}

func newFeedbackCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "feedback", short: "Negative feedback Amazon would remove, and the ODR without it",
		checks: []string{"odr", metrics.RemovableFeedback}, odr: true, details: true,
		long: `List every negative feedback (1-2 stars) whose order is in the ODR window, with
its date, rating and comment (e-mail addresses and phone numbers masked
unless --show-pii), the day a removal request is due by (removable_until:
the feedback's date + feedback.removal_days, 90 by default) and the grounds
Amazon removes feedback on (help 20231):

- fulfilled_by_amazon: the order was fulfilled by Amazon, so a complaint
  about the delivery is Amazon's to strike;
- personal_data: the comment holds an e-mail address or a phone number;
- product_review, obscene: the comment holds a word of your lists
  (feedback.product_review_words, feedback.obscene_words; none by default).

Removable feedback comes first, nearest deadline first. The ODR entries
carry if_removed (the ODR if every removable feedback were removed; an order
with another defect stays defective) and provisional.final_on (until when
the window's orders can still receive feedback).`,
		example: `  audit feedback ~/Downloads/acme/
  audit feedback --as-of 2026-11-20 -o json testdata/accounts/acme-us | jq '.feedback[] | select(.removable)'`,
	})
}

func newRisksCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "risks", short: "Untracked shipments and return requests about to be late",
		checks: []string{metrics.RisksList},
		long: `List what can still turn into a defect: seller-fulfilled shipments confirmed
without valid tracking (an A-to-z claim on them is granted automatically),
until their claim period ends (the promised delivery date + 90 days), and
return requests unanswered for more than 24 hours, with the time left before
the 48 hours run out. Nearest deadline first.`,
		example: `  audit risks --as-of 2026-11-20 testdata/accounts/acme-us`,
	})
}
