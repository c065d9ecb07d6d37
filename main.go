// Command audit recomputes marketplace account-health metrics from the
// reports a seller downloads. Everything lives in cmd/ and internal/.
package main

import (
	"os"
	"runtime/debug"
	"time"

	"github.com/sellerhealth/audit/cmd"
	"github.com/sellerhealth/audit/internal/iostreams"
)

// Set by the release build (-ldflags "-X main.version=...").
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func main() {
	// What an audit keeps is compact and pointer-free and what it throws
	// away is little, so collecting garbage at 25 % heap growth instead of
	// Go's 100 % costs little time and keeps a million orders well under
	// 100 MiB (docs/performance.md). GOGC, when set, decides.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(25)
	}
	os.Exit(cmd.Execute(os.Args[1:], cmd.Env{
		IO: iostreams.System(), Now: time.Now, Version: version, Commit: commit, Date: date,
	}))
}
