package engine

import (
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/report"
	"github.com/sellerhealth/audit/internal/settings"
)

// TrendBefore is the trend of the given checks over the n days ending on
// s.AsOf.
func TrendBefore(command string, loaded *report.Loaded, s settings.Settings, ids []string, n int) (*health.Trend, error) {
	return nil, nil // TODO(trend helper)
}
