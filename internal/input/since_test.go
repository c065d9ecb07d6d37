package input

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

// With Options.Since a shipment none of whose dates reaches it is set
// aside: not among the shipments, but still known to its order's later
// rows (one order; a differing row is warned about) and to the stores. A
// row without a promised delivery date in a file that has the column is
// kept whole: a later download may give the date.
func TestSinceSetsShipmentsAside(t *testing.T) {
	dir := t.TempDir()
	head := "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,promised-delivery-date\n"
	a := writeFile(t, dir, "a.csv", head+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,2026-08-02,2026-08-20\n"+ // old: every date before 09-01
		"111-0000002-0000002,,2026-08-01,2026-08-03,2026-08-02,2026-09-01\n"+ // promised on Since: kept
		"111-0000003-0000003,UK,2026-08-01,2026-08-03,2026-08-02,\n") // old, no promised date yet: kept whole
	b := writeFile(t, dir, "b.csv", head+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,2026-08-02,2026-08-20\n"+ // same row again: silent
		"111-0000003-0000003,UK,2026-09-05,2026-09-07,2026-09-06,2026-09-10\n") // differs: warned, first wins, promised taken
	l := mustLoad(t, Options{Since: civil.NewDate(2026, 9, 1)}, a, b)
	sh := &l.Data.Shipments
	if sh.Len() != 2 || sh.At(0).OrderID() != "111-0000002-0000002" || sh.At(1).OrderID() != "111-0000003-0000003" {
		t.Fatalf("kept %d shipments", sh.Len())
	}
	if got := sh.At(1); got.Purchase.Date.String() != "2026-08-01" || got.Promised != civil.OptDateOf(civil.NewDate(2026, 9, 10)) {
		t.Errorf("111-0000003-0000003: purchase %s, promised %v; want the first's purchase, b's promised date", got.Purchase.Date, got.Promised)
	}
	if sh.OldLen() != 1 || sh.OldAt(0).Marketplace.String() != "DE" {
		t.Errorf("set aside %d", sh.OldLen())
	}
	var differs []string
	for _, w := range l.Warnings {
		if strings.Contains(w, "differs") {
			differs = append(differs, w)
		}
	}
	want := b + ":3: order 111-0000003-0000003 differs from its row at " + a + ":4; using the first"
	if len(differs) != 1 || differs[0] != want {
		t.Errorf("warnings %q, want only %q", l.Warnings, want)
	}

	// Without Since everything is kept, and the same warning is given.
	all := mustLoad(t, Options{}, a, b)
	if all.Data.Shipments.Len() != 3 || all.Data.Shipments.OldLen() != 0 {
		t.Errorf("without Since: %d kept, %d set aside", all.Data.Shipments.Len(), all.Data.Shipments.OldLen())
	}
	if strings.Join(all.Warnings, "\n") != strings.Join(l.Warnings, "\n") {
		t.Errorf("warnings differ:\n%q\n%q", all.Warnings, l.Warnings)
	}
}

// A file without the promised-delivery-date column sets its old rows
// aside. A later download that gives the date and brings the order into a
// window takes the order back: whole when it holds every value of the row
// set aside and more (the same as without Since), else with a warning that
// the old row could not be merged with it, using the later row.
func TestSinceSetAsideRowReachesAWindow(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date\n"+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,\n"+
		"111-0000002-0000002,DE,2026-08-01,2026-08-03,2026-08-02\n")
	b := writeFile(t, dir, "b.csv", "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,promised-delivery-date\n"+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,2026-08-02,2026-09-05\n"+ // a's values and more
		"111-0000002-0000002,DE,2026-08-01,2026-08-03,,2026-09-05\n") // a's confirmation missing
	since := civil.NewDate(2026, 9, 1)
	l := mustLoad(t, Options{Since: since}, a, b)
	got := shipmentsOf(l)
	if len(got) != 2 || got[0].ID != "111-0000001-0000001" || got[0].File != "a.csv" || got[0].Line != 2 || got[0].Confirm != "2026-08-02" || got[0].Promised != "2026-09-05" ||
		got[1].ID != "111-0000002-0000002" || got[1].File != "b.csv" || got[1].Line != 3 || got[1].Confirm != "" {
		t.Errorf("kept %+v", got)
	}
	checkWarnings(t, l, b+":3: order 111-0000002-0000002 differs from its row at "+a+":3, which is older than every window of the run and was not kept whole; using this row")

	// Without Since, the first is the same; the second merges value by
	// value (a's confirmation kept) and silently.
	l = mustLoad(t, Options{}, a, b)
	got = shipmentsOf(l)
	if len(got) != 2 || got[0].Confirm != "2026-08-02" || got[0].Promised != "2026-09-05" || got[1].File != "a.csv" || got[1].Confirm != "2026-08-02" || got[1].Promised != "2026-09-05" {
		t.Errorf("without Since: %+v", got)
	}
	checkWarnings(t, l)
}

