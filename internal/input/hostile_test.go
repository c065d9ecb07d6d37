package input

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// Hostile files: each gives its exact outcome, a warning where the data
// still make sense, an error placed at file:line:column where they do not
// (exit 2: *InputError, *UnrecognisedError), never a panic or a hang.

const (
	unrecognised = ": not a recognised report (%s); see docs/formats.md for the accepted reports"
	claimsHeader = "order-id,claim-date,claim-status"
)

// hostile is a file and what loading it gives, named on the command line
// and found in a folder.
type hostile struct {
	name string
	body string
	opt  Options
	// named: the error's text after the file's path, or "" for no error.
	named string
	// folder: likewise in a folder, where a file that is no report is
	// skipped with a warning; "skip" expects that warning.
	folder string
	target any // the error's type (new(*InputError), ...)
}

func runHostile(t *testing.T, cases []hostile) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, "report.txt", c.body)
			for _, run := range []struct{ path, want string }{{p, c.named}, {dir, c.folder}} {
				l, err := Load([]string{run.path}, c.opt)
				switch run.want {
				case "":
					if err != nil {
						t.Fatalf("Load(%s): %v", run.path, err)
					}
				case "skip":
					if err != nil {
						t.Fatalf("Load(%s): %v", run.path, err)
					}
					checkWarnings(t, l, "skipped "+p+": not a recognised report")
					checkInputs(t, l, nil)
				default:
					wantErr(t, err, p+run.want, c.target)
				}
			}
		})
	}
}

func randomBytes(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 2026))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return string(b)
}

func TestHostileRandomBytes(t *testing.T) {
	random := randomBytes(4, 4096)
	binary := strings.ReplaceAll(unrecognised, "%s", "binary content")
	runHostile(t, []hostile{
		{name: "random bytes", body: random, named: binary, folder: "skip", target: new(*UnrecognisedError)},
		// Under a valid header, the first row is read and fails on its
		// first field; the bytes are quoted as Windows-1252, escaped.
		{name: "random rows", body: ordersHeader + "\n" + random,
			named:  ":2:1: column \"amazon-order-id\": order id \"pßr\\x16Í,¦\\\"Ž\\x1eN¯|Ž…Q^\\x03ˆŒˆ,¶Û\\x03õé\\x05ó$ðÖ±3 ˆ\" contains spaces",
			folder: ":2:1: column \"amazon-order-id\": order id \"pßr\\x16Í,¦\\\"Ž\\x1eN¯|Ž…Q^\\x03ˆŒˆ,¶Û\\x03õé\\x05ó$ðÖ±3 ˆ\" contains spaces",
			target: new(*InputError)},
	})
	// Random bytes never panic, whatever the seed.
	for seed := uint64(0); seed < 200; seed++ {
		dir := t.TempDir()
		writeFile(t, dir, "a.txt", randomBytes(seed, 2048))
		writeFile(t, dir, "b.txt", ordersHeader+"\n"+randomBytes(seed, 2048))
		writeFile(t, dir, "c.txt", claimsHeader+"\n"+randomBytes(seed, 2048))
		writeFile(t, dir, "d.txt", fbEnglish+"\n"+randomBytes(seed, 2048))
		for _, p := range []string{dir, filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt"), filepath.Join(dir, "d.txt")} {
			_, err := Load([]string{p}, Options{Marketplace: "US"})
			var ie *InputError
			var ue *UnrecognisedError
			var me *MissingColumnsError
			if err != nil && !errors.As(err, &ie) && !errors.As(err, &ue) && !errors.As(err, &me) {
				t.Fatalf("seed %d, %s: %v is a %T", seed, p, err, err)
			}
		}
	}
}

