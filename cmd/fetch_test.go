package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

// fakeSPAPI serves the test account of testdata/spapi on loopback, and an
// environment that points audit at it.
func fakeSPAPI(t *testing.T) (*spapitest.Server, map[string]string) {
	t.Helper()
	srv := spapitest.StartAccount(t, "testdata/spapi/acme-us/amazon")
	return srv, map[string]string{
		"AUDIT_SPAPI_ENDPOINT":      srv.URL,
		"AUDIT_SPAPI_TOKEN_URL":     srv.URL + spapitest.TokenPath,
		"AUDIT_SPAPI_CLIENT_ID":     srv.ClientID,
		"AUDIT_SPAPI_CLIENT_SECRET": srv.ClientSecret,
		"AUDIT_SPAPI_REFRESH_TOKEN": srv.RefreshToken,
		"AUDIT_SPAPI_POLL_SECONDS":  "1",
	}
}

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// audit fetch's summary, as a table and as JSON (which follows its
// schema), on the fake: what was fetched, with the rows of each file; and
// --dry-run, which asks nothing and says why each file would be fetched.
func TestFetchGolden(t *testing.T) {
	_, env := fakeSPAPI(t)
	dir := filepath.Join(t.TempDir(), "acme")
	r := runWith(t, false, envOf(env), "fetch", "--as-of", "2026-11-20", "--marketplace", "US", dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden(t, "fetch-table.golden", r.stdout)
	r = runWith(t, false, envOf(env), "fetch", "--as-of", "2026-11-20", "--marketplace", "US", "--dry-run", "-o", "json", "testdata/spapi/never-fetched")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden(t, "fetch-dry-run-json.golden", r.stdout)
	if err := validate(compileSchemas(t)["fetch"], r.stdout); err != nil {
		t.Errorf("the fetch document does not follow its schema: %v", err)
	}
	if _, err := os.Stat("testdata/spapi/never-fetched"); err == nil {
		t.Error("--dry-run made the folder")
	}
	r = runWith(t, false, envOf(env), "fetch", "--as-of", "2026-11-20", "--marketplace", "US", "-o", "json", dir)
	if err := validate(compileSchemas(t)["fetch"], r.stdout); err != nil {
		t.Errorf("the fetch document does not follow its schema: %v\n%s", err, r.stdout)
	}
}

// On a terminal, a progress line says which file audit fetch waits for;
// piped, stderr stays quiet.
func TestFetchProgress(t *testing.T) {
	srv, env := fakeSPAPI(t)
	srv.PollsBeforeDone = 1
	streams, _, errOut := iostreams.Test(true)
	code := Execute([]string{"fetch", "--as-of", "2026-11-20", "--marketplace", "US", "--reports", "orders", filepath.Join(t.TempDir(), "a")},
		Env{IO: streams, LookupEnv: envOf(env), Now: func() time.Time { return fixedNow }, Version: "test"})
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"fetching 0/3… requesting orders-US-2026-", "waiting for Amazon: orders-US-2026-"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("the progress line lacks %q: %q", want, errOut.String())
		}
	}
	r := runWith(t, false, envOf(env), "fetch", "--as-of", "2026-11-20", "--marketplace", "US", "--reports", "orders", filepath.Join(t.TempDir(), "b"))
	if r.code != 0 || r.stderr != "" {
		t.Errorf("piped: exit %d, stderr %q", r.code, r.stderr)
	}
}

