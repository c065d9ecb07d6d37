package input

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// cancellation is the comparable view of a records.Cancellation.
type cancellation struct {
	ID      string
	Date    string
	Impacts bool
	File    string // base name
	Line    int
}

func cancellationsOf(l *Loaded) []cancellation {
	var out []cancellation
	for _, c := range l.Data.Cancellations {
		out = append(out, cancellation{c.OrderID(), c.Date.String(), c.Impacts, filepath.Base(c.Source().File), c.Source().Line})
	}
	return out
}

func checkCancellations(t testing.TB, l *Loaded, want []cancellation) {
	t.Helper()
	got := cancellationsOf(l)
	if len(got) != len(want) {
		t.Errorf("%d cancellations, want %d\n got: %+v", len(got), len(want), got)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("cancellation %d\n got: %+v\nwant: %+v", i, got[i], want[i])
		}
	}
}

// Amazon's cancellation download, comma or tab separated, quoted or not,
// with ISO dates, timestamps (date as written) and 10-Jul-2025 dates.
func TestCancellationsVariants(t *testing.T) {
	want := []cancellation{
		{"111-1111111-0000001", "2026-11-01", true, "f", 2},
		{"111-1111111-0000002", "2025-07-10", false, "f", 3},
		{"111-1111111-0000003", "2026-11-03", true, "f", 4},
		{"111-1111111-0000004", "2025-07-09", false, "f", 5},
		{"111-1111111-0000005", "2026-11-05", true, "f", 6},
	}
	cases := []struct{ name, body string }{
		{"comma", csvLines("Order Date,Order ID,Impacts Account Health",
			"2026-11-01,111-1111111-0000001,Yes",
			"10-Jul-2025,111-1111111-0000002,No",
			"2026-11-03T23:10:00-08:00,111-1111111-0000003,yes",
			"9-Jul-25,111-1111111-0000004,NO",
			"05-Nov-2026,111-1111111-0000005,Y")},
		{"tab", tsv("Order Date\tOrder ID\tImpacts Account Health",
			"2026-11-01\t111-1111111-0000001\tYes",
			"10-Jul-2025\t111-1111111-0000002\tNo",
			"2026-11-03T23:10:00-08:00\t111-1111111-0000003\tyes",
			"9-Jul-25\t111-1111111-0000004\tNO",
			"05-Nov-2026\t111-1111111-0000005\tY")},
		{"quoted comma, CRLF, BOM", "\ufeff\"Order Date\",\"Order ID\",\"Impacts Account Health\"\r\n" +
			"\"2026-11-01\",\"111-1111111-0000001\",\"Yes\"\r\n" +
			"\"10-Jul-2025\",\"111-1111111-0000002\",\"No\"\r\n" +
			"\"2026-11-03T23:10:00-08:00\",\"111-1111111-0000003\",\"yes\"\r\n" +
			"\"9-Jul-25\",\"111-1111111-0000004\",\"NO\"\r\n" +
			"\"05-Nov-2026\",\"111-1111111-0000005\",\"Y\"\r\n"},
		{"other order, extra columns, snake case", csvLines("order_id,cancellation_reason,impacts_account_health,order_date,notes",
			"111-1111111-0000001,\"Out of stock, sorry\",Yes,2026-11-01,",
			"111-1111111-0000002,Buyer request,No,10 Jul 2025,x",
			"111-1111111-0000003,,true,2026-11-03T23:10:00-08:00,",
			"111-1111111-0000004,,false,9-Jul-25,",
			"111-1111111-0000005,,1,05-Nov-2026,")},
		{"aliases", tsv("Purchase Date\tAmazon Order ID\tImpacts Account Health?",
			"2026-11-01\t111-1111111-0000001\tYes",
			"10-Jul-2025\t111-1111111-0000002\tNo",
			"2026-11-03T23:10:00-08:00\t111-1111111-0000003\tyes",
			"9-Jul-25\t111-1111111-0000004\tNO",
			"05-Nov-2026\t111-1111111-0000005\tY")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "f", c.body)
			l := mustLoad(t, Options{}, p)
			checkCancellations(t, l, want)
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "cancellations", Rows: 5}})
			checkWarnings(t, l)
			if !l.Data.Has("cancellations") || l.Data.Shipments.Len() != 0 || l.Data.Orders.Len() != 0 {
				t.Errorf("kinds %v, %d shipments, %d orders", l.Data.Kinds, l.Data.Shipments.Len(), l.Data.Orders.Len())
			}
		})
	}
}

