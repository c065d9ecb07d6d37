package platformapitest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/platformapi"
)

// Paths of the fake eBay (those of api.ebay.com).
const (
	EBayTokenPath     = "/identity/v1/oauth2/token"
	ebayProfilesPath  = "/sell/analytics/v1/seller_standards_profile"
	ebayCustomerPath  = "/sell/analytics/v1/customer_service_metric/"
	DefaultEBayClient = "AuditTes-audit-PRD-0a1b2c3d4-5e6f7a8b"
	DefaultEBaySecret = "PRD-0a1b2c3d4e5f-fake-ebay-cert-id-6789"
	DefaultEBayToken  = "v^1.1#i^1#fake-ebay-refresh-token#r^1#p^3#f^0#t^Ul4xMF8="
)

// EBay is a fake eBay: OAuth token endpoint and Sell Analytics API v1.
type EBay struct {
	URL string // base URL (EBayConfig.BaseURL); the token endpoint is URL+EBayTokenPath
	// The credentials it accepts (DefaultEBay... unless set).
	ClientID, ClientSecret, RefreshToken string
	ExpiresIn                            int // of access tokens, seconds (default 7200)
	// Profiles is findSellerStandardsProfiles' body (the fixture unless set).
	Profiles []byte
	// Metrics are getCustomerServiceMetric's bodies by TYPE/MARKETPLACE
	// (ITEM_NOT_RECEIVED/EBAY_US); one absent answers 409, error 54200.
	Metrics map[string][]byte
	faults
	tokens
	t testing.TB
}

// StartEBay starts a fake eBay, closed with the test; it answers the
// fixtures for EBAY_US.
func StartEBay(t testing.TB) *EBay {
	s := &EBay{ClientID: DefaultEBayClient, ClientSecret: DefaultEBaySecret, RefreshToken: DefaultEBayToken, ExpiresIn: 7200, t: t,
		Profiles: Fixture("ebay-seller-standards.json"),
		Metrics: map[string][]byte{
			platformapi.EBayItemNotAsDescribed + "/EBAY_US": Fixture("ebay-customer-service-inad.json"),
			platformapi.EBayItemNotReceived + "/EBAY_US":    Fixture("ebay-customer-service-inr.json"),
		}}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Config is a client configuration for the fake.
func (s *EBay) Config() platformapi.EBayConfig {
	return platformapi.EBayConfig{ClientID: s.ClientID, ClientSecret: s.ClientSecret, RefreshToken: s.RefreshToken,
		BaseURL: s.URL, TokenURL: s.URL + EBayTokenPath}
}

func ebayError(id int, message string) []byte {
	return jsonOf(map[string]any{"errors": []map[string]any{{"errorId": id, "domain": "API_ANALYTICS", "category": "REQUEST", "message": message}}})
}

func (s *EBay) serve(w http.ResponseWriter, r *http.Request) {
	t := s.t
	if r.URL.Path == EBayTokenPath {
		if st := s.next("token"); st != 0 {
			writeJSON(w, st, "application/json", faultBody(st))
			return
		}
		form, ok := checkTokenRequest(t, w, r, s.ClientID, s.ClientSecret)
		if !ok {
			return
		}
		if form["refresh_token"][0] != s.RefreshToken {
			writeJSON(w, http.StatusBadRequest, "application/json", jsonOf(map[string]string{"error": "invalid_grant",
				"error_description": "the provided authorization refresh token is invalid or was issued to another client"}))
			return
		}
		if sc := strings.Join(form["scope"], " "); sc != platformapi.EBayScope {
			refuse(t, w, r, http.StatusBadRequest, jsonOf(map[string]string{"error": "invalid_scope"}), "scope %q, want %q", sc, platformapi.EBayScope)
			return
		}
		tok := s.issue("v^1.1#i^1#fake-ebay-access-", time.Duration(s.ExpiresIn)*time.Second)
		writeJSON(w, http.StatusOK, "application/json", jsonOf(map[string]any{"access_token": tok, "expires_in": s.ExpiresIn, "token_type": "User Access Token"}))
		return
	}
	call := ""
	switch {
	case r.URL.Path == ebayProfilesPath:
		call = platformapi.CallFindSellerStandardsProfiles
	case strings.HasPrefix(r.URL.Path, ebayCustomerPath):
		call = platformapi.CallGetCustomerServiceMetric
	default:
		refuse(t, w, r, http.StatusNotFound, ebayError(404, "resource not found"), "no such eBay path")
		return
	}
	if r.Method != http.MethodGet {
		refuse(t, w, r, http.StatusMethodNotAllowed, ebayError(405, "method not allowed"), "method %s", r.Method)
		return
	}
	if r.Header.Get("User-Agent") == "" {
		refuse(t, w, r, http.StatusBadRequest, ebayError(400, "no user agent"), "no User-Agent")
		return
	}
	if st := s.next(call); st != 0 {
		writeJSON(w, st, "application/json", faultBody(st))
		return
	}
	if !s.valid(bearer(r)) {
		writeJSON(w, http.StatusUnauthorized, "application/json", jsonOf(map[string]any{"errors": []map[string]any{{"errorId": 1001, "domain": "OAuth",
			"category": "REQUEST", "message": "Invalid access token", "longMessage": "Invalid access token. Check the value of the Authorization HTTP request header."}}}))
		return
	}
	if call == platformapi.CallFindSellerStandardsProfiles {
		if r.URL.RawQuery != "" {
			refuse(t, w, r, http.StatusBadRequest, ebayError(400, "unexpected query"), "query %q", r.URL.RawQuery)
			return
		}
		writeJSON(w, http.StatusOK, "application/json", s.Profiles)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, ebayCustomerPath), "/")
	if len(parts) != 2 || (parts[0] != platformapi.EBayItemNotAsDescribed && parts[0] != platformapi.EBayItemNotReceived) {
		refuse(t, w, r, http.StatusNotFound, ebayError(54400, "Invalid customer service metric type."), "metric path %q", r.URL.Path)
		return
	}
	if parts[1] != "CURRENT" && parts[1] != "PROJECTED" {
		refuse(t, w, r, http.StatusNotFound, ebayError(54402, "Invalid evaluation type."), "evaluation type %q", parts[1])
		return
	}
	q := r.URL.Query()
	mk := q.Get("evaluation_marketplace_id")
	if mk == "" || len(q) != 1 {
		refuse(t, w, r, http.StatusBadRequest, ebayError(54401, "Unsupported evaluation_marketplace_id."), "query %q", r.URL.RawQuery)
		return
	}
	body, ok := s.Metrics[parts[0]+"/"+mk]
	if !ok {
		writeJSON(w, http.StatusConflict, "application/json", ebayError(54200, "The metric is not available for the seller."))
		return
	}
	writeJSON(w, http.StatusOK, "application/json", body)
}
