// Package spapitest is a fake Selling Partner API on loopback, for the
// tests of package spapi, of audit fetch and of the command line. It
// follows Amazon's documented requests and answers (Reports API
// 2021-06-30, Finances API v0, Orders API 2026-01-01, the Login with
// Amazon token endpoint and S3's pre-signed document URLs) and refuses
// what Amazon would refuse: a missing or unknown x-amz-access-token, a
// createReport without reportType or marketplaceIds, bad dates, a document
// download carrying x-amz-* headers, a listFinancialEvents whose
// PostedBefore is not two minutes in the past, a searchOrders with both or
// neither of createdAfter and lastUpdatedAfter. Faults (throttling, server
// failures, dropped connections, expired tokens) can be injected per
// operation.
//
// Use:
//
//	srv := spapitest.Start(t)
//	srv.Reports = func(spapi.CreateReportSpecification) spapitest.Outcome {
//		return spapitest.Outcome{Document: []byte("order-id\t...\n"), Gzip: true}
//	}
//	client, err := spapi.New(srv.Config())
package spapitest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
)

// Default credentials of a new Server.
const (
	DefaultClientID     = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"
	DefaultClientSecret = "amzn1.oa2-cs.v1.fake-client-secret-0123456789abcdef0123456789abcdef"
	DefaultRefreshToken = "Atzr|IwEBIFakeRefreshToken-0123456789abcdef0123456789abcdef"
)

// TokenPath is the path of the fake Login with Amazon token endpoint.
const TokenPath = "/auth/o2/token"

// DownloadPath is the path under which report documents are served,
// standing in for S3's pre-signed URLs.
const DownloadPath = "/documents-download/"

// Server is a fake SP-API. Set its fields before the first request; its
// methods are safe for concurrent use.
type Server struct {
	// URL is the base URL: pass it as spapi.Config.Endpoint. The token
	// endpoint is URL+TokenPath. (Config does both.)
	URL string

	// The credentials it accepts (DefaultClientID, ... unless set).
	ClientID, ClientSecret, RefreshToken string
	// ExpiresIn is the expires_in of issued access tokens, in seconds
	// (default 3600). The fake refuses a token once it has expired.
	ExpiresIn int
	// RateLimit is the x-amzn-RateLimit-Limit header of the answers that
	// Amazon's models say carry it (200, 202, 400, 404). Default "100",
	// so that tests are not slowed by Amazon's real rates; "none" sends
	// no header.
	RateLimit string
	// RetryAfter, if set, is the Retry-After header of Throttle's 429s.
	// SP-API does not send one.
	RetryAfter string

	// Reports says what a report request yields; nil: DONE with an
	// empty document.
	Reports func(spec spapi.CreateReportSpecification) Outcome
	// PollsBeforeDone is how many times getReport answers IN_QUEUE
	// (the first) and IN_PROGRESS (the others) before the report's
	// final status. It is taken when the report is created.
	PollsBeforeDone int

	// FinancialEvents are all the financial events. listFinancialEvents
	// answers those posted in [PostedAfter, PostedBefore), by posting
	// date, PageSize at a time (default 100, and at most
	// MaxResultsPerPage), with a NextToken for the rest.
	FinancialEvents []Event
	PageSize        int

	// Orders are all the orders. searchOrders answers those created (or
	// last updated) in the asked range, in the asked marketplaces,
	// fulfilment channels and statuses, maxResultsPerPage at a time, and
	// leaves out the data sets (FULFILLMENT, PACKAGES, CANCELLATION) not
	// in includedData.
	Orders []spapi.Order

	// Now is the fake's clock (default time.Now): it dates reports and
	// tokens, and checks "two minutes before now".
	Now func() time.Time

	srv *httptest.Server

	mu            sync.Mutex
	seq           int
	tokens        map[string]time.Time // issued access token -> expiry
	reports       map[string]*report
	reportOrder   []string
	docs          map[string]*document
	pages         map[string]pageState
	faults        map[string]*faults
	expire        int
	calls         []Call
	tokenRequests int
}

// Outcome is what a report request yields.
type Outcome struct {
	// Status is the report's final status: DONE (when ""), CANCELLED
	// or FATAL.
	Status string
	// Document is the report's bytes for DONE, or the error document of
	// a FATAL report (Amazon's is JSON: {"errorDetails":"..."}); a
	// FATAL report without one has no reportDocumentId.
	Document []byte
	// Gzip serves the document gzipped, and getReportDocument then says
	// compressionAlgorithm GZIP. To serve gzip bytes without the field
	// (as Amazon sometimes does), put them in Document yourself.
	Gzip bool
}

