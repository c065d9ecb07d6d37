// Package settings holds every rule setting in one struct, so commands,
// the config file (later) and tests set them the same way.
package settings

import (
	"fmt"

	"github.com/sellerhealth/audit/internal/civil"
)

// Settings are the knobs of the rules. Zero values are not meaningful: start
// from Default.
type Settings struct {
	// AsOf is the audit date: windows end relative to it and events dated
	// after it are ignored.
	AsOf civil.Date
	// Marketplace is the store code ("" unknown), used to read short dates.
	Marketplace string
	ODR         ODR
}

// ODR settings (metrics.md, "Order Defect Rate").
type ODR struct {
	// LagDays: the window ends this many days before as-of (Amazon: 14).
	LagDays int
	// WindowDays: the window's length in days, both ends inclusive (60).
	WindowDays int
	// CountDeniedClaims is the stricter reading of two source articles:
	// every opened claim counts, denied ones too (withdrawn and
	// reversed-on-appeal claims still do not). Default off.
	CountDeniedClaims bool
}

// Default returns Amazon's published rules for the given audit date.
func Default(asOf civil.Date) Settings {
	return Settings{AsOf: asOf, ODR: ODR{LagDays: 14, WindowDays: 60}}
}

// Validate rejects settings no rule can use.
func (s Settings) Validate() error {
	if s.ODR.LagDays < 0 || s.ODR.LagDays > 3650 {
		return fmt.Errorf("--lag-days must be between 0 and 3650, got %d", s.ODR.LagDays)
	}
	if s.ODR.WindowDays < 1 || s.ODR.WindowDays > 3650 {
		return fmt.Errorf("--window-days must be between 1 and 3650, got %d", s.ODR.WindowDays)
	}
	return nil
}
