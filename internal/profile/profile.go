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
	"github.com/sellerhealth/audit/internal/settings"
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
	// Response is the platform's rule for the first response to a buyer
	// message (its deadline, how it is counted, the measuring period);
	// nil where the platform publishes none.
	Response *settings.ResponseRule `json:"response,omitempty"`
	// ResponseSource is where the platform publishes it.
	ResponseSource string `json:"response_source,omitempty"`
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

// allegroChecked is when the allegro profile's sources were read.
const allegroChecked = "2026-12-07"

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

// The platforms' response rules (docs/metrics.md, "Customer service
// across marketplaces").
var (
	amazonResponse       = settings.AmazonResponse
	amazonResponseSource = "Amazon help 200549770: 24 hours, weekends and holidays included, over 7, 30 and 90 days"
	// Kaufland: "You must answer these tickets within 48 hours (working
	// days)", measured per calendar week; weekends and the sales
	// channel's public holidays do not count. The seller's days off are
	// left out too (unconfirmed: service.kaufland.seller_days_off).
	kauflandResponse = settings.ResponseRule{DeadlineHours: 48, WorkingDays: true, SellerDaysOff: true, Period: settings.PeriodWeek, CountsThreads: true}
	// Allegro: a reply to a buyer's message within 24 hours, weekends and
	// public holidays excluded (platforms.md); Allegro publishes no share
	// of replies that must meet it.
	allegroResponse        = settings.ResponseRule{DeadlineHours: 24, WorkingDays: true, SellerDaysOff: true, Period: settings.PeriodDays}
	allegroResponseSource  = "Allegro: reply to buyers within 24 h, weekends and holidays excluded (platforms.md)"
	kauflandResponseSource = "Kaufland Seller University, customer enquiries (https://www.kauflandglobalmarketplace.com/en/seller-university/selling/customer-enquiries/): 48 hours, working days"
)

// ebayOwn is an entry of the ebay profile for eBay's own figures: at most
// fail, warning from warn; checked 2026-12-07.
func ebayOwn(id string, fail, warn float64, source string) Entry {
	return Entry{Metric: id, Op: health.LessEqual, Fail: fail, Warn: warn, WindowDays: []int{365}, Source: source, Checked: "2026-12-07"}
}

// warnBelow is e warning below its warn line, not at it.
func warnBelow(e Entry) Entry { e.WarnBelow = true; return e }

