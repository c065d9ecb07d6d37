package cmd

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/settings"
)

// BenchmarkHTML measures what `audit all -o html` does once the reports
// are read: the audit, the trend of the chart (htmlTrendDays daily points,
// engine.TrendBefore) and the HTML page, written to io.Discard, on
// synth.py's accounts of 100k and 1M orders (internal/bench/synth.py, the
// account compare.sh measures; needs python3). The files are read once,
// before the timer, with FirstAsOf on the chart's first day, as runAudit
// reads them; BenchmarkAudit in internal/engine measures the reading.
//
//	go test -run '^$' -bench '^BenchmarkHTML$' -benchmem ./cmd     # -short: 100k only
func BenchmarkHTML(b *testing.B) {
	python, err := exec.LookPath("python3")
	if err != nil {
		b.Skip("python3 is not on PATH: cannot generate the synthetic accounts")
	}
	synth := filepath.Join("internal", "bench", "synth.py") // TestMain runs from the repository root
	if _, err := os.Stat(synth); err != nil {
		b.Fatal(err)
	}
	asOf := civil.NewDate(2026, 11, 20)
	html, err := render.Lookup("html")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		orders int
	}{{"100k", 100_000}, {"1M", 1_000_000}} {
		if c.orders > 100_000 && testing.Short() {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			out, err := exec.Command(python, synth, "--orders", strconv.Itoa(c.orders), "--seed", "11",
				"--as-of", asOf.String(), "--out", dir).CombinedOutput()
			if err != nil {
				b.Fatalf("synth.py: %v\n%s", err, out)
			}
			s := settings.Default(asOf)
			s.FirstAsOf = asOf.AddDays(-(htmlTrendDays - 1)) // the chart's first day, as runAudit reads
			loaded, err := engine.Load([]string{dir}, s, engine.All)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				rep, err := engine.Audit("all", loaded, s, engine.All)
				if err != nil {
					b.Fatal(err)
				}
				if rep.Trend, err = engine.TrendBefore("all", loaded, s, engine.All, htmlTrendDays, engine.TrendOptions{}); err != nil {
					b.Fatal(err)
				}
				if err := html(io.Discard, rep, render.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
