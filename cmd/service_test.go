package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const acmeService = "testdata/accounts/acme-service"

// The help-desk sample account gives the figures its generator derives
// from metrics.md (testdata/gen/acme_service.py writes both), through
// audit service and audit all alike.
func TestServiceMatchesExpected(t *testing.T) {
	b, err := os.ReadFile("testdata/accounts/acme-service.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Numerator   int
		Denominator int
		Value       *float64
		Window      map[string]any
		Period      map[string]any
		Status      string
		Components  map[string]int
	}
	var exp map[string]json.RawMessage
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	keys := map[string]struct {
		id   string
		days int
	}{
		"contact_response_rate_7d":    {"contact_response_rate", 7},
		"contact_response_rate_30d":   {"contact_response_rate", 30},
		"contact_response_rate_90d":   {"contact_response_rate", 90},
		"return_dissatisfaction_rate": {"return_dissatisfaction_rate", 0},
		"customer_service_rating":     {"customer_service_rating", 0},
	}
	var asOf string
	var notComputed []string
	_ = json.Unmarshal(exp["as_of"], &asOf)
	_ = json.Unmarshal(exp["not_computed"], &notComputed)
	for k := range exp {
		if _, ok := keys[k]; !ok && k != "as_of" && k != "not_computed" {
			t.Fatalf("expected.json key %q is compared by no test", k)
		}
	}
	for _, command := range []string{"service", "all"} {
		r := run(t, false, command, "--as-of", asOf, "-o", "json", acmeService)
		if r.code != ExitFailed {
			t.Errorf("%s: exit %d, want %d (the 7-day response rate fails)", command, r.code, ExitFailed)
		}
		var doc struct {
			Metrics []struct {
				entry
				ID         string
				WindowDays int `json:"window_days"`
				Reason     string
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("%s: %v\n%s", command, err, r.stdout)
		}
		got := map[string]entry{}
		reasons := map[string]string{}
		for _, m := range doc.Metrics {
			got[fmt.Sprintf("%s %d", m.ID, m.WindowDays)] = m.entry
			if m.Status == "not_computed" {
				reasons[m.ID] = m.Reason
			}
		}
		for k, where := range keys {
			var want entry
			if err := json.Unmarshal(exp[k], &want); err != nil {
				t.Fatal(err)
			}
			g, ok := got[fmt.Sprintf("%s %d", where.id, where.days)]
			if !ok {
				t.Errorf("%s: no entry for %s", command, k)
				continue
			}
			if want.Components == nil {
				g.Components = nil
			}
			if g.Value == nil || want.Value == nil || fmt.Sprintf("%.9f", *g.Value) != fmt.Sprintf("%.9f", *want.Value) {
				t.Errorf("%s %s: value %v, want %v", command, k, deref(g.Value), deref(want.Value))
			}
			g.Value, want.Value = nil, nil
			if !reflect.DeepEqual(g, want) {
				t.Errorf("%s %s:\n got %+v\nwant %+v", command, k, g, want)
			}
		}
		for _, id := range notComputed {
			if reasons[id] == "" {
				t.Errorf("%s: %s is not reported not computed", command, id)
			}
		}
	}
	// The seller metrics have no report here: audit all says so, and
	// shows the customer-service entries only because their files are in.
	r := run(t, false, "all", "--as-of", asOf, "-o", "json", acme)
	var doc struct{ Metrics []struct{ ID string } }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range doc.Metrics {
		if _, ok := keys[m.ID+"_7d"]; ok || m.ID == "customer_service_rating" || m.ID == "return_dissatisfaction_rate" {
			t.Errorf("audit all on an account without help-desk files shows %s", m.ID)
		}
	}
}

// audit service without any of the help-desk files is an input error that
// names each file it reads; with one of them, the others' entries say
// which file they need.
func TestServiceWithoutFiles(t *testing.T) {
	r := run(t, false, "service", "--as-of", "2026-11-20", "-o", "json", acme)
	if r.code != ExitError || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	for _, w := range []string{"buyer-messages file", "return-requests file", "customer-service ratings file"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q: %s", w, r.stderr)
		}
	}
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join(acmeService, "ratings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ratings.csv"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, false, "service", "--as-of", "2026-11-20", "-o", "json", "--fail-on", "never", dir)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Status  string
		Metrics []struct{ ID, Status, Reason string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Metrics) != 6 {
		t.Fatalf("%d entries, status %s", len(doc.Metrics), doc.Status)
	}
	for _, m := range doc.Metrics {
		if rating := m.ID == "customer_service_rating"; rating == (m.Status == "not_computed") || !rating && m.Reason == "" {
			t.Errorf("%s: %s %q", m.ID, m.Status, m.Reason)
		}
	}
}

func TestServiceGolden(t *testing.T) {
	checkGolden(t, []goldenCase{
		{name: "service, table piped", args: []string{"service", "--as-of", "2026-11-20", acmeService},
			wantCode: ExitFailed, stdout: "service-table-piped.golden", stderr: "service-table-piped.stderr.golden"},
		{name: "service, json", args: []string{"service", "--as-of", "2026-11-20", "-o", "json", acmeService},
			wantCode: ExitFailed, stdout: "service-json.golden"},
		{name: "all on the help-desk account, table piped", args: []string{"all", "--as-of", "2026-11-20", acmeService},
			wantCode: ExitFailed, stdout: "service-all-table-piped.golden"},
	})
}

// Multi-Channel Fulfillment orders (sales channel Non-Amazon in the All
// Orders report) are left out of the customer-service metrics alike in
// audit service and audit all: the orders report is read whenever it is
// among the files.
func TestServiceLeavesOutMultiChannel(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"buyer-messages.csv", "return-requests.csv", "ratings.csv"} {
		raw, err := os.ReadFile(filepath.Join(acmeService, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	orders := "amazon-order-id\tpurchase-date\tfulfillment-channel\tsales-channel\n" +
		"111-0860742-8267794\t2026-11-10\tAmazon\tNon-Amazon\n111-1815026-0214806\t2026-11-10\tAmazon\tNon-Amazon\n"
	if err := os.WriteFile(filepath.Join(dir, "orders.txt"), []byte(orders), 0o644); err != nil {
		t.Fatal(err)
	}
	den := func(command string) (int, string) {
		r := run(t, false, command, "--as-of", "2026-11-20", "-o", "json", "--fail-on", "never", dir)
		var doc struct {
			Metrics []struct {
				ID          string
				WindowDays  int `json:"window_days"`
				Denominator int
			}
			Warnings []string
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("%s: %v %s", command, err, r.stderr)
		}
		for _, m := range doc.Metrics {
			if m.ID == "contact_response_rate" && m.WindowDays == 7 {
				return m.Denominator, strings.Join(doc.Warnings, "\n")
			}
		}
		t.Fatalf("%s: no 7-day contact response entry", command)
		return 0, ""
	}
	service, warnings := den("service")
	all, _ := den("all")
	if service != all || service >= 40 || !strings.Contains(warnings, "Multi-Channel") {
		t.Errorf("7-day contact response denominators: service %d, all %d (40 without the orders report); warnings %s", service, all, warnings)
	}
}
