package platformapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/sellerhealth/audit/internal/httpx"
)

// eBay's production endpoints and the scope the Sell Analytics API asks
// for (developer.ebay.com: "Refreshing an access token",
// https://developer.ebay.com/api-docs/static/oauth-refresh-token-request.html;
// sell_analytics_v1_oas3.json 1.3.2).
const (
	EBayBaseURL  = "https://api.ebay.com"
	EBayTokenURL = "https://api.ebay.com/identity/v1/oauth2/token"
	EBayScope    = "https://api.ebay.com/oauth/api_scope/sell.analytics.readonly"
)

// eBay's customer service metric types (getCustomerServiceMetric's
// customer_service_metric_type).
const (
	EBayItemNotAsDescribed = "ITEM_NOT_AS_DESCRIBED"
	EBayItemNotReceived    = "ITEM_NOT_RECEIVED"
)

// Calls of the eBay client, as its errors name them (eBay's operation ids).
const (
	CallFindSellerStandardsProfiles = "findSellerStandardsProfiles"
	CallGetCustomerServiceMetric    = "getCustomerServiceMetric"
)

// EBayConfig configures an [EBay] client.
type EBayConfig struct {
	// ClientID and ClientSecret are the application's keys (App ID, Cert
	// ID); RefreshToken the seller's, from the authorization-code grant
	// with the sell.analytics.readonly scope. All three are required.
	ClientID, ClientSecret, RefreshToken string
	// BaseURL replaces https://api.ebay.com (the sandbox, a test server);
	// TokenURL replaces EBayTokenURL.
	BaseURL, TokenURL string
	Options
}

// EBay calls eBay's Sell Analytics API v1 for one seller.
type EBay struct {
	c    *caller
	auth *oauth
	base string
}

// NewEBay checks cfg and makes a client; it sends nothing.
func NewEBay(cfg EBayConfig) (*EBay, error) {
	if err := required(PlatformEBay, cfg.ClientID, cfg.ClientSecret, cfg.RefreshToken); err != nil {
		return nil, err
	}
	base, tokenURL, err := endpoints(PlatformEBay, cfg.BaseURL, EBayBaseURL, cfg.TokenURL, EBayTokenURL)
	if err != nil {
		return nil, err
	}
	c, err := newCaller(PlatformEBay, cfg.Options)
	if err != nil {
		return nil, err
	}
	c.secrets.Add(cfg.ClientSecret, cfg.RefreshToken)
	return &EBay{c: c, base: base, auth: &oauth{c: c, tokenURL: tokenURL, clientID: cfg.ClientID, secret: cfg.ClientSecret, scope: EBayScope, refresh: cfg.RefreshToken}}, nil
}

// SellerStandardsProfiles is findSellerStandardsProfiles:
// GET /sell/analytics/v1/seller_standards_profile, every program's
// CURRENT and PROJECTED profile. It answers eBay's body as sent.
func (e *EBay) SellerStandardsProfiles(ctx context.Context) ([]byte, error) {
	return e.get(ctx, CallFindSellerStandardsProfiles, e.base+"/sell/analytics/v1/seller_standards_profile")
}

// CustomerServiceMetric is getCustomerServiceMetric for the CURRENT
// evaluation: GET /sell/analytics/v1/customer_service_metric/{type}/CURRENT
// ?evaluation_marketplace_id={marketplace}. eBay answers 409 (error 54200)
// when the metric is not available for the seller; that is an *HTTPError
// too, for NotAvailable to tell.
func (e *EBay) CustomerServiceMetric(ctx context.Context, metricType, marketplace string) ([]byte, error) {
	if metricType != EBayItemNotAsDescribed && metricType != EBayItemNotReceived {
		return nil, fmt.Errorf("eBay %s: unknown metric type %q", CallGetCustomerServiceMetric, metricType)
	}
	if marketplace == "" {
		return nil, fmt.Errorf("eBay %s: no marketplace", CallGetCustomerServiceMetric)
	}
	u := e.base + "/sell/analytics/v1/customer_service_metric/" + metricType + "/CURRENT?" +
		url.Values{"evaluation_marketplace_id": {marketplace}}.Encode()
	return e.get(ctx, CallGetCustomerServiceMetric, u)
}

func (e *EBay) get(ctx context.Context, call, u string) ([]byte, error) {
	resp, data, err := e.auth.bearerGET(ctx, call, u, http.Header{"Accept": {"application/json"}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, e.c.fail(call, resp, data)
	}
	return data, nil
}

// NotAvailable tells eBay's answer that a customer service metric is not
// available for the seller (409 Conflict, error 54200: no transaction in
// the last 12 months, or not active for a full benchmarking period).
func NotAvailable(err error) bool {
	var he *HTTPError
	return errors.As(err, &he) && he.Platform == PlatformEBay && he.Call == CallGetCustomerServiceMetric && he.StatusCode == http.StatusConflict
}

// required names the credentials missing.
func required(platform string, values ...string) error {
	names := map[string][]string{
		PlatformEBay:     {"client id", "client secret", "refresh token"},
		PlatformAllegro:  {"client id", "client secret", "refresh token"},
		PlatformKaufland: {"client key", "secret key"},
	}[platform]
	var missing []string
	for i, v := range values {
		if v == "" {
			missing = append(missing, names[i])
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s credentials incomplete: no %s", platform, strings.Join(missing, ", no "))
	}
	return nil
}

// endpoints checks the base and token URLs, defaulting them.
func endpoints(platform, base, defBase, tokenURL, defToken string) (string, string, error) {
	if base == "" {
		base = defBase
	}
	base = strings.TrimRight(base, "/")
	if err := httpx.CheckURL(platform+" base URL", base); err != nil {
		return "", "", err
	}
	if defToken == "" {
		return base, "", nil
	}
	if tokenURL == "" {
		tokenURL = defToken
	}
	if err := httpx.CheckURL(platform+" token URL", tokenURL); err != nil {
		return "", "", err
	}
	return base, tokenURL, nil
}
