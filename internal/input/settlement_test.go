package input

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// The settlement reports of testdata/settlement are written for these
// tests in the layouts of Amazon's documentation (the SP-API report type
// page lists the V2 columns) and of public parsers of real files: a header
// row, the settlement's summary as the first row, then one row per amount.
func settlementSample(name string) string { return filepath.Join("testdata", "settlement", name) }

// settlementHeader is the V2 header, as Amazon's documentation and real
// files write it.
const settlementHeader = "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\t" +
	"transaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\t" +
	"amount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\t" +
	"merchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id"

// settlementRow is a V2 row: its transaction type, order id, posted date
// and time, in Amazon.com; the other columns empty or plausible.
func settlementRow(typ, order, date, stamp string) string {
	return "24817360912\t\t\t\t\t\t" + typ + "\t" + order + "\t" + order + "\t\t\tAmazon.com\tItemPrice\tPrincipal\t-9.99\tMFN\t" +
		date + "\t" + stamp + "\t\t\t\tSKU-1\t1\t"
}

// settlementSummary is the summary row that follows the header.
const settlementSummary = "24817360912\t2026-10-22 06:33:36 UTC\t2026-11-05 06:33:36 UTC\t2026-11-07 06:33:36 UTC\t1043.17\tUSD"

// A US V2 settlement: the summary row is skipped; the A-to-z refund's four
// amount rows are one granted claim, the chargeback's two rows one
// chargeback of unknown type, each dated by its posted-date-time; Order,
// Refund, ServiceFee and other-transaction rows give no record, only the
// days the file covers (per store; rows without a marketplace have none).
func TestSettlementV2US(t *testing.T) {
	p := settlementSample("settlement-v2-us.txt")
	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	tb.Close()
	if tb.Spec.Kind != "settlement" || tb.Delim != '\t' || len(tb.Header) != 24 || tb.Spec.Quoted {
		t.Fatalf("kind %s, delim %q, %d header cells, quoted %v", tb.Spec.Kind, tb.Delim, len(tb.Header), tb.Spec.Quoted)
	}
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "settlement", Rows: 13}})
	checkWarnings(t, l)
	if got, want := claimsOf(t, l, p), []claim{
		{"111-7730569-0291445", "2026-10-28", records.ClaimGranted, 7},
		{"113-8805142-7713068", "2026-11-02", records.ClaimGranted, 10},
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("claims\n got: %+v\nwant: %+v", got, want)
	}
	if got, want := chargebacksOf(t, l, p), []chargeback{{"114-2913377-4208260", "2026-10-30", records.ChargebackUnknown, 8}}; !reflect.DeepEqual(got, want) {
		t.Errorf("chargebacks\n got: %+v\nwant: %+v", got, want)
	}
	wantSpans := []records.Span{span(records.Dated, "", "2026-10-25", "2026-11-05", 2), span(records.Dated, "US", "2026-10-23", "2026-11-02", 10)}
	if got := l.Inputs[0].Spans; !reflect.DeepEqual(got, wantSpans) {
		t.Errorf("spans %+v, want %+v", got, wantSpans)
	}
	if l.Data.Orders.Len() != 0 || len(l.Data.Feedback) != 0 || !l.Data.Has("settlement") {
		t.Errorf("%d orders, %d feedback, kinds %v", l.Data.Orders.Len(), len(l.Data.Feedback), l.Data.Kinds)
	}
}

// A German V2 settlement: dates and times day first with dots
// ("31.10.2026 23:51:02 UTC"), amounts with a decimal comma (not read),
// CRLF line ends.
func TestSettlementV2DE(t *testing.T) {
	p := settlementSample("settlement-v2-de.txt")
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "settlement", Rows: 4}})
	checkWarnings(t, l)
	if got, want := claimsOf(t, l, p), []claim{{"305-1189042-6651870", "2026-10-31", records.ClaimGranted, 4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("claims %+v, want %+v", got, want)
	}
	if got, want := chargebacksOf(t, l, p), []chargeback{{"306-7731190-2048853", "2026-11-04", records.ChargebackUnknown, 5}}; !reflect.DeepEqual(got, want) {
		t.Errorf("chargebacks %+v, want %+v", got, want)
	}
	if got, want := l.Inputs[0].Spans, []records.Span{span(records.Dated, "DE", "2026-10-24", "2026-11-04", 3)}; !reflect.DeepEqual(got, want) {
		t.Errorf("spans %+v, want %+v", got, want)
	}
}

