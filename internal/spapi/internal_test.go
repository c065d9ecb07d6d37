package spapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

func testClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{Credentials: Credentials{ClientID: "id", ClientSecret: "cs-secret", RefreshToken: "Atzr|r/t"}, Region: "na"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The client waits what Retry-After says, in seconds or as an HTTP date,
// cut to MaxBackoff (httpx's tests cover every form).
func TestRetryAfterForms(t *testing.T) {
	c := testClient(t)
	ctx := context.Background()
	for v, want := range map[string]time.Duration{
		"":        DefaultBackoff,
		"3":       3 * time.Second,
		"0.5":     500 * time.Millisecond,
		"-1":      DefaultBackoff,
		"soon":    DefaultBackoff,
		"1000000": DefaultMaxBackoff,
		time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat): DefaultBackoff,
	} {
		resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{}}
		if v != "" {
			resp.Header.Set("Retry-After", v)
		}
		if kind, got, _ := c.judge(ctx, 1, resp, errors.New("throttled")); kind != KindThrottled || got != want {
			t.Errorf("Retry-After %q: %s %v, want %s %v", v, kind, got, KindThrottled, want)
		}
	}
	resp := &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{"Retry-After": {time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)}}}
	if kind, got, _ := c.judge(ctx, 1, resp, errors.New("unavailable")); kind != KindRetry || got < 25*time.Second || got > 31*time.Second {
		t.Errorf("Retry-After as a date: %s %v", kind, got)
	}
}

func TestTokenRejected(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want bool
	}{
		{Error{Code: "Unauthorized", Message: "Access to requested resource is denied.", Details: "The access token you provided has expired."}, true},
		{Error{Code: "Unauthorized", Message: "Access to requested resource is denied.", Details: "The access token you provided is revoked, malformed or invalid."}, true},
		{Error{Code: "Unauthorized", Message: "The access token you provided has expired."}, true},
		{Error{Code: "Unauthorized", Message: "Access to requested resource is denied.", Details: ""}, false}, // a missing role
		{Error{Code: "InvalidInput", Message: "The access token you provided has expired."}, false},
	} {
		if got := tokenRejected(&APIError{Errors: []Error{tc.e}}); got != tc.want {
			t.Errorf("%+v: %v", tc.e, got)
		}
	}
}

func TestRedactForms(t *testing.T) {
	c := testClient(t)
	got := c.Redact("a Atzr|r/t b Atzr%7Cr%2Ft c cs-secret d id")
	if got != "a [redacted] b [redacted] c [redacted] d id" {
		t.Errorf("Redact = %q", got)
	}
	err := c.redactErr(&transportError{op: "x", method: "GET", where: "/p", err: io.ErrUnexpectedEOF, dropped: true})
	if err.Error() != "x: GET /p: unexpected EOF" {
		t.Errorf("unchanged error = %v", err)
	}
	err = c.redactErr(errors.Join(io.ErrUnexpectedEOF, errors.New("token cs-secret")))
	if err.Error() != "unexpected EOF\ntoken [redacted]" || !errors.Is(err, io.ErrUnexpectedEOF) || errors.Unwrap(err) != nil {
		t.Errorf("redacted error = %q", err)
	}
}

func TestErrorDetails(t *testing.T) {
	for in, want := range map[string]string{
		`{"errorDetails":"Date range too long."}`:       "Date range too long.",
		"\xef\xbb\xbf{\"errorDetails\":\" spaced \"}\n": "spaced",
		`{"errorDetails":{"code":1}}`:                   `{"code":1}`,
		"plain\n  text\n":                               "plain text",
		`{"other":"x"}`:                                 `{"other":"x"}`,
	} {
		if got := errorDetails([]byte(in)); got != want {
			t.Errorf("errorDetails(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAPIErrorText(t *testing.T) {
	e := &APIError{Operation: "getReports", StatusCode: 400, RequestID: "r1", Errors: []Error{
		{Code: "InvalidInput", Message: "Invalid input", Details: "bad status"},
		{Code: "InvalidInput", Message: "Other"},
	}}
	if got := e.Error(); got != "getReports: 400 Bad Request: InvalidInput: Invalid input (bad status); InvalidInput: Other (request id r1)" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&APIError{Operation: "getReport", StatusCode: 503}).Error(); got != "getReport: 503 Service Unavailable" {
		t.Errorf("Error() = %q", got)
	}
}
