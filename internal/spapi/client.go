package spapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sellerhealth/audit/internal/httpx"
	"golang.org/x/oauth2"
	"golang.org/x/time/rate"
)

// Operation names: Amazon's operationId of each call, plus "token" (the
// Login with Amazon token request) and "downloadDocument" (fetching a
// report document from its pre-signed URL). They name an [Event]'s
// operation and an [APIError]'s.
const (
	OpCreateReport        = "createReport"
	OpGetReport           = "getReport"
	OpGetReports          = "getReports"
	OpGetReportDocument   = "getReportDocument"
	OpDownloadDocument    = "downloadDocument"
	OpListFinancialEvents = "listFinancialEvents"
	OpSearchOrders        = "searchOrders"
	OpToken               = "token"
)

// Kinds of [Event].
const (
	// KindRateLimit: waiting for the operation's token bucket.
	KindRateLimit = "rate-limit"
	// KindThrottled: Amazon answered 429 QuotaExceeded; waiting to retry.
	KindThrottled = "throttled"
	// KindRetry: a 5xx or a dropped connection; waiting to retry.
	KindRetry = "retry"
	// KindPoll: the report is not done yet; waiting to ask again.
	KindPoll = "poll"
)

// DefaultTokenURL is Login with Amazon's token endpoint.
const DefaultTokenURL = "https://api.amazon.com/auth/o2/token"

// Defaults of [Config].
const (
	DefaultMaxAttempts = 8
	DefaultBackoff     = 2 * time.Second
	DefaultMaxBackoff  = 2 * time.Minute
)

// maxJSONBody bounds an answer read into memory, so that a hostile or
// broken server cannot exhaust it.
const maxJSONBody = 64 << 20

// rateLimitNotice is the shortest wait for a token bucket that is told to
// Config.Notify; shorter ones are routine.
const rateLimitNotice = time.Second

// usagePlans are the default rate (requests per second) and burst of each
// operation, from the "Usage Plan" table of its description in Amazon's
// models (reports_2021-06-30.json, financesV0.json, orders_2026-01-01.json).
var usagePlans = map[string]struct {
	rate  float64
	burst int
}{
	OpCreateReport:        {0.0167, 15},
	OpGetReport:           {2, 15},
	OpGetReports:          {0.0222, 10},
	OpGetReportDocument:   {0.0167, 15},
	OpListFinancialEvents: {0.5, 30},
	OpSearchOrders:        {0.0056, 20},
}

// regions are SP-API's production endpoints ("SP-API endpoints" in
// Amazon's documentation).
var regions = map[string]string{
	"na": "https://sellingpartnerapi-na.amazon.com",
	"eu": "https://sellingpartnerapi-eu.amazon.com",
	"fe": "https://sellingpartnerapi-fe.amazon.com",
}

// Credentials are what Login with Amazon needs: the app's client id and
// client secret (Seller Central, Develop Apps, "LWA credentials") and the
// refresh token the seller's authorisation of the app yielded. The secret
// and the refresh token never appear in an error or an [Event].
type Credentials struct {
	ClientID     string // amzn1.application-oa2-client....
	ClientSecret string // secret
	RefreshToken string // Atzr|..., secret
}

// Config configures a [Client]. Only Credentials and Region (or Endpoint)
// are required.
type Config struct {
	Credentials
	// Region is "na", "eu" or "fe": it picks
	// https://sellingpartnerapi-na.amazon.com and so on.
	Region string
	// Endpoint is a base URL that replaces the regional one: SP-API's
	// sandbox, or a test server. "" means the region's. It must be https,
	// except on a loopback address.
	Endpoint string
	// TokenURL is the LWA token endpoint; "" means DefaultTokenURL. It
	// must be https, except on a loopback address.
	TokenURL string
	// HTTP is the client the calls are sent with. nil means one with
	// dial, TLS handshake and response header timeouts, but no overall
	// timeout, since a report document can take long to download.
	// Redirects are never followed, whichever client is given, so that
	// the access token cannot be sent elsewhere.
	HTTP *http.Client
	// UserAgent is sent with every request; "" means
	// "audit/VERSION (Language=Go)", the form Amazon recommends.
	UserAgent string
	// MaxAttempts bounds the tries of one call when it is throttled
	// (429), fails on Amazon's side (5xx) or its connection drops;
	// 0 means DefaultMaxAttempts.
	MaxAttempts int
	// Backoff is the first wait after such a failure; it doubles at
	// each further failure of the same call, without jitter, up to
	// MaxBackoff. 0 means DefaultBackoff and DefaultMaxBackoff.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// Sleep waits d or until ctx is done. nil means a timer; tests pass
	// one that records the waits and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Notify, if set, is told of every wait (token bucket, throttling,
	// retry, polling) so that a command line can show progress. It may
	// be called from several goroutines at once when the Client is
	// shared.
	Notify func(Event)
}

