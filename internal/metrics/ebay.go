package metrics

import (
	"cmp"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// eBay's own figures (docs/metrics.md, "eBay seller standards"): what
// eBay's Sell Analytics API says of the seller, read from its responses
// saved as files, shown as entries judged by the builtin "ebay" profile
// against eBay's levels (pass = Top Rated, warn = Above Standard, fail =
// Below Standard). Nothing is recomputed: eBay's counts are the entry's.
//
// Each standards profile gives, per program (PROGRAM_US, _UK, _DE,
// _GLOBAL) and cycle (CURRENT, PROJECTED), the seller's level and the
// metrics it was judged on. An audit uses, per program and cycle, the
// profile evaluated latest on or before its as-of date; a later one is
// the future, left out with a note.
const (
	EbaySellerLevel            = "ebay_seller_level"
	EbayTransactionDefectRate  = "ebay_transaction_defect_rate"
	EbayCasesClosedRate        = "ebay_cases_closed_rate"
	EbayLateShipmentRate       = "ebay_late_shipment_rate"
	EbayItemNotAsDescribedRate = "ebay_inad_rating"
	EbayItemNotReceivedRate    = "ebay_inr_rating"

	kindEbayStandards = "ebay-standards"
	kindEbayService   = "ebay-service-metric"
)

// ebayLookback is the longest lookback eBay evaluates over (12 months,
// docs/metrics.md): the profile's window setting. The entries' windows are
// eBay's own lookback dates, not this.
var ebayLookback = settings.Window{Days: []int{365}}

// ebayRateKeys are the RATE metrics of a standards profile audit has an
// entry for, by metricKey. DEFECTIVE_TRANSACTION_RATE and
// SHIPPING_MISS_RATE are in eBay's samples; CLAIMS_SAF_RATE (cases closed
// without seller resolution) only in third-party code: unconfirmed. A
// metric of another key is kept and shown in a note.
var ebayRateKeys = map[string]string{
	"DEFECTIVE_TRANSACTION_RATE": EbayTransactionDefectRate,
	"CLAIMS_SAF_RATE":            EbayCasesClosedRate,
	"SHIPPING_MISS_RATE":         EbayLateShipmentRate,
}

// levels is m with its ranks named (Metric.Levels).
func levels(m Metric, names ...string) Metric { m.Levels = names; return m }

func ebayMetric(id, title, short, counts, population string, reads string, compute func(d *records.Dataset, s settings.Settings) Outcome) Metric {
	return Metric{ID: id, Title: title, Short: short, Abbrev: short, Command: "ebay", Platform: "ebay",
		Source:  "eBay Sell Analytics API, seller standards (docs/metrics.md)",
		KeyedOn: "eBay's lookback dates", Counts: counts, Population: population,
		Scale: 1, Window: ebayLookback, Reads: []string{reads}, OnlyWithInputs: true, Compute: compute}
}

var (
	ebaySellerLevelMetric = levels(ebayMetric(EbaySellerLevel, "eBay seller level", "EBAY LEVEL",
		"levels below Top Rated", "levels (0 Top Rated, 1 Above Standard, 2 Below Standard)", kindEbayStandards,
		func(d *records.Dataset, s settings.Settings) Outcome {
			return EbayStandardsOutcome(d, s, EbaySellerLevel)
		}), "Top Rated", "Above Standard", "Below Standard")
	ebayDefectMetric = ebayMetric(EbayTransactionDefectRate, "eBay transaction defect rate", "EBAY TDR",
		"defects", "transactions", kindEbayStandards,
		func(d *records.Dataset, s settings.Settings) Outcome {
			return EbayStandardsOutcome(d, s, EbayTransactionDefectRate)
		})
	ebayCasesMetric = ebayMetric(EbayCasesClosedRate, "eBay cases closed without seller resolution", "EBAY CASES",
		"cases closed without seller resolution", "transactions", kindEbayStandards,
		func(d *records.Dataset, s settings.Settings) Outcome {
			return EbayStandardsOutcome(d, s, EbayCasesClosedRate)
		})
	ebayLateMetric = ebayMetric(EbayLateShipmentRate, "eBay late shipment rate", "EBAY LSR",
		"late", "transactions", kindEbayStandards,
		func(d *records.Dataset, s settings.Settings) Outcome {
			return EbayStandardsOutcome(d, s, EbayLateShipmentRate)
		})
	ebayINADMetric = levels(ebayMetric(EbayItemNotAsDescribedRate, "eBay item not as described, rating vs peers", "EBAY INAD",
		"rating steps above Low", "steps (0 Low, 1 Average, 2 High, 3 Very High)", kindEbayService,
		func(d *records.Dataset, s settings.Settings) Outcome {
			return EbayServiceOutcome(d, s, "ITEM_NOT_AS_DESCRIBED")
		}), "Low", "Average", "High", "Very High")
	ebayINRMetric = levels(ebayMetric(EbayItemNotReceivedRate, "eBay item not received, rating vs peers", "EBAY INR",
		"rating steps above Low", "steps (0 Low, 1 Average, 2 High, 3 Very High)", kindEbayService,
		func(d *records.Dataset, s settings.Settings) Outcome {
			return EbayServiceOutcome(d, s, "ITEM_NOT_RECEIVED")
		}), "Low", "Average", "High", "Very High")
)

// ebayLevels rank eBay's standards levels: the entry's numerator, of 2.
var ebayLevels = map[string]int{"TOP_RATED": 0, "ABOVE_STANDARD": 1, "BELOW_STANDARD": 2}

// ebayRatings rank eBay's customer service ratings (RatingTypeEnum): the
// entry's numerator, of 3. NOT_APPLICABLE is no rating.
var ebayRatings = map[string]int{"LOW": 0, "AVERAGE": 1, "HIGH": 2, "VERY_HIGH": 3}

// EbayMarketplace is the store of an eBay program: PROGRAM_US "US",
// PROGRAM_UK "UK", PROGRAM_DE "DE"; PROGRAM_GLOBAL (and an unknown
// program) "".
func EbayMarketplace(program string) string {
	switch p := strings.ToUpper(strings.TrimSpace(program)); p {
	case "PROGRAM_US", "PROGRAM_UK", "PROGRAM_DE":
		return strings.TrimPrefix(p, "PROGRAM_")
	}
	return ""
}

// ebayStoreOf is the store of a marketplace id: EBAY_US "US", EBAY_GB
// "UK", EBAY_DE "DE".
func ebayStoreOf(id string) string {
	s := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(id)), "EBAY_")
	if s == "GB" {
		return "UK"
	}
	return s
}

