package platformapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/platformapi"
	"github.com/sellerhealth/audit/internal/platformapi/platformapitest"
)

// noSleep records the waits instead of making them.
func noSleep(waits *[]time.Duration) func(context.Context, time.Duration) error {
	return func(_ context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return nil
	}
}

func ebayClient(t *testing.T, srv *platformapitest.EBay, waits *[]time.Duration) *platformapi.EBay {
	t.Helper()
	cfg := srv.Config()
	cfg.Sleep = noSleep(waits)
	c, err := platformapi.NewEBay(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// noSecret fails when err's text holds one of secrets.
func noSecret(t *testing.T, err error, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("a secret is in the error: %v", err)
		}
	}
}

func TestEBayAnswersVerbatim(t *testing.T) {
	srv := platformapitest.StartEBay(t)
	var waits []time.Duration
	c := ebayClient(t, srv, &waits)
	ctx := context.Background()
	got, err := c.SellerStandardsProfiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, platformapitest.Fixture("ebay-seller-standards.json")) {
		t.Errorf("findSellerStandardsProfiles: not eBay's body as sent")
	}
	for typ, fixture := range map[string]string{platformapi.EBayItemNotAsDescribed: "ebay-customer-service-inad.json", platformapi.EBayItemNotReceived: "ebay-customer-service-inr.json"} {
		got, err := c.CustomerServiceMetric(ctx, typ, "EBAY_US")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, platformapitest.Fixture(fixture)) {
			t.Errorf("%s: not eBay's body as sent", typ)
		}
	}
	if n := srv.Issued(); n != 1 {
		t.Errorf("%d access tokens asked for, want 1 (kept while valid)", n)
	}
	if len(waits) != 0 {
		t.Errorf("waited %v without a fault", waits)
	}
}

