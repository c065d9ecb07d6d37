package main

import (
	"runtime/debug"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	clone := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "bc58eb7a1f2e3d4c5b6a79881726354453627181"},
		{Key: "vcs.time", Value: "2026-12-01T10:20:30Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	tests := []struct {
		name                  string
		version, commit, date string
		info                  *debug.BuildInfo
		wantV, wantC, wantD   string
	}{
		{"no build info", "dev", "", "", nil, "dev", "", ""},
		{"go install @v1.2.0", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "1.2.0", "", ""},
		{"clone, dirty", "dev", "", "", clone, "dev", "bc58eb7a1f2e-dirty", "2026-12-01T10:20:30Z"},
		{"clone, clean", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "false"}}}, "dev", "0123456789ab", ""},
		{"clone, pseudo-version", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207083214-4e7139db48d2+dirty"}, Settings: clone.Settings}, "dev", "bc58eb7a1f2e-dirty", "2026-12-01T10:20:30Z"},
		{"clone at a tag", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: clone.Settings}, "1.2.0", "bc58eb7a1f2e-dirty", "2026-12-01T10:20:30Z"},
		{"go install @COMMIT", "dev", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.1-0.20261207083214-4e7139db48d2"}}, "1.2.1-0.20261207083214-4e7139db48d2", "", ""},
		{"ldflags win", "1.3.0", "abc1234", "2026-11-30T00:00:00Z", clone, "1.3.0", "abc1234", "2026-11-30T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, c, d := buildVersion(tt.version, tt.commit, tt.date, tt.info)
			if v != tt.wantV || c != tt.wantC || d != tt.wantD {
				t.Errorf("buildVersion = %q %q %q, want %q %q %q", v, c, d, tt.wantV, tt.wantC, tt.wantD)
			}
		})
	}
}
