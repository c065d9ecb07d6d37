// Package settings holds every rule setting in one struct, so commands,
// the config file and tests set them the same way. The metrics' windows
// are held once, by metric id (Settings.Windows); each metric's default is
// in its own file in internal/metrics.
package settings

import (
	"fmt"
	"sort"

	"github.com/sellerhealth/audit/internal/civil"
)

// Settings are the knobs of the rules. Zero values are not meaningful: start
// from Default.
type Settings struct {
	// AsOf is the audit date: windows end relative to it and events dated
	// after it are ignored.
	AsOf civil.Date
	// FirstAsOf, when set, is the earliest audit date of a run that audits
	// several (audit trend, the chart of -o html): reading keeps what any
	// of them needs. 0: AsOf only.
	FirstAsOf civil.Date
	// Marketplace is the store code ("" unknown), used to read short dates.
	Marketplace string
	// Windows are the metrics' windows by metric id, as the threshold
	// profile (with the user's overrides) gives them; the engine sets them
	// once per account. A metric without an entry uses its own default
	// (Amazon's rule, in its file in internal/metrics).
	Windows  map[string]Window
	ODR      ODR
	Service  Service
	Feedback Feedback
	Input    Input
	// Profile names the threshold profile ("" follows the store).
	Profile string
	// Overrides are threshold settings from the config file, the
	// environment or flags, by config key ("thresholds.odr.fail"), each
	// with where it came from.
	Overrides map[string]Override
}

// Window is a metric's window setting: its length in days (several for a
// metric with an entry per window, such as the late shipment rate's 10 and
// 30) and its lag, the days between the window's last day and as-of.
type Window struct {
	Days []int
	Lag  int
}

// MaxDays bounds every window and lag: ten years.
const MaxDays = 3650

// Window is the window of metric id: its entry in Windows, else def (the
// metric's own default).
func (s Settings) Window(id string, def Window) Window {
	if w, ok := s.Windows[id]; ok && len(w.Days) > 0 {
		return w
	}
	return def
}

// SetWindow sets metric id's window. The map is copied first, so copies
// of s made before keep their windows.
func (s *Settings) SetWindow(id string, days []int, lag int) {
	m := make(map[string]Window, len(s.Windows)+1)
	for k, v := range s.Windows {
		m[k] = v
	}
	m[id] = Window{Days: append([]int(nil), days...), Lag: lag}
	s.Windows = m
}

// Override is one user-set value and its origin ("file ./audit.yaml",
// "env AUDIT_THRESHOLDS_ODR_FAIL", "flag --lag-days").
type Override struct {
	Value  any // float64, int, bool or []int, by key
	Origin string
}

// Input says how to read the files.
type Input struct {
	// Encoding overrides text-encoding detection ("" or "auto": detect).
	Encoding string
	// Columns are the user's own header names, "kind.column=Header".
	Columns []string
	// ShowPII lets error messages quote e-mail addresses and phone numbers.
	ShowPII bool
}

// Feedback holds the settings of removable feedback and of the
// provisional ODR (metrics.md, issue 9).
type Feedback struct {
	// RemovalDays: how long after a feedback Amazon accepts a request to
	// remove it (90, the commonly cited limit).
	RemovalDays int
	// PeriodDays: how long after an order a buyer can still leave
	// feedback (90): the ODR of orders younger than that can still rise.
	PeriodDays int
	// ProductReviewWords and ObsceneWords: words or phrases (any language,
	// matched case-insensitively as whole words) that mark a comment as a
	// product review or obscene, grounds for removal. None by default.
	ProductReviewWords, ObsceneWords []string
}

// Service holds the customer-service rating's settings besides its period
// (metrics.md, "Customer service").
type Service struct {
	// RatingMin: the ratings a period needs to be shown (40), and
	// RatingLookbackDays how far back a period with enough ratings is
	// looked for (365).
	RatingMin, RatingLookbackDays int
}

// ODR settings (metrics.md, "Order Defect Rate") besides its window.
type ODR struct {
	// CountDeniedClaims is the stricter reading of two source articles:
	// every opened claim counts, denied ones too (withdrawn and
	// reversed-on-appeal claims still do not). Default off.
	CountDeniedClaims bool
}

// Default returns Amazon's published rules for the given audit date. The
// windows are the metrics' own (internal/metrics).
func Default(asOf civil.Date) Settings {
	return Settings{
		AsOf:     asOf,
		Service:  Service{RatingMin: 40, RatingLookbackDays: 365},
		Feedback: Feedback{RemovalDays: 90, PeriodDays: 90},
	}
}

// Validate rejects settings no rule can use.
func (s Settings) Validate() error {
	if f := s.Feedback; f.RemovalDays < 0 || f.RemovalDays > MaxDays || f.PeriodDays < 0 || f.PeriodDays > MaxDays {
		return fmt.Errorf("feedback.removal_days and feedback.period_days must be between 0 and %d, got %d and %d", MaxDays, f.RemovalDays, f.PeriodDays)
	}
	ids := make([]string, 0, len(s.Windows))
	for id := range s.Windows {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := s.Windows[id].Validate(); err != nil {
			return fmt.Errorf("%s: %v", id, err)
		}
	}
	return nil
}

// Validate rejects a window no rule can use.
func (w Window) Validate() error {
	for _, n := range w.Days {
		if n < 1 || n > MaxDays {
			return fmt.Errorf("window of %d days: want 1 to %d", n, MaxDays)
		}
	}
	if w.Lag < 0 || w.Lag > MaxDays {
		return fmt.Errorf("lag of %d days: want 0 to %d", w.Lag, MaxDays)
	}
	return nil
}
