package input

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// A chargeback whose type the writer does not know (audit fetch's, from
// the Finances API's ChargebackEventList: a debit, not a type) reads as
// the settlement report's "Chargeback Refund" does: of unknown type, which
// counts. A warning says how many such chargebacks each file holds.
func TestChargebacksUnknownType(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "chargebacks.tsv", tsv(
		"order-id\tchargeback-date\tchargeback-type",
		"111-0000001-0000001\t2026-10-20T16:05:09Z\tunknown",
		"111-0000002-0000002\t2026-10-21\tDebited",
		"111-0000003-0000003\t2026-10-22\tUnknown Type",
		"111-0000004-0000004\t2026-10-23\tUNKNOWN_TYPE",
		"111-0000005-0000005\t2026-10-24\tservice",
		"111-0000006-0000006\t2026-10-25\tfraud",
	))
	l := mustLoad(t, Options{}, p)
	want := []chargeback{
		{"111-0000001-0000001", "2026-10-20", records.ChargebackUnknown, 2},
		{"111-0000002-0000002", "2026-10-21", records.ChargebackUnknown, 3},
		{"111-0000003-0000003", "2026-10-22", records.ChargebackUnknown, 4},
		{"111-0000004-0000004", "2026-10-23", records.ChargebackUnknown, 5},
		{"111-0000005-0000005", "2026-10-24", records.ChargebackService, 6},
		{"111-0000006-0000006", "2026-10-25", records.ChargebackFraud, 7},
	}
	got := chargebacksOf(t, l, p)
	sort.Slice(got, func(i, j int) bool { return got[i].ID < got[j].ID })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("chargebacks\n got: %+v\nwant: %+v", got, want)
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "chargebacks", Rows: 6}})
	checkWarnings(t, l, p+": 4 chargebacks of unknown type (debited to you; the file does not say service or fraud): counted, as a service chargeback is")
}

// One warning per file, in the singular for one chargeback; none for a
// file without chargebacks of unknown type.
func TestChargebacksUnknownTypeWarning(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", csvLines("order-id,chargeback-date,chargeback-type", "111-0000001-0000001,2026-10-20,unknown"))
	b := writeFile(t, dir, "b.csv", csvLines("order-id,chargeback-date,chargeback-type", "111-0000002-0000002,2026-10-21,service"))
	c := writeFile(t, dir, "c.csv", csvLines("order-id,chargeback-date,chargeback-type"))
	l := mustLoad(t, Options{}, a, b, c)
	checkWarnings(t, l, a+": 1 chargeback of unknown type (debited to you; the file does not say service or fraud): counted, as a service chargeback is")
	if len(l.Data.Chargebacks) != 2 || l.Data.Chargebacks[1].Type.String() != "unknown" {
		t.Errorf("chargebacks %+v", l.Data.Chargebacks)
	}
}

// A chargeback of unknown type in the chargebacks file is the settlement
// report's debit of the same order: the settlement's is not added again,
// and the order has one chargeback, which counts.
func TestChargebacksUnknownTypeMeetsSettlement(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "chargebacks.tsv", tsv(
		"order-id\tchargeback-date\tchargeback-type",
		"114-2913377-4208260\t2026-10-30T16:05:09Z\tunknown",
	))
	writeFile(t, dir, "settlement.txt", tsv(
		"settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmarketplace-name\tposted-date\tposted-date-time",
		"24817360912\t2026-10-22 06:33:36 UTC\t2026-11-05 06:33:36 UTC\t2026-11-07 06:33:36 UTC\t1043.17\tUSD",
		"24817360912\t\t\t\t\t\tChargeback Refund\t114-2913377-4208260\tAmazon.com\t2026-10-30\t2026-10-30 16:05:09 UTC",
	))
	l := mustLoad(t, Options{}, dir)
	if len(l.Data.Chargebacks) != 1 || l.Data.Chargebacks[0].Type != records.ChargebackUnknown || l.Data.Chargebacks[0].Source.Line != 2 {
		t.Errorf("chargebacks %+v, want the file's one of unknown type", l.Data.Chargebacks)
	}
}

func TestChargebacksBadTypeListsUnknown(t *testing.T) {
	p := writeFile(t, t.TempDir(), "chargebacks.csv", csvLines("order-id,chargeback-date,chargeback-type", "111-1,2026-09-01,maybe"))
	wantErr(t, loadErr(t, Options{}, p), p+`:2:3: column "chargeback-type": unknown chargeback type "maybe" (want service, fraud or unknown)`, new(*InputError))
}

// A debit of unknown type (audit fetch's) is evidence, as the settlement
// report's is: the seller's own chargebacks file that calls the order's
// chargeback fraud wins, with a conflict warning, and a service one stands
// for it; a claim charged to the seller (claim-status "charged") gives way
// to the seller's own claim reversed on appeal.
func TestChargedEvidenceGivesWay(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "chargebacks-spapi.tsv", tsv(
		"order-id\tchargeback-date\tchargeback-type",
		"111-0000001-0000001\t2026-10-20T16:05:09Z\tunknown",
		"111-0000002-0000002\t2026-10-21T16:05:09Z\tunknown",
	))
	writeFile(t, dir, "mine-chargebacks.csv", csvLines("order-id,chargeback-date,chargeback-type",
		"111-0000001-0000001,2026-10-10,fraud", "111-0000002-0000002,2026-10-11,service"))
	writeFile(t, dir, "claims-spapi.tsv", tsv(
		"order-id\tclaim-date\tclaim-status",
		"111-0000003-0000003\t2026-10-20T12:00:00Z\tcharged",
		"111-0000004-0000004\t2026-10-20T12:00:00Z\tCharged",
	))
	writeFile(t, dir, "mine-claims.csv", csvLines("order-id,claim-date,claim-status", "111-0000003-0000003,2026-10-01,reversed-on-appeal"))
	l := mustLoad(t, Options{}, dir)
	var cbs, claims []string
	for _, c := range l.Data.Chargebacks {
		cbs = append(cbs, c.OrderID+" "+c.Type.String())
	}
	for _, c := range l.Data.Claims {
		claims = append(claims, c.OrderID+" "+c.Status.String())
	}
	sort.Strings(cbs)
	sort.Strings(claims)
	if want := []string{"111-0000001-0000001 fraud", "111-0000002-0000002 service"}; !reflect.DeepEqual(cbs, want) {
		t.Errorf("chargebacks %q, want %q", cbs, want)
	}
	if want := []string{"111-0000003-0000003 reversed-on-appeal", "111-0000004-0000004 granted"}; !reflect.DeepEqual(claims, want) {
		t.Errorf("claims %q, want %q", claims, want)
	}
	found := false
	for _, w := range l.Warnings {
		found = found || strings.Contains(w, "order 111-0000001-0000001 has a chargeback debited to the seller here but a fraud chargeback")
	}
	if !found {
		t.Errorf("no conflict warning for the fraud chargeback: %q", l.Warnings)
	}
}
