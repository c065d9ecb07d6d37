package platformapitest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"testing"
	"time"
)

// tokens are the access tokens a fake issued, with their expiry.
type tokens struct {
	mu      sync.Mutex
	access  map[string]time.Time
	issued  int
	revoked map[string]bool
}

func (k *tokens) issue(prefix string, life time.Duration) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.access == nil {
		k.access = map[string]time.Time{}
	}
	k.issued++
	b := make([]byte, 8)
	rand.Read(b)
	tok := prefix + hex.EncodeToString(b)
	k.access[tok] = time.Now().Add(life)
	return tok
}

func (k *tokens) valid(tok string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	exp, ok := k.access[tok]
	return ok && !k.revoked[tok] && time.Now().Before(exp)
}

// RevokeAll makes every access token issued so far refused (401), as
// when the platform revokes them early.
func (k *tokens) RevokeAll() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.revoked == nil {
		k.revoked = map[string]bool{}
	}
	for tok := range k.access {
		k.revoked[tok] = true
	}
}

// Issued counts the access tokens issued.
func (k *tokens) Issued() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.issued
}

// checkTokenRequest checks an RFC 6749 refresh request with HTTP Basic
// client authentication; it answers the form, or false after refusing.
func checkTokenRequest(t testing.TB, w http.ResponseWriter, r *http.Request, clientID, secret string) (map[string][]string, bool) {
	oauthErr := func(status int, code, desc string) []byte {
		return jsonOf(map[string]string{"error": code, "error_description": desc})
	}
	if r.Method != http.MethodPost {
		refuse(t, w, r, http.StatusMethodNotAllowed, oauthErr(405, "invalid_request", "POST only"), "token request by %s", r.Method)
		return nil, false
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		refuse(t, w, r, http.StatusBadRequest, oauthErr(400, "invalid_request", "bad content type"), "Content-Type %q", ct)
		return nil, false
	}
	id, sec, ok := r.BasicAuth()
	if !ok || id != clientID || sec != secret {
		// Not a test failure: a wrong client is what the tests of
		// invalid_client send on purpose.
		writeJSON(w, http.StatusUnauthorized, "application/json", oauthErr(401, "invalid_client", "client authentication failed"))
		return nil, false
	}
	if len(r.URL.Query()) > 0 {
		refuse(t, w, r, http.StatusBadRequest, oauthErr(400, "invalid_request", "parameters in the URL"), "token parameters in the URL (secrets would be logged)")
		return nil, false
	}
	if err := r.ParseForm(); err != nil {
		refuse(t, w, r, http.StatusBadRequest, oauthErr(400, "invalid_request", "bad form"), "%v", err)
		return nil, false
	}
	if g := r.PostForm.Get("grant_type"); g != "refresh_token" {
		refuse(t, w, r, http.StatusBadRequest, oauthErr(400, "unsupported_grant_type", g), "grant_type %q", g)
		return nil, false
	}
	return r.PostForm, true
}
