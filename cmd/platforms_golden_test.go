package cmd

import "testing"

// The sample eBay account (testdata/ebay-seller) in every format: the
// files the end-to-end test (e2e_test.go) runs the binary against.
func TestEbayGolden(t *testing.T) {
	const dir = "testdata/ebay-seller"
	all := func(more ...string) []string {
		return append([]string{"all", "--as-of", "2025-06-05"}, append(more, dir)...)
	}
	checkGolden(t, []goldenCase{
		{name: "table", args: all(), wantCode: ExitOK, stdout: "ebay-table-piped.golden", stderr: "ebay-table-piped.stderr.golden"},
		{name: "json", args: all("-o", "json"), wantCode: ExitOK, stdout: "ebay-json.golden"},
		{name: "markdown", args: all("-o", "markdown"), wantCode: ExitOK, stdout: "ebay-markdown.golden"},
		{name: "csv", args: all("-o", "csv"), wantCode: ExitOK, stdout: "ebay-csv.golden"},
		{name: "junit", args: all("-o", "junit"), wantCode: ExitOK, stdout: "ebay-junit.golden"},
		{name: "html", args: all("-o", "html"), wantCode: ExitOK, stdout: "ebay-html.golden"},
		{name: "earlier as-of", args: []string{"all", "--as-of", "2025-05-25", dir}, wantCode: ExitOK,
			stdout: "ebay-table-earlier-piped.golden", stderr: "ebay-table-earlier-piped.stderr.golden"},
	})
}

// The multi-marketplace help desk (testdata/accounts/multi-helpdesk):
// one entry per platform and store, grouped, in every format.
func TestMultiHelpdeskGolden(t *testing.T) {
	const dir = "testdata/accounts/multi-helpdesk"
	service := func(more ...string) []string {
		return append([]string{"service", "--as-of", "2026-11-22", "--marketplace", "DE"}, append(more, dir)...)
	}
	checkGolden(t, []goldenCase{
		{name: "table", args: service(), wantCode: ExitFailed, stdout: "multi-service-table-piped.golden", stderr: "multi-service-table-piped.stderr.golden"},
		{name: "details", args: service("--details"), wantCode: ExitFailed, stdout: "multi-service-details-piped.golden"},
		{name: "json", args: service("-o", "json"), wantCode: ExitFailed, stdout: "multi-service-json.golden"},
		{name: "markdown", args: service("-o", "markdown"), wantCode: ExitFailed, stdout: "multi-service-markdown.golden"},
		{name: "csv", args: service("-o", "csv"), wantCode: ExitFailed, stdout: "multi-service-csv.golden"},
		{name: "junit", args: service("-o", "junit"), wantCode: ExitFailed, stdout: "multi-service-junit.golden"},
		{name: "html", args: service("-o", "html"), wantCode: ExitFailed, stdout: "multi-service-html.golden"},
	})
}