// The older flat file (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE): a column
// per kind of money, no posted-date-time, posted-date an ISO time with its
// offset. Its transaction types are the same.
func TestSettlementV1(t *testing.T) {
	p := settlementSample("settlement-v1-us.txt")
	tb, err := openTable(p)
	if err != nil {
		t.Fatal(err)
	}
	tb.Close()
	if tb.Spec.Kind != "settlement" || len(tb.Header) != 36 || tb.Has("posted-date-time") || !tb.Has("price-type") {
		t.Fatalf("kind %s, %d header cells, columns %v", tb.Spec.Kind, len(tb.Header), tb.Cols)
	}
	l := mustLoad(t, Options{}, p)
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "settlement", Rows: 4}})
	checkWarnings(t, l)
	if got, want := claimsOf(t, l, p), []claim{{"113-2290417-0583361", "2026-10-15", records.ClaimGranted, 4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("claims %+v, want %+v", got, want)
	}
	if got, want := chargebacksOf(t, l, p), []chargeback{{"112-0068243-9917025", "2026-10-20", records.ChargebackUnknown, 5}}; !reflect.DeepEqual(got, want) {
		t.Errorf("chargebacks %+v, want %+v", got, want)
	}
}

// The settlement report's anchor (settlement-id and transaction-type)
// holds for no other kind's files, and no other kind's anchor holds for a
// settlement report: added last to specs, it changes no earlier kind's
// detection. The Payments reports that share columns with it stay what
// they are.
func TestSettlementDetection(t *testing.T) {
	var others []*Spec
	for _, s := range Specs() {
		if s.Kind != "settlement" {
			others = append(others, s)
		}
	}
	for _, name := range []string{"settlement-v2-us.txt", "settlement-v2-de.txt", "settlement-v1-us.txt"} {
		tb, err := openTable(settlementSample(name))
		if err != nil {
			t.Fatal(err)
		}
		tb.Close()
		if s, _, _ := detectIn(others, tb.Header, nil); s != nil {
			t.Errorf("%s: the header is also a %s", name, s.Kind)
		}
	}
	// Every real sample keeps its kind, and none has the anchor.
	entries, err := os.ReadDir(samples)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(sample(e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(string(raw), "\ufeff"), "\n")
		cells := splitHeader(strings.TrimRight(first, "\r"), headerDelim([]byte(first)))
		norm := make([]string, len(cells))
		for i, c := range cells {
			norm[i] = Normalize(c)
		}
		cols, _ := resolve(settlementSpec.Columns, norm, nil)
		if settlementSpec.Anchor(cols) {
			t.Errorf("%s: the settlement anchor holds", e.Name())
		}
	}
	// The Payments date range report names "settlement id", "type" and
	// "order id": not a settlement report.
	dateRange := []string{"date/time", "settlement id", "type", "order id", "sku", "description", "quantity", "marketplace",
		"fulfillment", "order city", "order state", "order postal", "tax collection model", "product sales", "selling fees", "fba fees", "other", "total"}
	if s, _, _ := detect(dateRange); s != nil && s.Kind == "settlement" {
		t.Errorf("the Payments date range report is taken for a settlement report")
	}
	// A header of a settlement report without its posted-date only
	// resembles one.
	p := writeFile(t, t.TempDir(), "settlement.txt", tsv("settlement-id\ttransaction-type\torder-id\tamount", "1\tOrder\t111-1\t2"))
	wantErr(t, loadErr(t, Options{}, p), p+`: looks like a settlement report but lacks column(s) "posted-date"`, new(*MissingColumnsError))
}

