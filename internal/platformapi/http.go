package platformapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/sellerhealth/audit/internal/httpx"
)

// Platform names, as errors and audit fetch name them.
const (
	PlatformEBay     = "eBay"
	PlatformAllegro  = "Allegro"
	PlatformKaufland = "Kaufland"
)

// Redacted replaces a secret in errors.
const Redacted = httpx.Redacted

// Defaults of [Options].
const (
	DefaultMaxAttempts = 6
	DefaultBackoff     = 2 * time.Second
	DefaultMaxBackoff  = 2 * time.Minute
)

// maxBody bounds an answer read into memory.
const maxBody = 64 << 20

// Options are what the three clients share: how they send and retry.
type Options struct {
	// HTTP is the client the calls are sent with; nil means one with
	// dial, TLS and response header timeouts. Redirects are never
	// followed, so that a token or signature cannot be sent elsewhere.
	HTTP *http.Client
	// UserAgent is sent with every request; "" means "audit/VERSION".
	UserAgent string
	// MaxAttempts bounds the tries of one call throttled (429), failing
	// on the platform's side (5xx) or dropped; 0 means DefaultMaxAttempts.
	MaxAttempts int
	// Backoff is the first wait after such a failure, doubling up to
	// MaxBackoff; a Retry-After header, when given, is waited instead.
	Backoff, MaxBackoff time.Duration
	// Sleep waits d or until ctx is done; nil means a timer. Tests pass
	// one that records the waits and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
}

// HTTPError is an answer other than the success, or a call that got no
// answer (StatusCode 0): it names the platform, the call and the status,
// with the platform's message, redacted.
type HTTPError struct {
	Platform   string // "eBay", "Allegro", "Kaufland"
	Call       string // "token", "findSellerStandardsProfiles", "getSaleQuality", "GetOrderUnits", ...
	StatusCode int
	Message    string // the platform's error message(s), or the start of the body
	Attempts   int    // tries made, when more than one
}

// Error reads like "eBay getCustomerServiceMetric: 409 Conflict: 54200: ...".
func (e *HTTPError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: ", e.Platform, e.Call)
	if e.StatusCode == 0 {
		b.WriteString("no answer")
	} else {
		fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts)", e.Attempts)
	}
	return b.String()
}

// caller sends a platform's requests: retries, redaction, errors.
type caller struct {
	platform    string
	http        *http.Client
	userAgent   string
	maxAttempts int
	backoff     time.Duration
	maxBackoff  time.Duration
	sleep       func(context.Context, time.Duration) error
	secrets     httpx.Redactor // hidden in every error
}