// ebaySnapshot is one program and cycle's profile to use on as-of.
type ebaySnapshot struct {
	p     *records.EbayStandards
	later []*records.EbayStandards // dated after as-of: left out
}

// EbayProfilesOn are the standards profiles an audit on asOf uses: per
// program and cycle, the latest evaluated on or before asOf (one without
// a date counts as the oldest), in the order programs first appear and
// CURRENT before PROJECTED; and notes naming those left out as dated after
// asOf.
func EbayProfilesOn(d *records.Dataset, asOf civil.Date) ([]*records.EbayStandards, []string) {
	type key struct{ program, cycle string }
	var order []key
	snaps := map[key]*ebaySnapshot{}
	for i := range d.Ebay.Standards {
		p := &d.Ebay.Standards[i]
		k := key{strings.ToUpper(p.Program), strings.ToUpper(p.Cycle)}
		sn, ok := snaps[k]
		if !ok {
			sn = &ebaySnapshot{}
			snaps[k] = sn
			order = append(order, k)
		}
		if p.EvaluationDate != nil && *p.EvaluationDate > asOf {
			sn.later = append(sn.later, p)
			continue
		}
		if sn.p == nil || ebayDate(p) >= ebayDate(sn.p) {
			sn.p = p
		}
	}
	ebayOrder(order, func(k key) string { return k.program }, func(k key) string { return k.cycle })
	var out []*records.EbayStandards
	var notes []string
	for _, k := range order {
		sn := snaps[k]
		if sn.p != nil {
			out = append(out, sn.p)
		}
		for _, l := range sn.later {
			notes = append(notes, fmt.Sprintf("eBay seller standards profile %s %s evaluated %s, after %s, left out: %s",
				k.program, strings.ToLower(k.cycle), l.EvaluationDate, asOf, l.Source.File))
		}
	}
	return out, notes
}

