// Command audit recomputes marketplace account-health metrics from the
// reports a seller downloads. Everything lives in cmd/ and internal/.
package main

import (
	"os"
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
	os.Exit(cmd.Execute(os.Args[1:], cmd.Env{
		IO: iostreams.System(), Now: time.Now, Version: version, Commit: commit, Date: date,
	}))
}
