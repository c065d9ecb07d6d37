// Package profile holds the built-in threshold profiles: each platform's
// (and each Amazon store group's) targets as data, with their source and
// the date they were checked, so a config file can override them and
// `audit thresholds` can show where every number comes from.
package profile

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
)

// Entry is one metric's target in a profile.
type Entry struct {
	Metric     string    `json:"metric"`
	Op         health.Op `json:"op"`
	Fail       float64   `json:"fail"`
	Warn       float64   `json:"warn"`
	WindowDays []int     `json:"window_days"`
	LagDays    int       `json:"lag_days"`
	Advisory   bool      `json:"advisory"`
	// WarnBelow: a "greater than" entry warns below Warn, not at it (the
	// customer-service rating: 8 of 10 is green, 7.99 yellow).
	WarnBelow bool   `json:"warn_below,omitempty"`
	Source    string `json:"source"`
	Checked   string `json:"checked"`
}

// Windows writes the window lengths joined by sep: "10/30".
func (e Entry) Windows(sep string) string {
	days := make([]string, len(e.WindowDays))
	for i, d := range e.WindowDays {
		days[i] = strconv.Itoa(d)
	}
	return strings.Join(days, sep)
}

// Miss says what missing the target does: "fails" or "warns (advisory)".
func (e Entry) Miss() string {
	if e.Advisory {
		return "warns (advisory)"
	}
	return "fails"
}

// Threshold is the entry as the verdict needs it.
func (e Entry) Threshold() health.Threshold {
	t := health.Threshold{Op: e.Op, Value: e.Fail, WarnAt: e.Warn, WarnBelow: e.WarnBelow, Advisory: e.Advisory, Source: e.Source}
	if s := metrics.ScaleOf(e.Metric); s > 1 { // a rate's scale is left 0: a fraction
		t.Scale = s
	}
	return t
}

// Profile is a named set of targets.
type Profile struct {
	Name        string   `json:"name"`
	Platform    string   `json:"platform"`
	Description string   `json:"description"`
	Stores      []string `json:"stores,omitempty"` // Amazon store codes the profile follows from
	Entries     []Entry  `json:"entries"`
}

// Entry finds a metric's entry.
func (p Profile) Entry(metric string) (Entry, bool) {
	for _, e := range p.Entries {
		if e.Metric == metric {
			return e, true
		}
	}
	return Entry{}, false
}

const checked = "2026-11-23"

// amazon is an entry of Amazon's profiles: the target, with the metric's
// own windows (Amazon's rule, in its file in internal/metrics).
func amazon(id string, op health.Op, fail, warn float64, source string) Entry {
	m, _ := metrics.Lookup(id)
	return Entry{Metric: id, Op: op, Fail: fail, Warn: warn, WindowDays: append([]int(nil), m.Window.Days...), LagDays: m.Window.Lag,
		Source: source, Checked: checked}
}

// advisory is e whose miss only warns.
func advisory(e Entry) Entry { e.Advisory = true; return e }

