// Package platformapi holds small clients for the account-health figures
// other marketplaces publish through their own APIs, for audit fetch
// (docs/fetch.md):
//
//   - eBay's Sell Analytics API v1 (seller standards profiles and the
//     customer service metrics), with an OAuth user token refreshed from
//     the seller's refresh token (EBay);
//   - Allegro's GET /sale/quality, with an OAuth user token refreshed from
//     the seller's refresh token, which Allegro replaces on each refresh
//     (Allegro);
//   - Kaufland's Seller API v2 order units, each request signed with the
//     seller's API keys (Kaufland).
//
// Every call answers the body the platform sent, byte for byte (Kaufland's
// pages are merged into one document): audit's readers decode them, this
// package does not. A failed call is an *HTTPError naming the platform,
// the call and the status. Throttling (429), server failures (5xx) and
// dropped connections are retried with a doubling back-off. Secrets (the
// client secret, the refresh tokens, the access tokens, Kaufland's secret
// key) never appear in an error.
//
// platformapitest fakes the three on loopback, checking each request
// against the platforms' documentation.
package platformapi
