package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// FuzzDetect feeds random header lines to detect directly and through
// openTable: no panic, and a recognised header maps its columns to cells
// that exist.
func FuzzDetect(f *testing.F) {
	for _, h := range []string{
		"\ufeffmazon-order-id\tmerchant-order-id\tpurchase-date\tfulfillment-channel\tpromotion-ids ",
		"amazon-order-id,shipment-id,purchase-date",
		`"Order ID","Claim Date","Claim Status"`,
		"order-id;chargeback-date;chargeback-type",
		fbGerman,
		fbJapanese,
		"Order ID\tReturn request date\tA-to-Z Claim",
		"114-4892924-3377867\t2020-02-18T05:05:21+00:00\tAmazon",
		"\"\t\"\"\t'\t\x00",
		"amazon-order-id\tpurchase-date\tfulfillment-channel\r111-1\t2026-09-07\tAmazon",
		"Date\t\xc9valuation\tCommentaires\tVotre r\xe9ponse\tNum\xe9ro de commande\tE-mail",
		"",
	} {
		f.Add(h)
	}
	dir := f.TempDir()
	p := filepath.Join(dir, "header.txt")
	f.Fuzz(func(t *testing.T, header string) {
		for _, delim := range []byte{'\t', ',', ';'} {
			cells := splitHeader(header, delim)
			spec, cols, why := detect(cells)
			if spec == nil {
				if why == "" {
					t.Fatalf("%q: neither a kind nor a reason", header)
				}
				continue
			}
			for name, i := range cols {
				if i < 0 || i >= len(cells) {
					t.Fatalf("%q: column %s at cell %d of %d", header, name, i, len(cells))
				}
			}
		}
		if err := os.WriteFile(p, []byte(header+"\n111-1\t2026-01-01\tAmazon\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		tb, err := openTable(p)
		if err != nil {
			checkLoadError(t, err)
			return
		}
		defer tb.Close()
		for name, i := range tb.Cols {
			if i < 0 || i >= len(tb.Header) {
				t.Fatalf("%q: column %s at cell %d of %d", header, name, i, len(tb.Header))
			}
		}
		// Reading the file must not panic whatever kind it was taken for.
		_, _ = Load([]string{p}, Options{Marketplace: "US"})
	})
}

// checkLoadError fails unless err is one of the errors Load documents.
func checkLoadError(t *testing.T, err error) {
	t.Helper()
	var ie *InputError
	var me *MissingColumnsError
	var ue *UnrecognisedError
	if !errors.As(err, &ie) && !errors.As(err, &me) && !errors.As(err, &ue) {
		t.Fatalf("error %v is a %T", err, err)
	}
	if !strings.Contains(err.Error(), "header.txt") && !strings.Contains(err.Error(), "body.txt") {
		t.Fatalf("error %q does not name the file", err)
	}
}

// FuzzReadOrders puts random bodies under a valid orders header: Load
// returns an *InputError or a dataset of well-formed orders, never panics.
func FuzzReadOrders(f *testing.F) {
	for _, b := range []string{
		"111-1\t2026-09-07T23:30:00-07:00\tShipped\tAmazon\tAmazon.com\tTrendy Home 12\" x 18\", \"White\"\tfalse\n",
		"111-1\t2026-09-07\tShipped\tMerchant\r\n111-1\t2026-09-06\tShipped\tAmazon\r\n\r\n",
		"111-2\t2026-02-30T10:00:00+00:00\tShipped\tAmazon\n",
		"\t2026-09-07\tShipped\tAmazon\n",
		"111-3\t2026-09-07T10:00\t\tAmazon Warehouse\t\t\t\t\t\t\n",
		"111-4\t2026-09-07 10:00:00.123 +0200\tShipped\tAFN",
		"\x00\xff\xfe\t\t\t\n\n\n",
	} {
		f.Add([]byte(b))
	}
	dir := f.TempDir()
	p := filepath.Join(dir, "body.txt")
	const header = "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tproduct-name\tis-business-order\n"
	f.Fuzz(func(t *testing.T, body []byte) {
		if err := os.WriteFile(p, append([]byte(header), body...), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Load([]string{p}, Options{})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is a %T, want *InputError", err, err)
			}
			if ie.File != p || ie.Line < 2 {
				t.Fatalf("error %v placed at %s:%d", err, ie.File, ie.Line)
			}
			return
		}
		if len(l.Inputs) != 1 || l.Inputs[0].Kind != "orders" || l.Inputs[0].Rows < l.Data.Orders.Len() {
			t.Fatalf("inputs %+v for %d orders", l.Inputs, l.Data.Orders.Len())
		}
		lines := strings.Count(string(body), "\n") + 2
		for o := range l.Data.Orders.All() {
			id := o.ID()
			if k, ok := records.LookupKey(id); id == "" || !ok || k != o.Key || strings.ContainsAny(id, " \t\n") {
				t.Fatalf("order id %q (key %v)", id, o.Key)
			}
			if src := o.Source(); src.File != p || src.Line < 2 || src.Line > lines {
				t.Fatalf("order %s at %s:%d of %d lines", id, src.File, src.Line, lines)
			}
		}
	})
}

// FuzzReadCanonical does the same for the canonical files, where quoting
// is allowed (Spec.Quoted): the claims and chargebacks files and the other
// kinds read by encoding/csv (decodeCanonical), and the shipments file read
// by its own splitter (eachCanonicalRow). The seeds quote values, close
// them a line or more later, or never. An error is placed within the file.
func FuzzReadCanonical(f *testing.F) {
	for _, b := range []string{
		"order-id,claim-date,claim-status,claim-reason\n111-1,2026-09-01,granted,\"a, \"\"b\"\"\"\n",
		"order-id,claim-date,claim-status,claim-reason\n111-1,2026-09-01,granted,\"unclosed\n111-2,2026-09-02,denied,x\n",
		"Order ID\tDate\tStatus\r\n111-1\t2026-09-01T10:00:00Z\tUnder Review\r\n\r\n",
		"order-id;chargeback-date;chargeback-type\n111-1;2026-09-01;fraud\n;;\n",
		"order-id,chargeback-date,chargeback-type\n\"111-1\"x,2026-09-01,service,extra,fields\n",
		// Quoted values over lines: closed on the next line, on a later
		// one, after a lone '"' or a '"' before CRLF, and never.
		"order-id,claim-reason,claim-date,claim-status\n111-1,\"two\nlines\",2026-09-01,granted\n111-2,x,2026-09-02,denied\n",
		"order-id,claim-reason,claim-date,claim-status\r\n111-1,\"a\"b\r\nc\"\"\r\n\",2026-09-01,granted\r\n",
		"order-id,reason,chargeback-date,chargeback-type\n111-1,\"a\n\",\"b\n\",2026-09-01,fraud\n",
		"order-id,reason,chargeback-date,chargeback-type\n111-1,\"never closed,2026-09-01,fraud\n111-2,x,2026-09-02,fraud\n",
		"message-id,order-id,received-at,response-at,response-kind\nm1,\"111-1\n\",2026-11-16T09:00:00-08:00,,\n",
		"order-id,request-at,responded-at,response,in-policy,return-feedback\n111-1,2026-09-01T10:00:00Z,,\"open\n",
		"rater-id,rated-at,score\n\"r1\"\"\n\",2026-09-01T10:00:00Z,5\n",
		"Order Date,Order ID,Impacts Account Health\n2026-11-15,\"111-1\r\n\",Yes\r\n",
		"order-id,purchase-date,latest-ship-date,ship-confirm-date\n111-1,\"2026-09-01\n\",2026-09-03,2026-09-02\n",
		"order-id,purchase-date,latest-ship-date,ship-confirm-date\n\"111-1,2026-09-01,2026-09-03,2026-09-02\n111-2,2026-09-01,2026-09-03,2026-09-02\n",
		"order-id\tpurchase-date\tlatest-ship-date\tship-confirm-date\n111-1\t\"a\"\"\tb\n\"\t2026-09-03\t\n",
	} {
		f.Add([]byte(b))
	}
	dir := f.TempDir()
	p := filepath.Join(dir, "body.txt")
	f.Fuzz(func(t *testing.T, file []byte) {
		if err := os.WriteFile(p, file, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Load([]string{p}, Options{Marketplace: "US"})
		if err != nil {
			checkLoadError(t, err)
			var ie *InputError
			if errors.As(err, &ie) && ie.Line > strings.Count(string(file), "\n")+1 {
				t.Fatalf("error %v placed past the file's %d lines", err, strings.Count(string(file), "\n")+1)
			}
			return
		}
		for _, c := range l.Data.Claims {
			if c.OrderID == "" || c.Source.File != p || c.Source.Line < 2 {
				t.Fatalf("claim %+v", c)
			}
		}
		for _, c := range l.Data.Chargebacks {
			if c.OrderID == "" || c.Source.File != p || c.Source.Line < 2 {
				t.Fatalf("chargeback %+v", c)
			}
		}
	})
}
