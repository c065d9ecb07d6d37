package metrics

import (
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

func ebayDay(s string) *civil.Date {
	d, err := civil.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func ebayData() *records.Dataset {
	d := records.NewDataset()
	d.Kinds[kindEbayStandards], d.Kinds[kindEbayService] = true, true
	n, m := 4, 512
	rate := 0.0078
	prof := func(cycle, date, level string) records.EbayStandards {
		return records.EbayStandards{Source: records.Source{File: "p.json"}, Program: "PROGRAM_US", Cycle: cycle, EvaluationDate: ebayDay(date), Level: level,
			Metrics: []records.EbayStandardsMetric{
				{Key: "DEFECTIVE_TRANSACTION_RATE", Rate: &rate, Numerator: &n, Denominator: &m, From: ebayDay("2024-05-01"), To: ebayDay("2025-04-30")},
				{Key: "CLAIMS_SAF_RATE", Rate: &rate},
				{Key: "SOMETHING_NEW", Rate: &rate, Level: "BELOW_STANDARD"},
			}}
	}
	d.Ebay.Standards = []records.EbayStandards{
		prof("PROJECTED", "2025-06-03", "BELOW_STANDARD"),
		prof("CURRENT", "2025-04-20", "TOP_RATED"),
		prof("CURRENT", "2025-05-20", "ABOVE_STANDARD"),
		{Program: "PROGRAM_GLOBAL", Cycle: "CURRENT", EvaluationDate: ebayDay("2025-05-20"), Level: "TOP_RATED"},
	}
	d.Ebay.Service = []records.EbayService{{Type: "ITEM_NOT_RECEIVED", Cycle: "CURRENT", MarketplaceID: "EBAY_GB", EvaluationDate: ebayDay("2025-05-20"),
		Dimensions: []records.EbayDimension{{Name: "Domestic", Rating: "HIGH"}, {Name: "Mature", Rating: "VERY_HIGH"}, {Name: "Emerging", Rating: "LOW"}}}}
	return d
}

// The latest profile on or before as-of per program and cycle; CURRENT
// before PROJECTED; a later one left out with a note.
func TestEbaySellerLevel(t *testing.T) {
	d := ebayData()
	out := EbayStandardsOutcome(d, settings.Settings{AsOf: *ebayDay("2025-05-25")}, EbaySellerLevel)
	if len(out.Results) != 2 {
		t.Fatalf("results %+v", out.Results)
	}
	if r := out.Results[0]; r.Numerator != 1 || r.Denominator != 2 || r.Cycle != "current" || r.Marketplace != "US" || r.Window.Days != 365 {
		t.Errorf("US current = %+v", r)
	}
	if r := out.Results[1]; r.Numerator != 0 || r.Marketplace != "" {
		t.Errorf("global = %+v", r)
	}
	if len(out.Notes) < 2 || out.Notes[0] != "eBay seller standards profile PROGRAM_US projected evaluated 2025-06-03, after 2025-05-25, left out: p.json" {
		t.Errorf("notes %q", out.Notes)
	}
	out = EbayStandardsOutcome(d, settings.Settings{AsOf: *ebayDay("2025-06-05")}, EbaySellerLevel)
	if len(out.Results) != 3 || out.Results[1].Cycle != "projected" || out.Results[1].Numerator != 2 {
		t.Errorf("results on 2025-06-05 %+v", out.Results)
	}
}

func TestEbayRates(t *testing.T) {
	d := ebayData()
	s := settings.Settings{AsOf: *ebayDay("2025-05-25")}
	tdr := EbayStandardsOutcome(d, s, EbayTransactionDefectRate).Results
	if len(tdr) != 1 || tdr[0].Numerator != 4 || tdr[0].Denominator != 512 || tdr[0].Window.From.String() != "2024-05-01" {
		t.Errorf("tdr %+v", tdr)
	}
	cases := EbayStandardsOutcome(d, s, EbayCasesClosedRate).Results
	if len(cases) != 1 || cases[0].NotComputed != "eBay gives 0.78 % without its counts (p.json:0)" {
		t.Errorf("cases %+v", cases)
	}
	if got := EbayMarketplace("PROGRAM_DE"); got != "DE" {
		t.Errorf("PROGRAM_DE -> %q", got)
	}
}

// The worst rating of the dimensions is the entry: VERY_HIGH is 3 of 3.
func TestEbayService(t *testing.T) {
	out := EbayServiceOutcome(ebayData(), settings.Settings{AsOf: *ebayDay("2025-05-25")}, "ITEM_NOT_RECEIVED")
	if len(out.Results) != 1 || out.Results[0].Numerator != 3 || out.Results[0].Denominator != 3 || out.Results[0].Marketplace != "UK" || len(out.Notes) != 3 {
		t.Errorf("outcome %+v", out)
	}
	out = EbayServiceOutcome(ebayData(), settings.Settings{AsOf: *ebayDay("2025-05-25")}, "ITEM_NOT_AS_DESCRIBED")
	if len(out.Results) != 1 || out.Results[0].NotComputed == "" {
		t.Errorf("INAD %+v", out)
	}
}
