package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/platformapi"
	"github.com/sellerhealth/audit/internal/platformapi/platformapitest"
)

// platformsEnv points the binary at the fake eBay, Allegro and Kaufland,
// their credentials in the environment as docs/fetch.md says, and none
// of SP-API's: an account with only other platforms' keys.
func platformsEnv(t *testing.T, e *platformapitest.EBay, a *platformapitest.Allegro, k *platformapitest.Kaufland, tokenFile string) []string {
	return []string{
		"AUDIT_CONFIG=", "XDG_CONFIG_HOME=" + filepath.Join(t.TempDir(), "no-config"),
		"AUDIT_SPAPI_CLIENT_ID=", "AUDIT_SPAPI_CLIENT_SECRET=", "AUDIT_SPAPI_REFRESH_TOKEN=",
		"AUDIT_EBAY_CLIENT_ID=" + e.ClientID, "AUDIT_EBAY_CLIENT_SECRET=" + e.ClientSecret, "AUDIT_EBAY_REFRESH_TOKEN=" + e.RefreshToken,
		"AUDIT_EBAY_ENDPOINT=" + e.URL, "AUDIT_EBAY_TOKEN_URL=" + e.URL + platformapitest.EBayTokenPath,
		"AUDIT_ALLEGRO_CLIENT_ID=" + a.ClientID, "AUDIT_ALLEGRO_CLIENT_SECRET=" + a.ClientSecret, "AUDIT_ALLEGRO_REFRESH_TOKEN=" + a.RefreshToken(),
		"AUDIT_ALLEGRO_REFRESH_TOKEN_FILE=" + tokenFile,
		"AUDIT_ALLEGRO_ENDPOINT=" + a.URL, "AUDIT_ALLEGRO_TOKEN_URL=" + a.URL + platformapitest.AllegroTokenPath,
		"AUDIT_KAUFLAND_CLIENT_KEY=" + k.ClientKey, "AUDIT_KAUFLAND_SECRET_KEY=" + k.SecretKey, "AUDIT_KAUFLAND_ENDPOINT=" + k.URL,
		"AUDIT_KAUFLAND_STOREFRONTS=de,pl",
	}
}

