package engine

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/settings"
)

// writeAccount writes an All Orders report with n orders (about 1.2 item
// rows each) dated over the 120 days before asOf, and a feedback report and
// claims file with defects on about 1 % of them.
func writeAccount(tb testing.TB, dir string, n int, asOf civil.Date) {
	tb.Helper()
	rnd := rand.New(rand.NewSource(1))
	write := func(name string, fn func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fn(w)
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		f.Close()
	}
	ids := make([]string, n)
	type mfnOrder struct {
		id       string
		at       time.Time
		business bool
	}
	var mfn []mfnOrder
	write("orders.txt", func(w *bufio.Writer) {
		w.WriteString("amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tcpf\tis-business-order\tpurchase-order-number\tprice-designation\n")
		for i := range ids {
			ids[i] = fmt.Sprintf("%03d-%07d-%07d", 100+rnd.Intn(900), rnd.Intn(10_000_000), i)
			d := asOf.AddDays(-rnd.Intn(120)).Time().Add(time.Duration(rnd.Intn(86400)) * time.Second)
			ch := "Amazon"
			if rnd.Intn(10) < 4 {
				ch = "Merchant"
			}
			if ch == "Merchant" {
				mfn = append(mfn, mfnOrder{ids[i], d, rnd.Intn(10) == 0})
			}
			items := 1 + rnd.Intn(5)/4
			for j := 0; j < items; j++ {
				fmt.Fprintf(w, "%s\t%s\t%s-08:00\t%s-08:00\tShipped\t%s\tAmazon.com\t\t\tStandard\tTrendy Home 12\" x 18\" Pillow Cover\tth1218\tB07K1FNN7M\tShipped\t1\tUSD\t7.49\t0.60\t0.00\t0.00\t\t\t\t\tMEMPHIS\tTN\t38117-3311\tUS\t\t\tfalse\t\t\n",
					ids[i], ids[i], d.Format("2006-01-02T15:04:05"), d.Format("2006-01-02T15:04:05"), ch)
			}
		}
	})
	write("feedback.txt", func(w *bufio.Writer) {
		w.WriteString("Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n")
		for i := 0; i < n/100; i++ {
			d := asOf.AddDays(-rnd.Intn(100)).Time()
			fmt.Fprintf(w, "%d/%d/%02d\t%d\tslow\t\t%s\tx%d@marketplace.example\n", d.Month(), d.Day(), d.Year()%100, 1+rnd.Intn(3), ids[rnd.Intn(n)], i)
		}
	})
	// The shipments of the seller-fulfilled orders: about 5 % shipped
	// late, 3 % without valid tracking, 8 % delivered late, 1 % cancelled
	// by the seller; business orders have an invoice, a few late.
	write("shipments.csv", func(w *bufio.Writer) {
		w.WriteString("order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by,carrier,tracking-id,tracking-valid,promised-delivery-date,delivery-date,is-business-order,invoice-upload-date\n")
		const ts = "2006-01-02T15:04:05-08:00"
		for _, o := range mfn {
			shipBy := o.at.Add(48 * time.Hour)
			promised := o.at.Add(5 * 24 * time.Hour)
			if rnd.Intn(100) == 0 {
				fmt.Fprintf(w, "%s,US,%s,%s,,%s,seller,,,,%s,,%t,\n", o.id, o.at.Format(ts), shipBy.Format(ts),
					o.at.Add(3*time.Hour).Format(ts), promised.Format("2006-01-02"), o.business)
				continue
			}
			confirm := o.at.Add(time.Duration(rnd.Intn(40)) * time.Hour)
			if rnd.Intn(20) == 0 {
				confirm = shipBy.Add(time.Duration(1+rnd.Intn(30)) * time.Hour)
			}
			valid := "Y"
			if rnd.Intn(33) == 0 {
				valid = "N"
			}
			delivered := promised.Add(-24 * time.Hour)
			if rnd.Intn(12) == 0 {
				delivered = promised.Add(48 * time.Hour)
			}
			invoice := ""
			if o.business {
				invoice = confirm.Add(time.Duration(2+rnd.Intn(80)) * time.Hour).Format(ts)
			}
			fmt.Fprintf(w, "%s,US,%s,%s,%s,,,UPS,1Z%012d,%s,%s,%s,%t,%s\n", o.id, o.at.Format(ts), shipBy.Format(ts),
				confirm.Format(ts), rnd.Int63n(1e12), valid, promised.Format("2006-01-02"), delivered.Format("2006-01-02"), o.business, invoice)
		}
	})
	write("claims.csv", func(w *bufio.Writer) {
		w.WriteString("order-id,claim-date,claim-status,claim-reason,claim-amount,currency\n")
		for i := 0; i < n/300; i++ {
			fmt.Fprintf(w, "%s,%s,granted,\"Damaged, defective\",20.00,USD\n", ids[rnd.Intn(n)], asOf.AddDays(-rnd.Intn(100)))
		}
	})
}