// Event is a wait that a [Client] is about to make.
type Event struct {
	// Operation is the call waiting: "createReport", "getReport",
	// "getReportDocument", "downloadDocument", "getReports",
	// "listFinancialEvents", "searchOrders" or "token" (the Op
	// constants).
	Operation string
	// Kind is why: "rate-limit" (the token bucket), "throttled" (a 429),
	// "retry" (a 5xx or a dropped connection) or "poll" (the report is
	// not done yet): the Kind constants.
	Kind string
	// Wait is how long.
	Wait time.Duration
	// Err is the failure being retried, already redacted; nil for
	// "rate-limit" and "poll".
	Err error
	// Attempt is the number of the try that failed (for "throttled"
	// and "retry"), or of the poll (for "poll").
	Attempt int
	// Tag is the call's context's tag (WithTag), "" without one.
	Tag string
}

// Client calls SP-API for one seller. It is safe for concurrent use by
// several goroutines, which then share the operations' token buckets and
// the access token.
type Client struct {
	base        string       // endpoint, no trailing slash
	http        *http.Client // SP-API and LWA: no redirects
	download    *http.Client // documents: https redirects
	oauth       oauth2.Config
	userAgent   string
	maxAttempts int
	backoff     time.Duration
	maxBackoff  time.Duration
	sleep       func(context.Context, time.Duration) error
	notify      func(Event)
	limiters    map[string]*rate.Limiter // fixed at New; each limiter is safe for concurrent use

	// tokenSem lets one goroutine at a time ask LWA for a token; the
	// others wait for its result (or their context).
	tokenSem chan struct{}

	mu           sync.Mutex
	token        *oauth2.Token // the access token in use; nil before the first and after a 403
	refreshToken string

	// secrets are the client secret and the refresh and access tokens
	// seen, hidden in every error and Event (a lock of their own).
	secrets httpx.Redactor
}

// RegionEndpoint is the SP-API base URL of a region: "na", "eu" or "fe".
func RegionEndpoint(region string) (string, error) {
	if u, ok := regions[strings.ToLower(strings.TrimSpace(region))]; ok {
		return u, nil
	}
	return "", fmt.Errorf("unknown SP-API region %q: want na (North America), eu (Europe, Middle East, India) or fe (Far East)", region)
}

// New checks cfg and makes a Client: the credentials must all be given,
// and the region known unless Endpoint is set. It sends nothing.
func New(cfg Config) (*Client, error) {
	var missing []string
	if cfg.ClientID == "" {
		missing = append(missing, "client id")
	}
	if cfg.ClientSecret == "" {
		missing = append(missing, "client secret")
	}
	if cfg.RefreshToken == "" {
		missing = append(missing, "refresh token")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("SP-API credentials incomplete: no %s", strings.Join(missing, ", no "))
	}
	base := strings.TrimRight(cfg.Endpoint, "/")
	if base == "" {
		var err error
		if base, err = RegionEndpoint(cfg.Region); err != nil {
			return nil, err
		}
	}
	if err := httpx.CheckURL("SP-API endpoint", base); err != nil {
		return nil, err
	}
	tokenURL := cfg.TokenURL
	if tokenURL == "" {
		tokenURL = DefaultTokenURL
	}
	if err := httpx.CheckURL("Login with Amazon token URL", tokenURL); err != nil {
		return nil, err
	}
	if cfg.MaxAttempts < 0 || cfg.Backoff < 0 || cfg.MaxBackoff < 0 {
		return nil, errors.New("SP-API client: MaxAttempts, Backoff and MaxBackoff cannot be negative")
	}
	c := &Client{
		base: base,
		oauth: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			Endpoint:     oauth2.Endpoint{TokenURL: tokenURL, AuthStyle: oauth2.AuthStyleInParams},
		},
		userAgent:    cfg.UserAgent,
		maxAttempts:  cfg.MaxAttempts,
		backoff:      cfg.Backoff,
		maxBackoff:   cfg.MaxBackoff,
		sleep:        cfg.Sleep,
		notify:       cfg.Notify,
		limiters:     map[string]*rate.Limiter{},
		tokenSem:     make(chan struct{}, 1),
		refreshToken: cfg.RefreshToken,
	}
	if c.userAgent == "" {
		c.userAgent = httpx.UserAgent(" (Language=Go)")
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
	if c.maxBackoff < c.backoff {
		c.maxBackoff = c.backoff
	}
	if c.sleep == nil {
		c.sleep = httpx.Sleep
	}
	// httpx's transport, with a bounded pool of idle connections.
	tr := httpx.Transport()
	tr.ExpectContinueTimeout = time.Second
	tr.MaxIdleConns = 16
	hc := &http.Client{Transport: tr}
	if cfg.HTTP != nil {
		copied := *cfg.HTTP
		hc = &copied
	}
	// SP-API and LWA never redirect: following one would send the access
	// token, or the form with the secrets, wherever it points.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.http = hc
	// A document download carries no secret: it may follow S3's
	// redirects, to https only.
	dl := *hc
	dl.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		return httpx.CheckURL("redirect", (&url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host}).String())
	}
	c.download = &dl
	for op, p := range usagePlans {
		c.limiters[op] = rate.NewLimiter(rate.Limit(p.rate), p.burst)
	}
	c.secrets.Add(cfg.ClientSecret, cfg.RefreshToken)
	return c, nil
}