// audit fetch DIR with eBay, Allegro and Kaufland keys and no SP-API
// credentials writes the platforms' answers verbatim, records them in the
// manifest, keeps Allegro's rotated refresh token, and shows no secret;
// audit all then reads the folder without failing on them.
func TestE2EFetchPlatforms(t *testing.T) {
	e, a, k := platformapitest.StartEBay(t), platformapitest.StartAllegro(t), platformapitest.StartKaufland(t)
	first := a.RefreshToken()
	tokenFile := filepath.Join(t.TempDir(), "allegro-token")
	env := platformsEnv(t, e, a, k, tokenFile)
	dir := filepath.Join(t.TempDir(), "shop")

	r := audit(t, env, "fetch", "--as-of", "2025-07-01", "-o", "json", dir)
	if r.code != 0 {
		t.Fatalf("audit fetch: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	want := map[string][]byte{
		"ebay-seller-standards.json":              platformapitest.Fixture("ebay-seller-standards.json"),
		"ebay-customer-service-inad-EBAY_US.json": platformapitest.Fixture("ebay-customer-service-inad.json"),
		"ebay-customer-service-inr-EBAY_US.json":  platformapitest.Fixture("ebay-customer-service-inr.json"),
		"allegro-sale-quality.json":               platformapitest.Fixture("allegro-sale-quality.json"),
	}
	for name, body := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: not the platform's answer byte for byte (%v)", name, err)
		}
	}
	var units struct {
		Data       []json.RawMessage `json:"data"`
		Pagination map[string]int    `json:"pagination"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "kaufland-order-units-de.json"))
	if err != nil || json.Unmarshal(b, &units) != nil || len(units.Data) != 6 || units.Pagination["total"] != 6 {
		t.Errorf("kaufland-order-units-de.json: %d units, %v (%v)", len(units.Data), units.Pagination, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "kaufland-order-units-pl.json")); err != nil || string(b) != `{"data":[],"pagination":{"offset":0,"limit":0,"total":0}}`+"\n" {
		t.Errorf("kaufland-order-units-pl.json: %q, %v", b, err)
	}

	// The summary and the manifest list the files.
	var doc struct {
		Files []struct{ File, Kind, Action string } `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Files) != 6 {
		t.Fatalf("summary: %v\n%s", err, r.stdout)
	}
	for _, f := range doc.Files {
		if f.Action != "fetched" {
			t.Errorf("%s: %s", f.File, f.Action)
		}
	}
	var manifest struct {
		Files []struct {
			File, Kind, SHA256 string
			Size               int64
		} `json:"files"`
	}
	b, _ = os.ReadFile(filepath.Join(dir, ".audit-fetch.json"))
	if err := json.Unmarshal(b, &manifest); err != nil || len(manifest.Files) != 6 {
		t.Errorf("manifest: %v\n%s", err, b)
	}
	for _, f := range manifest.Files {
		if st, err := os.Stat(filepath.Join(dir, f.File)); err != nil || st.Size() != f.Size || len(f.SHA256) != 64 {
			t.Errorf("manifest entry %+v does not match the file (%v)", f, err)
		}
	}

	// Allegro's new refresh token is kept, in the token file alone.
	if tok, _ := os.ReadFile(tokenFile); strings.TrimSpace(string(tok)) != a.RefreshToken() || a.RefreshToken() == first {
		t.Errorf("the rotated Allegro refresh token was not saved")
	}
	if st, err := os.Stat(tokenFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("token file mode: %v %v", st, err)
	}
	secrets := []string{e.ClientSecret, e.RefreshToken, a.ClientSecret, first, a.RefreshToken(), k.SecretKey}
	for _, s := range secrets {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("a secret is in the output")
		}
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if b, _ := os.ReadFile(p); err == nil && !d.IsDir() && strings.Contains(string(b), s) {
				t.Errorf("a secret is in %s", p)
			}
			return nil
		})
	}

	// A second run works from the saved token (the first is refused now).
	r = audit(t, env, "fetch", "--as-of", "2025-07-01", "--reports", "allegro", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "allegro-sale-quality.json") {
		t.Errorf("second run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	// audit all reads the folder: every fetched file is recognised as the
	// kind its manifest entry names, and the platforms' entries are judged.
	r = audit(t, []string{"AUDIT_CONFIG=", "XDG_CONFIG_HOME=" + filepath.Join(t.TempDir(), "no-config")}, "all", "--as-of", "2025-07-01", "-o", "json", "--fail-on", "never", dir)
	if r.code != 0 {
		t.Fatalf("audit all on the fetched folder: exit %d\n%s", r.code, r.stderr)
	}
	var report struct {
		Metrics []struct{ ID, Platform string }
		Inputs  []struct{ File, Kind string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, in := range report.Inputs {
		kinds[filepath.Base(in.File)] = in.Kind
	}
	for file, kind := range map[string]string{
		"ebay-seller-standards.json": "ebay-standards", "ebay-customer-service-inr-EBAY_US.json": "ebay-service-metric",
		"allegro-sale-quality.json": "allegro-sales-quality", "kaufland-order-units-de.json": "kaufland-order-units",
	} {
		if kinds[file] != kind {
			t.Errorf("%s read as %q, want %q (inputs %v)", file, kinds[file], kind, kinds)
		}
	}
	platforms := map[string]bool{}
	for _, m := range report.Metrics {
		platforms[m.Platform] = true
	}
	for _, p := range []string{"ebay", "allegro", "kaufland"} {
		if !platforms[p] {
			t.Errorf("no %s entry among %v", p, report.Metrics)
		}
	}
}

// A platform's HTTP error names the platform, the call and the status,
// exits 2, and keeps the other platforms' files.
func TestE2EFetchPlatformError(t *testing.T) {
	e, a, k := platformapitest.StartEBay(t), platformapitest.StartAllegro(t), platformapitest.StartKaufland(t)
	env := platformsEnv(t, e, a, k, filepath.Join(t.TempDir(), "allegro-token"))
	a.Fail(platformapi.CallGetSaleQuality, 403)
	dir := filepath.Join(t.TempDir(), "shop")
	r := audit(t, env, "fetch", "--as-of", "2025-07-01", dir)
	if r.code != 2 || !strings.Contains(r.stdout, "Allegro getSaleQuality: 403") || !strings.Contains(r.stderr, "1 of 6 platform files could not be fetched") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "ebay-seller-standards.json")); err != nil {
		t.Errorf("eBay's file should be kept: %v", err)
	}

	// Only part of a platform's credentials: a usage error naming them.
	env = append(env, "AUDIT_KAUFLAND_SECRET_KEY=")
	r = audit(t, env, "fetch", "--as-of", "2025-07-01", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "Kaufland credentials incomplete: set AUDIT_KAUFLAND_SECRET_KEY") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}
