package input

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// Overlapping orders downloads: each order counts once; a purchase date or
// fulfillment channel that differs is a warning naming both rows, and the
// earlier date and the first channel are kept.
func TestConflictingOrders(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", tsv(ordersHeader,
		"111-1\t2026-09-07\tAmazon",
		"111-2\t2026-09-08\tMerchant",
		"111-3\t2026-09-09\t",
		"111-4\t2026-09-10\tAmazon",
	))
	b := writeFile(t, dir, "b.txt", tsv(ordersHeader,
		"111-1\t2026-09-07\tAmazon",   // the same: silent
		"111-2\t2026-09-06\tAmazon",   // both differ
		"111-3\t2026-09-09\tMerchant", // the channel a.txt left unknown
		"111-4\t2026-09-10\tAmazon",
		"111-4\t2026-09-10\tMerchant", // an item row of the same order
	))
	c := writeFile(t, dir, "c.txt", tsv(ordersHeader,
		"111-3\t2026-09-09\tAmazon", // differs from b.txt, where the channel came from
	))
	l := mustLoad(t, Options{}, dir)
	checkOrders(t, l, []order{
		{"111-1", "2026-09-07", afn, "", "", false, a, 2},
		{"111-2", "2026-09-06", mfn, "", "", false, a, 3},
		{"111-3", "2026-09-09", mfn, "", "", false, a, 4},
		{"111-4", "2026-09-10", afn, "", "", false, a, 5},
	})
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "orders", Rows: 4}, {File: b, Kind: "orders", Rows: 5}, {File: c, Kind: "orders", Rows: 1}})
	checkWarnings(t, l,
		a+`:4: unknown fulfillment-channel "": its orders count in "all" only`,
		b+":3: order 111-2 has purchase date 2026-09-06 here but 2026-09-08 at "+a+":3; using the earlier",
		b+":3: order 111-2 has fulfillment-channel Amazon here but Merchant at "+a+":3; using the first",
		b+":6: order 111-4 has fulfillment-channel Merchant here but Amazon at "+a+":5; using the first",
		c+":2: order 111-3 has fulfillment-channel Amazon here but Merchant at "+b+":4; using the first",
	)
}

// Overlapping feedback downloads: one feedback per order. A rating that
// differs keeps the lower (never under-report a negative feedback) and
// points at its row; a date that differs keeps the earlier; a removal one
// file shows and the other does not counts the feedback.
func TestConflictingFeedback(t *testing.T) {
	const header = fbEnglish + "\tRemoved"
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", tsv(header,
		"9/20/26\t1\tlate\t\t111-1\tx@y.com\tno",
		"9/21/26\t4\tok\t\t111-2\tx@y.com\tno",
		"9/22/26\t2\tbad\t\t111-3\tx@y.com\tno",
		"9/23/26\t1\tbad\t\t111-4\tx@y.com\tyes",
		"9/24/26\t3\tmeh\t\t111-5\tx@y.com\tno",
	))
	b := writeFile(t, dir, "b.txt", tsv(header,
		"9/20/26\t1\tlate\t\t111-1\tx@y.com\tno", // the same: silent
		"9/21/26\t2\tworse\t\t111-2\tx@y.com\tno",
		"9/22/26\t5\tgood now\t\t111-3\tx@y.com\tno",
		"9/19/26\t1\tbad\t\t111-4\tx@y.com\tno",
		"9/24/26\t3\tmeh\t\t111-5\tx@y.com\tyes",
		"9/25/26\t1\tagain\t\t111-5\tx@y.com\tno",
	))
	l := mustLoad(t, Options{Marketplace: "US"}, a, b)
	checkFeedback(t, l, []feedback{
		{"111-1", "2026-09-20", 1, false, 2},
		{"111-2", "2026-09-21", 2, false, 3}, // b.txt's rating, and its row
		{"111-3", "2026-09-22", 2, false, 4},
		{"111-4", "2026-09-19", 1, false, 5},
		{"111-5", "2026-09-24", 1, false, 7},
	})
	if f := l.Data.Feedback[1]; f.Source.File != b {
		t.Errorf("111-2 points at %s:%d, want %s:3", f.Source.File, f.Source.Line, b)
	}
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "feedback", Rows: 5}, {File: b, Kind: "feedback", Rows: 6}})
	checkWarnings(t, l,
		b+":3: feedback for order 111-2 has rating 2 here but 4 at "+a+":3; using the lower",
		b+":4: feedback for order 111-3 has rating 5 here but 2 at "+a+":4; using the lower",
		b+":5: feedback for order 111-4 is dated 2026-09-19 here but 2026-09-23 at "+a+":5; using the earlier",
		b+":5: feedback for order 111-4 is not marked removed here but is at "+a+":5; counting it",
		b+":6: feedback for order 111-5 is marked removed here but not at "+a+":6; counting it",
		b+":7: feedback for order 111-5 has rating 1 here but 3 at "+a+":6; using the lower",
		b+":7: feedback for order 111-5 is dated 2026-09-25 here but 2026-09-24 at "+a+":6; using the earlier",
	)
}

