package input

import (
	"os"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// Two downloads joined with cat hold the second one's header row inside the
// file. A later line equal to the header, after the normalisation header
// cells get (case, '-', '_' and spaces, quotes, a byte-order mark), is
// skipped: the file reads as the two downloads would, rows counted without
// the repeated header, every line placed where it is in the joined file.

// Amazon's flat files: the All Orders report (read on several goroutines),
// each download with its byte-order mark and CRLF, and the real 2018
// export joined to itself.
func TestCatJoinedOrders(t *testing.T) {
	head := "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel"
	a := "\ufeff" + strings.ReplaceAll(tsv(head,
		"111-0000000-0000001\t2026-09-07T10:00:00+00:00\tAmazon\tAmazon.com",
		"111-0000000-0000002\t2026-09-08T10:00:00+00:00\tMerchant\tAmazon.com"), "\n", "\r\n")
	b := "\ufeff" + strings.ReplaceAll(tsv(head,
		"111-0000000-0000002\t2026-09-08T10:00:00+00:00\tMerchant\tAmazon.com",
		"111-0000000-0000003\t2026-09-09T10:00:00+00:00\tMerchant\tAmazon.com"), "\n", "\r\n")
	dir := t.TempDir()
	p := writeFile(t, dir, "all.txt", a+b)
	for _, bg := range []bool{true, false} {
		backgroundOrders = bg
		l := mustLoad(t, Options{}, p)
		checkOrders(t, l, []order{
			{"111-0000000-0000001", "2026-09-07", afn, "", "Amazon.com", false, p, 2},
			{"111-0000000-0000002", "2026-09-08", records.ChannelMerchant, "", "Amazon.com", false, p, 3},
			{"111-0000000-0000003", "2026-09-09", records.ChannelMerchant, "", "Amazon.com", false, p, 6},
		})
		checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 4}})
		checkWarnings(t, l)
	}
	backgroundOrders = true

	// The header written otherwise in the second download (case, '_' for
	// '-', spaces, quotes) is the same header; a bad value after it is
	// placed at its line of the joined file.
	other := tsv(`AMAZON_ORDER_ID`+"\t"+`"Purchase Date"`+"\t Fulfillment-Channel \tsales channel",
		"111-0000000-0000004\t2026-09-31\tAmazon\tAmazon.com")
	q := writeFile(t, dir, "other.txt", strings.ReplaceAll(a, "\r\n", "\n")+other)
	err := loadErr(t, Options{}, q)
	inputErr(t, err, q, 5, 2, "purchase-date")

	// The real 2018 export twice: its byte-order mark swallowed the first
	// letter of its header ("mazon-order-id"), both times alike.
	raw, err := os.ReadFile(sample("all-orders-2018-29-columns.txt"))
	if err != nil {
		t.Fatal(err)
	}
	twice := writeFile(t, dir, "2018 twice.txt", string(raw)+string(raw))
	l := mustLoad(t, Options{}, twice)
	if n := l.Data.Orders.Len(); n != 5 {
		t.Errorf("%d orders, want the 5 of the export", n)
	}
	checkInputs(t, l, []records.InputFile{{File: twice, Kind: "orders", Rows: 10}})
	checkWarnings(t, l)
}

// The Feedback report and the returns report, read row by row (Next).
func TestCatJoinedFlatFiles(t *testing.T) {
	dir := t.TempDir()
	fb := tsv(fbEnglish, "13/1/26\t1\tbad\t\t111-1\tx@example.com")
	fb2 := "\ufeff" + tsv(fbEnglish, "14/1/26\t2\tlate\t\t111-2\ty@example.com")
	p := writeFile(t, dir, "Feedback.txt", fb+fb2)
	l := mustLoad(t, Options{}, p)
	checkFeedback(t, l, []feedback{{"111-1", "2026-01-13", 1, false, 2}, {"111-2", "2026-01-14", 2, false, 4}})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "feedback", Rows: 2}})
	checkWarnings(t, l)

	raw, err := os.ReadFile(sample("returns-2025-one-row-lossy.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	// The second download flags its row Y: an A-to-z claim on line 4.
	header, row, _ := strings.Cut(string(raw), "\n")
	flagged := strings.Replace(row, "\tSeller\tN\tN\t", "\tSeller\tY\tN\t", 1)
	if flagged == row {
		t.Fatal("sample changed: no A-to-Z Claim N")
	}
	r := writeFile(t, dir, "returns.tsv", string(raw)+header+"\n"+flagged)
	l = mustLoad(t, Options{}, r)
	if len(l.Data.Claims) != 1 || l.Data.Claims[0].OrderID != "113-6277818-6289068" || l.Data.Claims[0].Source.Line != 4 {
		t.Errorf("claims %+v, want one at line 4", l.Data.Claims)
	}
	checkInputs(t, l, []records.InputFile{{File: r, Kind: "returns", Rows: 2}})
}

// The canonical files: comma-separated, CSV quoting allowed, read by
// gocsv (claims, chargebacks) or line by line (shipments).
func TestCatJoinedCanonical(t *testing.T) {
	dir := t.TempDir()
	claims := csvLines("order-id,claim-date,claim-status",
		"111-1,2026-09-20,granted")
	claims2 := "\ufeff" + csvLines(`"Order ID","Claim Date","Claim Status"`,
		"111-2,2026-09-21,under-review")
	p := writeFile(t, dir, "claims.csv", claims+claims2)
	l := mustLoad(t, Options{}, p)
	if got := claimsOf(t, l, p); len(got) != 2 || got[0] != (claim{"111-1", "2026-09-20", records.ClaimGranted, 2}) ||
		got[1] != (claim{"111-2", "2026-09-21", records.ClaimUnderReview, 4}) {
		t.Errorf("claims %+v", got)
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "claims", Rows: 2}})
	checkWarnings(t, l)

	cb := csvLines("order-id,chargeback-date,chargeback-type", "111-1,2026-09-20,service")
	c := writeFile(t, dir, "chargebacks.csv", cb+cb+cb)
	l = mustLoad(t, Options{}, c)
	if got := chargebacksOf(t, l, c); len(got) != 3 || got[2].Line != 6 {
		t.Errorf("chargebacks %+v, want 3, the last at line 6", got)
	}
	checkInputs(t, l, []records.InputFile{{File: c, Kind: "chargebacks", Rows: 3}})

	head := "order-id,purchase-date,latest-ship-date,ship-confirm-date"
	s := writeFile(t, dir, "shipments.csv", csvLines(head, "111-1,2026-09-07,2026-09-09,2026-09-08")+
		"\r\n"+csvLines(strings.ToUpper(head), "111-2,2026-09-07,2026-09-09,"))
	l = mustLoad(t, Options{}, s)
	checkShipments(t, l, []shipment{
		{ID: "111-1", Purchase: "2026-09-07", LatestShip: "2026-09-09", Confirm: "2026-09-08", File: "shipments.csv", Line: 2},
		{ID: "111-2", Purchase: "2026-09-07", LatestShip: "2026-09-09", File: "shipments.csv", Line: 5},
	})
	checkInputs(t, l, []records.InputFile{{File: s, Kind: "shipments", Rows: 2}})

	// A header of another layout is no repeat: it is read as a row, and
	// its values are errors placed at its line.
	x := writeFile(t, dir, "mixed.csv", csvLines(head, "111-1,2026-09-07,2026-09-09,2026-09-08")+
		csvLines("order-id,latest-ship-date,purchase-date,ship-confirm-date"))
	err := loadErr(t, Options{}, x)
	inputErr(t, err, x, 3, 2, "purchase-date")
}
