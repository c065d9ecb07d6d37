package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

const ordersBody = "amazon-order-id\tpurchase-date\tfulfillment-channel\n111-1\t2026-09-07\tAmazon\n"

func TestLoadNonexistentPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no such folder")
	err := loadErr(t, Options{}, missing)
	wantErr(t, err, missing+": no such file or folder", nil)

	// Even after a good path.
	good := writeFile(t, t.TempDir(), "orders.txt", ordersBody)
	err = loadErr(t, Options{}, good, missing)
	wantErr(t, err, missing+": no such file or folder", nil)
}

// A folder is read non-recursively: sub-folders are skipped with a warning,
// hidden files silently, unrecognised files with a warning; the rest is
// read in name order.
func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "old"), "orders.txt", ordersBody)
	writeFile(t, dir, ".DS_Store", "\x00\x00\x00\x01Bud1")
	writeFile(t, dir, ".~lock.orders.txt#", "x")
	notes := writeFile(t, dir, "notes.md", "# my notes\n")
	empty := writeFile(t, dir, "empty.txt", "")
	blank := writeFile(t, dir, "blank.txt", "\n\r\n  \n")
	pdf := writeFile(t, dir, "invoice.pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00")
	huge := writeFile(t, dir, "minified.json", "{\"a\":\""+strings.Repeat("x", MaxLine)+"\"}")
	b := writeFile(t, dir, "b orders.txt", "amazon-order-id\tpurchase-date\tfulfillment-channel\n111-2\t2026-09-08\tMerchant\n")
	a := writeFile(t, dir, "a orders.txt", ordersBody)

	l := mustLoad(t, Options{}, dir)
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", afn, "", "", false, a, 2},
		{"111-2", "2026-09-08", mfn, "", "", false, b, 2},
	})
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "orders", Rows: 1}, {File: b, Kind: "orders", Rows: 1}})
	checkWarnings(t, l,
		"skipped folder "+filepath.Join(dir, "old")+": folders are read non-recursively",
		"skipped "+blank+": not a recognised report",
		"skipped "+empty+": not a recognised report",
		"skipped "+pdf+": not a recognised report",
		"skipped "+huge+": not a recognised report",
		"skipped "+notes+": not a recognised report",
	)
}

func TestLoadEmptyFolders(t *testing.T) {
	empty := t.TempDir()
	hidden := t.TempDir()
	writeFile(t, hidden, ".hidden.txt", ordersBody)
	nested := t.TempDir()
	if err := os.Mkdir(filepath.Join(nested, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, Options{}, empty, hidden, nested)
	checkOrders(t, l, nil)
	checkInputs(t, l, nil)
	checkWarnings(t, l,
		empty+": folder holds no files",
		hidden+": folder holds no files",
		"skipped folder "+filepath.Join(nested, "sub")+": folders are read non-recursively",
		nested+": folder holds no files",
	)
}

// A file named on the command line must be a report.
func TestLoadExplicitUnrecognised(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, body, reason string
	}{
		{"notes.md", "# my notes\n", `header row "# my notes" matches no known report`},
		{"empty.txt", "", "empty file"},
		{"blank.txt", "\r\n\n", "empty file"},
		{"nul.bin", "amazon-order-id\x00purchase-date\n", "binary content"},
		{"control.bin", "\x01\x02\x03\n", "binary content"},
		// UTF-16 (Excel's "Unicode text") is decoded: this one just is no report.
		{"utf16.txt", "\xff\xfea\x00m\x00a\x00z\x00o\x00n\x00\n\x00", `header row "amazon" matches no known report`},
		{"minified.json", "{\"a\":\"" + strings.Repeat("x", MaxLine) + "\"}", "line 1 is longer than 1048576 bytes"},
		{"long header.csv", strings.Repeat("order-id,", MaxLine/9+1) + "\n", "line 1 is longer than 1048576 bytes"},
		{"semicolons.csv", "a;b;c\n1;2;3\n", `header row "a, b, c" matches no known report`},
		// A headerless feedback export: its first line is data with a buyer's
		// e-mail, which must not be echoed.
		{"headless.txt", "8/20/26\t2\tbad\t\t112-2025179-0533224\tab@x.com\n", "its first line looks like data, not a header row (6 fields); was the header row cut off?"},
		{"emails.csv", "name,ab@x.com\n", "its first line looks like data, not a header row (2 fields); was the header row cut off?"},
		{"long.txt", strings.Repeat("column ", 20) + "\n", `header row "column column column column column column column column column column column ..." matches no known report`},
		{"japanese.txt", strings.Repeat("日付", 20) + "\n", `header row "` + strings.Repeat("日付", 12) + `日..." matches no known report`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, c.name, c.body)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+": not a recognised report ("+c.reason+"); see docs/formats.md for the accepted reports", new(*UnrecognisedError))
		})
	}
}

