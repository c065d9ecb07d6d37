package engine

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// storeData is a dataset whose orders report has the given sales channels
// (order ids o1, o2, ...), whose shipments name the given stores and whose
// VAT invoices name the given stores.
func storeData(channels, shipments, invoices []string) *records.Dataset {
	d := records.NewDataset()
	for i, ch := range channels {
		id := "o" + string(rune('1'+i))
		d.Orders.Put(records.Order{Key: records.KeyOf(id), Channel: records.ChannelMerchant, SalesChannel: records.Intern(ch)})
	}
	for i, st := range shipments {
		d.Shipments.Append(records.Shipment{Key: records.KeyOf("s" + string(rune('1'+i))), Marketplace: records.Intern(st)})
	}
	for i, st := range invoices {
		d.Invoices = append(d.Invoices, records.Invoice{Key: records.KeyOf("v" + string(rune('1'+i))), Marketplace: records.Intern(st)})
	}
	return d
}

type strs = []string

// stores: the store codes the reports name, from the orders' sales
// channels (case-insensitive; Non-Amazon and unknown channels name none),
// the shipments' and the VAT invoices' marketplaces; sorted, each once.
func TestStores(t *testing.T) {
	cases := []struct {
		name                          string
		channels, shipments, invoices strs
		want                          strs
	}{
		{"nothing", nil, nil, nil, strs{}},
		{"orders only", strs{"Amazon.com", "Amazon.com"}, nil, nil, strs{"US"}},
		{"sales channels, any case and spacing", strs{"amazon.DE", " Amazon.fr ", "Amazon.co.uk"}, nil, nil, strs{"DE", "FR", "UK"}},
		{"Non-Amazon and unknown channels name no store", strs{"Non-Amazon", "", "Amazon.moon"}, nil, nil, strs{}},
		{"shipments' stores, empty ones skipped", nil, strs{"IT", "", "IT", "ES"}, nil, strs{"ES", "IT"}},
		{"VAT invoices' stores", nil, nil, strs{"", "FR", "DE"}, strs{"DE", "FR"}},
		{"all three, once each, sorted", strs{"Amazon.it"}, strs{"UK", "IT"}, strs{"ES", "UK"}, strs{"ES", "IT", "UK"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := stores(storeData(c.channels, c.shipments, c.invoices))
			if got == nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("stores = %#v, want %#v", got, c.want)
			}
		})
	}
}

// accountStore: --marketplace, else the only store the reports name; with
// none it is "" silently, with several "" and a note naming them.
func TestAccountStore(t *testing.T) {
	cases := []struct {
		name      string
		d         *records.Dataset
		flag      string
		want      string
		wantNotes strs
	}{
		{"the flag wins over the reports, with a word", storeData(strs{"Amazon.de"}, strs{"DE"}, nil), "JP", "JP", []string{"--marketplace JP overrides the store the reports name (DE)"}},
		{"the flag settles several stores", storeData(strs{"Amazon.de"}, strs{"FR"}, nil), "DE", "DE", nil},
		{"the flag with no data", storeData(nil, nil, nil), "UK", "UK", nil},
		{"one store in the orders report", storeData(strs{"Amazon.co.jp", "Amazon.co.jp"}, nil, nil), "", "JP", nil},
		{"one store in the shipments", storeData(nil, strs{"DE", "", "DE"}, nil), "", "DE", nil},
		{"one store, named by orders and shipments alike", storeData(strs{"Amazon.de"}, strs{"DE"}, strs{"DE"}), "", "DE", nil},
		{"no store named", storeData(strs{"Non-Amazon"}, strs{""}, nil), "", "", nil},
		{"several stores", storeData(strs{"Amazon.fr"}, strs{"DE"}, nil), "", "",
			strs{"the reports hold orders of several stores (DE, FR): store-specific targets use the US ones; pass --marketplace to choose"}},
		{"three stores", storeData(strs{"Amazon.com"}, strs{"DE"}, strs{"IT"}), "", "",
			strs{"the reports hold orders of several stores (DE, IT, US): store-specific targets use the US ones; pass --marketplace to choose"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, notes := accountStore(c.d, c.flag)
			if got != c.want || !reflect.DeepEqual(notes, c.wantNotes) {
				t.Errorf("accountStore = %q, %q; want %q, %q", got, notes, c.want, c.wantNotes)
			}
		})
	}
}

// metrics.StoreOfOrder: the store the order's own file gives, else its sales
// channel in the orders report, else the account's store.
func TestStoreOfOrder(t *testing.T) {
	d := storeData(strs{"Amazon.de", "Non-Amazon"}, nil, nil) // o1 DE, o2 no store
	cases := []struct {
		account, id, fromFile, want string
	}{
		{"IT", "o1", "FR", "FR"}, // the file wins
		{"IT", "o1", "", "DE"},   // then the sales channel
		{"IT", "o2", "", "IT"},   // a channel naming no store: the account's
		{"IT", "zz", "", "IT"},   // not in the orders report: the account's
		{"", "zz", "", ""},       // no account store: unknown
		{"", "o2", "", ""},
		{"", "zz", "UK", "UK"},
	}
	for _, c := range cases {
		if got := metrics.StoreOfOrder(d, c.account)(records.KeyOf(c.id), c.fromFile); got != c.want {
			t.Errorf("StoreOfOrder(account %q)(%q, %q) = %q, want %q", c.account, c.id, c.fromFile, got, c.want)
		}
	}
}