// Past maxConflictWarnings conflicts of a kind, the rest are counted in one
// warning (a re-download in another time zone shifts every date).
func TestConflictsCapped(t *testing.T) {
	dir := t.TempDir()
	var rowsA, rowsB []string
	for i := 1; i <= 25; i++ {
		rowsA = append(rowsA, fmt.Sprintf("111-%d\t2026-09-07\tAmazon", i))
		rowsB = append(rowsB, fmt.Sprintf("111-%d\t2026-09-08\tAmazon", i))
	}
	rowsB = append(rowsB, "111-1\t2026-09-07\tMerchant")
	a := writeFile(t, dir, "a.txt", tsv(append([]string{ordersHeader}, rowsA...)...))
	b := writeFile(t, dir, "b.txt", tsv(append([]string{ordersHeader}, rowsB...)...))
	l := mustLoad(t, Options{}, dir)
	if l.Data.Orders.Len() != 25 {
		t.Errorf("%d orders", l.Data.Orders.Len())
	}
	var want []string
	for i := 1; i <= 20; i++ {
		want = append(want, fmt.Sprintf("%s:%d: order 111-%d has purchase date 2026-09-08 here but 2026-09-07 at %s:%d; using the earlier", b, i+1, i, a, i+1))
	}
	want = append(want,
		b+":27: order 111-1 has fulfillment-channel Merchant here but Amazon at "+a+":2; using the first",
		"5 more conflicting purchase dates not listed (25 in all)",
	)
	checkWarnings(t, l, want...)
}

// The order the files are read in decides "first": a folder's files by
// name, a zip's members by name.
func TestConflictsReadOrder(t *testing.T) {
	dir := t.TempDir()
	z := writeFile(t, dir, "a.zip", makeZip(t,
		member{name: "2.txt", body: tsv(ordersHeader, "111-1\t2026-09-07\tMerchant")},
		member{name: "1.txt", body: tsv(ordersHeader, "111-1\t2026-09-07\tAmazon")},
	))
	plain := writeFile(t, dir, "b.txt", tsv(ordersHeader, "111-1\t2026-09-07\tMerchant"))
	l := mustLoad(t, Options{}, dir)
	checkOrders(t, l, []order{{"111-1", "2026-09-07", afn, "", "", false, z + ":1.txt", 2}})
	checkWarnings(t, l,
		z+":2.txt:2: order 111-1 has fulfillment-channel Merchant here but Amazon at "+z+":1.txt:2; using the first",
		plain+":2: order 111-1 has fulfillment-channel Merchant here but Amazon at "+z+":1.txt:2; using the first",
	)
	if !strings.HasSuffix(filepath.Base(z), ".zip") {
		t.Fatal(z)
	}
}