func TestEBayRefreshesARefusedToken(t *testing.T) {
	srv := platformapitest.StartEBay(t)
	var waits []time.Duration
	c := ebayClient(t, srv, &waits)
	if _, err := c.SellerStandardsProfiles(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv.RevokeAll()
	if _, err := c.SellerStandardsProfiles(context.Background()); err != nil {
		t.Fatalf("after a 401, a new token should have been asked for: %v", err)
	}
	if n := srv.Issued(); n != 2 {
		t.Errorf("%d tokens issued, want 2", n)
	}
	// A 401 on the new token too is an error, not a loop.
	srv.Fail(platformapi.CallFindSellerStandardsProfiles, 401, 401)
	_, err := c.SellerStandardsProfiles(context.Background())
	var he *platformapi.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 401 || !strings.HasPrefix(err.Error(), "eBay findSellerStandardsProfiles: 401 Unauthorized") {
		t.Errorf("got %v, want eBay findSellerStandardsProfiles: 401 ...", err)
	}
}

func TestEBayExpiredTokenIsRenewed(t *testing.T) {
	srv := platformapitest.StartEBay(t)
	srv.ExpiresIn = 1 // under the minute kept in hand: every call asks anew
	var waits []time.Duration
	c := ebayClient(t, srv, &waits)
	for range 2 {
		if _, err := c.SellerStandardsProfiles(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Issued(); n != 2 {
		t.Errorf("%d tokens issued, want 2", n)
	}
}

func TestEBayMetricNotAvailable(t *testing.T) {
	srv := platformapitest.StartEBay(t)
	var waits []time.Duration
	_, err := ebayClient(t, srv, &waits).CustomerServiceMetric(context.Background(), platformapi.EBayItemNotReceived, "EBAY_GB")
	if !platformapi.NotAvailable(err) {
		t.Fatalf("got %v, want 409 not available", err)
	}
	if want := "eBay getCustomerServiceMetric: 409 Conflict: 54200: The metric is not available for the seller."; err.Error() != want {
		t.Errorf("got  %q\nwant %q", err, want)
	}
}

func TestEBayRetriesThrottlingAndFailures(t *testing.T) {
	srv := platformapitest.StartEBay(t)
	var waits []time.Duration
	c := ebayClient(t, srv, &waits)
	srv.Fail("token", 500)
	srv.Fail(platformapi.CallFindSellerStandardsProfiles, 429, 503)
	if _, err := c.SellerStandardsProfiles(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{2 * time.Second, 2 * time.Second, 4 * time.Second}; fmt.Sprint(waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	srv.Fail(platformapi.CallFindSellerStandardsProfiles, 500, 500, 500, 500, 500, 500)
	_, err := c.SellerStandardsProfiles(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "eBay findSellerStandardsProfiles: 500 Internal Server Error") || !strings.HasSuffix(err.Error(), "(gave up after 6 attempts)") {
		t.Errorf("got %v", err)
	}
}

func TestEBayTokenRefused(t *testing.T) {
	srv := platformapitest.StartEBay(t)
	for _, tc := range []struct {
		name string
		edit func(*platformapi.EBayConfig)
		want string
	}{
		{"refresh token", func(c *platformapi.EBayConfig) { c.RefreshToken = "v^1.1#wrong-refresh" },
			"eBay token: 400 Bad Request: invalid_grant: the provided authorization refresh token is invalid or was issued to another client"},
		{"secret", func(c *platformapi.EBayConfig) { c.ClientSecret = "PRD-wrong-secret" },
			"eBay token: 401 Unauthorized: invalid_client: client authentication failed"},
	} {
		cfg := srv.Config()
		tc.edit(&cfg)
		c, err := platformapi.NewEBay(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.SellerStandardsProfiles(context.Background())
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
		noSecret(t, err, cfg.RefreshToken, cfg.ClientSecret)
	}
}

func TestNewChecksConfig(t *testing.T) {
	_, err := platformapi.NewEBay(platformapi.EBayConfig{ClientID: "x"})
	if err == nil || err.Error() != "eBay credentials incomplete: no client secret, no refresh token" {
		t.Errorf("got %v", err)
	}
	_, err = platformapi.NewKaufland(platformapi.KauflandConfig{ClientKey: "k", SecretKey: "s", BaseURL: "http://example.com"})
	if err == nil || !strings.Contains(err.Error(), "must be https") {
		t.Errorf("plain http off loopback: got %v", err)
	}
	_, err = platformapi.NewAllegro(platformapi.AllegroConfig{ClientID: "a", ClientSecret: "b", RefreshToken: "c", TokenURL: "ftp://x"})
	if err == nil || !strings.Contains(err.Error(), "Allegro token URL") {
		t.Errorf("got %v", err)
	}
}

// An error body that echoes a secret is shown redacted.
func TestErrorsAreRedacted(t *testing.T) {
	const secret = "fedcba-secret-key"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"message":"bad request signed with %s"}`, secret)
	}))
	defer srv.Close()
	c, err := platformapi.NewKaufland(platformapi.KauflandConfig{ClientKey: "key", SecretKey: secret, BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.OrderUnits(context.Background(), "de", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if want := "Kaufland GetOrderUnits: 400 Bad Request: bad request signed with [redacted]"; err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestAllegroRotatesTheRefreshToken(t *testing.T) {
	srv := platformapitest.StartAllegro(t)
	first := srv.RefreshToken()
	cfg := srv.Config()
	var rotated []string
	cfg.Rotated = func(s string) { rotated = append(rotated, s) }
	c, err := platformapi.NewAllegro(cfg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.SaleQuality(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, platformapitest.Fixture("allegro-sale-quality.json")) {
		t.Errorf("GET /sale/quality: not Allegro's body as sent")
	}
	if len(rotated) != 1 || rotated[0] != srv.RefreshToken() || rotated[0] == first {
		t.Errorf("Rotated heard %d tokens; want the new one", len(rotated))
	}
	// After a refused access token, the client refreshes with the new
	// refresh token (the first is refused now).
	srv.RevokeAll()
	if _, err := c.SaleQuality(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(rotated) != 2 || rotated[1] != srv.RefreshToken() {
		t.Errorf("the second refresh should use and replace the rotated token")
	}
	// The first refresh token, used again, is refused.
	cfg.RefreshToken, cfg.Rotated = first, nil
	old, _ := platformapi.NewAllegro(cfg)
	_, err = old.SaleQuality(context.Background())
	if want := "Allegro token: 400 Bad Request: invalid_grant: Invalid refresh token"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	noSecret(t, err, first, cfg.ClientSecret)
}

func TestAllegroErrors(t *testing.T) {
	srv := platformapitest.StartAllegro(t)
	cfg := srv.Config()
	var waits []time.Duration
	cfg.Sleep = noSleep(&waits)
	cfg.MaxAttempts = 2
	c, _ := platformapi.NewAllegro(cfg)
	srv.Fail(platformapi.CallGetSaleQuality, 403)
	_, err := c.SaleQuality(context.Background())
	if want := "Allegro getSaleQuality: 403 Forbidden: 403: injected Forbidden"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	srv.Fail(platformapi.CallGetSaleQuality, 429, 429)
	_, err = c.SaleQuality(context.Background())
	if want := "Allegro getSaleQuality: 429 Too Many Requests: 429: injected Too Many Requests (gave up after 2 attempts)"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// rawUnits makes n order units of storefront de, created a minute apart
// from 2025-06-01.
func rawUnits(n int) []json.RawMessage {
	var out []json.RawMessage
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		out = append(out, json.RawMessage(fmt.Sprintf(`{"id_order_unit": %d, "ts_created_iso": %q, "status": "sent", "storefront": "de"}`,
			1000+i, start.Add(time.Duration(i)*time.Minute).Format("2006-01-02T15:04:05Z"))))
	}
	return out
}

func TestKauflandPagesMergedIntoOneDocument(t *testing.T) {
	srv := platformapitest.StartKaufland(t)
	srv.Units["de"] = rawUnits(250)
	srv.Units["pl"] = rawUnits(3)
	c, err := platformapi.NewKaufland(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	doc, n, err := c.OrderUnits(context.Background(), "de", time.Date(2025, 6, 1, 0, 10, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if n != 240 || srv.Count(platformapi.CallGetOrderUnits) != 3 {
		t.Errorf("%d units in %d requests, want 240 in 3", n, srv.Count(platformapi.CallGetOrderUnits))
	}
	var got struct {
		Data       []json.RawMessage `json:"data"`
		Pagination map[string]int    `json:"pagination"`
	}
	if err := json.Unmarshal(doc, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Data) != 240 || got.Pagination["offset"] != 0 || got.Pagination["limit"] != 240 || got.Pagination["total"] != 240 {
		t.Errorf("%d units, pagination %v", len(got.Data), got.Pagination)
	}
	// Newest first, each unit byte for byte as sent.
	for i, u := range got.Data {
		if want := srv.Units["de"][249-i]; !bytes.Equal(u, want) {
			t.Fatalf("unit %d: %s, want %s", i, u, want)
		}
	}
}

func TestKauflandFixtureVerbatim(t *testing.T) {
	srv := platformapitest.StartKaufland(t)
	c, _ := platformapi.NewKaufland(srv.Config())
	doc, n, err := c.OrderUnits(context.Background(), "de", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 6 {
		t.Fatalf("%d units, %v", n, err)
	}
	var got, want struct {
		Data []json.RawMessage `json:"data"`
	}
	json.Unmarshal(doc, &got)
	json.Unmarshal(platformapitest.Fixture("kaufland-order-units.json"), &want)
	var a, b []string
	for _, u := range got.Data {
		a = append(a, compact(t, u))
	}
	for _, u := range want.Data {
		b = append(b, compact(t, u))
	}
	if fmt.Sprint(sorted(a)) != fmt.Sprint(sorted(b)) {
		t.Errorf("the units are not the fixture's")
	}
	// An empty storefront is an empty document, one request.
	doc, n, err = c.OrderUnits(context.Background(), "cz", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 0 || string(doc) != `{"data":[],"pagination":{"offset":0,"limit":0,"total":0}}`+"\n" {
		t.Errorf("got %q, %d, %v", doc, n, err)
	}
}

func compact(t *testing.T, b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestKauflandErrors(t *testing.T) {
	srv := platformapitest.StartKaufland(t)
	cfg := srv.Config()
	cfg.SecretKey = "a-wrong-secret-key"
	c, _ := platformapi.NewKaufland(cfg)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	_, _, err := c.OrderUnits(context.Background(), "de", from)
	if want := "Kaufland GetOrderUnits: 401 Unauthorized: Request authentication headers are corrupt"; err == nil || err.Error() != want {
		t.Errorf("wrong signature: got %v, want %s", err, want)
	}
	noSecret(t, err, cfg.SecretKey)

	cfg = srv.Config()
	var waits []time.Duration
	cfg.Sleep = noSleep(&waits)
	c, _ = platformapi.NewKaufland(cfg)
	srv.Fail(platformapi.CallGetOrderUnits, 429, 500)
	if _, n, err := c.OrderUnits(context.Background(), "de", from); err != nil || n != 6 {
		t.Errorf("after 429 and 500: %d units, %v", n, err)
	}
	if len(waits) != 2 {
		t.Errorf("waits %v, want 2", waits)
	}
}

// The signature, against one computed apart (Python's hmac module):
// hmac.new(b"secret", b"GET\nhttps://...&limit=30\n\n1700000000", sha256).
func TestKauflandSignature(t *testing.T) {
	got := platformapi.KauflandSignature("secret", "GET", "https://sellerapi.kaufland.com/v2/order-units?storefront=de&limit=30", "", 1700000000)
	if want := "0ebd27cacf99baeeb53014740c94289b6ab54f42a08c206dc4e56bb60c300724"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
