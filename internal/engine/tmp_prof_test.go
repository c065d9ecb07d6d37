package engine

import (
	"os"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/settings"
)

func BenchmarkTmpTrendDir(b *testing.B) {
	dir := os.Getenv("AUDIT_BENCH_DIR")
	if dir == "" {
		b.Skip()
	}
	asOf := civil.NewDate(2026, 11, 20)
	s := settings.Default(asOf)
	s.FirstAsOf = asOf.AddDays(-364)
	loaded, err := Load([]string{dir}, s, All)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := TrendBefore("trend", loaded, s, All, 365, TrendOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
