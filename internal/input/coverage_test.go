package input

import (
	"reflect"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

func span(field records.DateField, store, from, to string, rows int) records.Span {
	f, _ := civil.ParseISODate(from)
	t, _ := civil.ParseISODate(to)
	return records.Span{Field: field, Store: store, From: f, To: t, Rows: rows}
}

// Each file's span is its own rows' first and last date, even where an
// overlapping download holds the same orders (they are one order in the
// data, but each file covers its days); per store, by sales channel.
func TestOrdersSpansPerFile(t *testing.T) {
	dir := t.TempDir()
	const h = "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel"
	a := writeFile(t, dir, "a.txt", tsv(h, "111-1\t2026-09-01\tAmazon\tAmazon.de", "111-2\t2026-09-30\tAmazon\tAmazon.de",
		"111-9\t2026-09-15\tAmazon\tAmazon.fr"))
	b := writeFile(t, dir, "b.txt", tsv(h, "111-2\t2026-09-30\tAmazon\tAmazon.de", "111-3\t2026-10-20\tMerchant\tAmazon.de",
		"S01-1\t2026-10-01\tAmazon\tNon-Amazon"))
	l := mustLoad(t, Options{}, a, b)
	want := [][]records.Span{
		{span(records.Ordered, "DE", "2026-09-01", "2026-09-30", 2), span(records.Ordered, "FR", "2026-09-15", "2026-09-15", 1)},
		{span(records.Ordered, "", "2026-10-01", "2026-10-01", 1), span(records.Ordered, "DE", "2026-09-30", "2026-10-20", 2)},
	}
	for i, w := range want {
		if got := l.Inputs[i].Spans; !reflect.DeepEqual(got, w) {
			t.Errorf("%s: spans %+v, want %+v", l.Inputs[i].File, got, w)
		}
	}
	got := l.Data.Covered([]string{"orders"}, records.Ordered, "DE")
	if len(got) != 1 || got[0].From.String() != "2026-09-01" || got[0].To.String() != "2026-10-20" {
		t.Errorf("covered for DE: %+v", got)
	}
	// FR: its own day and the day of the row of no store.
	if got := l.Data.Covered([]string{"orders"}, records.Ordered, "FR"); len(got) != 2 {
		t.Errorf("covered for FR: %+v", got)
	}
}

// The shipments file covers its rows' order dates, expected ship dates and
// promised delivery dates; the Feedback report its feedback's dates,
// known once every file is read.
func TestShipmentsAndFeedbackSpans(t *testing.T) {
	dir := t.TempDir()
	sh := writeFile(t, dir, "shipments.csv", tsv("order-id,purchase-date,latest-ship-date,ship-confirm-date,promised-delivery-date",
		"1,2026-10-01,2026-10-03,,2026-10-08", "2,2026-10-05,2026-10-07,,"))
	fb := writeFile(t, dir, "Feedback.txt", tsv("Date\tRating\tComments\tResponse\tOrder ID\tRater Email",
		"11/02/26\t1\tbad\t\t111-1\tx@example.com", "11/14/26\t5\tgood\t\t111-2\ty@example.com"))
	l := mustLoad(t, Options{}, sh, fb)
	for _, in := range l.Inputs {
		var want []records.Span
		switch in.Kind {
		case "shipments":
			want = []records.Span{span(records.Ordered, "", "2026-10-01", "2026-10-05", 2),
				span(records.ShipBy, "", "2026-10-03", "2026-10-07", 2), span(records.Promised, "", "2026-10-08", "2026-10-08", 1)}
		case "feedback":
			want = []records.Span{span(records.Dated, "", "2026-11-02", "2026-11-14", 2)}
		}
		if !reflect.DeepEqual(in.Spans, want) {
			t.Errorf("%s: spans %+v, want %+v", in.Kind, in.Spans, want)
		}
	}
}
