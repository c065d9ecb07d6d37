// Package httpx holds what the project's HTTP clients share: spapi
// (Amazon's Selling Partner API) and platformapi (eBay, Allegro and
// Kaufland). It checks the URLs they are given, names the program to the
// servers, builds the default transport, waits between tries (backoff,
// Retry-After), tells a dropped connection worth another try, and keeps
// the secrets they hide in every error (Redactor). It imports none of the
// project's packages.
package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Redacted replaces a secret in errors and events.
const Redacted = "[redacted]"

// CheckURL accepts an absolute http(s) URL, and plain http only on a
// loopback host, so that no token travels unencrypted. what names the URL
// in the error ("SP-API endpoint", "eBay token URL", ...).
func CheckURL(what, s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%s %q is not an http(s) URL", what, s)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return fmt.Errorf("%s %q must be https (plain http only on a loopback address)", what, s)
	}
	return nil
}

// IsLoopback tells "localhost" or a loopback IP address.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// UserAgent is "audit/VERSION" followed by suffix: the module's version
// from the build information, "dev" when it has none.
func UserAgent(suffix string) string {
	version := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		version = bi.Main.Version
	}
	return "audit/" + version + suffix
}

// Transport is a new transport with dial, TLS handshake and response
// header timeouts, but no overall one (a download can take long), and the
// environment's proxy. A caller may set more of its fields.
func Transport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 2 * time.Minute,
		IdleConnTimeout:       90 * time.Second,
	}
}

// Sleep waits d or until ctx is done, and then answers ctx's error. A wait
// of d <= 0 returns at once.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Backoff is the wait after the n-th failed try (n >= 1): first, doubled
// at each further failure, without jitter, up to max.
func Backoff(first, max time.Duration, n int) time.Duration {
	d := first
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

// RetryAfter reads a Retry-After header, in seconds or as an HTTP date,
// cut to max so that a confused server cannot stall a run; 0 when absent,
// unreadable or past.
func RetryAfter(h http.Header, max time.Duration) time.Duration {
	return retryAfter(h, max, true)
}

// RetryAfterSeconds is [RetryAfter] of a header in seconds only: an HTTP
// date counts as absent.
func RetryAfterSeconds(h http.Header, max time.Duration) time.Duration {
	return retryAfter(h, max, false)
}

func retryAfter(h http.Header, max time.Duration, dates bool) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs <= 0 || math.IsNaN(secs) {
			return 0
		}
		if secs > max.Seconds() {
			return max
		}
		d = time.Duration(secs * float64(time.Second))
	} else if t, err := http.ParseTime(v); err == nil && dates {
		d = time.Until(t)
	}
	if d <= 0 {
		return 0
	}
	return min(d, max)
}

// Retryable tells whether a failure to get an answer is a dropped
// connection or a timeout, worth another try. A cancelled context or its
// deadline is not.
func Retryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// UnwrapURLError answers the cause of a *url.Error (whose text repeats
// the method and the whole URL), or err itself.
func UnwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Clip cuts s to its first n bytes, marked with "…" when cut.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Redactor hides secrets (client secrets, refresh and access tokens) in
// text, also in their URL-escaped forms. Its zero value hides nothing; it
// is safe for concurrent use.
type Redactor struct {
	mu       sync.Mutex
	secrets  []string
	replacer *strings.Replacer
}

// Add adds values, and their URL-escaped forms, to those Redact hides.
// Empty values are ignored.
func (r *Redactor) Add(values ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	changed := false
	for _, v := range values {
		for _, form := range []string{v, url.QueryEscape(v), url.PathEscape(v)} {
			if form != "" && !slices.Contains(r.secrets, form) {
				r.secrets = append(r.secrets, form)
				changed = true
			}
		}
	}
	if !changed && r.replacer != nil {
		return
	}
	// Longest first, so that a secret containing another is hidden whole.
	sorted := slices.Clone(r.secrets)
	slices.SortFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(sorted))
	for _, s := range sorted {
		pairs = append(pairs, s, Redacted)
	}
	r.replacer = strings.NewReplacer(pairs...)
}

// Redact replaces every secret added so far in s with [Redacted].
func (r *Redactor) Redact(s string) string {
	r.mu.Lock()
	rep := r.replacer
	r.mu.Unlock()
	if rep == nil || s == "" {
		return s
	}
	return rep.Replace(s)
}
