package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

// spapiEnv points the binary at a fake SP-API, with its credentials in
// the environment as docs/fetch.md says.
func spapiEnv(srv *spapitest.Server) []string {
	return []string{
		"AUDIT_SPAPI_ENDPOINT=" + srv.URL,
		"AUDIT_SPAPI_TOKEN_URL=" + srv.URL + spapitest.TokenPath,
		"AUDIT_SPAPI_CLIENT_ID=" + srv.ClientID,
		"AUDIT_SPAPI_CLIENT_SECRET=" + srv.ClientSecret,
		"AUDIT_SPAPI_REFRESH_TOKEN=" + srv.RefreshToken,
		"AUDIT_SPAPI_POLL_SECONDS=1",
		"AUDIT_CONFIG=", "XDG_CONFIG_HOME=" + os.TempDir() + "/audit-e2e-no-config",
	}
}

// figures are the parts of audit all's JSON that are figures: each
// entry's id, segment, counts, components and status, and the defective
// orders; not the inputs, warnings or notes, which name files.
func figures(t *testing.T, doc string) []map[string]any {
	t.Helper()
	var d struct {
		Metrics []map[string]any `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	var out []map[string]any
	for _, m := range d.Metrics {
		f := map[string]any{}
		for _, k := range []string{"id", "fulfillment", "marketplace", "window_days", "value", "numerator", "denominator", "status",
			"window", "components", "not_given", "not_computed", "defects", "items"} {
			if v, ok := m[k]; ok {
				f[k] = v
			}
		}
		out = append(out, f)
	}
	return out
}

// audit fetch DIR && audit all DIR, on a fake SP-API serving an account,
// gives the figures of the same data handed over as files
// (testdata/spapi/gen.py says what SP-API can tell of it). No secret
// reaches the output; a second run asks only for what may have changed.
func TestE2EFetchThenAudit(t *testing.T) {
	srv := spapitest.StartAccount(t, "testdata/spapi/acme-us/amazon")
	srv.PollsBeforeDone = 1
	srv.PageSize = 2
	srv.ExpiresIn = 5 // every call needs a fresh token
	env := spapiEnv(srv)
	dir := filepath.Join(t.TempDir(), "acme")

	r := audit(t, env, "fetch", "--as-of", "2026-11-20", "--marketplace", "US", dir)
	if r.code != 0 {
		t.Fatalf("audit fetch: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, secret := range []string{srv.ClientSecret, srv.RefreshToken} {
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("a secret is in the output:\n%s\n%s", r.stdout, r.stderr)
		}
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if b, _ := os.ReadFile(p); err == nil && !d.IsDir() && strings.Contains(string(b), secret) {
				t.Errorf("a secret is in %s", p)
			}
			return nil
		})
	}
	for _, want := range []string{"orders-US-2026-09.tsv", "claims-spapi.tsv", "shipments-spapi.tsv", "fetched"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, r.stdout)
		}
	}

	// The same data as files.
	files := t.TempDir()
	for _, src := range []string{"testdata/spapi/acme-us/amazon/All Orders.txt", "testdata/spapi/acme-us/amazon/Feedback.txt",
		"testdata/spapi/acme-us/amazon/Returns report.tsv", "testdata/spapi/acme-us/amazon/performance.json",
		"testdata/spapi/acme-us/files/claims.csv", "testdata/spapi/acme-us/files/chargebacks.csv", "testdata/spapi/acme-us/files/shipments.csv"} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(files, filepath.Base(src)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fetched := audit(t, nil, "all", "--as-of", "2026-11-20", "-o", "json", dir)
	given := audit(t, nil, "all", "--as-of", "2026-11-20", "-o", "json", files)
	if fetched.code != given.code {
		t.Errorf("exit %d after fetch, %d on the files\n%s\n%s", fetched.code, given.code, fetched.stderr, given.stderr)
	}
	got, want := figures(t, fetched.stdout), figures(t, given.stdout)
	if len(got) == 0 || !reflect.DeepEqual(got, want) {
		gb, _ := json.MarshalIndent(got, "", " ")
		wb, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("figures after fetch differ from the files'\n got: %s\nwant: %s", gb, wb)
	}

	// Again: the months Amazon can no longer change are not asked for.
	created := len(srv.CallsOf(spapi.OpCreateReport))
	again := audit(t, env, "fetch", "--as-of", "2026-11-20", "--marketplace", "US", "-o", "json", dir)
	if again.code != 0 {
		t.Fatalf("second audit fetch: exit %d\n%s", again.code, again.stderr)
	}
	var res struct {
		Files []struct{ File, Action string }
	}
	if err := json.Unmarshal([]byte(again.stdout), &res); err != nil {
		t.Fatal(err)
	}
	upToDate := 0
	for _, f := range res.Files {
		if f.Action == "up-to-date" {
			upToDate++
		}
	}
	if upToDate == 0 || len(srv.CallsOf(spapi.OpCreateReport))-created >= created {
		t.Errorf("second run: %d up to date, %d reports asked for (first run: %d)\n%s", upToDate, len(srv.CallsOf(spapi.OpCreateReport))-created, created, again.stdout)
	}
}

// Without credentials, audit fetch says which variables to set, exit 2;
// an account of --accounts that fails does not stop the others.
func TestE2EFetchErrors(t *testing.T) {
	dir := t.TempDir()
	r := audit(t, []string{"AUDIT_CONFIG=", "XDG_CONFIG_HOME=" + dir, "AUDIT_SPAPI_CLIENT_ID=", "AUDIT_SPAPI_CLIENT_SECRET=", "AUDIT_SPAPI_REFRESH_TOKEN="},
		"fetch", "--marketplace", "US", filepath.Join(dir, "acme"))
	if r.code != 2 || !strings.Contains(r.stderr, "no SP-API credentials: set AUDIT_SPAPI_CLIENT_ID, AUDIT_SPAPI_CLIENT_SECRET, AUDIT_SPAPI_REFRESH_TOKEN") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}

	srv := spapitest.StartAccount(t, "testdata/spapi/acme-us/amazon")
	config := filepath.Join(dir, "agency.yaml")
	if err := os.WriteFile(config, []byte(`spapi:
  accounts:
    - name: acme
      marketplaces: [US]
      refresh_token_env: ACME_TOKEN
    - name: revoked
      marketplaces: [CA]
      refresh_token_env: REVOKED_TOKEN
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(spapiEnv(srv), "AUDIT_CONFIG="+config, "ACME_TOKEN="+srv.RefreshToken, "REVOKED_TOKEN=Atzr|revoked-by-the-seller")
	clients := filepath.Join(dir, "clients")
	r = audit(t, env, "fetch", "--as-of", "2026-11-20", "--accounts", clients, "-o", "json")
	if r.code != 2 || !strings.Contains(r.stderr, "1 of 2 accounts could not be fetched completely: revoked") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "Atzr|revoked-by-the-seller") {
		t.Errorf("the refresh token is in the output")
	}
	if _, err := os.Stat(filepath.Join(clients, "acme", "orders-US-2026-09.tsv")); err != nil {
		t.Errorf("acme was not fetched: %v\n%s", err, r.stdout)
	}
}
