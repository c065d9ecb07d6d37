package cmd

import (
	"os"
	"strings"
	"testing"
)

// --config and AUDIT_CONFIG naming a device are refused at once, exit 2,
// naming the file (reading /dev/zero never ended).
func TestConfigNotRegularFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	for _, r := range []result{
		runEnv(t, nil, "thresholds", "--config", "/dev/zero"),
		runEnv(t, map[string]string{"AUDIT_CONFIG": "/dev/zero"}, "thresholds"),
		runEnv(t, nil, "odr", "--config", t.TempDir(), acme),
	} {
		if r.code != ExitError || !strings.Contains(r.stderr, "audit: config file ") || !strings.Contains(r.stderr, "not a regular file") && !strings.Contains(r.stderr, "is a folder") {
			t.Errorf("exit %d, stderr %s", r.code, r.stderr)
		}
	}
}

// A NaN or infinite threshold, from the environment or the file, is an
// error naming the key and where it came from (NaN made every entry fail
// "< NaN%" and -o json die).
func TestConfigNonFiniteThreshold(t *testing.T) {
	r := runEnv(t, map[string]string{"AUDIT_THRESHOLDS_ODR_FAIL": "NaN"}, "odr", "--as-of", "2026-11-20", "-o", "json", acme)
	if r.code != ExitError || !strings.Contains(r.stderr, "environment variable AUDIT_THRESHOLDS_ODR_FAIL: want a finite number, got NaN") {
		t.Errorf("NaN from the environment: exit %d, %s", r.code, r.stderr)
	}
	cfg := writeConfig(t, "thresholds:\n  late_shipment_rate: {warn: .inf}\n")
	r = runEnv(t, nil, "thresholds", "--config", cfg)
	if r.code != ExitError || !strings.Contains(r.stderr, "config file "+cfg+": key thresholds.late_shipment_rate.warn: want a finite number, got +Inf") {
		t.Errorf("Inf from the file: exit %d, %s", r.code, r.stderr)
	}
}