func TestHostileEmpty(t *testing.T) {
	empty := strings.ReplaceAll(unrecognised, "%s", "empty file")
	runHostile(t, []hostile{
		{name: "empty file", body: "", named: empty, folder: "skip", target: new(*UnrecognisedError)},
		{name: "blank lines", body: "\n\r\n \t \n", named: empty, folder: "skip", target: new(*UnrecognisedError)},
		{name: "byte-order mark only", body: "\ufeff", named: empty, folder: "skip", target: new(*UnrecognisedError)},
		{name: "empty gzip", body: gz(t, ""), named: empty, folder: "skip", target: new(*UnrecognisedError)},
	})
}

// A report with its header row and no rows was read: its kind is present
// (the metrics say no_data, not not_computed).
func TestHostileHeaderOnly(t *testing.T) {
	for _, c := range []struct {
		name, body string
		kind       Kind
	}{
		{"orders", ordersHeader + "\n", "orders"},
		{"orders, no final newline", ordersHeader, "orders"},
		{"orders, blank lines after", ordersHeader + "\r\n\r\n\t\t\r\n", "orders"},
		{"orders, gzip", gz(t, ordersHeader+"\n"), "orders"},
		{"feedback", fbEnglish + "\n", "feedback"},
		{"claims", claimsHeader + "\n", "claims"},
		{"claims, blank rows", claimsHeader + "\n,,\n\n", "claims"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "report.txt", c.body)
			l := mustLoad(t, Options{}, p)
			checkInputs(t, l, []records.InputFile{{File: p, Kind: string(c.kind), Rows: 0}})
			checkWarnings(t, l)
			if !l.Data.Has(string(c.kind)) || l.Data.Orders.Len()+len(l.Data.Feedback)+len(l.Data.Claims) != 0 {
				t.Errorf("kinds %v, %d orders, %d feedback, %d claims", l.Data.Kinds, l.Data.Orders.Len(), len(l.Data.Feedback), len(l.Data.Claims))
			}
		})
	}
}

// A last line without its line break reads; one cut short in a field a
// report needs is an error at that line.
func TestHostileTruncatedLastLine(t *testing.T) {
	dir := t.TempDir()
	whole := writeFile(t, dir, "whole.txt", ordersHeader+"\n111-1\t2026-09-07\tAmazon\n111-2\t2026-09-08\tMerchant")
	l := mustLoad(t, Options{}, whole)
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", afn, "", "", false, whole, 2},
		{"111-2", "2026-09-08", mfn, "", "", false, whole, 3},
	})
	fb := writeFile(t, dir, "fb.txt", fbEnglish+"\n9/20/26\t1\tlate\t\t111-1\tab@x.com")
	l = mustLoad(t, Options{Marketplace: "US"}, fb)
	checkFeedback(t, l, []feedback{{"111-1", "2026-09-20", 1, false, 2}})

	runHostile(t, []hostile{
		{name: "orders cut in the date", body: ordersHeader + "\n111-1\t2026-09-07\tAmazon\n111-2\t2026-09",
			named:  `:3:2: column "purchase-date": want an ISO-8601 date or time, got "2026-09"`,
			folder: `:3:2: column "purchase-date": want an ISO-8601 date or time, got "2026-09"`, target: new(*InputError)},
		{name: "orders cut after the id", body: ordersHeader + "\n111-1\t2026-09-07\tAmazon\n111-2\t",
			named:  `:3:2: column "purchase-date": empty date`,
			folder: `:3:2: column "purchase-date": empty date`, target: new(*InputError)},
		// The channel is not needed to count an order: a row cut before it
		// reads, with a warning.
		{name: "orders cut before the channel", body: ordersHeader + "\n111-1\t2026-09-07",
			named: "", folder: "", target: nil},
		{name: "feedback cut before the order id", body: fbEnglish + "\n9/20/26\t1\tlate\t",
			opt:    Options{Marketplace: "US"},
			named:  `:2:5: column "Order ID": empty order id`,
			folder: `:2:5: column "Order ID": empty order id`, target: new(*InputError)},
		{name: "feedback cut in the rating", body: fbEnglish + "\n9/20/26\t",
			opt:    Options{Marketplace: "US"},
			named:  `:2:5: column "Order ID": empty order id`,
			folder: `:2:5: column "Order ID": empty order id`, target: new(*InputError)},
		{name: "claims cut in the status", body: claimsHeader + "\n111-1,2026-09-01,granted\n111-2,2026-09-02,gra",
			named:  `:3:3: column "claim-status": unknown claim status "gra" (want under-review, granted, seller-refunded, denied, withdrawn, reversed-on-appeal or charged)`,
			folder: `:3:3: column "claim-status": unknown claim status "gra" (want under-review, granted, seller-refunded, denied, withdrawn, reversed-on-appeal or charged)`, target: new(*InputError)},
		{name: "claims cut in a quoted value", body: claimsHeader + "\n111-1,2026-09-01,granted\n111-2,\"2026-09",
			named:  `:3:2: column "claim-date": want an ISO-8601 date or time, got "2026-09"`,
			folder: `:3:2: column "claim-date": want an ISO-8601 date or time, got "2026-09"`, target: new(*InputError)},
	})
	cut := writeFile(t, t.TempDir(), "orders.txt", ordersHeader+"\n111-1\t2026-09-07")
	l = mustLoad(t, Options{}, cut)
	checkOrders(t, l, []order{{"111-1", "2026-09-07", 0, "", "", false, cut, 2}})
	checkWarnings(t, l, cut+`:2: unknown fulfillment-channel "": its orders count in "all" only`)
}

