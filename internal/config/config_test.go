package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func noEnv(string) (string, bool) { return "", false }

// YAML, TOML and JSON files give the same typed values, each with the file
// as origin; the environment wins over the file.
func TestLoadFormatsAndEnv(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.yaml": "fail_on: warn\ncolumns: [orders.purchase-date=Kaufdatum]\nthresholds:\n  odr: {fail: 0.008, window_days: 30}\n  late_shipment_rate: {window_days: [10, 20]}\n",
		"a.toml": "fail_on = \"warn\"\ncolumns = [\"orders.purchase-date=Kaufdatum\"]\n[thresholds.odr]\nfail = 0.008\nwindow_days = 30\n[thresholds.late_shipment_rate]\nwindow_days = [10, 20]\n",
		"a.json": `{"fail_on": "warn", "columns": ["orders.purchase-date=Kaufdatum"], "thresholds": {"odr": {"fail": 0.008, "window_days": 30}, "late_shipment_rate": {"window_days": [10, 20]}}}`,
	}
	for name, body := range files {
		p := write(t, dir, name, body)
		c, err := Load(Options{Path: p, LookupEnv: noEnv})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v, _ := c.Get("thresholds.odr.fail")
		w, _ := c.Get("thresholds.odr.window_days")
		l, _ := c.Get("thresholds.late_shipment_rate.window_days")
		f, _ := c.Get("fail_on")
		cols, _ := c.Get("columns")
		if v.Raw != 0.008 || v.Origin.String() != "file "+p || len(w.Raw.([]int)) != 1 || w.Raw.([]int)[0] != 30 ||
			len(l.Raw.([]int)) != 2 || f.Raw != "warn" || cols.Raw.([]string)[0] != "orders.purchase-date=Kaufdatum" {
			t.Errorf("%s: %+v %+v %+v %+v %+v", name, v, w, l, f, cols)
		}
	}
	env := map[string]string{"AUDIT_FAIL_ON": "never", "AUDIT_THRESHOLDS_ODR_WINDOW_DAYS": "10,30", "AUDIT_COLUMNS": "a.b=c; d.e=f"}
	c, err := Load(Options{Path: filepath.Join(dir, "a.yaml"), LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := c.Get("fail_on"); f.Raw != "never" || f.Origin.String() != "env AUDIT_FAIL_ON" {
		t.Errorf("fail_on %+v", f)
	}
	if w, _ := c.Get("thresholds.odr.window_days"); len(w.Raw.([]int)) != 2 {
		t.Errorf("window_days %+v", w)
	}
	if cols, _ := c.Get("columns"); len(cols.Raw.([]string)) != 2 {
		t.Errorf("columns %+v", cols)
	}
}

// Discovery: ./audit.yaml first, then the user's config.yaml; none is fine.
func TestFind(t *testing.T) {
	work, user := t.TempDir(), t.TempDir()
	c, err := Load(Options{Dir: work, UserDir: user, LookupEnv: noEnv})
	if err != nil || c.File != "" {
		t.Fatalf("no file: %v %q", err, c.File)
	}
	u := write(t, user, "config.yaml", "fail_on: warn\n")
	if c, _ := Load(Options{Dir: work, UserDir: user, LookupEnv: noEnv}); c.File != u {
		t.Errorf("user file: %q", c.File)
	}
	w := write(t, work, "audit.yml", "fail_on: never\n")
	if c, _ := Load(Options{Dir: work, UserDir: user, LookupEnv: noEnv}); c.File != w {
		t.Errorf("working folder file: %q", c.File)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for body, want := range map[string]string{
		"fail_on: never\nprofiles: x\n":         "unknown key(s) profiles",
		"thresholds:\n  odr: {fial: 0.1}\n":     "unknown key(s) thresholds.odr.fial",
		"thresholds:\n  odr: {fail: [1]}\n":     "key thresholds.odr.fail: want number",
		"thresholds:\n  odr: {lag_days: 1.5}\n": "key thresholds.odr.lag_days: want integer",
		"columns: [1, 2]\n":                     "key columns: want list of strings",
		"fail_on: [a]\n":                        "key fail_on: want string",
	} {
		p := write(t, dir, "c.yaml", body)
		_, err := Load(Options{Path: p, LookupEnv: noEnv})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: %v, want %q naming the file", body, err, want)
		}
	}
	for k, v := range map[string]string{"AUDIT_THRESHOLDS_ODR_FAIL": "x", "AUDIT_ODR_COUNT_DENIED_CLAIMS": "perhaps", "AUDIT_THRESHOLDS_ODR_WINDOW_DAYS": "1,x"} {
		_, err := Load(Options{LookupEnv: func(n string) (string, bool) { return v, n == k }})
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v", k, v, err)
		}
	}
}

