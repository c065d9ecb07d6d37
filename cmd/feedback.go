package cmd

import (
	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/metrics"
)

func newFeedbackCmd(env *Env) *cobra.Command {
	return newAuditCmd(env, auditCmd{
		use: "feedback", short: "Negative feedback Amazon would remove, and the ODR without it",
		checks: []string{metrics.ODRID, metrics.RemovableFeedback}, odr: true, details: true,
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
