package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sample eBay account (testdata/ebay-seller) in every format: the
// files the end-to-end test (e2e_test.go) runs the binary against.
func TestEbayGolden(t *testing.T) {
	const dir = "testdata/ebay-seller"
	all := func(more ...string) []string {
		return append([]string{"all", "--as-of", "2025-06-05"}, append(more, dir)...)
	}
	checkGolden(t, []goldenCase{
		{name: "table", args: all(), wantCode: ExitOK, stdout: "ebay-table-piped.golden", stderr: "ebay-table-piped.stderr.golden"},
		{name: "json", args: all("-o", "json"), wantCode: ExitOK, stdout: "ebay-json.golden"},
		{name: "markdown", args: all("-o", "markdown"), wantCode: ExitOK, stdout: "ebay-markdown.golden"},
		{name: "csv", args: all("-o", "csv"), wantCode: ExitOK, stdout: "ebay-csv.golden"},
		{name: "junit", args: all("-o", "junit"), wantCode: ExitOK, stdout: "ebay-junit.golden"},
		{name: "html", args: all("-o", "html"), wantCode: ExitOK, stdout: "ebay-html.golden"},
		{name: "earlier as-of", args: []string{"all", "--as-of", "2025-05-25", dir}, wantCode: ExitOK,
			stdout: "ebay-table-earlier-piped.golden", stderr: "ebay-table-earlier-piped.stderr.golden"},
	})
}

// The multi-marketplace help desk (testdata/accounts/multi-helpdesk):
// one entry per platform and store, grouped, in every format.
func TestMultiHelpdeskGolden(t *testing.T) {
	const dir = "testdata/accounts/multi-helpdesk"
	service := func(more ...string) []string {
		return append([]string{"service", "--as-of", "2026-11-22", "--marketplace", "DE"}, append(more, dir)...)
	}
	checkGolden(t, []goldenCase{
		{name: "table", args: service(), wantCode: ExitFailed, stdout: "multi-service-table-piped.golden", stderr: "multi-service-table-piped.stderr.golden"},
		{name: "details", args: service("--details"), wantCode: ExitFailed, stdout: "multi-service-details-piped.golden"},
		{name: "json", args: service("-o", "json"), wantCode: ExitFailed, stdout: "multi-service-json.golden"},
		{name: "markdown", args: service("-o", "markdown"), wantCode: ExitFailed, stdout: "multi-service-markdown.golden"},
		{name: "csv", args: service("-o", "csv"), wantCode: ExitFailed, stdout: "multi-service-csv.golden"},
		{name: "junit", args: service("-o", "junit"), wantCode: ExitFailed, stdout: "multi-service-junit.golden"},
		{name: "html", args: service("-o", "html"), wantCode: ExitFailed, stdout: "multi-service-html.golden"},
	})
}

// multiHelpdesk is the multi-marketplace help desk's folder.
const multiHelpdesk = "testdata/accounts/multi-helpdesk"

