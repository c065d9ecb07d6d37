package spapitest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

// raw sends a request as it is, outside the client, to see what the fake
// refuses.
type raw struct {
	t   *testing.T
	srv *spapitest.Server
}

func (r raw) do(method, path string, header map[string]string, body string) (int, string) {
	r.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	u := path
	if !strings.HasPrefix(path, "http") {
		u = r.srv.URL + path
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		r.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// token gets an access token as the client would.
func (r raw) token() string { return r.tokenExpiring(3600) }

func TestFakeRefusesWhatAmazonRefuses(t *testing.T) {
	srv := spapitest.Start(t)
	r := raw{t, srv}
	tok := r.token()
	auth := map[string]string{"x-amz-access-token": tok}
	json := map[string]string{"x-amz-access-token": tok, "Content-Type": "application/json"}
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	recent := time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)
	dayAgo := time.Now().Add(-24 * time.Hour).UTC().Format(time.RFC3339)
	for _, tc := range []struct {
		name         string
		method, path string
		header       map[string]string
		body         string
		status       int
		want         string // in the body
	}{
		{"no token", "GET", "/reports/2021-06-30/reports/1", nil, "", 403,
			`{"errors":[{"code":"Unauthorized","details":"","message":"Access to requested resource is denied."}]}`},
		{"unknown token", "GET", "/reports/2021-06-30/reports/1", map[string]string{"x-amz-access-token": "Atza|made-up"}, "", 403, "revoked, malformed or invalid"},
		{"token as a bearer", "GET", "/reports/2021-06-30/reports/1", map[string]string{"Authorization": "Bearer " + tok}, "", 403, "Unauthorized"},
		{"no reportType", "POST", "/reports/2021-06-30/reports", json, `{"marketplaceIds":["ATVPDKIKX0DER"]}`, 400, `"code":"InvalidInput"`},
		{"no marketplaceIds", "POST", "/reports/2021-06-30/reports", json, `{"reportType":"X"}`, 400, "marketplaceIds"},
		{"bad date", "POST", "/reports/2021-06-30/reports", json, `{"reportType":"X","marketplaceIds":["A"],"dataStartTime":"2026-13-45"}`, 400, "InvalidInput"},
		{"date in the future", "POST", "/reports/2021-06-30/reports", json, `{"reportType":"X","marketplaceIds":["A"],"dataEndTime":"2999-01-01T00:00:00Z"}`, 400, "dataEndTime"},
		{"not JSON", "POST", "/reports/2021-06-30/reports", map[string]string{"x-amz-access-token": tok, "Content-Type": "text/plain"}, `{}`, 415, "Content-Type"},
		{"getReports without reportTypes", "GET", "/reports/2021-06-30/reports?pageSize=10", auth, "", 400, "reportTypes"},
		{"getReports with a bad status", "GET", "/reports/2021-06-30/reports?reportTypes=X&processingStatuses=BAD_VALUE", auth, "", 400, "processing status"},
		{"nextToken with more", "GET", "/reports/2021-06-30/reports?reportTypes=X&nextToken=abc", auth, "", 400, "only parameter"},
		{"unknown report", "GET", "/reports/2021-06-30/reports/999", auth, "", 404, "NotFound"},
		{"finances: PostedBefore too recent", "GET", "/finances/v0/financialEvents?PostedAfter=" + past + "&PostedBefore=" + recent, auth, "", 400, "two minutes"},
		{"finances: PostedAfter too recent", "GET", "/finances/v0/financialEvents?PostedAfter=" + recent, auth, "", 400, "two minutes"},
		{"finances: bad date", "GET", "/finances/v0/financialEvents?PostedAfter=yesterday", auth, "", 400, "ISO 8601"},
		{"finances: before not after", "GET", "/finances/v0/financialEvents?PostedAfter=" + past + "&PostedBefore=" + dayAgo, auth, "", 400, "later than PostedAfter"},
		{"finances: page too big", "GET", "/finances/v0/financialEvents?PostedAfter=" + past + "&MaxResultsPerPage=101", auth, "", 400, "MaxResultsPerPage"},
		{"finances: unknown NextToken", "GET", "/finances/v0/financialEvents?PostedAfter=" + past + "&NextToken=abc", auth, "", 400, "NextToken"},
		{"orders: neither start", "GET", "/orders/2026-01-01/orders?marketplaceIds=ATVPDKIKX0DER", auth, "", 400, "Exactly one of createdAfter and lastUpdatedAfter"},
		{"orders: both starts", "GET", "/orders/2026-01-01/orders?createdAfter=" + dayAgo + "&lastUpdatedAfter=" + dayAgo, auth, "", 400, "Exactly one"},
		{"orders: mixed ends", "GET", "/orders/2026-01-01/orders?createdAfter=" + dayAgo + "&lastUpdatedBefore=" + past, auth, "", 400, "lastUpdatedBefore"},
		{"orders: end too recent", "GET", "/orders/2026-01-01/orders?createdAfter=" + dayAgo + "&createdBefore=" + recent, auth, "", 400, "two minutes"},
		{"orders: bad fulfilledBy", "GET", "/orders/2026-01-01/orders?createdAfter=" + dayAgo + "&fulfilledBy=AFN", auth, "", 400, "fulfilledBy"},
		{"orders: bad includedData", "GET", "/orders/2026-01-01/orders?createdAfter=" + dayAgo + "&includedData=EVERYTHING", auth, "", 400, "includedData"},
		{"orders: OK", "GET", "/orders/2026-01-01/orders?createdAfter=" + dayAgo + "&marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2", auth, "", 200, `"orders":[]`},
		{"unknown path", "GET", "/orders/v0/orders", auth, "", 404, "NotFound"},
	} {
		status, body := r.do(tc.method, tc.path, tc.header, tc.body)
		if status != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s\nwant %d with %s", tc.name, status, body, tc.status, tc.want)
		}
	}
}