// Amazon's targets (platforms.md, metrics.md). The warn line is project
// policy: a "less than" target warns from 80 % of its limit, a "greater
// than" one within 2 points of it.
var (
	amazonODR       = amazon(metrics.ODRID, health.Less, 0.01, 0.008, "Amazon help G200285170")
	amazonLSR       = amazon(metrics.LateShipmentRate, health.Less, 0.04, 0.032, "Amazon help 200285190")
	amazonPFCR      = amazon(metrics.PrefulfillmentCancelRate, health.Less, 0.025, 0.02, "Amazon help 200285210")
	amazonVTR       = amazon(metrics.ValidTrackingRate, health.Greater, 0.95, 0.97, "Amazon help 201817070")
	amazonOTDRUS    = amazon(metrics.OnTimeDeliveryRate, health.GreaterEqual, 0.90, 0.92, "Amazon staff FAQ (US, enforced since 2024-09-25)")
	amazonOTDREU    = advisory(amazon(metrics.OnTimeDeliveryRate, health.Greater, 0.97, 0.99, "Amazon help 200633610 (EU: recommended, no penalty)"))
	amazonOTDROther = advisory(amazon(metrics.OnTimeDeliveryRate, health.GreaterEqual, 0.90, 0.92, "no enforced target published for this store; the US target as advice"))
	amazonIDR       = amazon(metrics.InvoiceDefectRate, health.Less, 0.05, 0.04, "Amazon help 44QSYRCU27EW4UK (measured in the UK, DE, FR, IT and ES stores only)")
	// Customer service (metrics.md, "Customer service"): the 90 % of the
	// contact response rate is the historic target (policy); the return
	// and customer service dissatisfaction rates carry no penalty.
	amazonCRR  = amazon(metrics.ContactResponseRate, health.GreaterEqual, 0.90, 0.92, "Amazon help 200549770 (24 hours, weekends included; the 90 % target is historic: policy)")
	amazonRDR  = advisory(amazon(metrics.ReturnDissatisfactionRate, health.Less, 0.10, 0.08, "Amazon help 201887610 (no penalty; the 30-day window is policy)"))
	amazonCSR  = warnBelow(amazon(metrics.CustomerServiceRating, health.GreaterEqual, 6, 8, "Amazon UK help LE8H7ZDEAUB3BMK (scores of 1-10: below 6 red, 6 to 7.9 yellow, 8 and above green; 40 ratings in 4 weeks)"))
	amazonCSDR = advisory(amazon(metrics.CustomerServiceDissatisfactionRate, health.Less, 0.25, 0.20, "Amazon's older customer service metric (no penalty; the 30-day window is policy)"))
)

// warnBelow is e warning below its warn line, not at it.
func warnBelow(e Entry) Entry { e.WarnBelow = true; return e }

