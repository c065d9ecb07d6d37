package input

import (
	"strings"
	"testing"
)

// --column maps a user's own header to a column; the mapped file then reads
// like any other.
func TestColumnMapping(t *testing.T) {
	p := writeFile(t, t.TempDir(), "bestellungen.txt",
		"Bestellnummer\tKaufdatum\tVersand durch\torder-status\n111-1\t2026-09-07T10:00:00+02:00\tAmazon\tShipped\n")
	if _, err := Load([]string{p}, Options{}); err == nil {
		t.Fatal("the German header was recognised without a mapping")
	}
	m := ColumnMap{}
	for _, v := range []string{"orders.amazon-order-id=Bestellnummer", `orders.purchase-date="Kaufdatum"`, "orders.fulfillment_channel=Versand durch"} {
		if err := m.Parse(v); err != nil {
			t.Fatal(err)
		}
	}
	l := mustLoad(t, Options{Columns: m}, p)
	o, _ := l.Data.Orders.Get("111-1")
	if o == nil || o.Date.String() != "2026-09-07" || o.Channel.String() != "afn" {
		t.Fatalf("orders %+v", l.Data.Orders)
	}
}

func TestColumnMappingErrors(t *testing.T) {
	for v, want := range map[string]string{
		"orders.purchase-date":         "want kind.column=Header",
		"purchase-date=Kaufdatum":      "want kind.column=Header",
		"orders.purchase-date=":        "want kind.column=Header",
		"bestellungen.datum=Datum":     `unknown report kind "bestellungen"`,
		"orders.kaufdatum=Kaufdatum":   `the All Orders report has no column "kaufdatum"`,
		"feedback.stars=Sterne":        `the Feedback report has no column "stars"`,
		"shipments.ship-by=Versandtag": `the shipments file has no column "ship-by"`,
	} {
		err := ColumnMap{}.Parse(v)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", v, err, want)
		}
	}
}

// Error messages quote the bad value, but never a buyer's e-mail or phone
// number unless ShowPII.
func TestErrorsMaskPII(t *testing.T) {
	body := "order-id,claim-date,claim-status\n111-1,2026-09-01,jane.doe@example.com +49 30 1234567\n"
	p := writeFile(t, t.TempDir(), "claims.csv", body)
	_, err := Load([]string{p}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), "jane.doe") || strings.Contains(err.Error(), "1234567") ||
		!strings.Contains(err.Error(), `"<e-mail> <phone>"`) {
		t.Errorf("masked error: %v", err)
	}
	_, err = Load([]string{p}, Options{ShowPII: true})
	if err == nil || !strings.Contains(err.Error(), "jane.doe@example.com +49 30 1234567") {
		t.Errorf("with ShowPII: %v", err)
	}
}

func TestRedactPII(t *testing.T) {
	for in, want := range map[string]string{
		"mail me at a.b+c@shop.example.co.uk now": "mail me at <e-mail> now",
		"call +1 (206) 555-0100":                  "call <phone>",
		"call (206) 555-0100":                     "call <phone>",
		"+44 20 7946 0958":                        "<phone>",
		// not phones: order ids, dates, prices; a bare run of 10 digits is one
		"order 112-2025179-0533224":   "order 112-2025179-0533224",
		"2026-02-30T10:00:00+00:00":   "2026-02-30T10:00:00+00:00",
		"EUR 1,234.56 and 5551234567": "EUR 1,234.56 and <phone>",
	} {
		if got := RedactPII(in); got != want {
			t.Errorf("RedactPII(%q) = %q, want %q", in, got, want)
		}
	}
}

// Warnings quote values as errors do, and are masked the same way.
func TestWarningsMaskPII(t *testing.T) {
	p := writeFile(t, t.TempDir(), "orders.txt", "amazon-order-id\tpurchase-date\tfulfillment-channel\n111-1\t2026-10-07\tjane@example.com\n")
	l := mustLoad(t, Options{}, p)
	if len(l.Warnings) != 1 || strings.Contains(l.Warnings[0], "jane") || !strings.Contains(l.Warnings[0], "<e-mail>") {
		t.Errorf("warnings %q", l.Warnings)
	}
	l = mustLoad(t, Options{ShowPII: true}, p)
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "jane@example.com") {
		t.Errorf("with ShowPII: %q", l.Warnings)
	}
}
