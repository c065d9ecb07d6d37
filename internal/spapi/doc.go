// Package spapi is the small client of Amazon's Selling Partner API
// (SP-API) that audit fetch uses to download a seller's reports, A-to-z
// claims, chargebacks and orders instead of asking the seller to download
// them from Seller Central.
//
// # The flow
//
// Every call first needs a Login with Amazon (LWA) access token. The client
// asks the LWA token endpoint (https://api.amazon.com/auth/o2/token) for one
// with the seller's refresh token (grant_type=refresh_token, a
// form-encoded POST carrying the app's client id and secret, as "Connecting
// to the Selling Partner API" documents), keeps it until it expires
// (expires_in, usually 3600 seconds) and sends it in the
// x-amz-access-token header. No AWS Signature Version 4 is needed: Amazon
// dropped that requirement in October 2023. A call that Amazon answers
// with 403 Unauthorized because the token has expired or is invalid gets a
// new token and is sent once more.
//
// Reports follow the Reports API 2021-06-30 (reports_2021-06-30.json):
// createReport answers a report id; getReport is polled until the report
// is DONE, CANCELLED (Amazon cancels a report with no data in its range) or
// FATAL; getReportDocument then answers a pre-signed S3 URL, valid for five
// minutes, and whether the document there is gzipped; the document itself
// is downloaded from S3 without any SP-API header. [Client.RunReport] does
// all of this; [Client.DownloadDocument] fetches the bytes.
//
// A-to-z guarantee claims and chargebacks come from the Finances API v0
// (financesV0.json), listFinancialEvents, paged with NextToken. Orders come
// from the Orders API 2026-01-01 (orders_2026-01-01.json), searchOrders,
// paged with pagination.nextToken sent back as paginationToken.
//
// # Limits and failures
//
// Each operation has its own token bucket with the rate and burst of the
// "Usage Plan" table in Amazon's model; when an answer carries
// x-amzn-RateLimit-Limit, the operation's rate becomes that. A 429
// (QuotaExceeded), a 5xx or a dropped connection is retried after a wait
// that doubles each time (Config.Backoff up to Config.MaxBackoff, or the
// server's Retry-After), at most Config.MaxAttempts times; any other error
// is returned at once as an [*APIError]. Every wait is told to
// Config.Notify, so a command line can show why it is waiting.
//
// The refresh token, the client secret and every access token seen are
// secrets: they are replaced by "[redacted]" in every error and [Event]
// this package produces ([Client.Redact]).
//
// # Sources
//
// The paths, parameters, JSON and usage plans follow Amazon's models in
// github.com/amzn/selling-partner-api-models:
// models/reports-api-model/reports_2021-06-30.json,
// models/finances-api-model/financesV0.json and
// models/orders-api-model/orders_2026-01-01.json; the token exchange
// follows "Connecting to the Selling Partner API" (Step 1, "Request a Login
// with Amazon access token") of Amazon's SP-API developer guide, and the
// download "Reports API v2021-06-30 use case guide", step 2, "Download the
// report".
//
// The package spapitest beside this one is a fake SP-API on loopback for
// tests, following the same documents.
package spapi