// Builtin are the profiles the tool ships, by name.
var Builtin = []Profile{
	{Name: "amazon-us", Platform: "amazon", Description: "Amazon.com: on-time delivery enforced at 90 %", Stores: []string{"US"},
		Response: &amazonResponse, ResponseSource: amazonResponseSource,
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDRUS, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-ca", Platform: "amazon", Description: "Amazon.ca: Amazon's targets; on-time delivery advisory", Stores: []string{"CA"},
		Response: &amazonResponse, ResponseSource: amazonResponseSource,
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDROther, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-uk", Platform: "amazon", Description: "Amazon.co.uk: on-time delivery advisory (97 %), invoice defects enforced", Stores: []string{"UK"},
		Response: &amazonResponse, ResponseSource: amazonResponseSource,
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDREU, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-eu", Platform: "amazon", Description: "Amazon's EU stores: on-time delivery advisory (97 %), invoice defects enforced (DE, FR, IT, ES)",
		Stores:   []string{"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE"},
		Response: &amazonResponse, ResponseSource: amazonResponseSource,
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDREU, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-jp", Platform: "amazon", Description: "Amazon.co.jp: Amazon's targets; on-time delivery advisory", Stores: []string{"JP"},
		Response: &amazonResponse, ResponseSource: amazonResponseSource,
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDROther, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "amazon-other", Platform: "amazon", Description: "Other Amazon stores (MX, BR, AU, IN, ...): Amazon's published targets, on-time delivery advisory",
		Response: &amazonResponse, ResponseSource: amazonResponseSource,
		Entries: []Entry{amazonODR, amazonLSR, amazonPFCR, amazonVTR, amazonOTDROther, amazonIDR, amazonCRR, amazonRDR, amazonCSR, amazonCSDR}},
	{Name: "ebay", Platform: "ebay", Description: "eBay seller standards, Above Standard where published (platforms.md)",
		Entries: []Entry{
			{Metric: metrics.LateShipmentRate, Op: health.LessEqual, Fail: 0.03, Warn: 0.024, WindowDays: []int{90}, Source: "eBay Top Rated late shipment rate (secondary)", Checked: checked},
			{Metric: metrics.PrefulfillmentCancelRate, Op: health.LessEqual, Fail: 0.02, Warn: 0.016, WindowDays: []int{90}, Source: "eBay transaction defect rate, Above Standard (AU/UK help 4080)", Checked: checked},
			{Metric: metrics.ValidTrackingRate, Op: health.GreaterEqual, Fail: 0.95, Warn: 0.97, WindowDays: []int{90}, Source: "eBay tracking uploaded and validated (secondary)", Checked: checked},
			// eBay's own figures (metrics/ebay.go, metrics.md "eBay seller
			// standards"): fail = Below Standard, warn = below Top Rated.
			ebayOwn(metrics.EbaySellerLevel, 0.75, 0.5, "eBay's standardsLevel: Above Standard warns, Below Standard fails (https://developer.ebay.com/api-docs/sell/analytics/types/ssp:StandardsLevelEnum)"),
			ebayOwn(metrics.EbayTransactionDefectRate, 0.02, 0.005, "eBay seller performance policy: over 2 % Below Standard, Top Rated at most 0.5 % (https://sellercentre.ebay.com.au/how-we-measure-seller-standards, https://sellglobal.ebay.in/seller-center/becoming-top-rated-seller/)"),
			ebayOwn(metrics.EbayCasesClosedRate, 0.003, 0.003, "eBay US: Top Rated at most 0.3 % (https://sellglobal.ebay.in/seller-center/becoming-top-rated-seller/); the same 0.3 % as Below Standard line is unconfirmed"),
			ebayOwn(metrics.EbayLateShipmentRate, 0.07, 0.03, "eBay: Top Rated at most 3 % (https://sellglobal.ebay.in/seller-center/becoming-top-rated-seller/); Above Standard at most 7 % in the global program, per program unconfirmed (https://www.ebay.com.au/help/policies/selling-policies/global-seller-performance-policy?id=4351)"),
			ebayOwn(metrics.EbayItemNotAsDescribedRate, 0.7, 0.6, "eBay service metrics: High warns, Very High fails, sellers rated Very High may face restrictions (https://www.ebay.com/help/selling/selling/monitor-service-metrics?id=4785)"),
			ebayOwn(metrics.EbayItemNotReceivedRate, 0.7, 0.6, "eBay service metrics: High warns, Very High fails, sellers rated Very High may face restrictions (https://www.ebay.com/help/selling/selling/monitor-service-metrics?id=4785)"),
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
	{Name: "kaufland", Platform: "kaufland", Description: "Kaufland: seller cancellations below 1 % a month, every ticket answered within 48 working hours",
		Response: &kauflandResponse, ResponseSource: kauflandResponseSource,
		Entries: []Entry{
			{Metric: metrics.ContactResponseRate, Op: health.GreaterEqual, Fail: 1, Warn: 1, WarnBelow: true, WindowDays: []int{7},
				Source: kauflandResponseSource + " (every ticket of the calendar week)", Checked: "2026-12-07"},
			advisory(Entry{Metric: metrics.ThreadsWithinLimit, Op: health.GreaterEqual, Fail: 1, Warn: 1, WarnBelow: true, WindowDays: []int{30},
				Source: "Kaufland counts the messages of a ticket and may block a seller over a limit it does not disclose (service.thread_limit; policy)", Checked: "2026-12-07"}),
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
	{Name: "allegro", Platform: "allegro", Description: "Allegro: the daily sales quality and the Super Sprzedawca criteria (unconfirmed: docs/metrics.md)",
		Response: &allegroResponse, ResponseSource: allegroResponseSource,
		Entries: []Entry{
			advisory(Entry{Metric: metrics.ContactResponseRate, Op: health.GreaterEqual, Fail: 0.90, Warn: 0.92, WindowDays: []int{7, 30, 90},
				Source: allegroResponseSource + " (the 90 % line is policy: Allegro publishes none)", Checked: allegroChecked}),
			{Metric: metrics.AllegroSalesQuality, Op: health.GreaterEqual, Fail: 0.28, Warn: 0.30, Advisory: true, WindowDays: []int{30},
				Source: "https://developer.allegro.pl/swagger.yaml GET /sale/quality (advisory: no point line is published; the spec's example day, 140 of 500, is graded GOOD)", Checked: allegroChecked},
			{Metric: metrics.AllegroSuperSellerDays, Op: health.GreaterEqual, Fail: 14.0 / 30, Warn: 16.0 / 30, WindowDays: []int{30},
				Source: "https://help.allegro.com/sell/pl/d/program-super-sprzedawca (at least 14 of the last 30 days at Super or Super+; unconfirmed)", Checked: allegroChecked},
			{Metric: metrics.AllegroDaysGoodOrAbove, Op: health.GreaterEqual, Fail: 1, Warn: 1, WarnBelow: true, WindowDays: []int{30},
				Source: "https://help.allegro.com/sell/pl/d/program-super-sprzedawca (never below Dobry in the last 30 days; unconfirmed)", Checked: allegroChecked},
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
