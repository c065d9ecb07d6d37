package platformapitest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/platformapi"
)

// Paths of the fake Allegro (allegro.pl's token endpoint and
// api.allegro.pl's resource, on one host).
const (
	AllegroTokenPath     = "/auth/oauth/token"
	allegroQualityPath   = "/sale/quality"
	DefaultAllegroClient = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	DefaultAllegroSecret = "fake-allegro-client-secret-0123456789ABCDEFabcdef0123456789ABCDEF"
	DefaultAllegroToken  = "eyJhbGciOiJSUzI1NiJ9.fake-allegro-refresh-token-0.sig"
)

// Allegro is a fake Allegro: OAuth token endpoint and GET /sale/quality.
// Each refresh issues a new refresh token and refuses the old one from
// then on (invalid_grant), as a rotating authorisation server does.
type Allegro struct {
	URL string // base URL (AllegroConfig.BaseURL); the token endpoint is URL+AllegroTokenPath
	// The credentials it accepts (DefaultAllegro... unless set).
	ClientID, ClientSecret string
	ExpiresIn              int // of access tokens, seconds (default 43199)
	// Quality is GET /sale/quality's body (the fixture unless set).
	Quality []byte
	faults
	tokens
	t       testing.TB
	mu      sync.Mutex
	refresh string
}

// StartAllegro starts a fake Allegro, closed with the test, that accepts
// refresh token DefaultAllegroToken first.
func StartAllegro(t testing.TB) *Allegro {
	s := &Allegro{ClientID: DefaultAllegroClient, ClientSecret: DefaultAllegroSecret, ExpiresIn: 43199, t: t,
		Quality: Fixture("allegro-sale-quality.json"), refresh: DefaultAllegroToken}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// RefreshToken is the refresh token the fake accepts now: the last one it
// issued.
func (s *Allegro) RefreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refresh
}

// Config is a client configuration for the fake, with its current
// refresh token.
func (s *Allegro) Config() platformapi.AllegroConfig {
	return platformapi.AllegroConfig{ClientID: s.ClientID, ClientSecret: s.ClientSecret, RefreshToken: s.RefreshToken(),
		BaseURL: s.URL, TokenURL: s.URL + AllegroTokenPath}
}

func allegroError(code, message string) []byte {
	return jsonOf(map[string]any{"errors": []map[string]any{{"code": code, "message": message, "details": nil, "path": nil, "userMessage": message}}})
}

func (s *Allegro) serve(w http.ResponseWriter, r *http.Request) {
	t := s.t
	switch r.URL.Path {
	case AllegroTokenPath:
		if st := s.next("token"); st != 0 {
			writeJSON(w, st, "application/json", faultBody(st))
			return
		}
		form, ok := checkTokenRequest(t, w, r, s.ClientID, s.ClientSecret)
		if !ok {
			return
		}
		s.mu.Lock()
		if form["refresh_token"][0] != s.refresh {
			s.mu.Unlock()
			writeJSON(w, http.StatusBadRequest, "application/json", jsonOf(map[string]string{"error": "invalid_grant", "error_description": "Invalid refresh token"}))
			return
		}
		b := make([]byte, 8)
		rand.Read(b)
		s.refresh = "eyJhbGciOiJSUzI1NiJ9.fake-allegro-refresh-token-" + hex.EncodeToString(b) + ".sig"
		refresh := s.refresh
		s.mu.Unlock()
		tok := s.issue("eyJhbGciOiJSUzI1NiJ9.fake-allegro-access-", time.Duration(s.ExpiresIn)*time.Second)
		writeJSON(w, http.StatusOK, "application/json;charset=UTF-8", jsonOf(map[string]any{"access_token": tok, "token_type": "bearer",
			"refresh_token": refresh, "expires_in": s.ExpiresIn, "scope": "allegro:api:profile:read", "allegro_api": true, "jti": "fake-jti"}))
	case allegroQualityPath:
		if r.Method != http.MethodGet {
			refuse(t, w, r, http.StatusMethodNotAllowed, allegroError("MethodNotAllowed", "GET only"), "method %s", r.Method)
			return
		}
		if a := r.Header.Get("Accept"); a != platformapi.AllegroMediaType {
			refuse(t, w, r, http.StatusNotAcceptable, allegroError("NotAcceptableException", "not acceptable"), "Accept %q, want %q", a, platformapi.AllegroMediaType)
			return
		}
		if r.URL.RawQuery != "" {
			refuse(t, w, r, http.StatusBadRequest, allegroError("BadRequest", "unexpected query"), "query %q", r.URL.RawQuery)
			return
		}
		if st := s.next(platformapi.CallGetSaleQuality); st != 0 {
			writeJSON(w, st, "application/json", faultBody(st))
			return
		}
		if !s.valid(bearer(r)) {
			writeJSON(w, http.StatusUnauthorized, "application/json", jsonOf(map[string]string{"error": "invalid_token", "error_description": "Invalid access token"}))
			return
		}
		writeJSON(w, http.StatusOK, platformapi.AllegroMediaType, s.Quality)
	default:
		refuse(t, w, r, http.StatusNotFound, allegroError("NotFoundException", "not found"), "no such Allegro path")
	}
}
