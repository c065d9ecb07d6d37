package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runEnv runs the command line with the given AUDIT_* environment.
func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	return runWith(t, false, func(k string) (string, bool) { v, ok := env[k]; return v, ok }, args...)
}

// writeConfig writes an audit.yaml into a temporary folder and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "audit.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The example file: an account at 0.9 % ODR (warn-only: 0.80 %, so
// the example's stricter 0.008 fail line makes it fail) exits 1; with
// AUDIT_FAIL_ON=never 0; --fail-on warn turns a warn into exit 1.
func TestConfigPrecedence(t *testing.T) {
	cfg := writeConfig(t, `profile: amazon-eu
fail_on: warn
thresholds:
  odr: {fail: 0.008, warn: 0.005}
  late_shipment_rate: {fail: 0.03}
odr:
  count_denied_claims: true
`)
	base := []string{"odr", "--as-of", "2026-11-20", "--config", cfg, "-o", "json", warnOnly}
	r := runEnv(t, nil, base...)
	if r.code != ExitFailed || !strings.Contains(r.stdout, `"profile": "amazon-eu"`) || !strings.Contains(r.stdout, `"value": 0.008`) {
		t.Errorf("file: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if r := runEnv(t, map[string]string{"AUDIT_FAIL_ON": "never"}, base...); r.code != ExitOK {
		t.Errorf("AUDIT_FAIL_ON=never: exit %d, want 0\n%s", r.code, r.stderr)
	}
	// The flag beats the environment.
	if r := runEnv(t, map[string]string{"AUDIT_FAIL_ON": "never"}, append([]string{"odr", "--fail-on", "fail"}, base[1:]...)...); r.code != ExitFailed {
		t.Errorf("--fail-on fail over AUDIT_FAIL_ON=never: exit %d, want 1", r.code)
	}
	// The environment beats the file: a laxer fail line passes the account.
	if r := runEnv(t, map[string]string{"AUDIT_THRESHOLDS_ODR_FAIL": "0.02", "AUDIT_THRESHOLDS_ODR_WARN": "0.015"}, base...); r.code != ExitOK {
		t.Errorf("AUDIT_THRESHOLDS_ODR_FAIL over the file: exit %d, want 0\n%s", r.code, r.stdout)
	}
	// Without the file, the profile: a warn, which --fail-on warn fails.
	plain := []string{"odr", "--as-of", "2026-11-20", warnOnly}
	if r := runEnv(t, nil, plain...); r.code != ExitOK {
		t.Errorf("profile only: exit %d, want 0 (warn)", r.code)
	}
	if r := runEnv(t, nil, append(plain, "--fail-on", "warn")...); r.code != ExitFailed {
		t.Errorf("--fail-on warn: exit %d, want 1", r.code)
	}
}

// ./audit.yaml is found in the working folder; AUDIT_CONFIG names a file.
func TestConfigDiscovery(t *testing.T) {
	cfg := writeConfig(t, "fail_on: never\n")
	r := runEnv(t, map[string]string{"AUDIT_CONFIG": cfg}, "odr", "--as-of", "2026-11-20", acme)
	if r.code != ExitOK {
		t.Errorf("AUDIT_CONFIG: exit %d, want 0 (fail_on never)", r.code)
	}
}

// Unknown keys and bad values name the key and the file or variable; exit 2.
func TestConfigErrors(t *testing.T) {
	cases := []struct {
		body string
		env  map[string]string
		want []string
	}{
		{"fail_on: never\nthreshold:\n  odr: {fail: 0.1}\n", nil, []string{"unknown key(s) threshold.odr.fail"}},
		{"thresholds:\n  odr: {fail: high}\n", nil, []string{"key thresholds.odr.fail", "want number"}},
		{"thresholds:\n  odr: {fail: 1.5}\n", nil, []string{"thresholds.odr.fail", "between 0 and 1"}},
		{"thresholds:\n  odr: {fail: 0.01, warn: 0.02}\n", nil, []string{"thresholds.odr", "warn 0.02 is above fail 0.01"}},
		{"profile: amazon-mars\n", nil, []string{`unknown profile "amazon-mars"`}},
		{"odr:\n  count_denied_claims: sometimes\n", nil, []string{"key odr.count_denied_claims", "want true or false"}},
		{"", map[string]string{"AUDIT_THRESHOLDS_ODR_LAG_DAYS": "two"}, []string{"AUDIT_THRESHOLDS_ODR_LAG_DAYS", "want an integer"}},
		{"{{not yaml", nil, []string{"config file"}},
	}
	for _, c := range cases {
		cfg := writeConfig(t, c.body)
		r := runEnv(t, c.env, "odr", "--config", cfg, acme)
		if r.code != ExitError {
			t.Errorf("%q %v: exit %d, want 2", c.body, c.env, r.code)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%q %v: stderr lacks %q:\n%s", c.body, c.env, w, r.stderr)
			}
		}
		if c.env == nil && !strings.Contains(r.stderr, cfg) && !strings.Contains(c.body, "amazon-mars") {
			t.Errorf("%q: stderr does not name the file:\n%s", c.body, r.stderr)
		}
	}
	if r := runEnv(t, nil, "odr", "--config", "no/such/audit.yaml", acme); r.code != ExitError || !strings.Contains(r.stderr, "no/such/audit.yaml") {
		t.Errorf("missing --config file: exit %d, %s", r.code, r.stderr)
	}
}

