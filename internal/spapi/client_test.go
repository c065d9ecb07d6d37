package spapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
	"github.com/sellerhealth/audit/internal/spapi/spapitest"
)

func TestNewChecksConfig(t *testing.T) {
	creds := spapi.Credentials{ClientID: "id", ClientSecret: "secret", RefreshToken: "Atzr|x"}
	for _, tc := range []struct {
		name string
		cfg  spapi.Config
		want string // in the error; "" for none
	}{
		{"region", spapi.Config{Credentials: creds, Region: "eu"}, ""},
		{"endpoint", spapi.Config{Credentials: creds, Endpoint: "https://sandbox.sellingpartnerapi-na.amazon.com"}, ""},
		{"loopback http", spapi.Config{Credentials: creds, Endpoint: "http://127.0.0.1:8080"}, ""},
		{"no secret", spapi.Config{Credentials: spapi.Credentials{ClientID: "id", RefreshToken: "r"}, Region: "na"}, "no client secret"},
		{"nothing", spapi.Config{Region: "na"}, "no client id, no client secret, no refresh token"},
		{"unknown region", spapi.Config{Credentials: creds, Region: "us"}, `unknown SP-API region "us"`},
		{"plain http", spapi.Config{Credentials: creds, Endpoint: "http://example.com"}, "must be https"},
		{"token over http", spapi.Config{Credentials: creds, Region: "na", TokenURL: "http://example.com/token"}, "must be https"},
	} {
		_, err := spapi.New(tc.cfg)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: New = %v, want %q", tc.name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret\"") {
			t.Errorf("%s: the error shows the secret: %v", tc.name, err)
		}
	}
	for region, want := range map[string]string{
		"na": "https://sellingpartnerapi-na.amazon.com",
		"EU": "https://sellingpartnerapi-eu.amazon.com",
		"fe": "https://sellingpartnerapi-fe.amazon.com",
	} {
		if got, err := spapi.RegionEndpoint(region); got != want || err != nil {
			t.Errorf("RegionEndpoint(%q) = %q, %v", region, got, err)
		}
	}
}

