package cmd

import (
	"encoding/json"
	"testing"
)

func TestFeedbackAndRisksGolden(t *testing.T) {
	checkGolden(t, []goldenCase{
		{name: "feedback, table piped", args: []string{"feedback", "--as-of", "2026-11-20", acme},
			wantCode: ExitFailed, stdout: "feedback-table-piped.golden", stderr: "feedback-table-piped.stderr.golden"},
		{name: "feedback, json", args: []string{"feedback", "--as-of", "2026-11-20", "-o", "json", acme},
			wantCode: ExitFailed, stdout: "feedback-json.golden"},
		{name: "risks, table piped", args: []string{"risks", "--as-of", "2026-11-20", acme},
			wantCode: ExitOK, stdout: "risks-table-piped.golden", stderr: "risks-table-piped.stderr.golden"},
		{name: "risks, json", args: []string{"risks", "--as-of", "2026-11-20", "-o", "json", acme},
			wantCode: ExitOK, stdout: "risks-json.golden"},
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
