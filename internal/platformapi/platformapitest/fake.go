// Package platformapitest fakes, on loopback, the platform APIs of
// package platformapi, for its tests, audit fetch's and the command
// line's: eBay's OAuth token endpoint and Sell Analytics API v1, Allegro's
// OAuth token endpoint and GET /sale/quality, Kaufland's signed
// GET /v2/order-units. Each checks the requests against the platform's
// documentation (method, path, query, headers, credentials, Kaufland's
// signature, which it computes again) and fails the test on one that
// differs, answering the platform's error. Faults (any status, such as
// 429 or 500) can be queued per call, and access tokens revoked.
//
// Answers are the fixtures under data/ unless set: shapes as published
// (sell_analytics_v1_oas3.json 1.3.2, Allegro's swagger.yaml, Kaufland's
// swagger.json 2.17.2), numbers invented.
package platformapitest

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
)

//go:embed data/*.json
var fixtures embed.FS

// Fixture is one of data/: ebay-seller-standards.json,
// ebay-customer-service-inad.json, ebay-customer-service-inr.json,
// allegro-sale-quality.json, kaufland-order-units.json.
func Fixture(name string) []byte {
	b, err := fixtures.ReadFile("data/" + name)
	if err != nil {
		panic(err)
	}
	return b
}

// faults are the statuses queued per call, answered before the call
// succeeds, and the calls counted.
type faults struct {
	mu     sync.Mutex
	queue  map[string][]int
	counts map[string]int
}

// next counts a call and answers the status queued for it, 0 for none.
func (f *faults) next(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.counts == nil {
		f.counts = map[string]int{}
	}
	f.counts[call]++
	q := f.queue[call]
	if len(q) == 0 {
		return 0
	}
	f.queue[call] = q[1:]
	return q[0]
}

// Fail queues statuses that call answers, one per request, before it
// answers as usual again ("token" for the token endpoint).
func (f *faults) Fail(call string, statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.queue == nil {
		f.queue = map[string][]int{}
	}
	f.queue[call] = append(f.queue[call], statuses...)
}

// Count is how many requests call got.
func (f *faults) Count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[call]
}

// writeJSON answers status with body.
func writeJSON(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

func jsonOf(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// refuse fails the test for a request the platform's documentation does
// not allow, and answers status with body.
func refuse(t testing.TB, w http.ResponseWriter, r *http.Request, status int, body []byte, format string, args ...any) {
	t.Errorf("%s %s: %s", r.Method, r.URL.Path, fmt.Sprintf(format, args...))
	writeJSON(w, status, "application/json", body)
}

// bearer reads an Authorization: Bearer header.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		return ""
	}
	return strings.TrimPrefix(h, "Bearer ")
}

// faultBody is a platform-neutral error body for an injected fault.
func faultBody(status int) []byte {
	return jsonOf(map[string]any{"errors": []map[string]any{{"errorId": status, "message": "injected " + http.StatusText(status)}}})
}
