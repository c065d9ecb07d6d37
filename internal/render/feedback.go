package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// audit feedback's work list (health.Report.Feedback): the negative
// feedback of the ODR window, removable first, nearest deadline first. The
// words every format shows it with are here; the table, markdown, HTML,
// CSV and JUnit each lay them out, JSON writes the list itself.

// feedbackShown says whether a format shows the list: where it was asked
// for (audit feedback, audit odr --details; audit all computes it for the
// JSON), as the table does, and not in audit defects, which shows the
// per-order lists alone. JSON writes it whenever the report has it.
func feedbackShown(r *health.Report, o Options) bool {
	return r.Feedback != nil && o.Details && !o.DetailsOnly
}

// feedbackNone is said instead of the list when it is empty.
const feedbackNone = "No negative feedback on the orders of the ODR window."

// feedbackHead is the list's heading: "Negative feedback in the ODR
// window: 2, 1 of them removable (help 20231)".
func feedbackHead(r *health.Report) string {
	return fmt.Sprintf("Negative feedback in the ODR window: %d, %d of them removable (%s)",
		len(r.Feedback), r.Removable(), metricOf(metrics.RemovableFeedback).Source)
}

// feedbackColumns head the list's columns, in sentence case (the table
// writes them in capitals); feedbackRating is the one numeric column.
var feedbackColumns = []string{"Order ID", "Order date", "Channel", "Feedback", "Rating", "Removable until", "Grounds", "Comment"}

const feedbackRating = 4

// feedbackCells are one feedback's cells under feedbackColumns: the
// removal deadline with "(passed)" when it has grounds but is past, the
// grounds or "-".
func feedbackCells(f metrics.FeedbackItem, asOf civil.Date) []string {
	grounds := strings.Join(f.Grounds, ", ")
	if grounds == "" {
		grounds = "-"
	}
	until := f.RemovableUntil.String()
	if !f.Removable(asOf) && len(f.Grounds) > 0 {
		until += " (passed)"
	}
	return []string{f.OrderID, f.OrderDate.String(), strings.ToUpper(f.Fulfillment), f.FeedbackDate.String(),
		strconv.Itoa(f.Rating), until, grounds, f.Comment}
}

// feedbackRows are the cells of every feedback of r.
func feedbackRows(r *health.Report) [][]string {
	rows := make([][]string, len(r.Feedback))
	for i, f := range r.Feedback {
		rows[i] = feedbackCells(f, r.AsOf)
	}
	return rows
}

// feedbackLines are the list in plain lines, for a text with no table
// (JUnit's <system-out>): the heading, then one line per feedback.
func feedbackLines(r *health.Report) []string {
	if len(r.Feedback) == 0 {
		return []string{feedbackNone}
	}
	lines := []string{feedbackHead(r)}
	for i, c := range feedbackRows(r) {
		order := "Order " + c[0]
		if c[2] != "" {
			order += " (" + c[2] + ")"
		}
		grounds := c[6]
		if len(r.Feedback[i].Grounds) == 0 {
			grounds = "none"
		}
		lines = append(lines, fmt.Sprintf("%s, ordered %s: rating %s on %s; removable until %s; grounds: %s; comment: %s",
			order, c[1], c[4], c[3], c[5], grounds, c[7]))
	}
	return lines
}