// Event is a financial event: its Kind is "GuaranteeClaim" (an A-to-z
// guarantee claim, GuaranteeClaimEventList) or "Chargeback"
// (ChargebackEventList). Its PostedDate is what listFinancialEvents
// filters on; an event without one is never listed.
type Event struct {
	Kind string
	spapi.ShipmentEvent
}

// Call is a request the fake received.
type Call struct {
	Operation string // the operationId, "token" or "downloadDocument"; "" for an unknown path
	Method    string
	Path      string
	// Query is the URL's query; for the token request, its form without
	// client_secret and refresh_token.
	Query url.Values
	// Header is the request's headers, the x-amz-access-token's value
	// replaced by "[access token]" and Authorization's by
	// "[credentials]".
	Header http.Header
	Body   []byte // the JSON body of createReport; nil otherwise
	Status int    // the status answered; 0 for a dropped connection
	Fault  string // "throttle", "fail", "drop", "leak", "expire" or "" (none injected)
}

type faults struct{ throttle, fail, drop, leak, failed int }

// New starts a fake SP-API on loopback. Close it when done
// (t.Cleanup(srv.Close)), or use Start.
func New() *Server {
	s := &Server{
		ClientID:     DefaultClientID,
		ClientSecret: DefaultClientSecret,
		RefreshToken: DefaultRefreshToken,
		ExpiresIn:    3600,
		RateLimit:    "100",
		PageSize:     100,
		tokens:       map[string]time.Time{},
		reports:      map[string]*report{},
		docs:         map[string]*document{},
		pages:        map[string]pageState{},
		faults:       map[string]*faults{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Start starts a fake SP-API that is closed when tb's test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := New()
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Config is a client configuration for this server: its credentials, URL,
// token URL and an HTTP client for it. Tests usually also set Sleep.
func (s *Server) Config() spapi.Config {
	return spapi.Config{
		Credentials: spapi.Credentials{ClientID: s.ClientID, ClientSecret: s.ClientSecret, RefreshToken: s.RefreshToken},
		Endpoint:    s.URL,
		TokenURL:    s.URL + TokenPath,
		HTTP:        s.srv.Client(),
	}
}

// Throttle makes the next n calls of op answer 429 QuotaExceeded (S3's
// 503 SlowDown for "downloadDocument", a 429 for "token").
func (s *Server) Throttle(op string, n int) { s.addFault(op, func(f *faults) { f.throttle += n }) }

// Fail makes the next n calls of op answer 500 InternalFailure and 503
// ServiceUnavailable in turn.
func (s *Server) Fail(op string, n int) { s.addFault(op, func(f *faults) { f.fail += n }) }

// Drop makes the next n calls of op lose their connection: the fake
// hijacks it and closes it in the middle of the answer's head (of the
// document's bytes, for "downloadDocument"), so the client reads an
// unexpected EOF. (Closing before any byte would let net/http retry an
// idempotent request on a reused connection by itself, unseen.)
func (s *Server) Drop(op string, n int) { s.addFault(op, func(f *faults) { f.drop += n }) }

// Leak makes the next n calls of op answer 400 InvalidInput with an
// error that repeats the request's secrets: its access token (also
// URL-escaped), or for "token" its refresh token and client secret. It
// stands for a buggy or hostile server, to test that the client redacts
// what it shows.
func (s *Server) Leak(op string, n int) { s.addFault(op, func(f *faults) { f.leak += n }) }

func (s *Server) addFault(op string, add func(*faults)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[op]
	if f == nil {
		f = &faults{}
		s.faults[op] = f
	}
	add(f)
}

// ExpireToken makes the next n SP-API calls that carry a valid access
// token answer 403 Unauthorized, "The access token you provided has
// expired.", and that token stays refused, so the client must get a new
// one.
func (s *Server) ExpireToken(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire += n
}

// Calls are the requests received so far, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsOf are the requests of one operation received so far.
func (s *Server) CallsOf(op string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Operation == op {
			out = append(out, c)
		}
	}
	return out
}

// TokenRequests is how many requests the token endpoint received.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenRequests
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// route names the operation of a request and its path parameter.
func route(r *http.Request) (op, param string) {
	p := r.URL.Path
	switch {
	case p == TokenPath && r.Method == http.MethodPost:
		return spapi.OpToken, ""
	case strings.HasPrefix(p, DownloadPath) && r.Method == http.MethodGet:
		return spapi.OpDownloadDocument, strings.TrimPrefix(p, DownloadPath)
	case p == "/reports/2021-06-30/reports" && r.Method == http.MethodPost:
		return spapi.OpCreateReport, ""
	case p == "/reports/2021-06-30/reports" && r.Method == http.MethodGet:
		return spapi.OpGetReports, ""
	case strings.HasPrefix(p, "/reports/2021-06-30/reports/") && r.Method == http.MethodGet:
		return spapi.OpGetReport, strings.TrimPrefix(p, "/reports/2021-06-30/reports/")
	case strings.HasPrefix(p, "/reports/2021-06-30/documents/") && r.Method == http.MethodGet:
		return spapi.OpGetReportDocument, strings.TrimPrefix(p, "/reports/2021-06-30/documents/")
	case p == "/finances/v0/financialEvents" && r.Method == http.MethodGet:
		return spapi.OpListFinancialEvents, ""
	case p == "/orders/2026-01-01/orders" && r.Method == http.MethodGet:
		return spapi.OpSearchOrders, ""
	}
	return "", ""
}

// recorder keeps the status written.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	op, param := route(r)
	call := Call{Operation: op, Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone()}
	if call.Header.Get("x-amz-access-token") != "" {
		call.Header.Set("x-amz-access-token", "[access token]")
	}
	if call.Header.Get("Authorization") != "" {
		call.Header.Set("Authorization", "[credentials]")
	}
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	}
	if op == spapi.OpCreateReport {
		call.Body = body
	}
	if op == spapi.OpToken {
		form, _ := url.ParseQuery(string(body))
		call.Query = url.Values{"grant_type": form["grant_type"], "client_id": form["client_id"]}
	}
	rec := &recorder{ResponseWriter: w}
	defer func() {
		s.mu.Lock()
		call.Status = rec.status
		s.calls = append(s.calls, call)
		s.mu.Unlock()
	}()

	s.mu.Lock()
	if op == spapi.OpToken {
		s.tokenRequests++
	}
	fault := ""
	failed := 0
	if f := s.faults[op]; f != nil && op != "" {
		switch {
		case f.drop > 0:
			f.drop--
			fault = "drop"
		case f.throttle > 0:
			f.throttle--
			fault = "throttle"
		case f.fail > 0:
			f.fail--
			f.failed++
			failed = f.failed
			fault = "fail"
		case f.leak > 0:
			f.leak--
			fault = "leak"
		}
	}
	s.mu.Unlock()
	call.Fault = fault

	switch fault {
	case "drop":
		s.drop(rec, op, param)
		return
	case "throttle":
		s.throttled(rec, op)
		return
	case "fail":
		s.failed(rec, op, failed)
		return
	case "leak":
		s.leak(rec, r, op, body)
		return
	}

	switch op {
	case "":
		s.writeError(rec, http.StatusNotFound, "NotFound", "The requested resource was not found.", r.Method+" "+r.URL.Path)
		return
	case spapi.OpToken:
		s.token(rec, r, body)
		return
	case spapi.OpDownloadDocument:
		s.download(rec, r, param)
		return
	}
	if expired := s.authorize(rec, r); expired != "" {
		call.Fault = expired
		return
	}
	switch op {
	case spapi.OpCreateReport:
		s.createReport(rec, r, body)
	case spapi.OpGetReport:
		s.getReport(rec, param)
	case spapi.OpGetReports:
		s.getReports(rec, r)
	case spapi.OpGetReportDocument:
		s.getReportDocument(rec, param)
	case spapi.OpListFinancialEvents:
		s.listFinancialEvents(rec, r)
	case spapi.OpSearchOrders:
		s.searchOrders(rec, r)
	}
}

