package cmd

import (
	"strings"
	"testing"
)

// A metric command's help states the targets and windows of the profile in
// force, not numbers written into the help: the default profile, a named
// one, the --marketplace store's, and the user's overrides from flags and
// the environment.
func TestMetricHelpFollowsProfile(t *testing.T) {
	env := func(kv ...string) func(string) (string, bool) {
		return func(k string) (string, bool) {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1], true
				}
			}
			return "", false
		}
	}
	cases := []struct {
		name string
		env  func(string) (string, bool)
		args []string
		want []string
	}{
		{"default", env(), []string{"late-shipment", "--help"},
			[]string{"Targets of the amazon-us profile", "Late Shipment Rate: below 4%, warns from 3.2%; windows of 10 and 30 days"}},
		{"named", env(), []string{"late-shipment", "--profile", "ebay", "--help"},
			[]string{"Targets of the ebay profile (named", "Late Shipment Rate: at most 3%, warns from 2.4%; a window of 90 days"}},
		{"store", env(), []string{"delivery", "--marketplace", "de", "--help"},
			[]string{"amazon-eu profile (the DE store's", "On-Time Delivery Rate: above 97%", "(advisory: a miss only warns)", "ending 7 days before --as-of"}},
		{"a metric the profile lacks", env(), []string{"odr", "--profile", "walmart", "--help"},
			[]string{"Order Defect Rate: not a metric of this profile."}},
		{"flags", env(), []string{"odr", "--window-days", "30", "--lag-days", "0", "--help"},
			[]string{"Order Defect Rate: below 1%, warns from 0.8%; a window of 30 days", "ending on --as-of"}},
		{"environment", env("AUDIT_THRESHOLDS_ODR_FAIL", "0.02"), []string{"odr", "--help"},
			[]string{"Order Defect Rate: below 2%, warns from 1.6%"}},
		{"score", env(), []string{"service", "--help"},
			[]string{"Customer Service Rating: at least 6, warns below 8; a window of 28 days"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runWith(t, false, c.env, c.args...)
			if r.code != ExitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), w) {
					t.Errorf("help lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

// Help paragraphs fit 78 columns.
func TestWrap(t *testing.T) {
	got := wrap(strings.Repeat("word ", 40), "  ", "    ")
	for _, l := range strings.Split(got, "\n") {
		if len(l) > helpWidth || !strings.HasPrefix(l, "  ") {
			t.Errorf("line %q", l)
		}
	}
	if strings.Join(strings.Fields(got), " ") != strings.TrimSpace(strings.Repeat("word ", 40)) {
		t.Errorf("words lost: %q", got)
	}
}