// Through Audit: the account's store picks the store-specific target (EU
// on-time delivery is advisory) and the IDR check finds orders' stores
// with metrics.StoreOfOrder.
func TestAuditUsesAccountStore(t *testing.T) {
	asOf, _ := civil.ParseISODate("2026-11-20")
	ts := func(s string) civil.Timestamp {
		v, err := civil.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	promised, delivered := civil.NewDate(2026, 11, 10), civil.NewDate(2026, 11, 12)
	// One late delivery of a DE business order with no invoice; the
	// shipments file does not name the store, the orders report does.
	data := func(salesChannel string) *records.Dataset {
		d := records.NewDataset()
		d.Kinds["shipments"], d.Kinds["orders"] = true, true
		for _, c := range []string{"tracking-id", "promised-delivery-date", "delivery-date", "invoice-upload-date", "is-business-order"} {
			d.Columns["shipments."+c] = true
		}
		d.Shipments = records.ShipmentsOf(records.Shipment{Key: records.KeyOf("A"), Purchase: ts("2026-11-09T10:00:00+01:00"), LatestShip: ts("2026-11-10"),
			Confirm: ts("2026-11-10T10:00:00+01:00"), HasTrackingID: true, Shipping: records.FingerprintOf("", "1Z"),
			Promised: civil.OptDateOf(promised), Delivered: civil.OptDateOf(delivered), Business: true})
		d.Orders.Put(records.Order{Key: records.KeyOf("A"), Date: civil.NewDate(2026, 11, 9), Channel: records.ChannelMerchant, SalesChannel: records.Intern(salesChannel), Business: true})
		return d
	}
	cases := []struct {
		name, flag, channel, wantStore string
		otdr                           health.Status
		idr                            []string // marketplaces of the IDR entries, or the not-computed reason
	}{
		{"DE from the sales channel: advisory OTDR, DE IDR", "", "Amazon.de", "DE", health.Warn, []string{"DE"}},
		{"--marketplace DE over an unnamed channel", "DE", "Non-Amazon", "DE", health.Warn, []string{"DE"}},
		{"US from the sales channel: enforced OTDR, no IDR", "", "Amazon.com", "US", health.Fail,
			[]string{"applies to business orders of the UK, DE, FR, IT and ES stores only; these reports are from US"}},
		{"no store: judged as the US, IDR asks for --marketplace", "", "Non-Amazon", "", health.Fail,
			[]string{"the reports do not say which store the orders belong to; pass --marketplace (IDR applies to UK, DE, FR, IT and ES)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := settings.Default(asOf)
			s.Marketplace = c.flag
			rep, err := Audit("all", &input.Loaded{Data: data(c.channel)}, s, []string{metrics.OnTimeDeliveryRate, metrics.InvoiceDefectRate})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Marketplace != c.wantStore {
				t.Errorf("Marketplace = %q, want %q", rep.Marketplace, c.wantStore)
			}
			var idr []string
			for _, v := range rep.Metrics {
				switch v.ID {
				case metrics.OnTimeDeliveryRate:
					if v.Status != c.otdr || v.Numerator != 0 || v.Denominator != 1 {
						t.Errorf("OTDR %d/%d %s, want 0/1 %s", v.Numerator, v.Denominator, v.Status, c.otdr)
					}
				case metrics.InvoiceDefectRate:
					if v.NotComputed != "" {
						idr = append(idr, v.NotComputed)
					} else {
						idr = append(idr, v.Marketplace)
					}
				}
			}
			if !reflect.DeepEqual(idr, c.idr) {
				t.Errorf("IDR entries %q, want %q", idr, c.idr)
			}
		})
	}
}

// IDR from the VAT invoice data report says that late invoices could not
// be counted; from the shipments file it says nothing.
func TestIDRFromVATReportSaysLateIsUnknown(t *testing.T) {
	asOf, _ := civil.ParseISODate("2026-11-20")
	shipped, _ := civil.ParseTimestamp("2026-11-10T10:00:00+01:00")
	d := records.NewDataset()
	d.Kinds["vat-invoices"] = true
	d.Invoices = []records.Invoice{{Key: records.KeyOf("A"), Marketplace: records.Intern("DE"), OrderDate: civil.NewDate(2026, 11, 9), Shipped: shipped, Business: true}}
	rep, err := Audit("idr", &input.Loaded{Data: d}, settings.Default(asOf), []string{metrics.InvoiceDefectRate})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Metrics) != 1 || rep.Metrics[0].Numerator != 1 || rep.Metrics[0].Denominator != 1 {
		t.Fatalf("metrics %+v", rep.Metrics)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "late ones cannot be") {
		t.Errorf("warnings %q", rep.Warnings)
	}
}
