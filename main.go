// Command audit recomputes marketplace account-health metrics from the
// reports a seller downloads. Everything lives in cmd/ and internal/.
package main

import (
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/sellerhealth/audit/cmd"
	"github.com/sellerhealth/audit/internal/iostreams"
)

// Set by the release build (-ldflags "-X main.version=..."). What is left
// unset is taken from the build information Go writes into every binary
// (buildVersion).
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func main() {
	// What an audit keeps is compact and pointer-free and what it throws
	// away is little, so the collector has little to mark: collecting at
	// 10 % heap growth instead of Go's 100 % keeps the heap close to what
	// is kept (at 10 million orders, 517 MB of peak RSS instead of 590 MB
	// at 25 %) for a few per cent more CPU (docs/performance.md). GOGC,
	// when set, decides.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(cmd.GCPercent)
	}
	info, _ := debug.ReadBuildInfo()
	v, c, d := buildVersion(version, commit, date, info)
	os.Exit(cmd.Execute(os.Args[1:], cmd.Env{
		IO: iostreams.System(), Now: time.Now, Version: v, Commit: c, Date: d,
	}))
}

// pseudoVersion matches the end of a Go pseudo-version
// (v0.0.0-20261207083214-4e7139db48d2, v1.2.1-0.2026...-..., +dirty).
var pseudoVersion = regexp.MustCompile(`[-.]\d{14}-[0-9a-f]{12}(\+dirty)?$`)

// buildVersion fills what -ldflags left unset from the build information:
// the module's version for `go install ...@v1.2.0` ("1.2.0"; "dev" when Go
// says "(devel)"), and for a build from a clone the VCS revision (12
// characters, "-dirty" when the work tree had changes) and the commit's
// time (RFC 3339), which also dates the manual pages.
func buildVersion(version, commit, date string, info *debug.BuildInfo) (string, string, string) {
	if info == nil {
		return version, commit, date
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if version == "dev" || version == "" {
		version = "dev"
		// A clone's build gets a pseudo-version from Go (v0.0.0-2026...-
		// abcdef123456): the commit line says it better. Without VCS
		// settings (go install ...@COMMIT) it is all there is.
		if v := info.Main.Version; v != "" && v != "(devel)" && !(rev != "" && pseudoVersion.MatchString(v)) {
			version = strings.TrimPrefix(v, "v")
		}
	}
	if commit == "" && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		commit = rev
		if modified {
			commit += "-dirty"
		}
	}
	if date == "" {
		date = at
	}
	return version, commit, date
}