func ebayDate(p *records.EbayStandards) civil.Date {
	if p.EvaluationDate == nil {
		return 0
	}
	return *p.EvaluationDate
}

// EbayStandardsOutcome is the entries of metric id (the seller level or
// one of ebayRateKeys) on s.AsOf, one per program and cycle. A rate is
// eBay's numerator over its denominator; a rate eBay gives without them
// is not computed (an entry is counts, and a percent does not tell them),
// with eBay's figure in the reason. Notes give the profiles left out as
// later than as-of and, with the seller level, each metric of a profile
// no entry shows (its key unknown to audit, or a NUMBER metric below Top
// Rated), so none is dropped unseen.
func EbayStandardsOutcome(d *records.Dataset, s settings.Settings, id string) Outcome {
	if !d.Has(kindEbayStandards) {
		return Outcome{Results: []Result{Missing(id, "needs eBay's seller standards profile (Sell Analytics API JSON)")}}
	}
	profiles, notes := EbayProfilesOn(d, s.AsOf)
	var out Outcome
	if id == EbaySellerLevel {
		out.Notes = notes
	}
	for _, p := range profiles {
		base := Result{ID: id, Platform: "ebay", Marketplace: EbayMarketplace(p.Program), Cycle: strings.ToLower(p.Cycle)}
		if id == EbaySellerLevel {
			r := base
			r.Window = ebayProfileWindow(p)
			if r.Window.Days == 0 && p.EvaluationDate != nil { // no metric with a lookback: the day of the evaluation
				r.Window = Window{From: *p.EvaluationDate, To: *p.EvaluationDate, Days: 1}
			}
			rank, ok := ebayLevels[strings.ToUpper(p.Level)]
			if !ok {
				r.NotComputed = fmt.Sprintf("eBay's standardsLevel %q is none of TOP_RATED, ABOVE_STANDARD, BELOW_STANDARD (%s:%d)", p.Level, p.Source.File, p.Source.Line)
			}
			r.Numerator, r.Denominator = rank, 2
			out.Results = append(out.Results, r)
			out.Notes = append(out.Notes, ebayUnshown(p)...)
			continue
		}
		for _, m := range p.Metrics {
			if ebayRateKeys[strings.ToUpper(m.Key)] != id {
				continue
			}
			r := base
			r.Window = ebayWindow(m.From, m.To)
			switch {
			case m.Numerator != nil && m.Denominator != nil:
				r.Numerator, r.Denominator = *m.Numerator, *m.Denominator
			case m.Rate != nil:
				r.NotComputed = fmt.Sprintf("eBay gives %s without its counts (%s:%d)", ebayPercentText(*m.Rate), p.Source.File, m.Line)
			default:
				r.NotComputed = fmt.Sprintf("eBay gives no rate for %s (%s:%d)", m.Key, p.Source.File, m.Line)
			}
			out.Results = append(out.Results, r)
		}
	}
	if len(out.Results) == 0 {
		why := "no eBay seller standards profile evaluated on or before " + s.AsOf.String()
		if len(profiles) > 0 {
			why = "eBay's seller standards profiles give no " + ebayKeyOf(id) + " metric"
		}
		out.Results = []Result{Missing(id, why)}
	}
	return out
}