// authorize checks the x-amz-access-token of an SP-API call and answers
// 403 when it is missing, unknown or expired. It answers "" when the call
// may go on, "expire" when ExpireToken refused it and "refused" otherwise.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) string {
	tok := r.Header.Get("x-amz-access-token")
	const denied = "Access to requested resource is denied."
	s.mu.Lock()
	expiry, known := s.tokens[tok]
	now := s.now()
	forced := false
	if known && now.Before(expiry) && s.expire > 0 {
		s.expire--
		s.tokens[tok] = now // refused from now on
		forced = true
	}
	s.mu.Unlock()
	switch {
	case tok == "":
		s.writeError(w, http.StatusForbidden, "Unauthorized", denied, "")
	case !known:
		s.writeError(w, http.StatusForbidden, "Unauthorized", denied, "The access token you provided is revoked, malformed or invalid.")
	case forced:
		s.writeError(w, http.StatusForbidden, "Unauthorized", denied, "The access token you provided has expired.")
		return "expire"
	case !now.Before(expiry):
		s.writeError(w, http.StatusForbidden, "Unauthorized", denied, "The access token you provided has expired.")
	default:
		return ""
	}
	return "refused"
}

// token is Login with Amazon's token endpoint, for the refresh-token
// grant: a form-encoded POST with the client id and secret in the body.
func (s *Server) token(w http.ResponseWriter, r *http.Request, body []byte) {
	lwaError := func(status int, code, desc string) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		lwaError(http.StatusBadRequest, "invalid_request", "The request is missing a required parameter or has an invalid content type")
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		lwaError(http.StatusBadRequest, "invalid_request", "The request body cannot be parsed")
		return
	}
	s.mu.Lock()
	clientID, secret, refresh, expiresIn := s.ClientID, s.ClientSecret, s.RefreshToken, s.ExpiresIn
	s.mu.Unlock()
	switch {
	case form.Get("grant_type") != "refresh_token":
		lwaError(http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server")
	case form.Get("client_id") != clientID || form.Get("client_secret") != secret:
		lwaError(http.StatusUnauthorized, "invalid_client", "Client authentication failed")
	case form.Get("refresh_token") == "":
		lwaError(http.StatusBadRequest, "invalid_request", "The request is missing a required parameter : refresh_token")
	case form.Get("refresh_token") != refresh:
		lwaError(http.StatusBadRequest, "invalid_grant", "The request has an invalid grant parameter : refresh_token")
	default:
		if expiresIn <= 0 {
			expiresIn = 3600
		}
		access := "Atza|IwEBIFakeAccessToken-" + randomHex(24)
		s.mu.Lock()
		s.tokens[access] = s.now().Add(time.Duration(expiresIn) * time.Second)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Header().Set("Cache-Control", "no-cache, no-store")
		json.NewEncoder(w).Encode(map[string]any{
			"access_token":  access,
			"refresh_token": refresh,
			"token_type":    "bearer",
			"expires_in":    expiresIn,
		})
	}
}

