package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestCheckURL(t *testing.T) {
	for s, want := range map[string]string{
		"https://sellingpartnerapi-eu.amazon.com": "",
		"https://api.ebay.com/":                   "",
		"http://127.0.0.1:8080":                   "",
		"http://[::1]:8080/x":                     "",
		"http://localhost/token":                  "",
		"http://api.amazon.com/auth":              `token URL "http://api.amazon.com/auth" must be https (plain http only on a loopback address)`,
		"http://10.0.0.1":                         `token URL "http://10.0.0.1" must be https (plain http only on a loopback address)`,
		"ftp://example.com":                       `token URL "ftp://example.com" is not an http(s) URL`,
		"/relative":                               `token URL "/relative" is not an http(s) URL`,
		"https://":                                `token URL "https://" is not an http(s) URL`,
		"::":                                      `token URL "::" is not an http(s) URL`,
	} {
		err := CheckURL("token URL", s)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("CheckURL(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"10.0.0.1": false, "example.com": false, "": false, "localhost.example.com": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v", host, got)
		}
	}
}

func TestUserAgent(t *testing.T) {
	// A test binary has no module version: "dev".
	if got := UserAgent(""); got != "audit/dev" {
		t.Errorf("UserAgent(\"\") = %q", got)
	}
	if got := UserAgent(" (Language=Go)"); got != "audit/dev (Language=Go)" {
		t.Errorf("UserAgent(suffix) = %q", got)
	}
}

func TestTransport(t *testing.T) {
	tr := Transport()
	if tr.Proxy == nil || tr.DialContext == nil || !tr.ForceAttemptHTTP2 ||
		tr.TLSHandshakeTimeout != 15*time.Second || tr.ResponseHeaderTimeout != 2*time.Minute || tr.IdleConnTimeout != 90*time.Second {
		t.Errorf("Transport() = %+v", tr)
	}
	if Transport() == tr {
		t.Error("Transport() answers the same transport twice")
	}
}

func TestSleep(t *testing.T) {
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep: %v", err)
	}
	if err := Sleep(context.Background(), 0); err != nil {
		t.Errorf("Sleep(0): %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context: %v", err)
	}
	if err := Sleep(ctx, -time.Second); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep(<0) on a cancelled context: %v", err)
	}
}

func TestBackoff(t *testing.T) {
	first, max := 2*time.Second, 2*time.Minute
	for n, want := range []time.Duration{1: 2 * time.Second, 2: 4 * time.Second, 3: 8 * time.Second, 6: 64 * time.Second, 7: 2 * time.Minute, 40: 2 * time.Minute} {
		if want == 0 {
			continue
		}
		if got := Backoff(first, max, n); got != want {
			t.Errorf("Backoff(%v, %v, %d) = %v, want %v", first, max, n, got, want)
		}
	}
	if got := Backoff(time.Second, time.Second, 5); got != time.Second {
		t.Errorf("Backoff with first = max: %v", got)
	}
}

func TestRetryAfterForms(t *testing.T) {
	max := 2 * time.Minute
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	for v, want := range map[string]time.Duration{
		"":        0,
		"3":       3 * time.Second,
		" 3 ":     3 * time.Second,
		"0.5":     500 * time.Millisecond,
		"0":       0,
		"-1":      0,
		"NaN":     0,
		"+Inf":    max,
		"soon":    0,
		"1000000": max,
		past:      0,
	} {
		h := http.Header{}
		if v != "" {
			h.Set("Retry-After", v)
		}
		if got := RetryAfter(h, max); got != want {
			t.Errorf("RetryAfter %q: %v, want %v", v, got, want)
		}
		if got := RetryAfterSeconds(h, max); got != want {
			t.Errorf("RetryAfterSeconds %q: %v, want %v", v, got, want)
		}
	}
	h := http.Header{"Retry-After": {time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)}}
	if got := RetryAfter(h, max); got < 25*time.Second || got > 31*time.Second {
		t.Errorf("Retry-After as a date: %v", got)
	}
	if got := RetryAfterSeconds(h, max); got != 0 {
		t.Errorf("Retry-After as a date, seconds only: %v", got)
	}
	h = http.Header{"Retry-After": {time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}}
	if got := RetryAfter(h, max); got != max {
		t.Errorf("Retry-After as a far date: %v, want %v", got, max)
	}
}

// timeoutError is a net.Error that timed out, or not.
type timeoutError bool

func (e timeoutError) Error() string   { return "i/o timeout" }
func (e timeoutError) Timeout() bool   { return bool(e) }
func (e timeoutError) Temporary() bool { return false }

var _ net.Error = timeoutError(true)

func TestRetryable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{io.EOF, true},
		{io.ErrUnexpectedEOF, true},
		{fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{syscall.ECONNABORTED, true},
		{syscall.EPIPE, true},
		{&url.Error{Op: "Get", URL: "https://x", Err: timeoutError(true)}, true},
		{timeoutError(false), false},
		{context.Canceled, false},
		{context.DeadlineExceeded, false},
		{errors.Join(context.Canceled, io.EOF), false},
		{errors.New("x509: certificate signed by unknown authority"), false},
	} {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("Retryable(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestUnwrapURLError(t *testing.T) {
	cause := errors.New("connection refused")
	if got := UnwrapURLError(&url.Error{Op: "Get", URL: "https://x/?token=t", Err: cause}); got != cause {
		t.Errorf("UnwrapURLError(*url.Error) = %v", got)
	}
	if got := UnwrapURLError(fmt.Errorf("call: %w", &url.Error{Op: "Get", URL: "u", Err: cause})); got != cause {
		t.Errorf("UnwrapURLError(wrapped *url.Error) = %v", got)
	}
	if got := UnwrapURLError(cause); got != cause {
		t.Errorf("UnwrapURLError(other) = %v", got)
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{strings.Repeat("x", 400), 300, strings.Repeat("x", 300) + "…"},
	} {
		if got := Clip(tc.s, tc.n); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q", tc.s, tc.n, got)
		}
	}
}

func TestRedactForms(t *testing.T) {
	var r Redactor
	if got := r.Redact("nothing Atzr|r/t"); got != "nothing Atzr|r/t" {
		t.Errorf("zero Redactor: %q", got)
	}
	r.Add("cs-secret", "Atzr|r/t", "")
	got := r.Redact("a Atzr|r/t b Atzr%7Cr%2Ft c cs-secret d id")
	if got != "a [redacted] b [redacted] c [redacted] d id" {
		t.Errorf("Redact = %q", got)
	}
	if got := r.Redact(""); got != "" {
		t.Errorf("Redact(\"\") = %q", got)
	}
	r.Add("cs-secret") // again: nothing changes
	if got := r.Redact("cs-secret"); got != Redacted {
		t.Errorf("Redact after adding again = %q", got)
	}
}

// A secret containing another is hidden whole, whatever the order they
// were added in.
func TestRedactLongestFirst(t *testing.T) {
	var r Redactor
	r.Add("abc")
	r.Add("abcdef")
	if got := r.Redact("x abcdef y abc"); got != "x [redacted] y [redacted]" {
		t.Errorf("Redact = %q", got)
	}
}

func TestRedactorConcurrent(t *testing.T) {
	var r Redactor
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := fmt.Sprintf("secret-%d", i)
			r.Add(s)
			if got := r.Redact("[" + s + "]"); got != "["+Redacted+"]" {
				t.Errorf("Redact = %q", got)
			}
		}()
	}
	wg.Wait()
}
