package engine

import (
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

func init() {
	register(Check{ID: "odr", Compute: func(d *records.Dataset, s settings.Settings) ([]metrics.Result, []metrics.Unplaced) {
		o := metrics.ODR(d, s)
		return o.Segments[:], o.Unplaced
	}})
}