// The sample help desk's figures, worked by hand from the rules in
// testdata/accounts/README.md ("multi-helpdesk"), and the config keys that
// change a platform's rule, the seller's days off and the thread limit.
func TestMultiHelpdeskFigures(t *testing.T) {
	type entry struct {
		platform, store string
		days            int
		num, den        int
	}
	figures := func(t *testing.T, args ...string) map[entry]bool {
		t.Helper()
		r := run(t, false, append([]string{"service", "--as-of", "2026-11-22", "--marketplace", "DE", "-o", "json", "--fail-on", "never"}, append(args, multiHelpdesk)...)...)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var doc struct {
			Metrics []struct {
				ID, Platform, Marketplace string
				WindowDays                int `json:"window_days"`
				Numerator, Denominator    int
				Status                    string
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		out := map[entry]bool{}
		for _, m := range doc.Metrics {
			if m.Status == "not_computed" {
				continue
			}
			id := 0
			if m.ID == "threads_within_limit" {
				id = -1
			}
			out[entry{m.Platform, m.Marketplace, m.WindowDays + id, m.Numerator, m.Denominator}] = true
		}
		return out
	}
	want := func(t *testing.T, got map[entry]bool, es ...entry) {
		t.Helper()
		for _, e := range es {
			if !got[e] {
				t.Errorf("no entry %+v in %+v", e, got)
			}
		}
	}
	got := figures(t)
	want(t, got,
		entry{"amazon", "DE", 7, 1, 2}, entry{"amazon", "DE", 30, 2, 3}, entry{"amazon", "DE", 90, 2, 4},
		entry{"allegro", "PL", 7, 0, 1}, entry{"allegro", "PL", 30, 1, 2}, entry{"allegro", "PL", 90, 1, 2},
		entry{"kaufland", "CZ", 0, 2, 3}, entry{"kaufland", "DE", 0, 3, 5},
		entry{"kaufland", "CZ", 29, 2, 2}, entry{"kaufland", "DE", 29, 6, 7}, // threads (30 days)
	)
	if len(got) != 10 {
		t.Errorf("%d entries computed, want 10: %+v", len(got), got)
	}

	dir := t.TempDir()
	cfg := filepath.Join(dir, "audit.yaml")
	// 72 hours: K-DE-1 (58 working hours) is in time. Wednesday 18th
	// off: K-DE-6 (47 working hours) takes 23. A limit of 6: T-100 is
	// within it.
	if err := os.WriteFile(cfg, []byte("service:\n  days_off: [2026-11-18]\n  thread_limit: 6\n  kaufland:\n    deadline_hours: 72\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = figures(t, "--config", cfg)
	want(t, got, entry{"kaufland", "DE", 0, 4, 5}, entry{"kaufland", "DE", 29, 7, 7}, entry{"amazon", "DE", 7, 1, 2})

	// eBay has no rule until one is set.
	if err := os.WriteFile(cfg, []byte("service:\n  ebay: {deadline_hours: 24}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want(t, figures(t, "--config", cfg), entry{"ebay", "DE", 7, 1, 1})

	for body, msg := range map[string]string{
		"service:\n  days_off: [2026-02-30]\n":        "service.days_off",
		"service:\n  kaufland: {period: fortnight}\n": "service.kaufland.period",
		"service:\n  allegro: {deadline_hours: 0}\n":  "service.allegro.deadline_hours",
		"service:\n  thread_limit: 0\n":               "service.thread_limit",
	} {
		if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, false, "service", "--as-of", "2026-11-22", "--config", cfg, multiHelpdesk)
		if r.code != ExitError || !strings.Contains(r.stderr, msg) {
			t.Errorf("%q: exit %d, stderr %q; want 2 naming %s", body, r.code, r.stderr, msg)
		}
	}
}

// Whatever the profile named, each platform's messages are judged by
// their own platform's target: Amazon's by the account's store's.
func TestMultiHelpdeskTargets(t *testing.T) {
	for _, prof := range []string{"kaufland", "amazon-eu", "allegro"} {
		r := run(t, false, "service", "--as-of", "2026-11-22", "--marketplace", "DE", "--profile", prof, "-o", "json", "--fail-on", "never", multiHelpdesk)
		var doc struct {
			Metrics []struct {
				ID, Platform string
				Target       *struct {
					Op    string
					Value float64
				}
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("--profile %s: %v\n%s", prof, err, r.stderr)
		}
		want := map[string]float64{"amazon": 0.9, "kaufland": 1, "allegro": 0.9}
		for _, m := range doc.Metrics {
			if w, ok := want[m.Platform]; ok && m.ID == "contact_response_rate" && (m.Target == nil || m.Target.Value != w) {
				t.Errorf("--profile %s: %s's target %+v, want %v", prof, m.Platform, m.Target, w)
			}
		}
	}
}
