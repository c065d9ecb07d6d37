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
	// FirstAsOf, when set, is the earliest audit date of a run that audits
	// several (audit trend, the chart of -o html): reading keeps what any
	// of them needs. 0: AsOf only.
	FirstAsOf civil.Date
	// Marketplace is the store code ("" unknown), used to read short dates.
	Marketplace string
	ODR         ODR
	Shipping    Shipping
	Service     Service
	Feedback    Feedback
	Input       Input
	// Profile names the threshold profile ("" follows the store).
	Profile string
	// Overrides are threshold settings from the config file, the
	// environment or flags, by config key ("thresholds.odr.fail"), each
	// with where it came from.
	Overrides map[string]Override
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

// Shipping holds the windows of the seller-fulfilled metrics (metrics.md).
type Shipping struct {
	// LateShipmentDays: the late shipment rate's windows by expected ship
	// date, each ending on as-of (Amazon: 10 and 30).
	LateShipmentDays []int
	// LateShipmentLagDays / CancelLagDays: days between those windows' end
	// and as-of (Amazon: 0, the windows end on as-of).
	LateShipmentLagDays, CancelLagDays int
	// CancelDays: the pre-fulfillment cancel rate's window by order date (7).
	CancelDays int
	// TrackingDays / TrackingLagDays: valid tracking rate by promised
	// delivery date, window ending as-of − lag (30, 14).
	TrackingDays, TrackingLagDays int
	// DeliveryDays / DeliveryLagDays: on-time delivery by promised delivery
	// date (14, 7).
	DeliveryDays, DeliveryLagDays int
	// InvoiceDays / InvoiceLagDays: invoice defect rate by order date, the
	// 7 days ending as-of − 7 ([as-of − 13, as-of − 7]).
	InvoiceDays, InvoiceLagDays int
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

// Service holds the windows of the customer-service metrics (metrics.md,
// "Customer service").
type Service struct {
	// ContactDays: the contact response rate's windows by receipt date,
	// each ending on as-of (Amazon: 7, 30 and 90).
	ContactDays []int
	// ReturnDays: the return dissatisfaction rate's window by request date
	// (policy: 30).
	ReturnDays int
	// RatingDays: the customer-service rating's running period (28 days),
	// RatingMin the ratings a period needs to be shown (40), and
	// RatingLookbackDays how far back a period with enough ratings is
	// looked for (365).
	RatingDays, RatingMin, RatingLookbackDays int
	// DissatisfactionDays: the customer service dissatisfaction rate's
	// window by answer date (policy: 30).
	DissatisfactionDays int
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
	return Settings{
		AsOf: asOf,
		ODR:  ODR{LagDays: 14, WindowDays: 60},
		Shipping: Shipping{
			LateShipmentDays: []int{10, 30},
			CancelDays:       7,
			TrackingDays:     30, TrackingLagDays: 14,
			DeliveryDays: 14, DeliveryLagDays: 7,
			InvoiceDays: 7, InvoiceLagDays: 7,
		},
		Service: Service{ContactDays: []int{7, 30, 90}, ReturnDays: 30, RatingDays: 28, RatingMin: 40,
			RatingLookbackDays: 365, DissatisfactionDays: 30},
		Feedback: Feedback{RemovalDays: 90, PeriodDays: 90},
	}
}

// Validate rejects settings no rule can use.
func (s Settings) Validate() error {
	if s.ODR.LagDays < 0 || s.ODR.LagDays > 3650 {
		return fmt.Errorf("--lag-days must be between 0 and 3650, got %d", s.ODR.LagDays)
	}
	if s.ODR.WindowDays < 1 || s.ODR.WindowDays > 3650 {
		return fmt.Errorf("--window-days must be between 1 and 3650, got %d", s.ODR.WindowDays)
	}
	if f := s.Feedback; f.RemovalDays < 0 || f.RemovalDays > 3650 || f.PeriodDays < 0 || f.PeriodDays > 3650 {
		return fmt.Errorf("feedback.removal_days and feedback.period_days must be between 0 and 3650, got %d and %d", f.RemovalDays, f.PeriodDays)
	}
	sh := s.Shipping
	for _, n := range sh.LateShipmentDays {
		if n < 1 || n > 3650 {
			return fmt.Errorf("late shipment window must be between 1 and 3650 days, got %d", n)
		}
	}
	for _, w := range []struct {
		name      string
		days, lag int
	}{
		{"cancellation", sh.CancelDays, 0},
		{"valid tracking", sh.TrackingDays, sh.TrackingLagDays},
		{"on-time delivery", sh.DeliveryDays, sh.DeliveryLagDays},
		{"invoice defect", sh.InvoiceDays, sh.InvoiceLagDays},
	} {
		if w.days < 1 || w.days > 3650 {
			return fmt.Errorf("%s window must be between 1 and 3650 days, got %d", w.name, w.days)
		}
		if w.lag < 0 || w.lag > 3650 {
			return fmt.Errorf("%s lag must be between 0 and 3650 days, got %d", w.name, w.lag)
		}
	}
	return nil
}