// A NUL byte in a data row is an error at its line and field (see
// Table.nulError for why it is not read past); in the first line it makes
// the file binary.
func TestHostileNUL(t *testing.T) {
	const nul = "NUL byte in the value: the file is damaged or is not a text report"
	binary := strings.ReplaceAll(unrecognised, "%s", "binary content")
	runHostile(t, []hostile{
		{name: "in a date", body: ordersHeader + "\n111-1\t2026-09-07\tAmazon\n111-2\t2026-09\x00-08\tAmazon\n",
			named: `:3:2: column "purchase-date": ` + nul, folder: `:3:2: column "purchase-date": ` + nul, target: new(*InputError)},
		{name: "in a column no report reads", body: "amazon-order-id\tpurchase-date\tfulfillment-channel\tproduct-name\n111-1\t2026-09-07\tAmazon\tmug\x00\n",
			named: `:2:4: column "product-name": ` + nul, folder: `:2:4: column "product-name": ` + nul, target: new(*InputError)},
		{name: "past the last column", body: ordersHeader + "\n111-1\t2026-09-07\tAmazon\t\t\x00\n",
			named: `:2:5: ` + nul, folder: `:2:5: ` + nul, target: new(*InputError)},
		{name: "zero padding at the end", body: ordersHeader + "\n111-1\t2026-09-07\tAmazon\n" + strings.Repeat("\x00", 4096),
			named: `:3:1: column "amazon-order-id": ` + nul, folder: `:3:1: column "amazon-order-id": ` + nul, target: new(*InputError)},
		// An error in an earlier row is still the one reported.
		{name: "after a bad row", body: ordersHeader + "\n111-1\tsoon\tAmazon\n111-2\t2026-09\x00-08\tAmazon\n",
			named:  `:2:2: column "purchase-date": want an ISO-8601 date or time, got "soon"`,
			folder: `:2:2: column "purchase-date": want an ISO-8601 date or time, got "soon"`, target: new(*InputError)},
		{name: "quoted CSV", body: claimsHeader + ",claim-reason\n111-1,2026-09-01,granted,\"late, \"\"lost\"\"\"\n111-2,2026-09-02,\"granted\",\"x, y\x00\"\n",
			named: `:3:4: column "claim-reason": ` + nul, folder: `:3:4: column "claim-reason": ` + nul, target: new(*InputError)},
		{name: "in a gzip stream", body: gz(t, ordersHeader+"\n\n111-1\t2026-09-07\x00\tAmazon\n"),
			named: `:3:2: column "purchase-date": ` + nul, folder: `:3:2: column "purchase-date": ` + nul, target: new(*InputError)},
		{name: "in the header", body: "amazon-order-id\x00\tpurchase-date\tfulfillment-channel\n111-1\t2026-09-07\tAmazon\n",
			named: binary, folder: "skip", target: new(*UnrecognisedError)},
		{name: "on a blank line before the header", body: "\n\x00\n" + ordersHeader + "\n",
			named: binary, folder: "skip", target: new(*UnrecognisedError)},
		// UTF-16 without its byte-order mark is NULs between letters.
		{name: "UTF-16 without BOM", body: "a\x00m\x00a\x00z\x00o\x00n\x00\n\x00",
			named: binary, folder: "skip", target: new(*UnrecognisedError)},
	})
	p := writeFile(t, t.TempDir(), "x.zip", makeZip(t, member{name: "orders.txt", body: ordersHeader + "\n111-1\t\x00\tAmazon\n"}))
	err := loadErr(t, Options{}, p)
	wantErr(t, err, p+`:orders.txt:2:2: column "purchase-date": `+nul, new(*InputError))
}