func (c *Client) emit(ctx context.Context, e Event) {
	if c.notify != nil {
		e.Tag, _ = ctx.Value(tagKey{}).(string)
		c.notify(e)
	}
}

type tagKey struct{}

// WithTag returns a context whose calls' Events carry tag (Event.Tag): what
// the caller does with them, such as the file a report is for, so that a
// progress line names it when several calls run at once.
func WithTag(ctx context.Context, tag string) context.Context {
	return context.WithValue(ctx, tagKey{}, tag)
}

// RateLimit is the rate (requests per second) and burst of an operation's
// token bucket now: Amazon's default until an answer's
// x-amzn-RateLimit-Limit says otherwise. ok is false for an operation
// without a bucket.
func (c *Client) RateLimit(op string) (perSecond float64, burst int, ok bool) {
	l := c.limiters[op]
	if l == nil {
		return 0, 0, false
	}
	return float64(l.Limit()), l.Burst(), true
}

// waitRate takes a token from op's bucket, waiting for one if need be.
func (c *Client) waitRate(ctx context.Context, op string) error {
	l := c.limiters[op]
	if l == nil {
		return nil
	}
	r := l.Reserve()
	if !r.OK() {
		return fmt.Errorf("%s: the rate limiter refuses every request (rate %v, burst %d)", op, l.Limit(), l.Burst())
	}
	d := r.Delay()
	if d <= 0 {
		return nil
	}
	if d >= rateLimitNotice {
		c.emit(ctx, Event{Operation: op, Kind: KindRateLimit, Wait: d})
	}
	if err := c.sleep(ctx, d); err != nil {
		r.Cancel()
		return err
	}
	return nil
}

// adoptRate sets op's rate to the answer's x-amzn-RateLimit-Limit, when it
// is a positive number; the burst stays.
func (c *Client) adoptRate(op string, h http.Header) {
	l := c.limiters[op]
	v := h.Get("x-amzn-RateLimit-Limit")
	if l == nil || v == "" {
		return
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return
	}
	if rate.Limit(f) != l.Limit() {
		l.SetLimit(rate.Limit(f))
	}
}

// retryable tells whether a failure to get an answer is a dropped
// connection or a timeout, worth another try: one httpx knows, or one
// known to be dropped though its error does not say so by its type.
func retryable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var te *transportError
	if errors.As(err, &te) && te.dropped {
		return true
	}
	return httpx.Retryable(err)
}

// request is one SP-API call.
type request struct {
	op     string
	method string
	path   string     // starts with "/", escaped
	query  url.Values // nil for none
	body   any        // JSON-encoded when not nil
	want   int        // the success status: 200, or 202 for createReport
}

// transportError is a failure to get an answer at all.
type transportError struct {
	op, method, where string
	err               error
	dropped           bool // known to be a dropped connection though err does not say so by its type
}

func (e *transportError) Error() string {
	return fmt.Sprintf("%s: %s %s: %v", e.op, e.method, e.where, e.err)
}

func (e *transportError) Unwrap() error { return e.err }