func TestFakeLoginWithAmazon(t *testing.T) {
	srv := spapitest.Start(t)
	r := raw{t, srv}
	form := func(edit func(url.Values)) string {
		v := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {spapitest.DefaultRefreshToken},
			"client_id": {spapitest.DefaultClientID}, "client_secret": {spapitest.DefaultClientSecret}}
		edit(v)
		return v.Encode()
	}
	formType := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for _, tc := range []struct {
		name   string
		header map[string]string
		body   string
		status int
		want   string
	}{
		{"wrong refresh token", formType, form(func(v url.Values) { v.Set("refresh_token", "Atzr|other") }), 400, `"error":"invalid_grant"`},
		{"wrong secret", formType, form(func(v url.Values) { v.Set("client_secret", "other") }), 401, `"error":"invalid_client"`},
		{"wrong grant", formType, form(func(v url.Values) { v.Set("grant_type", "client_credentials") }), 400, "unsupported_grant_type"},
		{"JSON body", map[string]string{"Content-Type": "application/json"}, `{}`, 400, "invalid_request"},
	} {
		status, body := r.do(http.MethodPost, spapitest.TokenPath, tc.header, tc.body)
		if status != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s", tc.name, status, body)
		}
	}
	if n := srv.TokenRequests(); n != 4 {
		t.Errorf("TokenRequests = %d", n)
	}
	for _, c := range srv.Calls() {
		if strings.Contains(c.Query.Encode(), "secret") || strings.Contains(c.Query.Encode(), "Atzr") {
			t.Errorf("a call records a secret: %v", c.Query)
		}
	}

	// A token expires after ExpiresIn.
	srv.ExpiresIn = 60
	tok := r.tokenExpiring(60)
	srv.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	status, body := r.do("GET", "/reports/2021-06-30/reports/1", map[string]string{"x-amz-access-token": tok}, "")
	if status != 403 || !strings.Contains(body, "The access token you provided has expired.") {
		t.Errorf("expired token: %d %s", status, body)
	}
}

func (r raw) tokenExpiring(expiresIn int) string {
	r.t.Helper()
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {spapitest.DefaultRefreshToken},
		"client_id": {spapitest.DefaultClientID}, "client_secret": {spapitest.DefaultClientSecret}}
	status, body := r.do(http.MethodPost, spapitest.TokenPath, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &tok) != nil || tok.AccessToken == "" || tok.ExpiresIn != expiresIn || tok.TokenType != "bearer" {
		r.t.Fatalf("token: %d %s", status, body)
	}
	return tok.AccessToken
}