// spapi.accounts is a list of accounts, from a file or (as JSON) from the
// environment; a bad entry is an error naming it.
func TestAccounts(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.yaml", `spapi:
  accounts:
    - name: acme
      marketplaces: [US, CA]
      refresh_token_env: ACME_TOKEN
    - name: kowalski
      marketplaces: DE
      refresh_token_env: KOWALSKI_TOKEN
      client_id_env: EU_ID
      client_secret_env: EU_SECRET
`)
	c, err := Load(Options{Path: p, LookupEnv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := c.Get("spapi.accounts")
	got := v.Raw.([]Account)
	if len(got) != 2 || got[0].Name != "acme" || strings.Join(got[0].Marketplaces, ",") != "US,CA" || got[0].RefreshTokenEnv != "ACME_TOKEN" ||
		got[1].Marketplaces[0] != "DE" || got[1].ClientIDEnv != "EU_ID" || got[1].ClientSecretEnv != "EU_SECRET" {
		t.Errorf("accounts %+v", got)
	}
	env := func(k string) (string, bool) {
		if k == "AUDIT_SPAPI_ACCOUNTS" {
			return `[{"name": "solo", "marketplaces": ["JP"], "refresh_token_env": "SOLO"}]`, true
		}
		return "", false
	}
	if c, err = Load(Options{Path: p, LookupEnv: env}); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Get("spapi.accounts"); len(v.Raw.([]Account)) != 1 || v.Origin.Layer != "env" {
		t.Errorf("from the environment: %+v", v)
	}
	for body, want := range map[string]string{
		"spapi:\n  accounts: acme\n":                                                                                                                  "want a list of accounts",
		"spapi:\n  accounts:\n    - name: acme\n      marketplaces: [US]\n":                                                                           "entry 1 (acme): refresh_token_env is required with marketplaces",
		"spapi:\n  accounts:\n    - {name: ../x, marketplaces: [US], refresh_token_env: T}\n":                                                         `name "../x" must be a plain folder name`,
		"spapi:\n  accounts:\n    - {name: a, marketplaces: [US], refresh_token_env: T, pw: x}\n":                                                     `unknown field "pw"`,
		"spapi:\n  accounts:\n    - {name: a, marketplaces: [US], refresh_token_env: T}\n    - {name: a, marketplaces: [US], refresh_token_env: T}\n": `entry 2: name "a" is listed twice`,
	} {
		_, err := Load(Options{Path: write(t, dir, "b.yaml", body), LookupEnv: noEnv})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
}

// An spapi.accounts entry may carry the other platforms, with or without
// SP-API: their secrets by variable name too, their lists as lists. An
// entry with no source at all, or a platform missing a field it needs, is
// an error naming the entry and the field.
func TestAccountsPlatforms(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.yaml", `spapi:
  accounts:
    - name: acme
      marketplaces: [DE]
      refresh_token_env: ACME_TOKEN
      kaufland_client_key_env: ACME_KAUFLAND_CLIENT_KEY
      kaufland_secret_key_env: ACME_KAUFLAND_SECRET_KEY
      kaufland_storefronts: [de, pl]
      ebay_refresh_token_env: ACME_EBAY_TOKEN
      ebay_marketplaces: EBAY_DE
      ebay_client_id_env: ACME_EBAY_ID
      ebay_client_secret_env: ACME_EBAY_SECRET
    - name: kowalski
      allegro_refresh_token_file: tokens/kowalski-allegro
      allegro_refresh_token_env: KOWALSKI_ALLEGRO_TOKEN
      allegro_client_id_env: PL_APP_ID
      allegro_client_secret_env: PL_APP_SECRET
`)
	c, err := Load(Options{Path: p, LookupEnv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := c.Get("spapi.accounts")
	got := v.Raw.([]Account)
	want := []Account{
		{Name: "acme", Marketplaces: []string{"DE"}, RefreshTokenEnv: "ACME_TOKEN",
			KauflandClientKeyEnv: "ACME_KAUFLAND_CLIENT_KEY", KauflandSecretKeyEnv: "ACME_KAUFLAND_SECRET_KEY", KauflandStorefronts: []string{"de", "pl"},
			EBayRefreshTokenEnv: "ACME_EBAY_TOKEN", EBayMarketplaces: []string{"EBAY_DE"}, EBayClientIDEnv: "ACME_EBAY_ID", EBayClientSecretEnv: "ACME_EBAY_SECRET"},
		{Name: "kowalski", AllegroRefreshTokenFile: "tokens/kowalski-allegro", AllegroRefreshTokenEnv: "KOWALSKI_ALLEGRO_TOKEN",
			AllegroClientIDEnv: "PL_APP_ID", AllegroClientSecretEnv: "PL_APP_SECRET"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("accounts\n%+v\nwant\n%+v", got, want)
	}
	if !got[0].SPAPI() || !got[0].EBay() || got[0].Allegro() || !got[0].Kaufland() || got[1].SPAPI() || got[1].EBay() || !got[1].Allegro() || got[1].Kaufland() {
		t.Errorf("sources of %+v", got)
	}
	for body, want := range map[string]string{
		"spapi:\n  accounts:\n    - {name: a}\n":                                                                                  "entry 1 (a): nothing to fetch",
		"spapi:\n  accounts:\n    - {name: a, region: eu}\n":                                                                      "entry 1 (a): refresh_token_env is required with region",
		"spapi:\n  accounts:\n    - {name: a, refresh_token_env: T}\n":                                                            "entry 1 (a): marketplaces is required with refresh_token_env",
		"spapi:\n  accounts:\n    - {name: a, kaufland_client_key_env: K}\n":                                                      "entry 1 (a): kaufland_secret_key_env is required with kaufland_client_key_env",
		"spapi:\n  accounts:\n    - {name: a, kaufland_storefronts: [de]}\n":                                                      "entry 1 (a): kaufland_client_key_env is required with kaufland_storefronts",
		"spapi:\n  accounts:\n    - {name: a, ebay_marketplaces: [EBAY_US]}\n":                                                    "entry 1 (a): ebay_refresh_token_env is required with ebay_marketplaces",
		"spapi:\n  accounts:\n    - {name: a, allegro_client_id_env: I, ebay_refresh_token_env: E}\n":                             "allegro_refresh_token_env or allegro_refresh_token_file is required with allegro_client_id_env",
		"spapi:\n  accounts:\n    - {name: a, allegro_refresh_token_file: t}\n    - {name: b, allegro_refresh_token_file: ./t}\n": "entry 2 (b): allegro_refresh_token_file ./t is also a's",
		"spapi:\n  accounts:\n    - {name: a, ebay_refresh_token: x}\n":                                                           `unknown field "ebay_refresh_token" (known: allegro_client_id_env, `,
	} {
		_, err := Load(Options{Path: write(t, dir, "b.yaml", body), LookupEnv: noEnv})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
}