// A file named twice, or named and inside a named folder, is read once.
func TestLoadSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "orders.txt", ordersBody)
	rel, err := filepath.Rel(mustGetwd(t), p)
	if err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, Options{}, p, p, rel, dir, filepath.Join(dir, ".", "orders.txt"))
	checkOrders(t, l, []order{{"111-1", "2026-09-07", afn, "", "", false, p, 2}})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "orders", Rows: 1}})
	checkWarnings(t, l)
}

func mustGetwd(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// The first bad file stops the load: nothing half-read is returned.
func TestLoadStopsAtBadFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", ordersBody)
	bad := writeFile(t, dir, "b.txt", "amazon-order-id\tpurchase-date\tfulfillment-channel\n111-2\tyesterday\tAmazon\n")
	l, err := Load([]string{dir}, Options{})
	if l != nil {
		t.Errorf("Load returned %+v with the error", l)
	}
	wantErr(t, err, bad+`:2:2: column "purchase-date": want an ISO-8601 date or time, got "yesterday"`, new(*InputError))
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"amazon-order-id":              "amazon-order-id",
		"\ufeffAmazon_Order_ID ":       "amazon-order-id",
		` "Order  ID" `:                "order-id",
		"ORDER__ID":                    "order-id",
		"Order - ID":                   "order-id",
		"_order_id_":                   "order-id",
		"Claim Status":                 "claim-status",
		"'claim-status'":               "claim-status",
		"E-Mail-Adresse des Bewerters": "e-mail-adresse-des-bewerters",
		"":                             "",
		"  ":                           "",
		"日付":                           "日付",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// Which kind each header is, and which headers are no report.
func TestDetect(t *testing.T) {
	cases := []struct {
		header string
		delim  byte
		want   Kind // "": not recognised
	}{
		{"amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel", '\t', "orders"},
		{"amazon-order-id\tpurchase-date\tfulfillment-channel", '\t', "orders"},
		{"amazon-order-id\tshipment-id\tpurchase-date\tfulfillment-channel\tsales-channel", '\t', "fba-shipments"},
		{"order-id,claim-date,claim-status", ',', "claims"},
		{"Order ID,Date,Status", ',', "claims"},
		{"order-id,chargeback-date,chargeback-type", ',', "chargebacks"},
		{"Order ID;Date;Type", ';', "chargebacks"},
		{"Order ID\tReturn request date\tA-to-Z Claim", '\t', "returns"},
		{fbEnglish, '\t', "feedback"},
		{"amazon-order-id", '\t', ""},
		{"order-id,amount", ',', ""},
		{"Order ID\tOrder date", '\t', ""},
		{"", '\t', ""},
	}
	for _, c := range cases {
		spec, _, why := detect(splitHeader(c.header, c.delim))
		var got Kind
		if spec != nil {
			got = spec.Kind
		} else if why == "" {
			t.Errorf("%q: no kind and no reason", c.header)
		}
		if got != c.want {
			t.Errorf("%q: detected %q, want %q (%s)", c.header, got, c.want, why)
		}
	}
}

func TestSplitHeader(t *testing.T) {
	got := splitHeader(` "order-id" ,"claim ""date""", claim-status ,""`, ',')
	want := []string{"order-id", `claim "date"`, "claim-status", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
		t.Errorf("splitHeader = %q, want %q", got, want)
	}
}

func TestKindsAndTitles(t *testing.T) {
	if got := strings.Join(KnownKinds(), ","); got != "allegro-sales-quality,business-purchases,cancellations,chargebacks,claims,ebay-service-metric,ebay-standards,fba-customer-returns,fba-reimbursements,fba-removal-orders,fba-removal-shipments,fba-replacements,fba-shipments,feedback,kaufland-order-units,messages,orders,payments-transactions,ratings,return-requests,returns,seller-performance,settlement,shipments,vat-invoices" {
		t.Errorf("KnownKinds = %s", got)
	}
	if got := Kind("orders").Title(); got != "All Orders report" {
		t.Errorf("Title = %q", got)
	}
	if got := Kind("nonesuch").Title(); got != "nonesuch" {
		t.Errorf("Title = %q", got)
	}
	for _, s := range Specs() {
		if s.Title == "" || s.Anchor == nil {
			t.Errorf("spec %s lacks a title or an anchor", s.Kind)
		}
		for _, r := range s.Required {
			found := false
			for _, c := range s.Columns {
				found = found || c.Name == r
			}
			if !found {
				t.Errorf("spec %s requires unknown column %q", s.Kind, r)
			}
		}
	}
}

func TestInputErrorText(t *testing.T) {
	cases := []struct {
		err  *InputError
		want string
	}{
		{&InputError{File: "a.txt", Line: 12, Column: 3, Name: "purchase-date", Msg: "bad"}, `a.txt:12:3: column "purchase-date": bad`},
		{&InputError{File: "a.txt", Line: 12, Msg: "bad"}, `a.txt:12: bad`},
		{&InputError{File: "a.txt", Column: 3, Msg: "bad"}, `a.txt: bad`},
		{&InputError{File: "a.txt", Msg: "bad"}, `a.txt: bad`},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// A file found in a named folder and also named on the command line must be
// a report, whichever comes first.
func TestLoadExplicitWinsOverFolder(t *testing.T) {
	dir := t.TempDir()
	notes := writeFile(t, dir, "notes.md", "# my notes\n")
	for _, paths := range [][]string{{dir, notes}, {notes, dir}} {
		err := loadErr(t, Options{}, paths...)
		wantErr(t, err, notes+`: not a recognised report (header row "# my notes" matches no known report); see docs/formats.md for the accepted reports`, new(*UnrecognisedError))
	}
}

// Lines ending in a lone CR would read as one header line and no rows.
func TestLoadLoneCarriageReturns(t *testing.T) {
	cases := []struct{ name, body string }{
		{"orders.txt", "amazon-order-id\tpurchase-date\tfulfillment-channel\r111-1\t2026-09-07\tAmazon\r"},
		{"claims.csv", "\n\norder-id,claim-date,claim-status,claim-reason\r111-1,2026-09-01,granted,d\xe9\xe7u\r"},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), c.name, c.body)
		err := loadErr(t, Options{}, p)
		line := "1"
		if c.name == "claims.csv" {
			line = "3"
		}
		wantErr(t, err, p+":"+line+": lines end in a lone carriage return (an old Mac format); save the file with Windows (CRLF) or Unix (LF) line breaks", new(*InputError))
	}
}

// Text that is not UTF-8 is Windows-1252: a French feedback header is
// recognised and a product name reads as written.
func TestLoadWindows1252(t *testing.T) {
	dir := t.TempDir()
	fb := writeFile(t, dir, "feedback.txt", "Date\t\xc9valuation\tCommentaires\tVotre r\xe9ponse\tNum\xe9ro de commande\tE-mail de l'\xe9valuateur\r\n"+
		"13/01/26\t1\tTr\xe8s d\xe9\xe7u \x93cass\xe9\x94\t\t402-1\t\r\n")
	l := mustLoad(t, Options{}, fb)
	checkFeedback(t, l, []feedback{{"402-1", "2026-01-13", 1, false, 2}})

	orders := writeFile(t, dir, "orders.txt", "amazon-order-id\tproduct-name\tpurchase-date\tfulfillment-channel\n"+
		"111-1\tCaf\xe9 cr\xe8me 12\x94 \x80 \x81\t2026-09-07\tAmazon\n")
	tb, err := openTable(orders)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	row, err := tb.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.Get(row, "product-name"); got != "Café crème 12” € \uFFFD" { // 0x81 is undefined in Windows-1252
		t.Errorf("product-name %q", got)
	}
	if spec, _, _ := detect([]string{"Date", "Évaluation", "Commentaires", "Votre réponse", "Numéro de commande", "E-mail de l'évaluateur"}); spec == nil || spec.Kind != "feedback" {
		t.Errorf("French UTF-8 header detected as %v", spec)
	}
}

// A dangling symlink in a folder is skipped with a warning naming it.
func TestLoadDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "latest.txt")
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	a := writeFile(t, dir, "a.txt", ordersBody)
	l := mustLoad(t, Options{}, dir)
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "orders", Rows: 1}})
	checkWarnings(t, l, "skipped "+link+": no such file or directory")
}

func TestLoadProgress(t *testing.T) {
	dir := t.TempDir()
	orders := "amazon-order-id\tpurchase-date\tfulfillment-channel\n111-1\t2026-11-01\tAmazon\n"
	feedback := "Date\tRating\tComments\tOrder ID\n11/02/26\t1\tbad\t111-1\n"
	for name, body := range map[string]string{"a-orders.txt": orders, "b-feedback.txt": feedback, "c-notes.md": "not a report\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	total := int64(len(orders) + len(feedback) + len("not a report\n"))
	var calls [][2]int64
	_, err := Load([]string{dir}, Options{Marketplace: "US", Progress: func(read, all int64) { calls = append(calls, [2]int64{read, all}) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 {
		t.Fatal("Progress was never called")
	}
	prev := int64(-1)
	for _, c := range calls {
		if c[1] != total {
			t.Fatalf("total %d, want %d", c[1], total)
		}
		if c[0] < prev || c[0] > total {
			t.Fatalf("read went %d -> %d (total %d)", prev, c[0], total)
		}
		prev = c[0]
	}
	if last := calls[len(calls)-1]; last[0] != total {
		t.Errorf("last call says %d of %d bytes read", last[0], total)
	}
}