// A cancellation whose canceller one download leaves out and another gives
// is that canceller's: the warning about cancellations without canceller,
// given once every file is read, counts only the orders no row names the
// canceller of, under the file of the order's row kept (its first). The
// same with Since.
func TestShipmentsCancellerGivenLater(t *testing.T) {
	dir := t.TempDir()
	head := "order-id,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by,promised-delivery-date\n"
	a := writeFile(t, dir, "a.csv", head+
		"111-1,2026-08-01,2026-08-03,,2026-08-02,,2026-08-10\n"+ // unknown; b says buyer
		"111-2,2026-08-01,2026-08-03,,2026-08-02,,2026-08-10\n"+ // unknown; b says nothing more
		"111-3,2026-08-01,2026-08-03,,,,2026-08-10\n") // not cancelled; b: cancelled, by unknown
	b := writeFile(t, dir, "b.csv", head+
		"111-1,2026-08-01,2026-08-03,,2026-08-02,buyer,2026-08-10\n"+
		"111-2,2026-08-01,2026-08-03,,2026-08-02,,2026-08-10\n"+
		"111-3,2026-08-01,2026-08-03,,2026-08-02,,2026-08-10\n"+
		"111-4,2026-08-01,2026-08-03,,2026-08-02,,2026-08-10\n")
	for _, since := range []civil.Date{0, civil.NewDate(2026, 9, 1)} {
		l := mustLoad(t, Options{Since: since}, a, b)
		checkWarnings(t, l,
			a+": 2 orders cancelled without saying by whom: counted as seller cancellations",
			b+": 1 order cancelled without saying by whom: counted as seller cancellations")
		if since != 0 {
			continue
		}
		var by []string
		for sh := range l.Data.Shipments.All() {
			by = append(by, sh.OrderID()+":"+sh.CancelledBy.String())
		}
		if got := strings.Join(by, " "); got != "111-1:buyer 111-2:unknown 111-3:unknown 111-4:unknown" {
			t.Errorf("cancelled by: %s", got)
		}
	}
}

// A later row whose own dates reach a window, but which conflicts with the
// row set aside on them, leaves the order outside every window, as
// without Since: the first row's dates are kept.
func TestSinceConflictingDatesStayAside(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date\n"+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,2026-08-02\n")
	b := writeFile(t, dir, "b.csv", "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date\n"+
		"111-0000001-0000001,DE,2026-09-05,2026-09-07,2026-09-06\n")
	want := b + ":2: order 111-0000001-0000001 differs from its row at " + a + ":2; using the first"
	l := mustLoad(t, Options{Since: civil.NewDate(2026, 9, 1)}, a, b)
	if sh := &l.Data.Shipments; sh.Len() != 0 || sh.OldLen() != 1 {
		t.Errorf("%d kept, %d set aside; want it set aside", sh.Len(), sh.OldLen())
	}
	checkWarnings(t, l, want)
	l = mustLoad(t, Options{}, a, b)
	if got := shipmentsOf(l); len(got) != 1 || got[0].Purchase != "2026-08-01" || got[0].File != "a.csv" {
		t.Errorf("without Since: %+v", got)
	}
	checkWarnings(t, l, want)
}
