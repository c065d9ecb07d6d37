package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThresholdsTableScales: a rate's limits are percentages, the
// customer-service rating's (a score of 1 to 10) the score itself.
func TestThresholdsTableScales(t *testing.T) {
	r := runEnv(t, nil, "thresholds", "--profile", "amazon-us")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	want := map[string][]string{
		"customer_service_rating": {">= 6 ", " 8 "},
		"odr":                     {"< 1%", "0.8%"},
		"valid_tracking_rate":     {"> 95%", "97%"},
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		cells, ok := want[f[0]]
		if !ok {
			continue
		}
		delete(want, f[0])
		for _, c := range cells {
			if !strings.Contains(line+" ", c) {
				t.Errorf("%s: %q lacks %q", f[0], line, c)
			}
		}
		if f[0] == "customer_service_rating" && strings.Contains(line, "00%") {
			t.Errorf("the rating's score is written as a percentage: %q", line)
		}
	}
	for m := range want {
		t.Errorf("no row for %s in\n%s", m, r.stdout)
	}
}

// audit thresholds shows the profile's response rule for buyer messages,
// with the user's service.<platform> changes.
func TestThresholdsResponseRule(t *testing.T) {
	r := run(t, false, "thresholds", "--profile", "kaufland")
	if r.code != ExitOK || !strings.Contains(r.stdout, "Buyer messages: the first response is due 48 hours after receipt, counting working days only") ||
		!strings.Contains(r.stdout, "measured over the calendar week") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
	cfg := filepath.Join(t.TempDir(), "audit.yaml")
	if err := os.WriteFile(cfg, []byte("service:\n  kaufland: {deadline_hours: 72, working_days: false}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, false, "thresholds", "--profile", "kaufland", "--config", cfg, "-o", "json")
	var doc struct {
		Response struct {
			DeadlineHours int  `json:"deadline_hours"`
			WorkingDays   bool `json:"working_days"`
			Period        string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Response.DeadlineHours != 72 || doc.Response.WorkingDays || doc.Response.Period != "week" {
		t.Errorf("response %+v, want 72 clock hours over the week", doc.Response)
	}
	if r := run(t, false, "thresholds", "--profile", "zalando"); strings.Contains(r.stdout, "Buyer messages") {
		t.Errorf("a profile without a rule shows one:\n%s", r.stdout)
	}
}
