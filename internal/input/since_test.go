package input

import (
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

// With Options.Since a shipment none of whose dates reaches it is set
// aside: not among the shipments, but still known to its order's later
// rows (one order; a differing row is warned about) and to the stores.
func TestSinceSetsShipmentsAside(t *testing.T) {
	dir := t.TempDir()
	head := "order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,promised-delivery-date\n"
	a := writeFile(t, dir, "a.csv", head+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,2026-08-02,2026-08-20\n"+ // old: every date before 09-01
		"111-0000002-0000002,,2026-08-01,2026-08-03,2026-08-02,2026-09-01\n"+ // promised on Since: kept
		"111-0000003-0000003,UK,2026-08-01,2026-08-03,2026-08-02,\n") // old, no promised date
	b := writeFile(t, dir, "b.csv", head+
		"111-0000001-0000001,DE,2026-08-01,2026-08-03,2026-08-02,2026-08-20\n"+ // same row again: silent
		"111-0000003-0000003,UK,2026-09-05,2026-09-07,2026-09-06,2026-09-10\n") // differs: warned, first wins
	l := mustLoad(t, Options{Since: civil.NewDate(2026, 9, 1)}, a, b)
	sh := &l.Data.Shipments
	if sh.Len() != 1 || sh.At(0).OrderID() != "111-0000002-0000002" {
		t.Fatalf("kept %d shipments", sh.Len())
	}
	if sh.OldLen() != 2 || sh.OldAt(0).Marketplace.String() != "DE" || sh.OldAt(1).Marketplace.String() != "UK" {
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
