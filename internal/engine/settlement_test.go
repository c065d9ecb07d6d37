package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/settings"
)

// settlementFolder writes an account folder: an All Orders report of four
// orders over the ODR window of 2026-11-20, a settlement report with an
// A-to-z refund on 111-0000000-0000002 and a chargeback debit on
// 111-0000000-0000003, and the extra files given (name -> body).
func settlementFolder(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"orders.txt": "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n" +
			"111-0000000-0000001\t2026-09-08T10:00:00+00:00\tMerchant\tAmazon.com\n" +
			"111-0000000-0000002\t2026-10-01T10:00:00+00:00\tMerchant\tAmazon.com\n" +
			"111-0000000-0000003\t2026-10-02T10:00:00+00:00\tMerchant\tAmazon.com\n" +
			"111-0000000-0000004\t2026-11-19T10:00:00+00:00\tMerchant\tAmazon.com\n",
		"settlement.txt": "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tamount-type\tamount-description\tamount\tposted-date\tposted-date-time\tmarketplace-name\n" +
			"24817360912\t2026-10-22 06:33:36 UTC\t2026-11-05 06:33:36 UTC\t2026-11-07 06:33:36 UTC\t1043.17\tUSD\n" +
			"24817360912\t\t\t\t\t\tOrder\t111-0000000-0000004\tItemPrice\tPrincipal\t24.99\t2026-11-04\t2026-11-04 10:00:00 UTC\tAmazon.com\n" +
			"24817360912\t\t\t\t\t\tA-to-z Guarantee Refund\t111-0000000-0000002\tItemPrice\tPrincipal\t-24.99\t2026-10-28\t2026-10-28 21:17:40 UTC\tAmazon.com\n" +
			"24817360912\t\t\t\t\t\tA-to-z Guarantee Refund\t111-0000000-0000002\tItemFees\tCommission\t3.75\t2026-10-28\t2026-10-28 21:17:40 UTC\tAmazon.com\n" +
			"24817360912\t\t\t\t\t\tChargeback Refund\t111-0000000-0000003\tItemPrice\tPrincipal\t-19.99\t2026-10-30\t2026-10-30 16:05:09 UTC\tAmazon.com\n",
	}
	for name, body := range extra {
		files[name] = body
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// audit odr on a folder with a settlement report reads it (the ODR uses
// it when it is among the files): its A-to-z refund is a counted claim,
// its chargeback debit a counted chargeback of unknown type, and the
// components it gives are given, with a note on what the settlement report
// cannot tell. Beside a claims file that says denied and a chargebacks
// file that says fraud, the claim still counts and the chargeback does
// not, each with a warning; the notes go.
func TestODRReadsTheSettlementReport(t *testing.T) {
	asOf := civil.NewDate(2026, 11, 20)
	ids := []string{metrics.ODRID}

	r, err := Run("odr", []string{settlementFolder(t, nil)}, settings.Default(asOf), ids)
	if err != nil {
		t.Fatal(err)
	}
	all := r.Metrics[0]
	if all.Numerator != 2 || all.Denominator != 3 || all.Components.Get(metrics.ComponentClaims) != 1 ||
		all.Components.Get(metrics.ComponentChargebacks) != 1 || !reflect.DeepEqual(all.NotGiven, []string{metrics.ComponentNegativeFeedback}) {
		t.Errorf("odr all: %d/%d, components %+v, not given %v", all.Numerator, all.Denominator, all.Components, all.NotGiven)
	}
	var events []string
	for _, it := range all.Items {
		for _, e := range it.Events {
			events = append(events, it.OrderID+" "+e.Type+" "+e.Date.String()+" "+e.Status)
		}
	}
	if want := []string{"111-0000000-0000002 a_to_z_claim 2026-10-28 granted", "111-0000000-0000003 chargeback 2026-10-30 unknown"}; !reflect.DeepEqual(events, want) {
		t.Errorf("events %q, want %q", events, want)
	}
	kinds := []string{}
	for _, in := range r.Inputs {
		kinds = append(kinds, in.Kind)
	}
	if !slices.Contains(kinds, "settlement") {
		t.Errorf("inputs %v, want the settlement report among them", kinds)
	}
	for _, want := range []string{"A-to-z claims come from the settlement report only", "chargebacks come from the settlement report only"} {
		if !slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.HasPrefix(w, want) }) {
			t.Errorf("warnings %q, want one starting %q", r.Warnings, want)
		}
	}

	dir := settlementFolder(t, map[string]string{
		"claims.csv":      "order-id,claim-date,claim-status\n111-0000000-0000002,2026-10-20,denied\n",
		"chargebacks.csv": "order-id,chargeback-date,chargeback-type\n111-0000000-0000003,2026-10-21,fraud\n",
	})
	r, err = Run("odr", []string{dir}, settings.Default(asOf), ids)
	if err != nil {
		t.Fatal(err)
	}
	all = r.Metrics[0]
	if all.Numerator != 1 || all.Components.Get(metrics.ComponentClaims) != 1 || all.Components.Get(metrics.ComponentChargebacks) != 0 || len(all.NotGiven) != 1 {
		t.Errorf("odr all beside the claims and chargebacks files: %d/%d, components %+v, not given %v", all.Numerator, all.Denominator, all.Components, all.NotGiven)
	}
	var conflicts, notes int
	for _, w := range r.Warnings {
		if strings.Contains(w, "charged to the seller here but its claim is denied at") || strings.Contains(w, "debited to the seller here but a fraud chargeback at") {
			conflicts++
		}
		if strings.Contains(w, "from the settlement report only") {
			notes++
		}
	}
	if conflicts != 2 || notes != 0 {
		t.Errorf("warnings %q: want the two conflicts and no note", r.Warnings)
	}
}

// A settlement report whose newest transaction is older than the ODR
// window is noted, as the other event files are: the refunds and debits
// since are not in the files.
func TestStaleSettlementReport(t *testing.T) {
	dir := settlementFolder(t, nil)
	old := "settlement-id\ttransaction-type\torder-id\tposted-date\n1\tChargeback Refund\t111-0000000-0000003\t2026-08-01\n"
	if err := os.WriteFile(filepath.Join(dir, "settlement.txt"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Run("odr", []string{dir}, settings.Default(civil.NewDate(2026, 11, 20)), []string{metrics.ODRID})
	if err != nil {
		t.Fatal(err)
	}
	want := "the newest row of the settlement report is dated 2026-08-01, before the ODR window (from 2026-09-08)"
	if !slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.HasPrefix(w, want) }) {
		t.Errorf("warnings %q, want one starting %q", r.Warnings, want)
	}
}