// A million tabs on a line is read in linear time (the test takes a
// fraction of a second): a row of only tabs is blank and skipped, trailing
// tabs are empty fields, a header of a million fields is no report.
func TestHostileMillionTabs(t *testing.T) {
	tabs := strings.Repeat("\t", 1_000_000)
	commas := strings.Repeat(",", 1_000_000)
	dir := t.TempDir()
	orders := writeFile(t, dir, "orders.txt", ordersHeader+"\n"+tabs+"\n111-1\t2026-09-07\tAmazon"+tabs+"\n")
	claims := writeFile(t, dir, "claims.csv", claimsHeader+"\n"+commas+"\n111-1,2026-09-01,granted"+commas+"\n")
	fb := writeFile(t, dir, "feedback.txt", fbEnglish+"\n"+tabs+"\n9/20/26\t1\t\t\t111-1"+tabs+"\n")
	l := mustLoad(t, Options{Marketplace: "US"}, orders, claims, fb)
	checkInputs(t, l, []records.InputFile{{File: orders, Kind: "orders", Rows: 1}, {File: claims, Kind: "claims", Rows: 1}, {File: fb, Kind: "feedback", Rows: 1}})
	checkOrders(t, l, []order{{"111-1", "2026-09-07", afn, "", "", false, orders, 3}})
	if len(l.Data.Claims) != 1 || l.Data.Claims[0].Source.Line != 3 {
		t.Errorf("claims %+v", l.Data.Claims)
	}
	checkFeedback(t, l, []feedback{{"111-1", "2026-09-20", 1, false, 3}})

	runHostile(t, []hostile{
		{name: "header of a million tabs", body: "amazon-order-id\tpurchase-date\tfulfillment-channel" + tabs + "\n",
			named:  strings.ReplaceAll(unrecognised, "%s", "its first line has 1000003 fields; no report has more than 1024 columns"),
			folder: "skip", target: new(*UnrecognisedError)},
		{name: "header of a million commas", body: "order-id,claim-date,claim-status" + commas + "\n",
			named:  strings.ReplaceAll(unrecognised, "%s", "its first line has 1000003 fields; no report has more than 1024 columns"),
			folder: "skip", target: new(*UnrecognisedError)},
		// Lone CRs: the first line is a header, the rest of the file its
		// "line".
		{name: "lone carriage returns and a million tabs", body: ordersHeader + "\r" + tabs + "\r",
			named:  ":1: lines end in a lone carriage return (an old Mac format); save the file with Windows (CRLF) or Unix (LF) line breaks",
			folder: ":1: lines end in a lone carriage return (an old Mac format); save the file with Windows (CRLF) or Unix (LF) line breaks",
			target: new(*InputError)},
		{name: "a million tabs past the line limit", body: ordersHeader + "\n" + tabs + tabs + "\n",
			named:  ":2: line longer than 1048576 bytes: not a report",
			folder: ":2: line longer than 1048576 bytes: not a report", target: new(*InputError)},
	})
}