// BenchmarkAudit reads a generated account and audits it as audit odr and
// audit all do, per account size, with allocation figures:
//
//	go test -run '^$' -bench Audit -benchmem ./internal/engine
//
// The 1M-order account (about 290 MB) is written once, in a temporary
// folder; -short leaves it out. docs/performance.md has the figures.
func BenchmarkAudit(b *testing.B) {
	asOf := civil.NewDate(2026, 11, 20)
	s := settings.Default(asOf)
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		if n > 100_000 && testing.Short() {
			continue
		}
		dir := b.TempDir()
		writeAccount(b, dir, n, asOf)
		var size int64
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if st, err := os.Stat(filepath.Join(dir, e.Name())); err == nil {
				size += st.Size()
			}
		}
		for _, c := range []struct {
			name string
			ids  []string
		}{{"odr", []string{"odr"}}, {"all", All}} {
			b.Run(fmt.Sprintf("%s/%s", c.name, orderCount(n)), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Run(c.name, []string{dir}, s, c.ids); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// orderCount writes 10000 as "10k", 1000000 as "1M".
func orderCount(n int) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

// TestRunSmallAccount keeps the benchmark's generator honest: the figures
// it implies are recomputed naively here.
func TestRunSmallAccount(t *testing.T) {
	dir := t.TempDir()
	asOf := civil.NewDate(2026, 11, 20)
	writeAccount(t, dir, 3000, asOf)
	r, err := Run("odr", []string{dir}, settings.Default(asOf), []string{"odr"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Metrics) != 3 {
		t.Fatalf("want 3 ODR entries, got %d", len(r.Metrics))
	}
	all, afn, mfn := r.Metrics[0], r.Metrics[1], r.Metrics[2]
	if all.Denominator != afn.Denominator+mfn.Denominator || all.Denominator == 0 {
		t.Errorf("segments do not add up: all %d, afn %d, mfn %d", all.Denominator, afn.Denominator, mfn.Denominator)
	}
	if all.Numerator == 0 || all.Numerator != afn.Numerator+mfn.Numerator {
		t.Errorf("numerators do not add up: all %d, afn %d, mfn %d", all.Numerator, afn.Numerator, mfn.Numerator)
	}
	if got := len(r.Inputs); got != 3 {
		t.Errorf("want 3 inputs, got %d: %+v", got, r.Inputs)
	}
	// audit all computes every seller-fulfilled metric from the shipments.
	r, err = Run("all", []string{dir}, settings.Default(asOf), All)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Metrics {
		if m.ID == "invoice_defect_rate" {
			continue // a US account: not computed
		}
		if m.NotComputed != "" || m.Denominator == 0 || (m.Numerator == 0 && m.ID != "prefulfillment_cancel_rate") {
			t.Errorf("%s %s: %d/%d %q", m.ID, m.Fulfillment, m.Numerator, m.Denominator, m.NotComputed)
		}
	}
}

// BenchmarkDir audits the account in $AUDIT_BENCH_DIR (e.g. one written by
// internal/bench/synth.py) as `audit all` does, for profiling a real
// account: AUDIT_BENCH_DIR=/tmp/s1m go test -run '^$' -bench Dir -cpuprofile cpu.out ./internal/engine
func BenchmarkDir(b *testing.B) {
	dir := os.Getenv("AUDIT_BENCH_DIR")
	if dir == "" {
		b.Skip("AUDIT_BENCH_DIR not set")
	}
	s := settings.Default(civil.NewDate(2026, time.November, 20))
	ids := All
	if c := os.Getenv("AUDIT_BENCH_CHECKS"); c != "" { // e.g. odr
		ids = strings.Split(c, ",")
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Run("all", []string{dir}, s, ids); err != nil {
			b.Fatal(err)
		}
	}
}
