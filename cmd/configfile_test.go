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
