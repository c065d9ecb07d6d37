package engine

import (
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/settings"
)

// trendBenchDays is the length of BenchmarkTrend's range: a year of daily
// points, as `audit trend --from AS-OF-364 --to AS-OF` computes.
const trendBenchDays = 365

// BenchmarkTrend measures the trend alone, over a year of daily points, on
// writeAccount's accounts of 100k and 1M orders: the files are read once,
// before the timer, with FirstAsOf on the trend's first day (as audit trend
// reads them), then every iteration computes the whole trend of every
// metric of audit all, as engine.Trend does for audit trend.
//
//	go test -run '^$' -bench '^BenchmarkTrend$' -benchmem ./internal/engine     # -short: 100k only
//
// Besides time and allocations per trend, it reports ns/day, the time of
// one trend day (one as-of date audited on the records in memory). The
// accounts span 120 days, so the year's earliest days have no order in
// their windows.
func BenchmarkTrend(b *testing.B) {
	to := civil.NewDate(2026, 11, 20)
	from := to.AddDays(-(trendBenchDays - 1))
	for _, n := range []int{100_000, 1_000_000} {
		if n > 100_000 && testing.Short() {
			continue
		}
		b.Run(orderCount(n), func(b *testing.B) {
			dir := b.TempDir()
			writeAccount(b, dir, n, to)
			s := settings.Default(to)
			s.FirstAsOf = from // what every date of the range needs, as cmd/trend.go reads
			loaded, err := Load([]string{dir}, s, All)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				tr, err := Trend("trend", loaded, s, All, from, to, TrendOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if len(tr.Series) == 0 {
					b.Fatal("the trend has no series")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/trendBenchDays, "ns/day")
		})
	}
}