// ebayUnshown are notes on the metrics of a profile no entry shows: a key
// audit does not know (any type), or a known NUMBER metric (days on site,
// transactions, sales) whose level is not Top Rated.
func ebayUnshown(p *records.EbayStandards) []string {
	var notes []string
	for _, m := range p.Metrics {
		key := strings.ToUpper(m.Key)
		if _, ok := ebayRateKeys[key]; ok {
			continue
		}
		known := key == "MIN_DAYS_ON_SITE" || key == "MIN_TXN_COUNT" || key == "MIN_GMV"
		if known && strings.EqualFold(m.Level, "TOP_RATED") {
			continue
		}
		value := "no value"
		switch {
		case m.Rate != nil && m.Numerator != nil && m.Denominator != nil:
			value = fmt.Sprintf("%s (%d of %d)", ebayPercentText(*m.Rate), *m.Numerator, *m.Denominator)
		case m.Rate != nil:
			value = ebayPercentText(*m.Rate)
		case m.Number != nil:
			value = fmt.Sprint(*m.Number)
		}
		name := m.Key
		if m.Name != "" {
			name = m.Name + " (" + m.Key + ")"
		}
		notes = append(notes, fmt.Sprintf("eBay %s %s: %s %s, level %s, not judged by audit (%s:%d)",
			p.Program, strings.ToLower(p.Cycle), name, value, cmp.Or(m.Level, "not given"), p.Source.File, m.Line))
	}
	return notes
}

// ebayOrder sorts keys by their group (program or marketplace) in the
// order groups first appear, CURRENT before the other cycles, else in
// their order.
func ebayOrder[K any](keys []K, group, cycle func(K) string) {
	first := map[string]int{}
	for i, k := range keys {
		if _, ok := first[group(k)]; !ok {
			first[group(k)] = i
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		gi, gj := first[group(keys[i])], first[group(keys[j])]
		if gi != gj {
			return gi < gj
		}
		return cycle(keys[i]) == "CURRENT" && cycle(keys[j]) != "CURRENT"
	})
}

// ebayPercentText writes a fraction as eBay's percent: 0.0078 "0.78 %".
func ebayPercentText(f float64) string {
	return fmt.Sprintf("%.2f %%", math.Round(f*1e6)/1e4)
}

// ebayWindow is the lookback from..to, both ends counted; zero when an end
// is missing or the range is reversed.
func ebayWindow(from, to *civil.Date) Window {
	if from == nil || to == nil || *to < *from {
		return Window{}
	}
	return Window{From: *from, To: *to, Days: int(*to-*from) + 1}
}

// ebayProfileWindow is the seller level's window: the lookback of the
// profile's transaction defect rate, else of its first metric with one.
func ebayProfileWindow(p *records.EbayStandards) Window {
	var first Window
	for _, m := range p.Metrics {
		w := ebayWindow(m.From, m.To)
		if w.Days == 0 {
			continue
		}
		if strings.EqualFold(m.Key, "DEFECTIVE_TRANSACTION_RATE") {
			return w
		}
		if first.Days == 0 {
			first = w
		}
	}
	return first
}