// Dates that do not exist and numbers too long for any field are errors at
// their line and column, never wrapped-around values.
func TestHostileImpossibleDatesAndOverflow(t *testing.T) {
	const iso = "want an ISO-8601 date or time, got "
	const isoTime = "want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "
	us := Options{Marketplace: "US"}
	cases := []struct {
		name, header, row string
		opt               Options
		want              string // after "path:"
	}{
		{"30 February", ordersHeader, "111-1\t2026-02-30\tAmazon", Options{}, `2:2: column "purchase-date": ` + iso + `"2026-02-30"`},
		{"29 February, not a leap year", ordersHeader, "111-1\t2026-02-29T10:00:00Z\tAmazon", Options{}, `2:2: column "purchase-date": ` + iso + `"2026-02-29T10:00:00Z"`},
		{"month 13", ordersHeader, "111-1\t2026-13-01\tAmazon", Options{}, `2:2: column "purchase-date": ` + iso + `"2026-13-01"`},
		{"24:61", ordersHeader, "111-1\t2026-09-07T24:61:00+00:00\tAmazon", Options{}, `2:2: column "purchase-date": ` + isoTime + `"2026-09-07T24:61:00+00:00"`},
		{"23:59:60", ordersHeader, "111-1\t2026-09-07T23:59:60Z\tAmazon", Options{}, `2:2: column "purchase-date": ` + isoTime + `"2026-09-07T23:59:60Z"`},
		{"day 99999999999", ordersHeader, "111-1\t2026-09-99999999999\tAmazon", Options{}, `2:2: column "purchase-date": ` + iso + `"2026-09-99999999999"`},
		{"year 99999999999", ordersHeader, "111-1\t99999999999-09-07\tAmazon", Options{}, `2:2: column "purchase-date": ` + iso + `"99999999999-09-07"`},
		{"hour 99999999999", ordersHeader, "111-1\t2026-09-07T99999999999:00Z\tAmazon", Options{}, `2:2: column "purchase-date": ` + isoTime + `"2026-09-07T99999999999:00Z"`},
		{"claim on 31 April", claimsHeader, "111-1,2026-04-31,granted", Options{}, `2:2: column "claim-date": ` + iso + `"2026-04-31"`},
		{"feedback 2/30/26", fbEnglish, "2/30/26\t1\t\t\t111-1", us, `2:1: column "Date": no such date "2/30/26" (feedback dates read as M/D/YY, from --marketplace US)`},
		{"feedback 13/13/26", fbEnglish, "13/13/26\t1\t\t\t111-1", Options{Marketplace: "UK"}, `2:1: column "Date": no such date "13/13/26" (feedback dates read as D/M/YY, from --marketplace UK)`},
		{"feedback day 99999999999", fbEnglish, "1/99999999999/26\t1\t\t\t111-1", us, `2:1: column "Date": want a date like M/D/YY, got "1/99999999999/26" (feedback dates read as M/D/YY, from --marketplace US)`},
		{"feedback rating 99999999999999999999", fbEnglish, "9/20/26\t99999999999999999999\t\t\t111-1", us, `2:2: column "Rating": rating "99999999999999999999" is not a star rating from 1 to 5`},
		{"feedback rating -1", fbEnglish, "9/20/26\t-1\t\t\t111-1", us, `2:2: column "Rating": rating "-1" is not a star rating from 1 to 5`},
		{"feedback rating 1e99", fbEnglish, "9/20/26\t1e99\t\t\t111-1", us, `2:2: column "Rating": rating "1e99" is not a star rating from 1 to 5`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "report.txt", tsv(c.header, c.row))
			err := loadErr(t, c.opt, p)
			wantErr(t, err, p+":"+c.want, new(*InputError))
		})
	}
	// The dates next to them that do exist read.
	p := writeFile(t, t.TempDir(), "orders.txt", tsv(ordersHeader, "111-1\t2028-02-29T23:59:59.999+14:00\tAmazon"))
	l := mustLoad(t, Options{}, p)
	checkOrders(t, l, []order{{"111-1", "2028-02-29", afn, "", "", false, p, 2}})
}