// do sends req, with the access token, the token bucket and the retries,
// and decodes a successful answer into out.
func (c *Client) do(ctx context.Context, req request, out any) error {
	var body []byte
	if req.body != nil {
		var err error
		if body, err = json.Marshal(req.body); err != nil {
			return fmt.Errorf("%s: encoding the request: %w", req.op, err)
		}
	}
	refreshed := false
	for attempt := 1; ; attempt++ {
		if err := c.waitRate(ctx, req.op); err != nil {
			return err
		}
		tok, err := c.accessToken(ctx)
		if err != nil {
			return err
		}
		resp, data, err := c.send(ctx, req, body, tok)
		if err == nil {
			c.adoptRate(req.op, resp.Header)
			if resp.StatusCode == req.want {
				if out == nil {
					return nil
				}
				if err := json.Unmarshal(data, out); err != nil {
					return c.redactErr(fmt.Errorf("%s: Amazon's answer is not the expected JSON: %w (request id %s)", req.op, err, resp.Header.Get("x-amzn-RequestId")))
				}
				return nil
			}
			apiErr := c.apiError(req.op, resp, data)
			if resp.StatusCode == http.StatusForbidden && !refreshed && tokenRejected(apiErr) {
				// The token expired early or was revoked: get another
				// and send the call once more, without counting a try.
				refreshed = true
				c.dropToken(tok)
				attempt--
				continue
			}
			err = apiErr
		}
		kind, wait, err := c.judge(ctx, attempt, resp, err)
		if kind == "" {
			return err
		}
		c.emit(ctx, Event{Operation: req.op, Kind: kind, Wait: wait, Err: err, Attempt: attempt})
		if err := c.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// judge decides what to do after the attempt-th try failed with err (and
// resp, when there was an answer): retry after wait (kind is "throttled"
// or "retry"), or give up (kind is "" and err the error to return).
func (c *Client) judge(ctx context.Context, attempt int, resp *http.Response, err error) (kind string, wait time.Duration, _ error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return "", 0, ctxErr
	}
	switch {
	case resp != nil && resp.StatusCode == http.StatusTooManyRequests:
		kind = KindThrottled
	case resp != nil && resp.StatusCode >= 500:
		kind = KindRetry
	case resp == nil && retryable(err):
		kind = KindRetry
	default:
		return "", 0, err
	}
	if attempt >= c.maxAttempts {
		return "", 0, fmt.Errorf("%w (gave up after %d attempts)", err, attempt)
	}
	wait = httpx.Backoff(c.backoff, c.maxBackoff, attempt)
	if resp != nil {
		if ra := httpx.RetryAfter(resp.Header, c.maxBackoff); ra > 0 {
			wait = ra
		}
	}
	return kind, wait, err
}

// send makes one HTTP exchange of req and reads the answer (at most
// maxJSONBody bytes). A nil error means an answer, whatever its status.
func (c *Client) send(ctx context.Context, req request, body []byte, token string) (*http.Response, []byte, error) {
	u := c.base + req.path
	if len(req.query) > 0 {
		u += "?" + req.query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.method, u, rd)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", req.op, err)
	}
	hr.Header.Set("x-amz-access-token", token)
	hr.Header.Set("User-Agent", c.userAgent)
	hr.Header.Set("Accept", "application/json")
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(hr)
	if err != nil {
		return nil, nil, c.redactErr(&transportError{op: req.op, method: req.method, where: req.path, err: httpx.UnwrapURLError(err)})
	}
	defer resp.Body.Close()
	data, err := readBounded(resp.Body, maxJSONBody)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return resp, nil, fmt.Errorf("%s: Amazon's answer is larger than %d MiB; refused", req.op, maxJSONBody>>20)
		}
		return nil, nil, c.redactErr(&transportError{op: req.op, method: req.method, where: req.path, err: err})
	}
	return resp, data, nil
}

var errTooLarge = errors.New("answer too large")

// readBounded reads r to its end, refusing more than limit bytes.
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// apiError makes the error of an answer that is not the success: Amazon's
// error list, or the start of whatever the body is.
func (c *Client) apiError(op string, resp *http.Response, data []byte) *APIError {
	e := &APIError{Operation: op, StatusCode: resp.StatusCode, RequestID: resp.Header.Get("x-amzn-RequestId")}
	var list ErrorList
	if err := json.Unmarshal(data, &list); err == nil && len(list.Errors) > 0 {
		e.Errors = list.Errors
	} else if text := strings.TrimSpace(string(data)); text != "" {
		e.Errors = []Error{{Message: httpx.Clip(text, 300)}}
	}
	for i := range e.Errors {
		e.Errors[i].Code = c.Redact(e.Errors[i].Code)
		e.Errors[i].Message = c.Redact(e.Errors[i].Message)
		e.Errors[i].Details = c.Redact(e.Errors[i].Details)
	}
	e.RequestID = c.Redact(e.RequestID)
	return e
}

// tokenRejected tells whether a 403 says the access token expired or is
// invalid (as opposed to the app lacking a role), so that a new token may
// help.
func tokenRejected(e *APIError) bool {
	for _, x := range e.Errors {
		if !strings.EqualFold(x.Code, "Unauthorized") {
			continue
		}
		text := strings.ToLower(x.Message + " " + x.Details)
		if strings.Contains(text, "access token") &&
			(strings.Contains(text, "expired") || strings.Contains(text, "invalid") ||
				strings.Contains(text, "revoked") || strings.Contains(text, "malformed")) {
			return true
		}
	}
	return false
}