// throttled answers a 429 (503 SlowDown for S3).
func (s *Server) throttled(w http.ResponseWriter, op string) {
	s.mu.Lock()
	retryAfter := s.RetryAfter
	s.mu.Unlock()
	switch op {
	case spapi.OpDownloadDocument:
		s3Error(w, http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate.", "")
	case spapi.OpToken:
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"error":"TooManyRequests","error_description":"The request was throttled"}`)
	default:
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		s.writeError(w, http.StatusTooManyRequests, "QuotaExceeded", "You exceeded your quota for the requested resource.", "")
	}
}

// failed answers a 500 (odd n) or 503 (even n).
func (s *Server) failed(w http.ResponseWriter, op string, n int) {
	status, code, msg := http.StatusInternalServerError, "InternalFailure", "We encountered an internal error. Please try again."
	if n%2 == 0 {
		status, code, msg = http.StatusServiceUnavailable, "ServiceUnavailable", "Service temporarily unavailable. Please try again."
	}
	switch op {
	case spapi.OpDownloadDocument:
		s3Error(w, status, "InternalError", msg, "")
	case spapi.OpToken:
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"error": "server_error", "error_description": msg})
	default:
		s.writeError(w, status, code, msg, "")
	}
}

// leak answers 400 with the request's secrets in the error.
func (s *Server) leak(w http.ResponseWriter, r *http.Request, op string, body []byte) {
	if op == spapi.OpToken {
		form, _ := url.ParseQuery(string(body))
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{
			"error":             "invalid_request",
			"error_description": "refresh_token " + form.Get("refresh_token") + " and client_secret " + form.Get("client_secret") + " are not accepted",
		})
		return
	}
	tok := r.Header.Get("x-amz-access-token")
	s.writeError(w, http.StatusBadRequest, "InvalidInput", "The access token "+tok+" is not accepted here.", "x-amz-access-token="+url.QueryEscape(tok))
}

// drop hijacks the connection and closes it in the middle of the answer.
func (s *Server) drop(w http.ResponseWriter, op, param string) {
	var partial string
	if op == spapi.OpDownloadDocument {
		s.mu.Lock()
		d := s.docs[param]
		s.mu.Unlock()
		data := []byte{}
		if d != nil {
			data = d.served
		}
		half := data[:len(data)/2]
		partial = fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n%s", len(data)+1, half)
	} else {
		partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	}
	rw := w
	if rec, ok := w.(*recorder); ok {
		rw = rec.ResponseWriter
	}
	hj, ok := rw.(http.Hijacker)
	if !ok {
		panic("spapitest: the response writer cannot be hijacked")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	buf.WriteString(partial)
	buf.Flush()
	conn.Close()
}

// writeError answers SP-API's error list.
func (s *Server) writeError(w http.ResponseWriter, status int, code, message, details string) {
	e := spapi.Error{Code: code, Message: message, Details: details}
	list := struct {
		Errors []map[string]string `json:"errors"`
	}{Errors: []map[string]string{{"code": e.Code, "message": e.Message, "details": e.Details}}}
	s.writeJSON(w, status, list)
}

// writeJSON answers v with SP-API's headers.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("x-amzn-RequestId", randomUUID())
	s.mu.Lock()
	limit := s.RateLimit
	s.mu.Unlock()
	if limit == "" {
		limit = "100"
	}
	switch status {
	case http.StatusOK, http.StatusAccepted, http.StatusBadRequest, http.StatusNotFound:
		if limit != "none" {
			h.Set("x-amzn-RateLimit-Limit", limit)
		}
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) invalid(w http.ResponseWriter, message, details string) {
	s.writeError(w, http.StatusBadRequest, "InvalidInput", message, details)
}

// s3Error answers S3's XML error.
func s3Error(w http.ResponseWriter, status int, code, message, extra string) {
	id := strings.ToUpper(randomHex(8))
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("x-amz-request-id", id)
	w.WriteHeader(status)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message>%s<RequestId>%s</RequestId><HostId>fake</HostId></Error>", code, message, extra, id)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func randomUUID() string {
	h := randomHex(16)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// nextID is a new identifier, unique in this server.
func (s *Server) nextID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return s.seq
}

// pageState is what a page token stands for.
type pageState struct {
	op     string
	args   string // the other arguments, which the next request must repeat
	offset int
}

// newPageToken stores a page state and answers its opaque token.
func (s *Server) newPageToken(st pageState) string {
	tok := randomHex(24)
	s.mu.Lock()
	s.pages[tok] = st
	s.mu.Unlock()
	return tok
}

// paging is how a list operation names its page parameters and words its
// refusals (listFinancialEvents and searchOrders differ in both).
type paging struct {
	op, size, token string   // the operation, its page-size and its token parameter
	repeatFree      []string // parameters a next page need not repeat, besides the token
	invalid         string   // the message of an InvalidInput answer
	tokenWording    string   // the refusal of a token sent with other arguments
}

// page reads a list request's page size and, for a next page, the offset
// its token holds, and the arguments the token must be sent with; ok is
// false when it has answered a refusal.
func (s *Server) page(w http.ResponseWriter, q url.Values, pg paging) (size int, args string, offset int, ok bool) {
	size = 100
	if v := q.Get(pg.size); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			s.invalid(w, pg.invalid, pg.size+" must be an integer from 1 to 100")
			return 0, "", 0, false
		}
		size = n
	}
	others := url.Values{}
	for k, v := range q {
		if k != pg.token && !slices.Contains(pg.repeatFree, k) {
			others[k] = v
		}
	}
	args = others.Encode()
	if tok := q.Get(pg.token); tok != "" {
		st, found := s.pageToken(tok)
		switch {
		case !found || st.op != pg.op:
			s.invalid(w, pg.invalid, "Invalid "+pg.token)
			return 0, "", 0, false
		case st.args != args:
			s.invalid(w, pg.invalid, pg.tokenWording)
			return 0, "", 0, false
		}
		offset = st.offset
	}
	return size, args, offset, true
}

func (s *Server) pageToken(tok string) (pageState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.pages[tok]
	return st, ok
}

// list is a query array parameter: comma-separated values, or the
// parameter repeated.
func list(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

// parseTime reads an ISO 8601 date-time parameter.
func parseTime(v string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, v)
}
