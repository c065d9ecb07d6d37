package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/platformapi/platformapitest"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

// An agency's nightly audit fetch --accounts, with an account on SP-API
// and Kaufland and one on Allegro alone: each account's platforms land in
// its own folder, Allegro's rotated token in the account's token file,
// and no secret anywhere else. An account whose entry names an unset
// variable fails alone, naming itself and the variable, and exits 2.
func TestE2EFetchAccountsPlatforms(t *testing.T) {
	srv := spapitest.StartAccount(t, "testdata/spapi/acme-us/amazon")
	a, k := platformapitest.StartAllegro(t), platformapitest.StartKaufland(t)
	first := a.RefreshToken()
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "kowalski-allegro-token")
	config := func(extra string) string {
		p := filepath.Join(dir, "agency.yaml")
		body := `spapi:
  accounts:
    - name: acme
      marketplaces: [US]
      refresh_token_env: ACME_SPAPI_REFRESH_TOKEN
      kaufland_client_key_env: ACME_KAUFLAND_CLIENT_KEY
      kaufland_secret_key_env: ACME_KAUFLAND_SECRET_KEY
      kaufland_storefronts: [de]
    - name: kowalski
      allegro_refresh_token_env: KOWALSKI_ALLEGRO_REFRESH_TOKEN
      allegro_refresh_token_file: ` + tokenFile + "\n" + extra
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	env := append(spapiEnv(srv),
		"AUDIT_SPAPI_REFRESH_TOKEN=", // each account's own
		"ACME_SPAPI_REFRESH_TOKEN="+srv.RefreshToken,
		"ACME_KAUFLAND_CLIENT_KEY="+k.ClientKey, "ACME_KAUFLAND_SECRET_KEY="+k.SecretKey, "AUDIT_KAUFLAND_ENDPOINT="+k.URL,
		"KOWALSKI_ALLEGRO_REFRESH_TOKEN="+first,
		// the agency's Allegro application, shared by its clients
		"AUDIT_ALLEGRO_CLIENT_ID="+a.ClientID, "AUDIT_ALLEGRO_CLIENT_SECRET="+a.ClientSecret,
		"AUDIT_ALLEGRO_ENDPOINT="+a.URL, "AUDIT_ALLEGRO_TOKEN_URL="+a.URL+platformapitest.AllegroTokenPath,
		// a single account's keys are not the accounts'
		"AUDIT_ALLEGRO_REFRESH_TOKEN=", "AUDIT_ALLEGRO_REFRESH_TOKEN_FILE=", "AUDIT_KAUFLAND_CLIENT_KEY=", "AUDIT_KAUFLAND_SECRET_KEY=",
		"AUDIT_EBAY_CLIENT_ID=", "AUDIT_EBAY_CLIENT_SECRET=", "AUDIT_EBAY_REFRESH_TOKEN=",
	)
	clients := filepath.Join(dir, "clients")
	r := audit(t, env, "fetch", "--config", config(""), "--as-of", "2026-11-20", "--reports", "orders,kaufland,allegro", "--accounts", clients, "-o", "json")
	if r.code != 0 {
		t.Fatalf("audit fetch --accounts: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var doc struct {
		Accounts []struct {
			Name, Error string
			Files       []struct{ File, Kind, Action string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Accounts) != 2 {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	files := map[string][]string{}
	for _, acc := range doc.Accounts {
		if acc.Error != "" {
			t.Errorf("%s: %s", acc.Name, acc.Error)
		}
		for _, f := range acc.Files {
			if f.Action != "fetched" && f.Action != "no-data" {
				t.Errorf("%s: %s %s", acc.Name, f.File, f.Action)
			}
			files[acc.Name] = append(files[acc.Name], f.File)
		}
	}
	if got := strings.Join(files["kowalski"], ","); got != "allegro-sale-quality.json" {
		t.Errorf("kowalski's files: %s", got)
	}
	for name, want := range map[string][]string{
		"acme":     {"orders-US-2026-10.tsv", "orders-US-2026-11.tsv", "kaufland-order-units-de.json"},
		"kowalski": {"allegro-sale-quality.json"},
	} {
		for _, f := range want {
			if _, err := os.Stat(filepath.Join(clients, name, f)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	for name, absent := range map[string]string{"acme": "allegro-sale-quality.json", "kowalski": "kaufland-order-units-de.json"} {
		if _, err := os.Stat(filepath.Join(clients, name, absent)); err == nil {
			t.Errorf("%s has %s, another account's", name, absent)
		}
	}
	var units struct{ Data []json.RawMessage }
	if b, err := os.ReadFile(filepath.Join(clients, "acme", "kaufland-order-units-de.json")); err != nil || json.Unmarshal(b, &units) != nil {
		t.Errorf("acme's Kaufland file: %v %q", err, b)
	}

	// Allegro's new refresh token is kept in kowalski's token file alone.
	if tok, _ := os.ReadFile(tokenFile); strings.TrimSpace(string(tok)) != a.RefreshToken() || a.RefreshToken() == first {
		t.Errorf("the rotated Allegro refresh token was not saved")
	}
	if st, err := os.Stat(tokenFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("token file mode: %v %v", st, err)
	}
	secrets := []string{srv.ClientSecret, srv.RefreshToken, a.ClientSecret, first, a.RefreshToken(), k.SecretKey}
	noSecret := func(r runResult) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(r.stdout+r.stderr, s) {
				t.Errorf("a secret is in the output")
			}
			filepath.WalkDir(clients, func(p string, d os.DirEntry, err error) error {
				if b, _ := os.ReadFile(p); err == nil && !d.IsDir() && strings.Contains(string(b), s) {
					t.Errorf("a secret is in %s", p)
				}
				return nil
			})
		}
	}
	noSecret(r)

	// kowalski's Kaufland keys named by a variable that is not set: kowalski
	// fails before asking anything (its token file is as it was), acme is
	// fetched, and the run exits 2 naming the account and the variable.
	saved, _ := os.ReadFile(tokenFile)
	r = audit(t, env, "fetch", "--config", config("      kaufland_client_key_env: KOWALSKI_KAUFLAND_CLIENT_KEY\n      kaufland_secret_key_env: ACME_KAUFLAND_SECRET_KEY\n"),
		"--as-of", "2026-11-20", "--reports", "kaufland,allegro", "--accounts", clients)
	if r.code != 2 || !strings.Contains(r.stderr, "1 of 2 accounts could not be fetched completely: kowalski") ||
		!strings.Contains(r.stdout, "error: environment variable KOWALSKI_KAUFLAND_CLIENT_KEY (named by spapi.accounts kowalski, kaufland_client_key_env) is not set") ||
		!strings.Contains(r.stdout, "kaufland-order-units-de.json") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if now, _ := os.ReadFile(tokenFile); string(now) != string(saved) {
		t.Errorf("kowalski's Allegro token was used despite its config error")
	}
	noSecret(r)
}
