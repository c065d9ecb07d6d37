package cmd

import (
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