// EbayServiceOutcome is the entries of a customer service metric type
// (ITEM_NOT_AS_DESCRIBED, ITEM_NOT_RECEIVED) on s.AsOf: per marketplace
// and cycle, the response evaluated latest on or before as-of, judged by
// its worst rating among its dimensions (regions or categories), ranked
// LOW 0, AVERAGE 1, HIGH 2, VERY_HIGH 3 of 3. Notes give each dimension's
// rating, rate and peers' average.
func EbayServiceOutcome(d *records.Dataset, s settings.Settings, typ string) Outcome {
	id := EbayItemNotAsDescribedRate
	if typ == "ITEM_NOT_RECEIVED" {
		id = EbayItemNotReceivedRate
	}
	if !d.Has(kindEbayService) {
		return Outcome{Results: []Result{Missing(id, "needs eBay's customer service metric (Sell Analytics API JSON)")}}
	}
	type key struct{ market, cycle string }
	var order []key
	chosen := map[key]*records.EbayService{}
	var out Outcome
	for i := range d.Ebay.Service {
		sv := &d.Ebay.Service[i]
		if sv.Type != typ {
			continue
		}
		k := key{strings.ToUpper(sv.MarketplaceID), strings.ToUpper(sv.Cycle)}
		if _, ok := chosen[k]; !ok {
			order = append(order, k)
			chosen[k] = nil
		}
		if sv.EvaluationDate != nil && *sv.EvaluationDate > s.AsOf {
			out.Notes = append(out.Notes, fmt.Sprintf("eBay customer service metric %s %s %s evaluated %s, after %s, left out: %s",
				typ, k.market, strings.ToLower(k.cycle), sv.EvaluationDate, s.AsOf, sv.Source.File))
			continue
		}
		if c := chosen[k]; c == nil || ebayServiceDate(sv) >= ebayServiceDate(c) {
			chosen[k] = sv
		}
	}
	ebayOrder(order, func(k key) string { return k.market }, func(k key) string { return k.cycle })
	for _, k := range order {
		sv := chosen[k]
		if sv == nil {
			continue
		}
		r := Result{ID: id, Platform: "ebay", Marketplace: ebayStoreOf(sv.MarketplaceID), Cycle: strings.ToLower(sv.Cycle),
			Window: ebayWindow(sv.From, sv.To), Denominator: 3, Numerator: -1}
		for _, dm := range sv.Dimensions {
			if rank, ok := ebayRatings[strings.ReplaceAll(dm.Rating, " ", "_")]; ok && rank > r.Numerator {
				r.Numerator = rank
			}
			out.Notes = append(out.Notes, ebayDimensionNote(sv, dm))
		}
		if r.Numerator < 0 {
			r.Numerator, r.NotComputed = 0, fmt.Sprintf("eBay gives no rating in %s (NOT_APPLICABLE: too few transactions or peers)", sv.Source.File)
		}
		out.Results = append(out.Results, r)
	}
	if len(out.Results) == 0 {
		out.Results = []Result{Missing(id, "no eBay "+strings.ToLower(strings.ReplaceAll(typ, "_", " "))+" metric evaluated on or before "+s.AsOf.String())}
	}
	return out
}

func ebayServiceDate(sv *records.EbayService) civil.Date {
	if sv.EvaluationDate == nil {
		return 0
	}
	return *sv.EvaluationDate
}

// ebayDimensionNote says one dimension's figures: "eBay ITEM_NOT_RECEIVED
// EBAY_US current, Domestic: rating LOW, 0.61 % (3 of 488), peers 0.54 %".
func ebayDimensionNote(sv *records.EbayService, dm records.EbayDimension) string {
	s := fmt.Sprintf("eBay %s %s %s, %s: rating %s", sv.Type, sv.MarketplaceID, strings.ToLower(sv.Cycle), cmp.Or(dm.Name, dm.Value), cmp.Or(dm.Rating, "not given"))
	if dm.Adjustment != "" {
		s += " (adjusted: " + dm.Adjustment + ")"
	}
	if dm.Rate != nil {
		s += ", " + ebayPercentText(*dm.Rate)
		if dm.Count != nil && dm.Transactions != nil {
			s += fmt.Sprintf(" (%d of %d)", *dm.Count, *dm.Transactions)
		}
	}
	if dm.PeerAverage != nil {
		s += ", peers " + ebayPercentText(*dm.PeerAverage)
	}
	return s
}

// ebayKeyOf is the metricKey of an entry of ebayRateKeys.
func ebayKeyOf(id string) string {
	for k, v := range ebayRateKeys {
		if v == id {
			return k
		}
	}
	return id
}
