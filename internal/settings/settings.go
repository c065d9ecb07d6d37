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
	// Responses are the buyer-message response rules by platform
	// ("amazon", "kaufland", ...): each platform's profile's, with the
	// user's overrides (service.<platform>.*). A platform without one has
	// no rule its messages can be judged by. Nil: Amazon's rule alone
	// (AmazonResponse).
	Responses map[string]ResponseRule
	// DaysOff are the seller's own days off (service.days_off): they do
	// not count towards a deadline where the platform's rule allows it
	// (ResponseRule.SellerDaysOff).
	DaysOff []civil.Date
	// ResponseOverrides are the user's changes to the platforms' rules
	// (service.<platform>.*), by platform, applied over the profiles'
	// rules when Responses is built; a platform without a rule gets one.
	ResponseOverrides map[string]ResponseOverride
	// ThreadLimit is how many messages a thread may hold before it counts
	// as over the limit, on the platforms that count them
	// (ResponseRule.CountsThreads; service.thread_limit).
	ThreadLimit int
}

// ResponseRule is how a platform judges the first response to a buyer
// message (docs/metrics.md, "Customer service across marketplaces").
type ResponseRule struct {
	// DeadlineHours: the first response is due this many hours after the
	// message was received.
	DeadlineHours int `json:"deadline_hours"`
	// WorkingDays: only working days count towards the deadline, not
	// weekends nor the public holidays of the store's country.
	WorkingDays bool `json:"working_days"`
	// SellerDaysOff: the seller's own days off (Service.DaysOff) do not
	// count either.
	SellerDaysOff bool `json:"seller_days_off"`
	// Period is what the rate is measured over: PeriodDays (the metric's
	// windows ending on as-of: 7, 30 and 90 days on Amazon) or PeriodWeek
	// (the calendar week, Monday to Sunday, of the as-of date, up to it).
	Period string `json:"period"`
	// CountsThreads: the platform counts the messages of a thread and may
	// act on a seller over a limit it does not disclose (Kaufland).
	CountsThreads bool `json:"counts_threads"`
}

// ResponseOverride is the user's change to one platform's rule: the
// fields set replace the rule's.
type ResponseOverride struct {
	DeadlineHours              *int
	WorkingDays, SellerDaysOff *bool
	Period                     *string
}

// Apply is rule r changed by o; a zero r (a platform without a rule) is
// first clock hours over the metric's windows.
func (o ResponseOverride) Apply(r ResponseRule) ResponseRule {
	if r.Period == "" {
		r.Period = PeriodDays
	}
	if o.DeadlineHours != nil {
		r.DeadlineHours = *o.DeadlineHours
	}
	if o.WorkingDays != nil {
		r.WorkingDays = *o.WorkingDays
	}
	if o.SellerDaysOff != nil {
		r.SellerDaysOff = *o.SellerDaysOff
	}
	if o.Period != nil {
		r.Period = *o.Period
	}
	return r
}

// ResponsePlatforms are the platforms whose response rule the config
// file can set (service.<platform>.*): those with a built-in profile or a
// help desk's usual channel.
var ResponsePlatforms = []string{"amazon", "allegro", "cdiscount", "ebay", "etsy", "kaufland", "walmart", "zalando"}

// The measuring periods of a response rule.
const (
	PeriodDays = "days"
	PeriodWeek = "week"
)

// DefaultThreadLimit is service.thread_limit's default: Kaufland and
// Cdiscount do not disclose theirs, and five messages is a thread that a
// first answer did not settle (policy).
const DefaultThreadLimit = 5

// AmazonResponse is Amazon's rule (help 200549770): 24 hours, weekends
// and holidays included, over 7, 30 and 90 days.
var AmazonResponse = ResponseRule{DeadlineHours: 24, Period: PeriodDays}

// Response is the rule of a platform's messages, and whether there is
// one: Amazon's when no rules are set.
func (s Service) Response(platform string) (ResponseRule, bool) {
	if s.Responses == nil {
		return AmazonResponse, platform == "amazon"
	}
	r, ok := s.Responses[platform]
	return r, ok
}

// Validate rejects a rule no deadline can be computed with.
func (r ResponseRule) Validate() error {
	if r.DeadlineHours < 1 || r.DeadlineHours > 24*MaxDays {
		return fmt.Errorf("a response deadline of %d hours: want 1 to %d", r.DeadlineHours, 24*MaxDays)
	}
	if r.Period != PeriodDays && r.Period != PeriodWeek {
		return fmt.Errorf("a measuring period %q: want %s or %s", r.Period, PeriodDays, PeriodWeek)
	}
	return nil
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
		Service:  Service{RatingMin: 40, RatingLookbackDays: 365, ThreadLimit: DefaultThreadLimit},
		Feedback: Feedback{RemovalDays: 90, PeriodDays: 90},
	}
}

// Validate rejects settings no rule can use.
func (s Settings) Validate() error {
	if f := s.Feedback; f.RemovalDays < 0 || f.RemovalDays > MaxDays || f.PeriodDays < 0 || f.PeriodDays > MaxDays {
		return fmt.Errorf("feedback.removal_days and feedback.period_days must be between 0 and %d, got %d and %d", MaxDays, f.RemovalDays, f.PeriodDays)
	}
	for _, p := range sortedKeys(s.Service.Responses) {
		if err := s.Service.Responses[p].Validate(); err != nil {
			return fmt.Errorf("service.%s: %v", p, err)
		}
	}
	if s.Service.ThreadLimit < 1 {
		return fmt.Errorf("service.thread_limit must be at least 1, got %d", s.Service.ThreadLimit)
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

// sortedKeys are a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
