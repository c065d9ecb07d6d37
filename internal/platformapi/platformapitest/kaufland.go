package platformapitest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/platformapi"
)

// Default keys of the fake Kaufland.
const (
	DefaultKauflandClientKey = "0123456789abcdef0123456789abcdef"
	DefaultKauflandSecretKey = "fedcba9876543210fake-kaufland-secret-key-fedcba9876543210"
	kauflandOrderUnitsPath   = "/v2/order-units"
)

// Kaufland is a fake Kaufland Seller API: GET /v2/order-units, signed.
type Kaufland struct {
	URL                  string // base URL (KauflandConfig.BaseURL)
	ClientKey, SecretKey string
	// Units are the order units by storefront (de, cz, sk, pl, at),
	// each as Kaufland sends it; the fixture's under "de" unless set.
	// They are answered newest first (ts_created:desc, the default sort),
	// those created from ts_created_from_iso on.
	Units map[string][]json.RawMessage
	// Skew is how far from the fake's clock a Shop-Timestamp may be
	// (default 5 minutes; Kaufland's own tolerance is unpublished).
	Skew time.Duration
	faults
	t testing.TB
}

// StartKaufland starts a fake Kaufland, closed with the test.
func StartKaufland(t testing.TB) *Kaufland {
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(Fixture("kaufland-order-units.json"), &doc); err != nil {
		t.Fatal(err)
	}
	s := &Kaufland{ClientKey: DefaultKauflandClientKey, SecretKey: DefaultKauflandSecretKey, Skew: 5 * time.Minute, t: t,
		Units: map[string][]json.RawMessage{"de": doc.Data}}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Config is a client configuration for the fake.
func (s *Kaufland) Config() platformapi.KauflandConfig {
	return platformapi.KauflandConfig{ClientKey: s.ClientKey, SecretKey: s.SecretKey, BaseURL: s.URL}
}

func kauflandError(message string) []byte {
	return jsonOf(map[string]any{"message": message, "errors": []any{}})
}

var storefronts = []string{"de", "cz", "sk", "pl", "at"}

func (s *Kaufland) serve(w http.ResponseWriter, r *http.Request) {
	t := s.t
	if r.URL.Path != kauflandOrderUnitsPath {
		refuse(t, w, r, http.StatusNotFound, kauflandError("Not found"), "no such Kaufland path")
		return
	}
	if r.Method != http.MethodGet {
		refuse(t, w, r, http.StatusMethodNotAllowed, kauflandError("Method not allowed"), "method %s", r.Method)
		return
	}
	for h, want := range map[string]string{"Accept": "application/json", "Shop-Client-Key": s.ClientKey} {
		if got := r.Header.Get(h); got != want {
			refuse(t, w, r, http.StatusUnauthorized, kauflandError("Request authentication headers are corrupt"), "%s %q, want %q", h, got, want)
			return
		}
	}
	if r.Header.Get("User-Agent") == "" {
		refuse(t, w, r, http.StatusBadRequest, kauflandError("User-Agent missing"), "no User-Agent")
		return
	}
	ts, err := strconv.ParseInt(r.Header.Get("Shop-Timestamp"), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > s.Skew {
		refuse(t, w, r, http.StatusUnauthorized, kauflandError("Request authentication headers are corrupt"), "Shop-Timestamp %q", r.Header.Get("Shop-Timestamp"))
		return
	}
	full := "http://" + r.Host + r.URL.RequestURI()
	if want := platformapi.KauflandSignature(s.SecretKey, r.Method, full, "", ts); r.Header.Get("Shop-Signature") != want {
		// Not a test failure: a wrong secret is what the tests of 401 send.
		writeJSON(w, http.StatusUnauthorized, "application/json", kauflandError("Request authentication headers are corrupt"))
		return
	}
	if st := s.next(platformapi.CallGetOrderUnits); st != 0 {
		writeJSON(w, st, "application/json", faultBody(st))
		return
	}
	q := r.URL.Query()
	for k := range q {
		if !slices.Contains([]string{"storefront", "ts_created_from_iso", "limit", "offset"}, k) {
			refuse(t, w, r, http.StatusBadRequest, kauflandError("unexpected parameter "+k), "parameter %q", k)
			return
		}
	}
	sf := q.Get("storefront")
	limit, lerr := strconv.Atoi(q.Get("limit"))
	offset, oerr := strconv.Atoi(q.Get("offset"))
	from, ferr := time.Parse("2006-01-02T15:04:05Z", q.Get("ts_created_from_iso"))
	if !slices.Contains(storefronts, sf) || lerr != nil || limit < 1 || limit > 100 || oerr != nil || offset < 0 || ferr != nil {
		refuse(t, w, r, http.StatusBadRequest, kauflandError("Request parameters are invalid"), "query %q", r.URL.RawQuery)
		return
	}
	type unit struct {
		raw     json.RawMessage
		created time.Time
	}
	var list []unit
	for _, u := range s.Units[sf] {
		var f struct {
			Created string `json:"ts_created_iso"`
		}
		json.Unmarshal(u, &f)
		c, _ := time.Parse(time.RFC3339, f.Created)
		if !c.Before(from) {
			list = append(list, unit{u, c})
		}
	}
	slices.SortStableFunc(list, func(a, b unit) int { return b.created.Compare(a.created) })
	page := []json.RawMessage{}
	for i := offset; i < len(list) && i < offset+limit; i++ {
		page = append(page, list[i].raw)
	}
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i, u := range page {
		if i > 0 {
			b.WriteString(",")
		}
		b.Write(u)
	}
	b.WriteString(`],"pagination":` + string(jsonOf(map[string]int{"offset": offset, "limit": limit, "total": len(list)})) + "}")
	writeJSON(w, http.StatusOK, "application/json", []byte(b.String()))
}