// The access token is reused while valid, and asked for again once it
// has expired.
func TestTokenReusedAndRefreshed(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	ctx := context.Background()
	id, err := c.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := c.GetReport(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.TokenRequests(); n != 1 {
		t.Errorf("%d token requests for a token valid an hour, want 1", n)
	}
	if calls := srv.CallsOf(spapi.OpToken); len(calls) != 1 || calls[0].Query.Get("grant_type") != "refresh_token" || calls[0].Method != http.MethodPost {
		t.Errorf("token calls = %+v", calls)
	}

	// A token of 5 s is within golang.org/x/oauth2's 10 s margin: each
	// call gets a new one.
	srv2 := spapitest.Start(t)
	srv2.ExpiresIn = 5
	c2, _ := newClient(t, srv2, nil)
	id, err = c2.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.GetReport(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n := srv2.TokenRequests(); n != 2 {
		t.Errorf("%d token requests for short-lived tokens, want 2", n)
	}
}

// A 403 saying the token expired gets a new token and one more try; a
// second such 403 in the same call is the error.
func TestExpiredTokenRetriedOnce(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	ctx := context.Background()
	id, err := c.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	srv.ExpireToken(1)
	if _, err := c.GetReport(ctx, id); err != nil {
		t.Fatalf("after one expiry: %v", err)
	}
	if n := srv.TokenRequests(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
	calls := srv.CallsOf(spapi.OpGetReport)
	if len(calls) != 2 || calls[0].Status != http.StatusForbidden || calls[0].Fault != "expire" || calls[1].Status != http.StatusOK {
		t.Errorf("getReport calls = %+v", calls)
	}

	srv.ExpireToken(2)
	_, err = c.GetReport(ctx, id)
	var ae *spapi.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusForbidden || ae.Code() != "Unauthorized" || !strings.Contains(err.Error(), "has expired") {
		t.Errorf("after two expiries: %v", err)
	}
	if n := srv.TokenRequests(); n != 3 {
		t.Errorf("%d token requests, want 3", n)
	}
}

func TestLoginRefused(t *testing.T) {
	srv := spapitest.Start(t)
	for _, tc := range []struct {
		name string
		edit func(*spapi.Config)
		want string
	}{
		{"refresh token", func(c *spapi.Config) { c.RefreshToken = "Atzr|wrong-refresh-token" }, "Login with Amazon refused the refresh token: invalid_grant: "},
		{"client secret", func(c *spapi.Config) { c.ClientSecret = "wrong-client-secret" }, "Login with Amazon refused the client id or client secret: invalid_client: "},
	} {
		c, clk := newClient(t, srv, tc.edit)
		_, err := c.GetReport(context.Background(), "1")
		var le *spapi.LoginError
		if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "wrong-") {
			t.Errorf("%s: the error shows a secret: %v", tc.name, err)
		}
		if len(clk.waits) != 0 {
			t.Errorf("%s: a refusal was retried: %v", tc.name, clk.waits)
		}
	}
	if n := len(srv.CallsOf(spapi.OpGetReport)); n != 0 {
		t.Errorf("getReport was sent %d times without a token", n)
	}
}

// Throttling (429) backs off, doubling, and Notify hears of it.
func TestThrottledThenSuccess(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Throttle(spapi.OpCreateReport, 3)
	c, clk := newClient(t, srv, nil)
	if _, err := c.CreateReport(context.Background(), spec()); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second}
	if fmt.Sprint(clk.waits) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", clk.waits, want)
	}
	ev := clk.Events(spapi.KindThrottled)
	if len(ev) != 3 || ev[0].Operation != spapi.OpCreateReport || ev[2].Wait != 8*time.Second ||
		!strings.Contains(ev[0].Err.Error(), "429 Too Many Requests: QuotaExceeded") {
		t.Errorf("throttled events = %+v", ev)
	}
	if n := len(srv.CallsOf(spapi.OpCreateReport)); n != 4 {
		t.Errorf("%d createReport calls, want 4", n)
	}
}

func TestBackoffCapped(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Throttle(spapi.OpGetReports, 5)
	c, clk := newClient(t, srv, func(c *spapi.Config) {
		c.Backoff = time.Second
		c.MaxBackoff = 5 * time.Second
	})
	if _, err := c.GetReports(context.Background(), spapi.ReportsQuery{ReportTypes: []string{"X"}}); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	if fmt.Sprint(clk.waits) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", clk.waits, want)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	srv := spapitest.Start(t)
	srv.RetryAfter = "7"
	srv.Throttle(spapi.OpGetReportDocument, 1)
	srv.Throttle(spapi.OpToken, 1)
	c, clk := newClient(t, srv, nil)
	ctx := context.Background()
	_, err := c.GetReportDocument(ctx, "nope")
	var ae *spapi.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
		t.Fatalf("err = %v, want the fake's 404", err)
	}
	want := []time.Duration{7 * time.Second, 7 * time.Second} // the token, then the call
	if fmt.Sprint(clk.waits) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", clk.waits, want)
	}
	if ev := clk.Events(spapi.KindThrottled); len(ev) != 2 || ev[0].Operation != spapi.OpToken || ev[1].Operation != spapi.OpGetReportDocument {
		t.Errorf("throttled events = %+v", ev)
	}

	// A Retry-After beyond MaxBackoff waits MaxBackoff.
	srv.RetryAfter = "86400"
	srv.Throttle(spapi.OpGetReportDocument, 1)
	clk.waits = nil
	c.GetReportDocument(ctx, "nope")
	if fmt.Sprint(clk.waits) != fmt.Sprint([]time.Duration{spapi.DefaultMaxBackoff}) {
		t.Errorf("waits = %v, want MaxBackoff", clk.waits)
	}
}