func newCaller(platform string, o Options) (*caller, error) {
	if o.MaxAttempts < 0 || o.Backoff < 0 || o.MaxBackoff < 0 {
		return nil, fmt.Errorf("%s client: MaxAttempts, Backoff and MaxBackoff cannot be negative", platform)
	}
	c := &caller{platform: platform, userAgent: o.UserAgent, maxAttempts: o.MaxAttempts, backoff: o.Backoff, maxBackoff: o.MaxBackoff, sleep: o.Sleep}
	if c.userAgent == "" {
		c.userAgent = httpx.UserAgent("")
	}
	if c.maxAttempts == 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.backoff == 0 {
		c.backoff = DefaultBackoff
	}
	if c.maxBackoff == 0 {
		c.maxBackoff = DefaultMaxBackoff
	}
	c.maxBackoff = max(c.maxBackoff, c.backoff)
	if c.sleep == nil {
		c.sleep = httpx.Sleep
	}
	hc := &http.Client{Transport: httpx.Transport()}
	if o.HTTP != nil {
		copied := *o.HTTP
		hc = &copied
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.http = hc
	return c, nil
}

// exchange sends the request build makes (anew for each try) and reads
// the answer. It retries 429, 5xx and dropped connections, up to
// maxAttempts; any other answer is returned as is, with its status.
func (c *caller) exchange(ctx context.Context, call string, build func() (*http.Request, error)) (*http.Response, []byte, error) {
	for attempt := 1; ; attempt++ {
		req, err := build()
		if err != nil {
			return nil, nil, fmt.Errorf("%s %s: %s", c.platform, call, c.secrets.Redact(err.Error()))
		}
		req.Header.Set("User-Agent", c.userAgent)
		resp, err := c.http.Do(req)
		var data []byte
		if err == nil {
			data, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
			resp.Body.Close()
			if err == nil && len(data) > maxBody {
				return nil, nil, &HTTPError{Platform: c.platform, Call: call, StatusCode: resp.StatusCode, Message: fmt.Sprintf("answer larger than %d MiB; refused", maxBody>>20)}
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			e := &HTTPError{Platform: c.platform, Call: call, Message: c.secrets.Redact(httpx.UnwrapURLError(err).Error()), Attempts: attempt}
			if !httpx.Retryable(err) || attempt >= c.maxAttempts {
				return nil, nil, e
			}
			if err := c.sleep(ctx, httpx.Backoff(c.backoff, c.maxBackoff, attempt)); err != nil {
				return nil, nil, err
			}
			continue
		}
		if (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500) && attempt < c.maxAttempts {
			wait := httpx.Backoff(c.backoff, c.maxBackoff, attempt)
			if ra := httpx.RetryAfterSeconds(resp.Header, c.maxBackoff); ra > 0 {
				wait = ra
			}
			if err := c.sleep(ctx, wait); err != nil {
				return nil, nil, err
			}
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			e := c.fail(call, resp, data)
			e.Attempts = attempt
			return nil, nil, e
		}
		return resp, data, nil
	}
}

// fail makes the error of an answer that is not the success.
func (c *caller) fail(call string, resp *http.Response, data []byte) *HTTPError {
	return &HTTPError{Platform: c.platform, Call: call, StatusCode: resp.StatusCode, Message: httpx.Clip(c.secrets.Redact(errorMessage(data)), 300)}
}

// errorMessage reads the platforms' error bodies: eBay's and Allegro's
// {"errors":[{"errorId"|"code", "message", ...}]}, Kaufland's
// {"message", "errors"}, OAuth's {"error", "error_description"}; else the
// body's text.
func errorMessage(data []byte) string {
	var body struct {
		Errors []struct {
			ErrorID     json.Number `json:"errorId"`
			Code        string      `json:"code"`
			Message     string      `json:"message"`
			LongMessage string      `json:"longMessage"`
			UserMessage string      `json:"userMessage"`
		} `json:"errors"`
		Message     string `json:"message"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(data, &body) == nil {
		var parts []string
		if body.Error != "" {
			s := body.Error
			if body.Description != "" {
				s += ": " + body.Description
			}
			parts = append(parts, s)
		}
		if body.Message != "" {
			parts = append(parts, body.Message)
		}
		for _, e := range body.Errors {
			code := e.Code
			if code == "" {
				code = e.ErrorID.String()
			}
			msg := e.Message
			if msg == "" {
				msg = e.UserMessage
			}
			if code != "" && msg != "" {
				parts = append(parts, code+": "+msg)
			} else if code+msg != "" {
				parts = append(parts, code+msg)
			}
		}
		if len(parts) > 0 {
			return strings.Join(parts, "; ")
		}
	}
	return strings.Join(strings.Fields(string(data)), " ")
}

// oauth is an OAuth 2.0 user token refreshed from a refresh token
// (RFC 6749 section 6), the client authenticated with HTTP Basic.
type oauth struct {
	c        *caller
	tokenURL string
	clientID string
	secret   string
	scope    string // "" for none
	extra    url.Values
	// rotated hears a new refresh token the server issued.
	rotated func(string)

	mu      sync.Mutex // one refresh at a time
	refresh string
	access  string
	expiry  time.Time
}

// tokenAnswer is the token endpoint's answer.
type tokenAnswer struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int64  `json:"expires_in"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
}

// token answers a valid access token, refreshing it when it has expired
// (a minute early) or when stale names the one the platform refused.
func (o *oauth) token(ctx context.Context, stale string) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.access != "" && o.access != stale && time.Now().Before(o.expiry) {
		return o.access, nil
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {o.refresh}}
	if o.scope != "" {
		form.Set("scope", o.scope)
	}
	for k, v := range o.extra {
		form[k] = v
	}
	body := form.Encode()
	resp, data, err := o.c.exchange(ctx, "token", func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.tokenURL, strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(o.clientID, o.secret)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		return req, nil
	})
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", o.c.fail("token", resp, data)
	}
	var t tokenAnswer
	if err := json.Unmarshal(data, &t); err != nil || t.AccessToken == "" {
		return "", &HTTPError{Platform: o.c.platform, Call: "token", StatusCode: resp.StatusCode, Message: "the answer holds no access_token"}
	}
	o.c.secrets.Add(t.AccessToken, t.RefreshToken)
	o.access = t.AccessToken
	life := time.Duration(t.ExpiresIn) * time.Second
	if life <= 0 {
		life = 5 * time.Minute
	}
	o.expiry = time.Now().Add(life - min(time.Minute, life))
	if t.RefreshToken != "" && t.RefreshToken != o.refresh {
		o.refresh = t.RefreshToken
		if o.rotated != nil {
			o.rotated(t.RefreshToken)
		}
	}
	return o.access, nil
}

// bearerGET sends a GET with the access token, and once more with a new
// token when the platform answers 401. It answers the body of a 200.
func (o *oauth) bearerGET(ctx context.Context, call, u string, header http.Header) (*http.Response, []byte, error) {
	stale := ""
	for try := 0; ; try++ {
		tok, err := o.token(ctx, stale)
		if err != nil {
			return nil, nil, err
		}
		resp, data, err := o.c.exchange(ctx, call, func() (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				return nil, err
			}
			for k, v := range header {
				req.Header[k] = v
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			return req, nil
		})
		if err != nil {
			return nil, nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && try == 0 {
			stale = tok
			continue
		}
		return resp, data, nil
	}
}