// The transaction types read, in any case, with spaces, hyphens or
// underscores: Amazon writes "A-to-z Guarantee Refund" and "Chargeback
// Refund"; the Payments date range report names the claim "A-to-z
// Guarantee Claim". Every other type is evidence of neither.
func TestSettlementTransactionTypes(t *testing.T) {
	for v, want := range map[string]settlementEvent{
		"A-to-z Guarantee Refund":       settledClaim,
		"A-to-Z Guarantee Refund":       settledClaim,
		"a-to-z guarantee refund":       settledClaim,
		"A-to-z Guarantee Claim":        settledClaim,
		"A-to-z Guarantee Refund Claim": settledClaim,
		"A_TO_Z_GUARANTEE_REFUND":       settledClaim,
		"AtoZGuaranteeRefund":           settledClaim,
		"Chargeback Refund":             settledChargeback,
		"chargeback refund":             settledChargeback,
		"CHARGEBACK_REFUND":             settledChargeback,
		"Order":                         settledNothing,
		"Refund":                        settledNothing,
		"Adjustment":                    settledNothing,
		"other-transaction":             settledNothing,
		"ServiceFee":                    settledNothing,
		"Order_Retrocharge":             settledNothing,
		"SAFE-T Reimbursement":          settledNothing,
		"Chargeback":                    settledNothing,
		"A-to-z Guarantee":              settledNothing,
		"":                              settledNothing,
	} {
		if got := settlementEventOf(v); got != want {
			t.Errorf("settlementEventOf(%q) = %d, want %d", v, got, want)
		}
	}
}

// The posted dates and times Amazon writes: ISO with or without the zone as
// a word, day first with dots, year first with slashes; slashes with the
// year last only when the day is told by a number above 12.
func TestSettlementDates(t *testing.T) {
	for v, want := range map[string]string{
		"2026-11-05":                "2026-11-05",
		"2026-11-05 10:31:12 UTC":   "2026-11-05",
		"2026-11-05 23:59:59 utc":   "2026-11-05",
		"2026-11-05T10:31:12+00:00": "2026-11-05",
		"2026-11-05T23:31:12-08:00": "2026-11-05", // the date as written
		"2015-12-02T04:15:26Z":      "2015-12-02",
		"2026-11-05 10:31:12":       "2026-11-05",
		"05.11.2026 10:31:12 UTC":   "2026-11-05",
		"05.11.2026":                "2026-11-05",
		"5.1.2026 9:05 UTC":         "2026-01-05",
		"2026/11/05 10:31:12 UTC":   "2026-11-05",
		"25/06/2025":                "2025-06-25",
		"06/25/2025 10:31:12 UTC":   "2025-06-25",
		"25/06/25":                  "2025-06-25",
		" 05.11.2026 10:31:12 UTC ": "2026-11-05",
	} {
		d, err := settlementDate(v)
		if err != nil || d.String() != want {
			t.Errorf("settlementDate(%q) = %s, %v; want %s", v, d, err, want)
		}
	}
	for v, want := range map[string]string{
		"09/06/25":                  `cannot tell whether "09/06/25" is day/month or month/day: give the report's posted-date-time, or write the date as 2026-11-05`,
		"31.02.2026":                wantSettlementDate + `, got "31.02.2026"`,
		"2026-02-30 10:00:00 UTC":   wantSettlementDate + `, got "2026-02-30 10:00:00 UTC"`,
		"05.11.2026 25:00:00 UTC":   wantSettlementDate + `, got "05.11.2026 25:00:00 UTC"`,
		"05.11.2026 10:31:12 CET":   wantSettlementDate + `, got "05.11.2026 10:31:12 CET"`,
		"05.11.2026 10:31:12+01:00": wantSettlementDate + `, got "05.11.2026 10:31:12+01:00"`,
		"Nov 5, 2026":               wantSettlementDate + `, got "Nov 5, 2026"`,
		"05.11":                     wantSettlementDate + `, got "05.11"`,
		"UTC":                       wantSettlementDate + `, got "UTC"`,
		"13/13/2026":                wantSettlementDate + `, got "13/13/2026"`,
	} {
		if d, err := settlementDate(v); err == nil || err.Error() != want {
			t.Errorf("settlementDate(%q) = %s, %v; want the error %s", v, d, err, want)
		}
	}
}

