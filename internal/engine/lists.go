package engine

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Work lists (issue 9): what a seller can still do. They are checks that
// give a list, not a metric: no entry in the metrics, no target.
const (
	// RemovableFeedback lists the negative feedback in the ODR window and
	// what would get it removed (audit feedback, audit all).
	RemovableFeedback = "removable_feedback"
	// ClaimRisks lists the untracked shipments and the return requests
	// about to be late (audit risks).
	ClaimRisks = "risks"
)

func init() {
	register(Check{ID: RemovableFeedback, Needs: []string{"orders", "feedback"}, List: true,
		Compute: func(d *records.Dataset, s settings.Settings) Outcome {
			if !d.Has("orders") || !d.Has("feedback") {
				return Outcome{} // the ODR's notes say which report is missing
			}
			return Outcome{Feedback: metrics.FeedbackList(d, s)}
		}})
	register(Check{ID: ClaimRisks, Needs: []string{"shipments", "return-requests"}, List: true,
		Compute: func(d *records.Dataset, s settings.Settings) Outcome {
			out := Outcome{Risks: metrics.Risks(d, s)}
			if !d.Has("shipments") {
				out.Notes = append(out.Notes, "no shipments file among the inputs: untracked shipments cannot be listed")
			}
			if !d.Has("return-requests") {
				out.Notes = append(out.Notes, "no return-requests file among the inputs: unanswered return requests cannot be listed")
			}
			return out
		}})
}
