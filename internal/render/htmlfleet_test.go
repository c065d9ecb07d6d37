package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/render"
)

// The fleet's page: the accounts worst first, each name escaped and
// linking to its part of the page, an unreadable account's error without
// its folder, ids unique.
func TestHTMLFleet(t *testing.T) {
	ok := flReport("US", nil, flEntry("odr", "all", 0, "", 1, 500, health.Pass), flEntry("late_shipment_rate", "", 10, "", 0, 50, health.Pass),
		flEntry("invoice_defect_rate", "", 0, "", 0, -1, 0))
	bad := flReport("DE", []string{"skipped /srv/clients/b<ad>/x.txt: not a recognised report"},
		flEntry("odr", "all", 0, "", 9, 100, health.Fail), flEntry("late_shipment_rate", "", 10, "", 0, -1, 0))
	f := &health.Fleet{Command: "all", AsOf: civil.NewDate(2026, 11, 20), Accounts: []health.Account{
		{Name: "a-ok", Path: "/srv/clients/a-ok", Report: ok},
		{Name: "b<ad>", Path: "/srv/clients/b<ad>", Report: bad},
		{Name: "c-broken", Path: "/srv/clients/c-broken", Error: "/srv/clients/c-broken/claims.csv:3:3: unknown claim status"},
	}}
	f.Finish()
	var b bytes.Buffer
	if err := render.HTMLFleet(&b, f, render.Options{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	last := -1
	for i, s := range []string{
		`<a href="#account-1">c-broken</a>`,
		`<a href="#account-2">b&lt;ad&gt;</a>`,
		`<a href="#account-3">a-ok</a>`,
	} {
		at := strings.Index(page, s)
		if at < last {
			t.Errorf("the overview lacks %s in place %d", s, i+1)
		}
		last = at
	}
	for _, s := range []string{
		"<title>Account health of 3 accounts – as of 2026-11-20</title>",
		"Could not be read: claims.csv:3:3: unknown claim status",
		`<section class="account" id="account-2">`,
		`<section id="account-2-verdicts">`,
		`<a href="#account-2-entry-1">Order Defect Rate</a>`,
		"<li>skipped x.txt: not a recognised report</li>",
		`9.00%<span class="status st-fail">FAIL</span>`,
		`<span class="st-not_computed" title="not computed">–</span>`,
		"Computed for no account: IDR.",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	if strings.Contains(page, "/srv/") || strings.Contains(page, "<ad>") {
		t.Error("a folder or an unescaped name reached the page")
	}
	if strings.Contains(page, "<h3>Trend</h3>") {
		t.Error("a Trend heading on a page without trends")
	}
}
