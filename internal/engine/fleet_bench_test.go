package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/settings"
)

// writeFleet writes n accounts of orders orders each (writeAccount) as
// the subfolders acct-000 ... of a temporary folder.
func writeFleet(tb testing.TB, n, orders int, asOf civil.Date) string {
	tb.Helper()
	dir := tb.TempDir()
	for i := range n {
		acct := filepath.Join(dir, fmt.Sprintf("acct-%03d", i))
		if err := os.Mkdir(acct, 0o755); err != nil {
			tb.Fatal(err)
		}
		writeAccount(tb, acct, orders, asOf)
	}
	return dir
}

// BenchmarkFleet audits 50 generated accounts of 2,000 orders each as
// audit all --accounts does, with one job and with one per CPU, and says
// how many accounts a second that is (accounts/s) beside the allocation
// figures:
//
//	go test -run '^$' -bench Fleet -benchmem ./internal/engine
//
// each only drops the report here: drawing it is render's (the fleet
// writer's) work.
func BenchmarkFleet(b *testing.B) {
	asOf := civil.NewDate(2026, 11, 20)
	s := settings.Default(asOf)
	const accounts = 50
	dir := writeFleet(b, accounts, 2000, asOf)
	for _, jobs := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				f, err := RunFleet("all", dir, s, All, jobs, nil, func(int, health.Account) {})
				if err != nil {
					b.Fatal(err)
				}
				if f.Errors() != 0 || len(f.Accounts) != accounts {
					b.Fatalf("%d accounts, %d errors", len(f.Accounts), f.Errors())
				}
			}
			b.ReportMetric(float64(accounts*b.N)/time.Since(start).Seconds(), "accounts/s")
		})
	}
}