// audit thresholds: every metric with its source; amazon-eu shows on-time
// delivery advisory and IDR enforced; overrides name their origin.
func TestThresholdsCommand(t *testing.T) {
	var doc struct {
		Profile       string
		ProfileOrigin string `json:"profile_origin"`
		Thresholds    []struct {
			Metric   string
			Fail     float64
			Advisory bool
			Source   string
			Origins  map[string]string
		}
	}
	r := runEnv(t, nil, "thresholds", "--profile", "amazon-us", "-o", "json")
	if r.code != ExitOK || json.Unmarshal([]byte(r.stdout), &doc) != nil {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	if len(doc.Thresholds) != 10 { // six seller metrics, four of customer service
		t.Errorf("amazon-us: %d metrics, want 10", len(doc.Thresholds))
	}
	for _, e := range doc.Thresholds {
		if e.Source == "" || e.Origins["fail"] != "profile amazon-us" {
			t.Errorf("%s: source %q, origins %v", e.Metric, e.Source, e.Origins)
		}
	}
	r = runEnv(t, map[string]string{"AUDIT_THRESHOLDS_ODR_FAIL": "0.008"}, "thresholds", "--profile", "amazon-eu", "-o", "json")
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range doc.Thresholds {
		got[e.Metric] = e.Advisory
		if e.Metric == "odr" && (e.Fail != 0.008 || e.Origins["fail"] != "env AUDIT_THRESHOLDS_ODR_FAIL" || e.Origins["warn"] != "warn band of env AUDIT_THRESHOLDS_ODR_FAIL") {
			t.Errorf("odr override: %+v", e)
		}
	}
	if adv, ok := got["on_time_delivery_rate"]; !ok || !adv {
		t.Error("amazon-eu: on-time delivery is not advisory")
	}
	if adv, ok := got["invoice_defect_rate"]; !ok || adv {
		t.Error("amazon-eu: invoice defect rate is not enforced")
	}
	if r := runEnv(t, nil, "thresholds", "--marketplace", "DE"); r.code != ExitOK || !strings.Contains(r.stdout, "Profile amazon-eu (marketplace DE)") {
		t.Errorf("--marketplace DE table:\n%s", r.stdout)
	}
}

// audit config init writes a starter file that loads, and refuses to
// overwrite without --force.
func TestConfigInit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.yaml")
	if r := runEnv(t, nil, "config", "init", p); r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r := runEnv(t, nil, "odr", "--config", p, "--as-of", "2026-11-20", clean); r.code != ExitOK {
		t.Errorf("the starter file does not load: exit %d\n%s", r.code, r.stderr)
	}
	if r := runEnv(t, nil, "config", "init", p); r.code != ExitError || !strings.Contains(r.stderr, "--force") {
		t.Errorf("overwrite without --force: exit %d %s", r.code, r.stderr)
	}
	if r := runEnv(t, nil, "config", "init", "--force", p); r.code != ExitOK {
		t.Errorf("--force: exit %d", r.code)
	}
}

// A bad value from the file or the environment says where it was set.
func TestConfigValueOrigins(t *testing.T) {
	cfg := writeConfig(t, "fail_on: sometimes\n")
	r := runEnv(t, nil, "odr", "--config", cfg, clean)
	if r.code != ExitError || !strings.Contains(r.stderr, `got "sometimes" (set by file `+cfg+`, key fail_on)`) {
		t.Errorf("file: exit %d %s", r.code, r.stderr)
	}
	for env, want := range map[string]string{
		"AUDIT_PROFILE":     `unknown profile "amazon-mx"`,
		"AUDIT_MARKETPLACE": `unknown store "amazon-mx"`,
		"AUDIT_OUTPUT":      `unknown output format "amazon-mx"`,
		"AUDIT_COLOR":       `"amazon-mx"`,
		"AUDIT_ENCODING":    `unknown encoding "amazon-mx"`,
		"AUDIT_COLUMNS":     `"amazon-mx"`,
	} {
		r := runEnv(t, map[string]string{env: "amazon-mx"}, "odr", clean)
		if r.code != ExitError || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "(set by env "+env+")") {
			t.Errorf("%s: exit %d %s", env, r.code, r.stderr)
		}
	}
	// A flag's own bad value needs no origin.
	r = runEnv(t, nil, "odr", "--fail-on", "sometimes", clean)
	if r.code != ExitError || strings.Contains(r.stderr, "set by") {
		t.Errorf("flag: exit %d %s", r.code, r.stderr)
	}
}

// Windows and lags from the config reach every metric; a metric with one
// window refuses several.
func TestConfigWindows(t *testing.T) {
	cfg := writeConfig(t, "thresholds:\n  prefulfillment_cancel_rate: {window_days: 10, lag_days: 2}\n  late_shipment_rate: {window_days: [5, 20], lag_days: 1}\n")
	r := runEnv(t, nil, "all", "--config", cfg, "--as-of", "2026-11-20", "-o", "json", acme)
	for _, want := range []string{`"from": "2026-11-09",
        "to": "2026-11-18",
        "days": 10`, `"window_days": 5`, `"from": "2026-11-15",
        "to": "2026-11-19",
        "days": 5`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	cfg = writeConfig(t, "thresholds:\n  odr: {window_days: [30, 60]}\n")
	if r := runEnv(t, nil, "odr", "--config", cfg, acme); r.code != ExitError || !strings.Contains(r.stderr, "one window only") {
		t.Errorf("two ODR windows: exit %d %s", r.code, r.stderr)
	}
}
