package platformapi

import (
	"context"
	"net/http"
	"net/url"
)

// Allegro's production endpoints: the token URL of the OpenAPI's
// securitySchemes (https://developer.allegro.pl/swagger.yaml) and the API
// host.
const (
	AllegroBaseURL  = "https://api.allegro.pl"
	AllegroTokenURL = "https://allegro.pl/auth/oauth/token"
	// AllegroMediaType is the Accept every Allegro public call requires.
	AllegroMediaType = "application/vnd.allegro.public.v1+json"
)

// CallGetSaleQuality is GET /sale/quality's operation, as errors name it.
const CallGetSaleQuality = "getSaleQuality"

// AllegroConfig configures an [Allegro] client.
type AllegroConfig struct {
	// ClientID and ClientSecret are the application's; RefreshToken the
	// seller's, from the authorization-code or device flow. All required.
	ClientID, ClientSecret, RefreshToken string
	// RedirectURI, when set, is sent with the refresh (Allegro's guide
	// sends the application's redirect_uri; unconfirmed whether needed).
	RedirectURI string
	// BaseURL replaces https://api.allegro.pl (the sandbox
	// https://api.allegro.pl.allegrosandbox.pl, a test server); TokenURL
	// replaces AllegroTokenURL.
	BaseURL, TokenURL string
	// Rotated hears the new refresh token Allegro issues with an access
	// token: the old one may no longer be accepted, so the caller must
	// keep the new one. It is called while the client waits.
	Rotated func(refreshToken string)
	Options
}

// Allegro calls Allegro's REST API for one seller.
type Allegro struct {
	c    *caller
	auth *oauth
	base string
}

// NewAllegro checks cfg and makes a client; it sends nothing.
func NewAllegro(cfg AllegroConfig) (*Allegro, error) {
	if err := required(PlatformAllegro, cfg.ClientID, cfg.ClientSecret, cfg.RefreshToken); err != nil {
		return nil, err
	}
	base, tokenURL, err := endpoints(PlatformAllegro, cfg.BaseURL, AllegroBaseURL, cfg.TokenURL, AllegroTokenURL)
	if err != nil {
		return nil, err
	}
	c, err := newCaller(PlatformAllegro, cfg.Options)
	if err != nil {
		return nil, err
	}
	c.secrets.Add(cfg.ClientSecret, cfg.RefreshToken)
	a := &oauth{c: c, tokenURL: tokenURL, clientID: cfg.ClientID, secret: cfg.ClientSecret, refresh: cfg.RefreshToken, rotated: cfg.Rotated}
	if cfg.RedirectURI != "" {
		a.extra = url.Values{"redirect_uri": {cfg.RedirectURI}}
	}
	return &Allegro{c: c, base: base, auth: a}, nil
}

// SaleQuality is GET /sale/quality (getSaleQualityUsingGET, scope
// allegro:api:profile:read): the seller's sales quality, at most 30 days.
// It answers Allegro's body as sent.
func (a *Allegro) SaleQuality(ctx context.Context) ([]byte, error) {
	resp, data, err := a.auth.bearerGET(ctx, CallGetSaleQuality, a.base+"/sale/quality", http.Header{"Accept": {AllegroMediaType}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, a.c.fail(CallGetSaleQuality, resp, data)
	}
	return data, nil
}