func TestServerFailureThenSuccess(t *testing.T) {
	srv := spapitest.Start(t)
	c, clk := newClient(t, srv, nil)
	ctx := context.Background()
	id, err := c.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail(spapi.OpGetReport, 2)
	if _, err := c.GetReport(ctx, id); err != nil {
		t.Fatal(err)
	}
	ev := clk.Events(spapi.KindRetry)
	if len(ev) != 2 || !strings.Contains(ev[0].Err.Error(), "500 Internal Server Error: InternalFailure") ||
		!strings.Contains(ev[1].Err.Error(), "503 Service Unavailable") || ev[1].Wait != 4*time.Second {
		t.Errorf("retry events = %+v", ev)
	}
}

func TestDroppedConnectionThenSuccess(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Drop(spapi.OpToken, 1)
	c, clk := newClient(t, srv, nil)
	ctx := context.Background()
	id, err := c.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	srv.Drop(spapi.OpGetReport, 1)
	srv.Drop(spapi.OpCreateReport, 1)
	if _, err := c.GetReport(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateReport(ctx, spec()); err != nil {
		t.Fatal(err)
	}
	ev := clk.Events(spapi.KindRetry)
	if len(ev) != 3 {
		t.Fatalf("retry events = %+v", ev)
	}
	for i, op := range []string{spapi.OpToken, spapi.OpGetReport, spapi.OpCreateReport} {
		if ev[i].Operation != op || !strings.Contains(ev[i].Err.Error(), "EOF") {
			t.Errorf("event %d = %+v, want a dropped %s", i, ev[i], op)
		}
	}
}

func TestMaxAttemptsExhausted(t *testing.T) {
	srv := spapitest.Start(t)
	c, clk := newClient(t, srv, func(c *spapi.Config) { c.MaxAttempts = 3 })
	ctx := context.Background()
	id, err := c.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	srv.Throttle(spapi.OpGetReport, 10)
	_, err = c.GetReport(ctx, id)
	var ae *spapi.APIError
	if !errors.As(err, &ae) || ae.Code() != "QuotaExceeded" || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Errorf("err = %v", err)
	}
	if n := len(srv.CallsOf(spapi.OpGetReport)); n != 3 {
		t.Errorf("%d getReport calls, want 3", n)
	}
	if len(clk.waits) != 2 {
		t.Errorf("waits = %v, want 2", clk.waits)
	}

	srv.Drop(spapi.OpGetReport, 10)
	_, err = c.GetReport(ctx, id)
	if err == nil || !strings.Contains(err.Error(), "unexpected EOF") || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Errorf("dropped: err = %v", err)
	}
}

func TestInvalidInputIsAPIError(t *testing.T) {
	srv := spapitest.Start(t)
	c, clk := newClient(t, srv, nil)
	s := spec()
	future := time.Now().Add(48 * time.Hour)
	s.DataEndTime = &future
	_, err := c.CreateReport(context.Background(), s)
	var ae *spapi.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	if ae.StatusCode != 400 || ae.Code() != "InvalidInput" || ae.Operation != spapi.OpCreateReport || ae.RequestID == "" ||
		!strings.Contains(ae.Errors[0].Details, "dataEndTime") {
		t.Errorf("error = %+v", ae)
	}
	if want := "createReport: 400 Bad Request: InvalidInput: Invalid input (dataEndTime must be prior to or equal to the current date and time) (request id " + ae.RequestID + ")"; err.Error() != want {
		t.Errorf("message = %q\nwant      %q", err.Error(), want)
	}
	if len(clk.waits) != 0 || len(srv.CallsOf(spapi.OpCreateReport)) != 1 {
		t.Errorf("a 400 was retried")
	}
}