// A bad value is an error placed at its file, line and column: the date
// read (posted-date-time, or posted-date without it) of any transaction,
// which gives the days the file covers; an A-to-z refund's or chargeback's
// order id and date. The summary row is not read, and a transaction other
// than those two may leave its date empty.
func TestSettlementBadValues(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, row string
		col       int
		colName   string
		msg       string
	}{
		{"bad time of an order", settlementRow("Order", "111-1", "2026-10-23", "2026-10-32 14:02:51 UTC"), 18, "posted-date-time",
			wantSettlementDate + `, got "2026-10-32 14:02:51 UTC"`},
		{"bad date without a time", settlementRow("A-to-z Guarantee Refund", "111-1", "23.13.2026", ""), 17, "posted-date",
			wantSettlementDate + `, got "23.13.2026"`},
		{"ambiguous date without a time", settlementRow("Chargeback Refund", "111-1", "09/06/25", ""), 17, "posted-date",
			`cannot tell whether "09/06/25" is day/month or month/day: give the report's posted-date-time, or write the date as 2026-11-05`},
		{"claim without a date", settlementRow("A-to-z Guarantee Refund", "111-1", "", ""), 17, "posted-date", "empty date"},
		{"claim without an order", settlementRow("A-to-z Guarantee Refund", "", "2026-10-23", ""), 8, "order-id", "empty order id"},
		{"chargeback of an order with spaces", settlementRow("Chargeback Refund", "111 1", "2026-10-23", ""), 8, "order-id", `order id "111 1" contains spaces`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, "settlement.txt", tsv(settlementHeader, settlementSummary, settlementRow("Order", "111-0", "2026-10-22", ""), c.row))
			err := loadErr(t, Options{}, p)
			ie := inputErr(t, err, p, 4, c.col, c.colName)
			if ie.Msg != c.msg {
				t.Errorf("message %q, want %q", ie.Msg, c.msg)
			}
		})
	}
	// The summary's dates, a fee without a date, and a bad posted-date
	// beside a good posted-date-time are not read.
	p := writeFile(t, dir, "lenient.txt", tsv(settlementHeader,
		"24817360912\tsoon\tlater\tnever\t1,043.17\tUSD",
		settlementRow("ServiceFee", "", "", ""),
		settlementRow("A-to-z Guarantee Refund", "111-1", "09/06/25", "2025-06-09 05:23:19 UTC")))
	l := mustLoad(t, Options{}, p)
	if got, want := claimsOf(t, l, p), []claim{{"111-1", "2025-06-09", records.ClaimGranted, 4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("claims %+v, want %+v", got, want)
	}
}

// A claim's several amount rows, in one settlement or in several (a
// fee posted in the next one, the same settlement downloaded twice or
// joined with cat), are one claim of the order, dated by its earliest row;
// so for chargebacks.
func TestSettlementOncePerOrder(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", tsv(settlementHeader, settlementSummary,
		settlementRow("A-to-z Guarantee Refund", "111-1", "2026-10-25", "2026-10-25 10:00:00 UTC"),
		settlementRow("A-to-z Guarantee Refund", "111-1", "2026-10-25", "2026-10-25 10:00:00 UTC"),
		settlementRow("Chargeback Refund", "111-2", "2026-10-27", "2026-10-27 10:00:00 UTC"),
		settlementHeader, settlementSummary, // a second download joined with cat
		settlementRow("A-to-z Guarantee Refund", "111-1", "2026-10-25", "2026-10-25 10:00:00 UTC")))
	b := writeFile(t, dir, "b.txt", tsv(settlementHeader, settlementSummary,
		settlementRow("A-to-z Guarantee Refund", "111-1", "2026-10-24", "2026-10-24 10:00:00 UTC"),
		settlementRow("Chargeback Refund", "111-2", "2026-10-29", "2026-10-29 10:00:00 UTC")))
	l := mustLoad(t, Options{}, a, b)
	checkWarnings(t, l)
	var got []string
	for _, c := range l.Data.Claims {
		got = append(got, c.OrderID+" "+c.Date.String()+" "+c.Status.String()+" "+at(c.Source))
	}
	for _, c := range l.Data.Chargebacks {
		got = append(got, c.OrderID+" "+c.Date.String()+" "+c.Type.String()+" "+at(c.Source))
	}
	want := []string{"111-1 2026-10-24 granted " + b + ":3", "111-2 2026-10-27 unknown " + a + ":5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records\n got: %q\nwant: %q", got, want)
	}
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "settlement", Rows: 6}, {File: b, Kind: "settlement", Rows: 3}})
}