// A folder with no reports gives warnings and an empty data set (the
// commands then report not_computed, exit 0): no error.
func TestHostileFolderWithoutReports(t *testing.T) {
	dir := t.TempDir()
	notes := writeFile(t, dir, "notes.md", "# notes\n")
	empty := writeFile(t, dir, "empty.txt", "")
	photo := writeFile(t, dir, "photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	zipped := writeFile(t, dir, "old.zip", makeZip(t, member{name: "readme.txt", body: "read me\n"}))
	if err := os.Mkdir(filepath.Join(dir, "orders.txt"), 0o755); err != nil { // a folder named like a report
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "orders.txt"), "orders.txt", ordersBody)
	l := mustLoad(t, Options{}, dir)
	checkInputs(t, l, nil)
	checkWarnings(t, l,
		"skipped folder "+filepath.Join(dir, "orders.txt")+": folders are read non-recursively",
		"skipped "+empty+": not a recognised report",
		"skipped "+notes+": not a recognised report",
		"skipped "+zipped+":readme.txt: not a recognised report",
		"skipped "+photo+": not a recognised report",
	)
	if len(l.Data.Kinds) != 0 || l.Data.Orders.Len() != 0 {
		t.Errorf("kinds %v, %d orders", l.Data.Kinds, l.Data.Orders.Len())
	}
	// The folder named like a report, named itself, is a folder: read.
	inner := filepath.Join(dir, "orders.txt")
	l = mustLoad(t, Options{}, inner)
	checkInputs(t, l, []records.InputFile{{File: filepath.Join(inner, "orders.txt"), Kind: "orders", Rows: 1}})
}

// Symlinks: to a file, read under the link's name (once, when the folder
// holds its target too); loops and a folder linked into itself are
// skipped with a warning, never followed for ever.
func TestHostileSymlinks(t *testing.T) {
	dir := t.TempDir()
	elsewhere := writeFile(t, t.TempDir(), "orders.txt", ordersBody)
	symlink := func(target, name string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symlinks here:", err)
		}
		return p
	}
	latest := symlink(elsewhere, "latest.txt")
	self := symlink("self.txt", "self.txt")
	symlink("pong.txt", "ping.txt")
	symlink("ping.txt", "pong.txt")
	symlink(".", "loop")
	symlink(dir, "loop2")
	b := writeFile(t, dir, "b.txt", "amazon-order-id\tpurchase-date\tfulfillment-channel\n111-2\t2026-09-08\tMerchant\n")
	symlink("b.txt", "a.txt") // the same file as b.txt, listed first

	l := mustLoad(t, Options{}, dir)
	a := filepath.Join(dir, "a.txt")
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "orders", Rows: 1}, {File: latest, Kind: "orders", Rows: 1}})
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", afn, "", "", false, latest, 2},
		{"111-2", "2026-09-08", mfn, "", "", false, a, 2},
	})
	loop := "too many levels of symbolic links"
	checkWarnings(t, l,
		"skipped folder "+filepath.Join(dir, "loop")+": folders are read non-recursively",
		"skipped folder "+filepath.Join(dir, "loop2")+": folders are read non-recursively",
		"skipped "+filepath.Join(dir, "ping.txt")+": "+loop,
		"skipped "+filepath.Join(dir, "pong.txt")+": "+loop,
		"skipped "+self+": "+loop,
	)

	// Named: the loop is an error; the folder linked into itself is read
	// once, its link inside skipped.
	err := loadErr(t, Options{}, self)
	wantErr(t, err, self+": "+loop, nil)
	l = mustLoad(t, Options{}, filepath.Join(dir, "loop"), b)
	if len(l.Inputs) != 2 || l.Data.Orders.Len() != 2 {
		t.Errorf("inputs %+v", l.Inputs)
	}
}