// Usage errors exit 2 and name the flag.
func TestFetchUsageErrors(t *testing.T) {
	_, env := fakeSPAPI(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fetch"}, "audit fetch takes one DIR (the account's folder), got 0"},
		{[]string{"fetch", "--marketplace", "US", "a", "b"}, "audit fetch takes one DIR (the account's folder), got 2"},
		{[]string{"fetch", dir}, "--marketplace: name the stores to fetch"},
		{[]string{"fetch", "--marketplace", "US,XX", dir}, `--marketplace: unknown store "XX"`},
		{[]string{"fetch", "--marketplace", "US,DE", dir}, "stores US and DE are in different SP-API regions (na, eu)"},
		{[]string{"fetch", "--marketplace", "US", "--to", "2026-11-01", dir}, "--to needs --since"},
		{[]string{"fetch", "--marketplace", "US", "--since", "2026-12-01", "--to", "2026-11-01", dir}, "--since 2026-12-01 is after --to 2026-11-01"},
		{[]string{"fetch", "--marketplace", "US", "--since", "yesterday", dir}, "--since: want a date like 2026-11-20"},
		{[]string{"fetch", "--marketplace", "US", "--reports", "orders,invoices", dir}, `--reports: unknown "invoices" (known: orders, feedback`},
		{[]string{"fetch", "--marketplace", "US", "--timeout", "soon", dir}, `--timeout: want a duration like 45m or 1h30m, got "soon"`},
		{[]string{"fetch", "--marketplace", "US", "--jobs", "0", dir}, "--jobs must be at least 1, got 0"},
		{[]string{"fetch", "--marketplace", "US", "-o", "csv", dir}, `--output: audit fetch writes table or json, not "csv"`},
		{[]string{"fetch", "--marketplace", "US", file}, file + ": not a folder"},
		{[]string{"fetch", "--accounts", dir, dir}, "give DIR or --accounts DIR, not both"},
		{[]string{"fetch", "--accounts", dir}, "--accounts: the config lists no accounts: add spapi.accounts (docs/fetch.md)"},
	} {
		r := runWith(t, false, envOf(env), c.args...)
		if r.code != ExitError || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// A config file that holds a secret and that others can read gets a
// warning, which names the key and never its value.
func TestFetchWarnsOfAReadableSecret(t *testing.T) {
	srv, env := fakeSPAPI(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "audit.yaml")
	if err := os.WriteFile(cfg, []byte("spapi:\n  refresh_token: "+srv.RefreshToken+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	delete(env, "AUDIT_SPAPI_REFRESH_TOKEN")
	args := []string{"fetch", "--config", cfg, "--as-of", "2026-11-20", "--marketplace", "US", "--reports", "orders", "--dry-run", filepath.Join(dir, "a")}
	r := runWith(t, false, envOf(env), args...)
	want := "warning: config file " + cfg + " holds spapi.refresh_token and others can read it (mode 0644): chmod 600 it, or keep the secrets in AUDIT_SPAPI_* environment variables"
	if r.code != 0 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, srv.RefreshToken) {
		t.Error("the refresh token is in the output")
	}
	if err := os.Chmod(cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runWith(t, false, envOf(env), args...); strings.Contains(r.stderr, "warning") {
		t.Errorf("a private file: %q", r.stderr)
	}
}

// --accounts fetches each account of spapi.accounts into its folder, with
// its own refresh token; a summary per account, in config order.
func TestFetchAccounts(t *testing.T) {
	srv, env := fakeSPAPI(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "agency.yaml")
	if err := os.WriteFile(cfg, []byte(`spapi:
  accounts:
    - {name: zeta, marketplaces: [US], refresh_token_env: ZETA_TOKEN}
    - {name: acme, marketplaces: [US], refresh_token_env: ACME_TOKEN}
    - {name: nobody, marketplaces: [US], refresh_token_env: NOBODY_TOKEN}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env["ZETA_TOKEN"], env["ACME_TOKEN"] = srv.RefreshToken, srv.RefreshToken
	clients := filepath.Join(dir, "clients")
	r := runWith(t, false, envOf(env), "fetch", "--config", cfg, "--as-of", "2026-11-20", "--reports", "orders", "--accounts", clients, "-o", "json")
	if r.code != ExitError || !strings.Contains(r.stderr, "1 of 3 accounts could not be fetched completely: nobody") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var doc struct {
		Command  string
		Accounts []struct {
			Name, Error, Dir string
			Files            []struct{ File, Action string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Command != "fetch" || len(doc.Accounts) != 3 || doc.Accounts[0].Name != "zeta" || doc.Accounts[1].Name != "acme" ||
		!strings.Contains(doc.Accounts[2].Error, "environment variable NOBODY_TOKEN (named by spapi.accounts nobody) is not set") {
		t.Errorf("%s", r.stdout)
	}
	for _, name := range []string{"zeta", "acme"} {
		if _, err := os.Stat(filepath.Join(clients, name, "orders-US-2026-10.tsv")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := validate(compileSchemas(t)["fetch"], r.stdout); err != nil {
		t.Errorf("the fetch document does not follow its schema: %v", err)
	}
}

// A report Amazon fails is listed after the table with Amazon's reason;
// the others are fetched, and the exit code is 2.
func TestFetchListsFailures(t *testing.T) {
	srv, env := fakeSPAPI(t)
	acct, _ := spapitest.LoadAccount("testdata/spapi/acme-us/amazon")
	srv.Reports = func(spec spapi.CreateReportSpecification) spapitest.Outcome {
		if spec.ReportType == "GET_SELLER_FEEDBACK_DATA" && spec.DataStartTime.Month() == time.October {
			return spapitest.Outcome{Status: spapi.StatusFatal, Document: []byte(`{"errorDetails":"Report generation failed."}`)}
		}
		return acct.Outcome(spec)
	}
	r := runWith(t, false, envOf(env), "fetch", "--as-of", "2026-11-20", "--marketplace", "US", "--reports", "orders,feedback", filepath.Join(t.TempDir(), "a"))
	if r.code != ExitError || !strings.Contains(r.stderr, "audit: 1 of 6 files could not be fetched") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "feedback-US-2026-10.tsv  2026-10-01..31     -  failed") ||
		!strings.Contains(r.stdout, "failed: feedback-US-2026-10.tsv 2026-10-01..31:") || !strings.Contains(r.stdout, "Report\n  generation failed.") ||
		!strings.Contains(r.stdout, "orders-US-2026-10.tsv    2026-10-01..31   169  fetched") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

// Amazon's words reach the terminal made safe: an error document with
// escape sequences shows them as text.
func TestFetchShowsAmazonsWordsSafely(t *testing.T) {
	srv, env := fakeSPAPI(t)
	srv.Reports = func(spec spapi.CreateReportSpecification) spapitest.Outcome {
		return spapitest.Outcome{Status: spapi.StatusFatal, Document: []byte(`{"errorDetails":"bad\u001b]0;pwned\u0007 \u001b[2J"}`)}
	}
	r := runWith(t, false, envOf(env), "fetch", "--as-of", "2026-11-20", "--marketplace", "US", "--reports", "orders", filepath.Join(t.TempDir(), "a"))
	if r.code != ExitError || strings.ContainsAny(r.stdout+r.stderr, "\x1b\x07") || !strings.Contains(r.stdout, `bad\x1b]0;pwned\x07`) {
		t.Errorf("exit %d\n%q\n%q", r.code, r.stdout, r.stderr)
	}
}

// --accounts: an account on eBay with no application (neither its own
// variables nor ebay.client_id) fails naming the keys; --reports of a
// platform no entry has is a usage error.
func TestFetchAccountsPlatformErrors(t *testing.T) {
	_, env := fakeSPAPI(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "agency.yaml")
	if err := os.WriteFile(cfg, []byte(`spapi:
  accounts:
    - {name: shop, ebay_refresh_token_env: SHOP_EBAY_TOKEN}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env["SHOP_EBAY_TOKEN"], env["AUDIT_EBAY_CLIENT_ID"], env["AUDIT_EBAY_CLIENT_SECRET"] = "v^1.1#secret-token", "", ""
	r := runWith(t, false, envOf(env), "fetch", "--config", cfg, "--as-of", "2026-11-20", "--accounts", filepath.Join(dir, "clients"))
	if r.code != ExitError || !strings.Contains(r.stdout, "eBay: no client id and secret for its application: name them with ebay_client_id_env and ebay_client_secret_env, or set ebay.client_id and ebay.client_secret") ||
		strings.Contains(r.stdout+r.stderr, "secret-token") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = runWith(t, false, envOf(env), "fetch", "--config", cfg, "--as-of", "2026-11-20", "--reports", "kaufland", "--accounts", filepath.Join(dir, "clients"))
	if r.code != ExitError || !strings.Contains(r.stderr, "--reports kaufland: no account of spapi.accounts has kaufland_client_key_env and kaufland_secret_key_env") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}