// A settlement report with its header only, or its summary only, was
// read: the kind is among the inputs, with no record.
func TestSettlementEmpty(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"header.txt": tsv(settlementHeader), "summary.txt": tsv(settlementHeader, settlementSummary)} {
		p := writeFile(t, dir, name, body)
		l := mustLoad(t, Options{}, p)
		checkWarnings(t, l)
		if !l.Data.Has("settlement") || len(l.Data.Claims)+len(l.Data.Chargebacks) != 0 || len(l.Inputs[0].Spans) != 0 {
			t.Errorf("%s: kinds %v, claims %v, chargebacks %v, spans %v", name, l.Data.Kinds, l.Data.Claims, l.Data.Chargebacks, l.Inputs[0].Spans)
		}
	}
}

// FuzzReadSettlement: random bodies under the V2 header. A load that
// fails is placed in the file; one that succeeds gives at most one claim
// and one chargeback per order, each with its order id, from a data row.
func FuzzReadSettlement(f *testing.F) {
	for _, b := range []string{
		settlementSummary + "\n" + settlementRow("A-to-z Guarantee Refund", "111-1", "2026-10-25", "2026-10-25 10:00:00 UTC") + "\n",
		settlementRow("Chargeback Refund", "111-2", "25.10.2026", "25.10.2026 10:00:00 UTC") + "\r\n" + settlementRow("Chargeback Refund", "111-2", "", "") + "\n",
		settlementRow("Order", "111-3", "09/06/25", "") + "\n\t\t\t\t\t\tA-to-z Guarantee Claim\t111-4\t\t\t\t\t\t\t\t\t2026/10/25\n",
		settlementRow("a-to-z guarantee refund", "", "2026-10-25", "") + "\n",
	} {
		f.Add([]byte(b))
	}
	p := filepath.Join(f.TempDir(), "body.txt")
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzBody(t, p, settlementHeader+"\n", body, Options{}, func(l *Loaded) {
			seen := map[string]bool{}
			for _, c := range l.Data.Claims {
				if c.OrderID == "" || c.Source.Line < 2 || c.Status != records.ClaimGranted || seen["claim "+c.OrderID] {
					t.Fatalf("claim %+v", c)
				}
				seen["claim "+c.OrderID] = true
			}
			for _, c := range l.Data.Chargebacks {
				if c.OrderID == "" || c.Source.Line < 2 || c.Type != records.ChargebackUnknown || seen["chargeback "+c.OrderID] {
					t.Fatalf("chargeback %+v", c)
				}
				seen["chargeback "+c.OrderID] = true
			}
		})
	})
}

