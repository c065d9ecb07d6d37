package cmd

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFeedbackAndRisksGolden(t *testing.T) {
	checkGolden(t, []goldenCase{
		{name: "feedback, table piped", args: []string{"feedback", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "feedback-table-piped.golden", stderr: "feedback-table-piped.stderr.golden"},
		{name: "feedback, json", args: []string{"feedback", "--as-of", "2026-11-20", "-o", "json", acme},
			wantCode: ExitFailed, stdout: "feedback-json.golden"},
		// Every other format carries the work list too.
		{name: "feedback, markdown", args: []string{"feedback", "--as-of", "2026-11-20", "-o", "markdown", acme},
			wantCode: ExitFailed, stdout: "feedback-markdown.golden"},
		{name: "feedback, csv", args: []string{"feedback", "--as-of", "2026-11-20", "-o", "csv", acme},
			wantCode: ExitFailed, stdout: "feedback-csv.golden"},
		{name: "feedback, html", args: []string{"feedback", "--as-of", "2026-11-20", "-o", "html", acme},
			wantCode: ExitFailed, stdout: "feedback-html.golden"},
		{name: "feedback, junit", args: []string{"feedback", "--as-of", "2026-11-20", "-o", "junit", acme},
			wantCode: ExitFailed, stdout: "feedback-junit.golden"},
		{name: "risks, table piped", args: []string{"risks", "--as-of", "2026-11-20", acme},
			wantCode: ExitOK, stdout: "risks-table-piped.golden", stderr: "risks-table-piped.stderr.golden"},
		{name: "risks, json", args: []string{"risks", "--as-of", "2026-11-20", "-o", "json", acme},
			wantCode: ExitOK, stdout: "risks-json.golden"},
		{name: "risks, markdown", args: []string{"risks", "--as-of", "2026-11-20", "-o", "markdown", acme},
			wantCode: ExitOK, stdout: "risks-markdown.golden"},
	})
}

// audit feedback on the sample account: its two negative feedback in the
// window, the Amazon-fulfilled one removable, listed first; the ODR
// entries carry if_removed and provisional.
func TestFeedbackList(t *testing.T) {
	r := run(t, false, "feedback", "--as-of", "2026-11-20", "-o", "json", acme)
	var doc struct {
		Feedback []struct {
			OrderID        string   `json:"order_id"`
			Fulfillment    string   `json:"fulfillment"`
			RemovableUntil string   `json:"removable_until"`
			RemovalGrounds []string `json:"removal_grounds"`
			Removable      bool     `json:"removable"`
		}
		Metrics []struct {
			ID          string
			Fulfillment string
			Numerator   int
			IfRemoved   *struct{ Numerator int } `json:"if_removed"`
			Provisional *struct {
				FinalOn string `json:"final_on"`
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Feedback) != 2 || !doc.Feedback[0].Removable || doc.Feedback[0].Fulfillment != "afn" ||
		len(doc.Feedback[0].RemovalGrounds) != 1 || doc.Feedback[0].RemovalGrounds[0] != "fulfilled_by_amazon" ||
		doc.Feedback[1].Removable || len(doc.Feedback[1].RemovalGrounds) != 0 {
		t.Errorf("feedback %+v", doc.Feedback)
	}
	if len(doc.Metrics) != 3 {
		t.Fatalf("%d metrics", len(doc.Metrics))
	}
	for _, m := range doc.Metrics {
		// The removable feedback's order also has a claim and a chargeback:
		// it stays defective.
		if m.IfRemoved == nil || m.IfRemoved.Numerator != m.Numerator || m.Provisional == nil || m.Provisional.FinalOn != "2027-02-04" {
			t.Errorf("%s %s: if_removed %+v, provisional %+v", m.ID, m.Fulfillment, m.IfRemoved, m.Provisional)
		}
	}
}

// audit feedback's work list is in every format that can hold it, not
// only the table and JSON: each negative feedback with its order, date,
// rating, deadline, grounds and comment.
func TestFeedbackListInEveryFormat(t *testing.T) {
	for _, format := range []string{"table", "json", "markdown", "csv", "html", "junit"} {
		t.Run(format, func(t *testing.T) {
			out := run(t, false, "feedback", "--as-of", "2026-11-20", "-o", format, acme).stdout
			for _, want := range []string{"114-6161865-0739074", "2026-11-02", "2027-01-31", "fulfilled_by_amazon", "Smells of chemicals",
				"114-6158072-6184001", "2026-11-14", "2027-02-12", "Box crushed, item cracked"} {
				if format == "markdown" {
					want = strings.ReplaceAll(want, "_", `\_`)
				}
				if !strings.Contains(out, want) {
					t.Errorf("-o %s lacks %q:\n%s", format, want, out)
				}
			}
		})
	}
}
