package spapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/sellerhealth/audit/internal/httpx"
	"golang.org/x/oauth2"
)

// Redacted replaces a secret in errors and events.
const Redacted = httpx.Redacted

// accessToken answers the access token to send: the one in use while it is
// valid (golang.org/x/oauth2 counts a token as expired ten seconds before
// its expires_in runs out), else a new one from Login with Amazon. One
// goroutine at a time asks LWA; the others wait for its token.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	if tok := c.validToken(); tok != "" {
		return tok, nil
	}
	select {
	case c.tokenSem <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-c.tokenSem }()
	if tok := c.validToken(); tok != "" { // another goroutine got one meanwhile
		return tok, nil
	}
	tok, err := c.fetchToken(ctx)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.token = tok
	if tok.RefreshToken != "" && tok.RefreshToken != c.refreshToken {
		c.refreshToken = tok.RefreshToken // LWA may rotate it
	}
	c.mu.Unlock()
	c.secrets.Add(tok.AccessToken, tok.RefreshToken)
	return tok.AccessToken, nil
}

func (c *Client) validToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != nil && c.token.Valid() {
		return c.token.AccessToken
	}
	return ""
}

// dropToken forgets the access token that Amazon refused, unless another
// goroutine has already replaced it.
func (c *Client) dropToken(access string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != nil && c.token.AccessToken == access {
		c.token = nil
	}
}

// fetchToken asks Login with Amazon for an access token
// (grant_type=refresh_token, client id and secret in the form body),
// retrying throttling, server failures and dropped connections as SP-API
// calls are.
func (c *Client) fetchToken(ctx context.Context) (*oauth2.Token, error) {
	hctx := context.WithValue(ctx, oauth2.HTTPClient, c.http)
	for attempt := 1; ; attempt++ {
		c.mu.Lock()
		refresh := c.refreshToken
		c.mu.Unlock()
		tok, err := c.oauth.TokenSource(hctx, &oauth2.Token{RefreshToken: refresh}).Token()
		if err == nil {
			if tok.AccessToken == "" {
				return nil, errors.New("token: Login with Amazon answered no access token")
			}
			return tok, nil
		}
		var resp *http.Response
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			resp = re.Response
			if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500) {
				return nil, c.loginError(re)
			}
			err = c.loginError(re)
		} else {
			// golang.org/x/oauth2 formats a failed read of the token
			// answer with %v, losing the error's type: its text tells.
			text := err.Error()
			dropped := strings.HasSuffix(text, "unexpected EOF") || strings.HasSuffix(text, ": EOF") ||
				strings.Contains(text, "connection reset by peer")
			err = c.redactErr(&transportError{op: OpToken, method: http.MethodPost, where: c.oauth.Endpoint.TokenURL, err: httpx.UnwrapURLError(err), dropped: dropped})
		}
		kind, wait, err := c.judge(ctx, attempt, resp, err)
		if kind == "" {
			return nil, err
		}
		c.emit(ctx, Event{Operation: OpToken, Kind: kind, Wait: wait, Err: err, Attempt: attempt})
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// LoginError is Login with Amazon's refusal to issue an access token,
// such as invalid_grant (the refresh token is wrong, revoked or of
// another app) or invalid_client (the client id or secret is wrong).
type LoginError struct {
	StatusCode  int    // the HTTP status of LWA's answer
	Code        string // OAuth's "error": invalid_grant, invalid_client, ...
	Description string // OAuth's "error_description", redacted
}

// Error says what LWA refused and why, like "Login with Amazon refused the
// refresh token: invalid_grant: ...".
func (e *LoginError) Error() string {
	what := "the token request"
	switch e.Code {
	case "invalid_grant":
		what = "the refresh token"
	case "invalid_client", "unauthorized_client":
		what = "the client id or client secret"
	}
	s := fmt.Sprintf("Login with Amazon refused %s: ", what)
	if e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500 {
		s = fmt.Sprintf("Login with Amazon failed: %d %s", e.StatusCode, http.StatusText(e.StatusCode))
		if e.Code != "" {
			s += ": " + e.Code
		}
	} else if e.Code != "" {
		s += e.Code
	} else {
		s += fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	}
	if e.Description != "" {
		s += ": " + e.Description
	}
	return s
}

func (c *Client) loginError(re *oauth2.RetrieveError) *LoginError {
	e := &LoginError{Code: c.Redact(re.ErrorCode), Description: c.Redact(re.ErrorDescription)}
	if re.Response != nil {
		e.StatusCode = re.Response.StatusCode
	}
	if e.Code == "" && e.Description == "" {
		e.Description = httpx.Clip(c.Redact(strings.TrimSpace(string(re.Body))), 300)
	}
	return e
}

// Redact replaces in s the refresh token, the client secret and every
// access token this Client was issued so far (also in their URL-escaped
// forms) with "[redacted]". Every error and Event of this package has been
// through it already; it is exported for text the caller builds itself.
func (c *Client) Redact(s string) string {
	return c.secrets.Redact(s)
}

// redactErr returns err, or when its text holds a secret, an error of the
// redacted text that still answers errors.Is for err's chain.
func (c *Client) redactErr(err error) error {
	if err == nil {
		return nil
	}
	s := err.Error()
	r := c.Redact(s)
	if r == s {
		return err
	}
	return &redactedError{text: r, cause: err}
}

// redactedError hides its cause's text; errors.Is still sees the cause
// (context.Canceled, io.ErrUnexpectedEOF, ...), but errors.Unwrap and
// errors.As do not, since the cause's own text holds a secret.
type redactedError struct {
	text  string
	cause error
}

func (e *redactedError) Error() string { return e.text }

func (e *redactedError) Is(target error) bool {
	return target != nil && errors.Is(e.cause, target)
}