// The document URL is S3's: no x-amz-* header may come with it, and it
// must be the URL given.
func TestFakeDocumentDownload(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Reports = func(spapi.CreateReportSpecification) spapitest.Outcome {
		return spapitest.Outcome{Document: []byte("hello\n")}
	}
	r := raw{t, srv}
	tok := r.token()
	status, body := r.do("POST", "/reports/2021-06-30/reports", map[string]string{"x-amz-access-token": tok, "Content-Type": "application/json"},
		`{"reportType":"GET_V2_SELLER_PERFORMANCE_REPORT","marketplaceIds":["ATVPDKIKX0DER"]}`)
	var created spapi.CreateReportResponse
	if status != 202 || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("createReport: %d %s", status, body)
	}
	status, body = r.do("GET", "/reports/2021-06-30/reports/"+created.ReportID, map[string]string{"x-amz-access-token": tok}, "")
	var rep spapi.Report
	if status != 200 || json.Unmarshal([]byte(body), &rep) != nil || rep.ProcessingStatus != "DONE" || rep.ReportDocumentID == "" {
		t.Fatalf("getReport: %d %s", status, body)
	}
	status, body = r.do("GET", "/reports/2021-06-30/documents/"+rep.ReportDocumentID, map[string]string{"x-amz-access-token": tok}, "")
	var doc spapi.ReportDocument
	if status != 200 || json.Unmarshal([]byte(body), &doc) != nil || !strings.Contains(doc.URL, "X-Amz-Signature=") || doc.CompressionAlgorithm != "" {
		t.Fatalf("getReportDocument: %d %s", status, body)
	}

	status, body = r.do("GET", doc.URL, map[string]string{"x-amz-access-token": tok}, "")
	if status != 403 || !strings.Contains(body, "<Code>AccessDenied</Code>") ||
		!strings.Contains(body, "There were headers present in the request which were not signed") || !strings.Contains(body, "x-amz-access-token") {
		t.Errorf("with the token: %d %s", status, body)
	}
	u, _ := url.Parse(doc.URL)
	q := u.Query()
	q.Set("X-Amz-Signature", "0000")
	u.RawQuery = q.Encode()
	if status, body = r.do("GET", u.String(), nil, ""); status != 403 || !strings.Contains(body, "SignatureDoesNotMatch") {
		t.Errorf("another signature: %d %s", status, body)
	}
	if status, body = r.do("GET", doc.URL, nil, ""); status != 200 || body != "hello\n" {
		t.Errorf("download: %d %q", status, body)
	}
}

// A page token must come back with the arguments that produced it.
func TestFakePageTokenArguments(t *testing.T) {
	srv := spapitest.Start(t)
	now := time.Now().UTC()
	for i := range 3 {
		p := now.Add(-time.Duration(i+1) * time.Hour)
		srv.FinancialEvents = append(srv.FinancialEvents, spapitest.Event{Kind: spapitest.GuaranteeClaim, ShipmentEvent: spapi.ShipmentEvent{PostedDate: &p}})
	}
	srv.PageSize = 1
	r := raw{t, srv}
	tok := r.token()
	auth := map[string]string{"x-amz-access-token": tok}
	after := now.Add(-24 * time.Hour).Format(time.RFC3339)
	status, body := r.do("GET", "/finances/v0/financialEvents?PostedAfter="+after, auth, "")
	var page spapi.ListFinancialEventsResponse
	if status != 200 || json.Unmarshal([]byte(body), &page) != nil || page.Payload.NextToken == "" || len(page.Payload.FinancialEvents.GuaranteeClaimEventList) != 1 {
		t.Fatalf("first page: %d %s", status, body)
	}
	next := url.QueryEscape(page.Payload.NextToken)
	if status, body = r.do("GET", "/finances/v0/financialEvents?NextToken="+next, auth, ""); status != 400 || !strings.Contains(body, "same arguments") {
		t.Errorf("NextToken alone: %d %s", status, body)
	}
	if status, body = r.do("GET", "/finances/v0/financialEvents?PostedAfter="+after+"&NextToken="+next, auth, ""); status != 200 {
		t.Errorf("NextToken with the arguments: %d %s", status, body)
	}
}