// Builtin are the profiles the tool ships, by name.
var Builtin = []Profile{
	{Name: "amazon-us", Platform: "amazon", Description: "Amazon.com: on-time delivery enforced at 90 %", Stores: []string{"US"},
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDRUS, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-ca", Platform: "amazon", Description: "Amazon.ca: Amazon's targets; on-time delivery advisory", Stores: []string{"CA"},
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDROther, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-uk", Platform: "amazon", Description: "Amazon.co.uk: on-time delivery advisory (97 %), invoice defects enforced", Stores: []string{"UK"},
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDREU, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-eu", Platform: "amazon", Description: "Amazon's EU stores: on-time delivery advisory (97 %), invoice defects enforced (DE, FR, IT, ES)",
		Stores:  []string{"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE"},
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDREU, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-jp", Platform: "amazon", Description: "Amazon.co.jp: Amazon's targets; on-time delivery advisory", Stores: []string{"JP"},
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDROther, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-other", Platform: "amazon", Description: "Other Amazon stores (MX, BR, AU, IN, ...): Amazon's published targets, on-time delivery advisory",
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDROther, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "ebay", Platform: "ebay", Description: "eBay seller standards, Above Standard where published (platforms.md)",
		Entries: []Entry{
			{Metric: metrics.LateShipmentRate, Op: health.LessEqual, Fail: 0.03, Warn: 0.024, WindowDays: []int{90}, Source: "eBay Top Rated late shipment rate (secondary)", Checked: checked},
			{Metric: metrics.PrefulfillmentCancelRate, Op: health.LessEqual, Fail: 0.02, Warn: 0.016, WindowDays: []int{90}, Source: "eBay transaction defect rate, Above Standard (AU/UK help 4080)", Checked: checked},
			{Metric: metrics.ValidTrackingRate, Op: health.GreaterEqual, Fail: 0.95, Warn: 0.97, WindowDays: []int{90}, Source: "eBay tracking uploaded and validated (secondary)", Checked: checked},
		}},
	{Name: "walmart", Platform: "walmart", Description: "Walmart Marketplace performance standards (platforms.md)",
		Entries: []Entry{
			{Metric: metrics.PrefulfillmentCancelRate, Op: health.LessEqual, Fail: 0.02, Warn: 0.016, WindowDays: []int{30}, Source: "Walmart Marketplace cancellation rate", Checked: checked},
			{Metric: metrics.OnTimeDeliveryRate, Op: health.GreaterEqual, Fail: 0.90, Warn: 0.92, WindowDays: []int{30}, Source: "Walmart Marketplace on-time delivery", Checked: checked},
			{Metric: metrics.ValidTrackingRate, Op: health.GreaterEqual, Fail: 0.99, Warn: 0.99, WindowDays: []int{30}, Source: "Walmart Marketplace valid tracking rate", Checked: checked},
		}},
	{Name: "etsy", Platform: "etsy", Description: "Etsy Star Seller: 95 % shipped on time with tracking (previous 3 months)",
		Entries: []Entry{
			{Metric: metrics.LateShipmentRate, Op: health.LessEqual, Fail: 0.05, Warn: 0.04, WindowDays: []int{90}, Source: "Etsy Star Seller (platforms.md)", Checked: checked},
			{Metric: metrics.ValidTrackingRate, Op: health.GreaterEqual, Fail: 0.95, Warn: 0.97, WindowDays: []int{90}, Source: "Etsy Star Seller (platforms.md)", Checked: checked},
		}},
	{Name: "kaufland", Platform: "kaufland", Description: "Kaufland: seller cancellations below 1 % a month",
		Entries: []Entry{
			{Metric: metrics.PrefulfillmentCancelRate, Op: health.Less, Fail: 0.01, Warn: 0.008, WindowDays: []int{30}, Source: "Kaufland seller standards (platforms.md)", Checked: checked},
			// Kaufland's own figures from the Seller API's order units
			// (docs/metrics.md, "Kaufland cancellations and late
			// shipments"): a calendar month and an ISO week, whose longest
			// length is the window's days.
			{Metric: metrics.KauflandCancellationRate, Op: health.Less, Fail: 0.01, Warn: 0.008, WindowDays: []int{31},
				Source: "https://www.kauflandglobalmarketplace.com/en/seller-university/selling/order-management/ (under 1 % a month; fees from 1 %); Seller Guidelines §12 https://www.kaufland.de/haendler-infobereich/en/how-it-works/seller-guidelines/", Checked: "2026-12-07"},
			advisory(Entry{Metric: metrics.KauflandLateShipmentRate, Op: health.Less, Fail: 0.04, Warn: 0.032, WindowDays: []int{7},
				Source: "policy: Kaufland publishes no late shipment target; Amazon's 4 % (help 200285190) as advice", Checked: "2026-12-07"}),
		}},
	{Name: "zalando", Platform: "zalando", Description: "Zalando partner program, rolling 7 days",
		Entries: []Entry{
			{Metric: metrics.PrefulfillmentCancelRate, Op: health.LessEqual, Fail: 0.01, Warn: 0.008, WindowDays: []int{7}, Source: "Zalando partner standards (platforms.md)", Checked: checked},
			{Metric: metrics.OnTimeDeliveryRate, Op: health.GreaterEqual, Fail: 0.95, Warn: 0.97, WindowDays: []int{7}, Source: "Zalando partner standards (platforms.md)", Checked: checked},
		}},
}

// ByName finds a built-in profile.
func ByName(name string) (Profile, error) {
	for _, p := range Builtin {
		if p.Name == strings.ToLower(strings.TrimSpace(name)) {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("unknown profile %q (known: %s)", name, strings.Join(Names(), ", "))
}

// ForStore is the Amazon profile a store follows ("" is judged as the US).
func ForStore(store string) Profile {
	if store == "" {
		store = "US"
	}
	for _, p := range Builtin {
		for _, s := range p.Stores {
			if s == store {
				return p
			}
		}
	}
	p, _ := ByName("amazon-other")
	return p
}

// ForPlatform is the profile that judges a platform's entries: Amazon's
// store's for "amazon" (or ""), else the platform's own (the profile named
// as the platform). An unknown platform has none (false).
func ForPlatform(platform, store string) (Profile, bool) {
	if platform == "" || platform == "amazon" {
		return ForStore(store), true
	}
	for _, p := range Builtin {
		if p.Name == platform {
			return p, true
		}
	}
	return Profile{}, false
}

// Names lists the built-in profile names, sorted.
func Names() []string {
	out := make([]string, len(Builtin))
	for i, p := range Builtin {
		out[i] = p.Name
	}
	sort.Strings(out)
	return out
}