// Secrets that a server repeats in its errors never reach an error or an
// event.
func TestSecretsRedacted(t *testing.T) {
	srv := spapitest.Start(t)
	c, _ := newClient(t, srv, nil)
	ctx := context.Background()
	srv.Leak(spapi.OpToken, 1)
	_, err := c.CreateReport(ctx, spec())
	if err == nil {
		t.Fatal("no error")
	}
	check := func(what, text string) {
		t.Helper()
		for _, secret := range []string{spapitest.DefaultRefreshToken, spapitest.DefaultClientSecret, "Atza|"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s shows a secret: %s", what, text)
			}
		}
		if !strings.Contains(text, spapi.Redacted) {
			t.Errorf("%s has nothing redacted: %s", what, text)
		}
	}
	check("the login error", err.Error())

	srv.Leak(spapi.OpCreateReport, 1)
	_, err = c.CreateReport(ctx, spec())
	check("the API error", err.Error())
	if strings.Count(err.Error(), spapi.Redacted) != 2 { // the token and its URL-escaped form
		t.Errorf("error = %v", err)
	}

	if got := c.Redact("token " + spapitest.DefaultRefreshToken + " secret " + spapitest.DefaultClientSecret); got != "token [redacted] secret [redacted]" {
		t.Errorf("Redact = %q", got)
	}
}

// An endpoint that echoes the access token in a 5xx body that is not
// Amazon's error list: the retry events and the final error are redacted.
func TestSecretsRedactedInForeignBody(t *testing.T) {
	srv := spapitest.Start(t)
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "<html>bad token %s</html>", r.Header.Get("x-amz-access-token"))
	}))
	defer echo.Close()
	c, clk := newClient(t, srv, func(c *spapi.Config) {
		c.Endpoint = echo.URL
		c.MaxAttempts = 2
	})
	_, err := c.GetReport(context.Background(), "1")
	if err == nil || strings.Contains(err.Error(), "Atza|") || !strings.Contains(err.Error(), "bad token [redacted]") {
		t.Errorf("err = %v", err)
	}
	ev := clk.Events(spapi.KindRetry)
	if len(ev) != 1 || strings.Contains(ev[0].Err.Error(), "Atza|") || !strings.Contains(ev[0].Err.Error(), "[redacted]") {
		t.Errorf("retry events = %+v", ev)
	}
}

