package config

import (
	"strings"
	"testing"
)

// NaN and the infinities are read as numbers by YAML, TOML and strconv;
// for a Float key they are an error naming the key and the file or
// variable.
func TestFloatKeysRejectNonFinite(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"nan.yaml":    "thresholds:\n  odr: {fail: .nan}\n",
		"inf.yaml":    "thresholds:\n  odr: {fail: .inf}\n",
		"neginf.yml":  "thresholds:\n  odr: {warn: -.Inf}\n",
		"nan.toml":    "[thresholds.odr]\nfail = nan\n",
		"inf.toml":    "[thresholds.odr]\nwarn = -inf\n",
		"rating.yaml": "thresholds:\n  customer_service_rating: {fail: .NaN}\n",
	} {
		p := write(t, dir, name, body)
		_, err := Load(Options{Path: p, LookupEnv: noEnv})
		if err == nil || !strings.Contains(err.Error(), "config file "+p+": key thresholds.") || !strings.Contains(err.Error(), "want a finite number") {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, v := range []string{"NaN", "nan", "Inf", "+Inf", "-inf", "infinity"} {
		const k = "AUDIT_THRESHOLDS_ODR_FAIL"
		_, err := Load(Options{LookupEnv: func(n string) (string, bool) { return v, n == k }})
		if err == nil || !strings.Contains(err.Error(), "environment variable "+k+": want a finite number") {
			t.Errorf("%s=%s: %v", k, v, err)
		}
	}
}