// The settlement report beside the claims file, the returns report and
// the chargebacks file, read before them or after: a claim or chargeback
// another file gives (dated on or before the settlement's posting) is not
// added again; a claim reversed on appeal stays reversed; a denied or
// withdrawn claim the settlement shows refunded counts, and a chargeback
// the chargebacks file calls fraud does not, each with a warning naming
// both rows ("here" the settlement's); a record dated after the posting is
// another claim or chargeback, and both stay.
func TestSettlementBesideOtherSources(t *testing.T) {
	dir := t.TempDir()
	refund := func(order string) string {
		return settlementRow("A-to-z Guarantee Refund", order, "2026-10-25", "2026-10-25 18:04:55 UTC")
	}
	debit := func(order string) string {
		return settlementRow("Chargeback Refund", order, "2026-10-25", "2026-10-25 18:04:55 UTC")
	}
	settlement := writeFile(t, dir, "settlement.txt", tsv(settlementHeader, settlementSummary,
		refund("111-1"), refund("111-2"), refund("111-3"), refund("111-4"), refund("111-5"), refund("111-6"), refund("111-7"), refund("111-8"),
		debit("112-1"), debit("112-2"), debit("112-3"), debit("112-4")))
	claims := writeFile(t, dir, "claims.csv", tsv("order-id,claim-date,claim-status",
		"111-1,2026-10-20,granted", "111-2,2026-10-20,under-review", "111-4,2026-10-20,denied", "111-5,2026-10-20,withdrawn",
		"111-6,2026-10-20,reversed-on-appeal", "111-7,2026-10-28,denied"))
	returns := writeFile(t, dir, "returns.txt", tsv("Order ID\tReturn request date\tA-to-Z Claim", "111-3\t18-Oct-2026\tY"))
	chargebacks := writeFile(t, dir, "chargebacks.csv", tsv("order-id,chargeback-date,chargeback-type",
		"112-1,2026-10-20,service", "112-2,2026-10-20,fraud", "112-4,2026-10-28,fraud"))
	wantRecords := []string{
		"claim 111-1 2026-10-20 granted " + claims + ":2",
		"claim 111-2 2026-10-20 under-review " + claims + ":3",
		"claim 111-3 2026-10-18 unknown " + returns + ":2",
		"claim 111-4 2026-10-20 denied " + claims + ":4",
		"claim 111-4 2026-10-25 granted " + settlement + ":6",
		"claim 111-5 2026-10-20 withdrawn " + claims + ":5",
		"claim 111-5 2026-10-25 granted " + settlement + ":7",
		"claim 111-6 2026-10-20 reversed-on-appeal " + claims + ":6",
		"claim 111-7 2026-10-25 granted " + settlement + ":9",
		"claim 111-7 2026-10-28 denied " + claims + ":7",
		"claim 111-8 2026-10-25 granted " + settlement + ":10",
		"chargeback 112-1 2026-10-20 service " + chargebacks + ":2",
		"chargeback 112-2 2026-10-20 fraud " + chargebacks + ":3",
		"chargeback 112-3 2026-10-25 unknown " + settlement + ":13",
		"chargeback 112-4 2026-10-25 unknown " + settlement + ":14",
		"chargeback 112-4 2026-10-28 fraud " + chargebacks + ":4",
	}
	wantWarnings := []string{
		settlement + ":6: order 111-4 has an A-to-z Guarantee refund charged to the seller here but its claim is denied at " + claims + ":4; counting the claim (Amazon charges the refund of a granted claim only)",
		settlement + ":7: order 111-5 has an A-to-z Guarantee refund charged to the seller here but its claim is withdrawn at " + claims + ":5; counting the claim (Amazon charges the refund of a granted claim only)",
		settlement + ":12: order 112-2 has a chargeback debited to the seller here but a fraud chargeback at " + chargebacks + ":3; using fraud, which does not count (Amazon bears fraud chargebacks)",
	}
	for name, paths := range map[string][]string{
		"settlement first": {settlement, claims, returns, chargebacks},
		"settlement last":  {claims, returns, chargebacks, settlement},
	} {
		t.Run(name, func(t *testing.T) {
			l := mustLoad(t, Options{}, paths...)
			var got []string
			for _, c := range l.Data.Claims {
				got = append(got, "claim "+c.OrderID+" "+c.Date.String()+" "+c.Status.String()+" "+at(c.Source))
			}
			for _, c := range l.Data.Chargebacks {
				got = append(got, "chargeback "+c.OrderID+" "+c.Date.String()+" "+c.Type.String()+" "+at(c.Source))
			}
			sort.Strings(got)
			sort.Strings(wantRecords)
			if !reflect.DeepEqual(got, wantRecords) {
				t.Errorf("records\n got: %q\nwant: %q", got, wantRecords)
			}
			checkWarnings(t, l, wantWarnings...)
		})
	}
}

// More than 20 conflicting claim statuses are listed 20 times, then
// counted, as every kind of conflict is.
func TestSettlementConflictsCapped(t *testing.T) {
	dir := t.TempDir()
	rows := []string{settlementHeader, settlementSummary}
	claimRows := []string{"order-id,claim-date,claim-status"}
	for i := range 23 {
		id := fmt.Sprintf("111-%d", i)
		rows = append(rows, settlementRow("A-to-z Guarantee Refund", id, "2026-10-25", ""))
		claimRows = append(claimRows, id+",2026-10-20,denied")
	}
	l := mustLoad(t, Options{}, writeFile(t, dir, "claims.csv", tsv(claimRows...)), writeFile(t, dir, "settlement.txt", tsv(rows...)))
	if n := len(l.Warnings); n != 21 || l.Warnings[20] != "3 more conflicting A-to-z claim statuses not listed (23 in all)" {
		t.Errorf("%d warnings, the last %q", n, l.Warnings[n-1])
	}
	if len(l.Data.Claims) != 46 {
		t.Errorf("%d claims, want 23 denied and 23 granted", len(l.Data.Claims))
	}
}