func TestRateLimitAdopted(t *testing.T) {
	srv := spapitest.Start(t)
	srv.RateLimit = "0.5"
	c, clk := newClient(t, srv, nil)
	ctx := context.Background()
	if r, b, _ := c.RateLimit(spapi.OpGetReport); r != 2 || b != 15 {
		t.Errorf("getReport's default = %v/s burst %d, want Amazon's 2/s burst 15", r, b)
	}
	id, err := c.CreateReport(ctx, spec())
	if err != nil {
		t.Fatal(err)
	}
	if r, b, _ := c.RateLimit(spapi.OpCreateReport); r != 0.5 || b != 15 {
		t.Errorf("createReport's rate = %v/s burst %d, want 0.5/s burst 15", r, b)
	}
	// A burst of 15, then one every 2 s.
	for range 17 {
		if _, err := c.GetReport(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	ev := clk.Events(spapi.KindRateLimit)
	if len(ev) == 0 || ev[0].Operation != spapi.OpGetReport || ev[0].Wait < time.Second || ev[0].Wait > 2*time.Second {
		t.Errorf("rate-limit events = %+v", ev)
	}
	if r, _, _ := c.RateLimit(spapi.OpGetReport); r != 0.5 {
		t.Errorf("getReport's rate = %v, want 0.5", r)
	}
}

func TestContextCancelStops(t *testing.T) {
	srv := spapitest.Start(t)
	srv.Throttle(spapi.OpGetReports, 100)
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := newClient(t, srv, func(c *spapi.Config) {
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}
	})
	start := time.Now()
	_, err := c.GetReports(ctx, spapi.ReportsQuery{ReportTypes: []string{"X"}})
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
	if n := len(srv.CallsOf(spapi.OpGetReports)); n != 1 {
		t.Errorf("%d calls after the cancel", n)
	}

	// The real timer honours the context too.
	c2, _ := newClient(t, srv, func(c *spapi.Config) { c.Sleep = nil; c.Backoff = time.Hour })
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = c2.GetReports(ctx2, spapi.ReportsQuery{ReportTypes: []string{"X"}})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
}

// Several goroutines share a client through faults and token expiries.
// Run with -race.
func TestConcurrentUse(t *testing.T) {
	srv := spapitest.Start(t)
	srv.PollsBeforeDone = 2
	srv.Reports = func(s spapi.CreateReportSpecification) spapitest.Outcome {
		return spapitest.Outcome{Document: []byte(s.ReportType + "\n"), Gzip: true}
	}
	now := time.Now()
	for i := range 7 {
		srv.FinancialEvents = append(srv.FinancialEvents, spapitest.Event{Kind: spapitest.Chargeback,
			ShipmentEvent: spapi.ShipmentEvent{AmazonOrderID: fmt.Sprint(i), PostedDate: ptr(now.Add(-time.Duration(i+1) * time.Hour))}})
	}
	srv.PageSize = 2
	c, _ := newClient(t, srv, nil)
	ctx := context.Background()
	srv.Throttle(spapi.OpGetReport, 3)
	srv.Fail(spapi.OpCreateReport, 2)
	srv.Drop(spapi.OpGetReportDocument, 1)
	srv.ExpireToken(1)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 6 {
		wg.Go(func() {
			s := spec()
			s.ReportType = fmt.Sprint("TYPE_", i)
			_, doc, err := c.RunReport(ctx, s, spapi.PollOptions{Interval: time.Millisecond})
			if err != nil {
				errs <- err
				return
			}
			var out spapi.Buffer
			if _, err := c.DownloadDocument(ctx, doc, &out, 0); err != nil {
				errs <- err
				return
			}
			if out.String() != s.ReportType+"\n" {
				errs <- fmt.Errorf("report %d: got %q", i, out.String())
			}
		})
		wg.Go(func() {
			n := 0
			err := c.ListFinancialEvents(ctx, now.Add(-24*time.Hour), now.Add(-5*time.Minute), func(fe *spapi.FinancialEvents) error {
				n += len(fe.ChargebackEventList)
				return nil
			})
			if err == nil && n != 7 {
				err = fmt.Errorf("%d chargebacks, want 7", n)
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A redirect is not followed: the access token goes nowhere else.
func TestRedirectNotFollowed(t *testing.T) {
	srv := spapitest.Start(t)
	var leaked bool
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = r.Header.Get("x-amz-access-token") != ""
	}))
	defer elsewhere.Close()
	redirect := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/steal", http.StatusFound))
	defer redirect.Close()
	c, _ := newClient(t, srv, func(c *spapi.Config) { c.Endpoint = redirect.URL })
	_, err := c.GetReport(context.Background(), "1")
	var ae *spapi.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusFound {
		t.Errorf("err = %v, want the 302 as an APIError", err)
	}
	if leaked {
		t.Error("the access token was sent to the redirect's target")
	}
}

// Events carry the tag of the call's context, so that a caller running
// several calls at once can say which one waits.
func TestEventsCarryTheContextsTag(t *testing.T) {
	srv := spapitest.Start(t)
	srv.PollsBeforeDone = 1
	cfg := srv.Config()
	var tags []string
	cfg.Notify = func(e spapi.Event) { tags = append(tags, e.Kind+" "+e.Tag) }
	cfg.Sleep = func(ctx context.Context, d time.Duration) error { return nil }
	c, err := spapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := spapi.WithTag(context.Background(), "orders-US-2026-09.tsv")
	if _, _, err := c.RunReport(ctx, spapi.CreateReportSpecification{ReportType: "GET_V2_SELLER_PERFORMANCE_REPORT", MarketplaceIDs: []string{"ATVPDKIKX0DER"}},
		spapi.PollOptions{Interval: time.Millisecond, Timeout: time.Minute}); err != nil {
		t.Fatal(err)
	}
	if len(tags) == 0 || tags[0] != "poll orders-US-2026-09.tsv" {
		t.Errorf("events %q", tags)
	}
}