// An empty impact is "no"; blank rows are skipped and not counted.
func TestCancellationsEmptyImpactAndBlankRows(t *testing.T) {
	p := writeFile(t, t.TempDir(), "f", csvLines("Order Date,Order ID,Impacts Account Health",
		",,",
		"2026-11-01,111-1,",
		"",
		"2026-11-02,111-2,Yes"))
	l := mustLoad(t, Options{}, p)
	checkCancellations(t, l, []cancellation{{"111-1", "2026-11-01", false, "f", 3}, {"111-2", "2026-11-02", true, "f", 5}})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "cancellations", Rows: 2}})
}

// Bad values are errors at their row and column, named as the header
// writes them.
func TestCancellationsBadValues(t *testing.T) {
	cases := []struct {
		row  string
		col  int
		name string
		msg  string
	}{
		{"2026-11-02,111-2,Maybe", 3, "Impacts Account Health", `want true or false (Y/N), got "Maybe"`},
		{"2026-11-02,111-2,X", 3, "Impacts Account Health", `want true or false (Y/N), got "X"`},
		{"32-Jul-2025,111-2,Yes", 1, "Order Date", `no such date "32-Jul-2025"`},
		{"10-Jly-2025,111-2,Yes", 1, "Order Date", `want a date like 10-Jul-2025, got "10-Jly-2025"`},
		{"07/10/2025,111-2,Yes", 1, "Order Date", `want a date like 10-Jul-2025, got "07/10/2025"`},
		{"2026-02-30,111-2,Yes", 1, "Order Date", `want an ISO-8601 date or time, got "2026-02-30"`},
		{",111-2,Yes", 1, "Order Date", "empty date"},
		{"2026-11-02,,Yes", 2, "Order ID", "empty order id"},
		{"2026-11-02,111 2,Yes", 2, "Order ID", `order id "111 2" contains spaces`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "cancel.csv", csvLines("Order Date,Order ID,Impacts Account Health",
			"2026-11-01,111-1,No", c.row))
		err := loadErr(t, Options{}, p)
		inputErr(t, err, p, 3, c.col, c.name)
		wantErr(t, err, p+":3:"+strconv.Itoa(c.col)+`: column "`+c.name+`": `+c.msg, nil)
	}
}

// The cancellation download needs its three columns; a file without the
// impact column is not one.
func TestCancellationsDetection(t *testing.T) {
	p := writeFile(t, t.TempDir(), "c.csv", csvLines("Order ID,Impacts Account Health", "111-1,Yes"))
	wantErr(t, loadErr(t, Options{}, p), p+`: looks like a cancellation report but lacks column(s) "order-date"`, new(*MissingColumnsError))

	cases := []struct {
		header string
		delim  byte
		want   Kind
	}{
		{"Order Date,Order ID,Impacts Account Health", ',', "cancellations"},
		{"Order Date\tOrder ID\tImpacts Account Health", '\t', "cancellations"},
		{"order-date,order-id,impacts-account-health,cancellation-reason,cancelled-by", ',', "cancellations"},
		{"Order Date,Order ID", ',', ""},
	}
	for _, c := range cases {
		spec, _, why := detect(splitHeader(c.header, c.delim))
		var got Kind
		if spec != nil {
			got = spec.Kind
		}
		if got != c.want {
			t.Errorf("%q: detected %q, want %q (%s)", c.header, got, c.want, why)
		}
	}
}
