package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// starterConfig is what `audit config init` writes: every key, commented,
// with its default. docs/configuration.md documents the same keys.
const starterConfig = `# audit configuration (YAML). Precedence: flags > AUDIT_* environment
# variables > this file > the built-in profile. Every key is optional;
# unknown keys are errors. See docs/configuration.md.

# Threshold profile: amazon-us, amazon-ca, amazon-uk, amazon-eu, amazon-jp,
# amazon-other, ebay, walmart, etsy, kaufland, zalando. Default: the one of
# the marketplace (from --marketplace or the reports).
# profile: amazon-eu

# Store code when the reports do not make it clear (US, UK, DE, JP, ...).
# marketplace: DE

# Exit 1 when an entry has this status: fail, warn (warn, incomplete or
# fail), incomplete, no-data, several separated by commas, or never.
# fail_on: fail

# Output format (table, json, csv, markdown, junit or html; audit trend
# takes table, json or csv, and audit sources, reconcile, thresholds and
# fetch table or json) and colour (auto, always or never).
# output: table
# color: auto

# Text encoding of the reports: auto, utf-8, windows-1252, iso-8859-1, shift_jis.
# encoding: auto

# Your own header names: kind.column=Header.
# columns:
#   - orders.purchase-date=Kaufdatum

# -o html: the page's title, the client's or store's name (default: the
# name of the account's folder).
# html:
#   title: Acme Outdoor GmbH

# ODR: count denied A-to-z claims too (the stricter reading).
# odr:
#   count_denied_claims: false

# Removable feedback (audit feedback): how long after a feedback Amazon
# accepts a removal request, how long after an order feedback can still
# come, and words that make a comment a product review or obscene (any
# language, matched as whole words; none by default).
# feedback:
#   removal_days: 90
#   period_days: 90
#   product_review_words: [quality, broke after, qualität]
#   obscene_words: []

# Buyer messages of several marketplaces (docs/metrics.md, "Customer
# service across marketplaces"): your own days off, which do not count
# towards a deadline in working days (Kaufland, Allegro); the messages a
# thread may hold (Kaufland counts them); and any platform's response rule:
# deadline_hours, working_days, seller_days_off, period (days or week).
# service:
#   days_off: [2026-12-24, 2026-12-31]
#   thread_limit: 5
#   kaufland: {deadline_hours: 48, working_days: true, period: week}

# audit fetch (docs/fetch.md): the stores to fetch through Amazon's Selling
# Partner API. Keep the secrets in the environment (AUDIT_SPAPI_CLIENT_ID,
# AUDIT_SPAPI_CLIENT_SECRET, AUDIT_SPAPI_REFRESH_TOKEN), not in this file.
# An agency lists its accounts, each with the variables holding its secrets.
# spapi:
#   marketplaces: [US, CA]
#   poll_seconds: 30
#   timeout: 45m
#   accounts:
#     - name: acme
#       marketplaces: [US]
#       refresh_token_env: ACME_SPAPI_REFRESH_TOKEN
#       kaufland_client_key_env: ACME_KAUFLAND_CLIENT_KEY
#       kaufland_secret_key_env: ACME_KAUFLAND_SECRET_KEY
#     - name: kowalski                  # Allegro alone: no SP-API fields
#       allegro_refresh_token_env: KOWALSKI_ALLEGRO_REFRESH_TOKEN
#       allegro_refresh_token_file: tokens/kowalski-allegro

# audit fetch also asks eBay, Allegro and Kaufland when their credentials
# are set (AUDIT_EBAY_CLIENT_ID, ..._CLIENT_SECRET, ..._REFRESH_TOKEN; the
# same for AUDIT_ALLEGRO_; AUDIT_KAUFLAND_CLIENT_KEY, ..._SECRET_KEY).
# ebay:
#   marketplaces: [EBAY_US]
# allegro:
#   refresh_token_file: /path/to/allegro-token   # audit saves each new token here
# kaufland:
#   storefronts: [de]
#   days: 90

# Thresholds over the profile's, per metric: fail, warn (fractions: 0.01 is
# 1 %; the customer_service_rating's are scores of 1 to 10), advisory (a
# miss only warns), window_days, lag_days. Metrics: odr, late_shipment_rate,
# prefulfillment_cancel_rate, valid_tracking_rate, on_time_delivery_rate,
# invoice_defect_rate, contact_response_rate, return_dissatisfaction_rate,
# customer_service_rating, customer_service_dissatisfaction_rate.
# thresholds:
#   odr: {fail: 0.008, warn: 0.005}
#   late_shipment_rate: {fail: 0.03}
`

func newConfigCmd(env *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "config",
		Short: "Work with the config file",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	force := false
	initCmd := &cobra.Command{
		Use:   "init [PATH]",
		Short: "Write a commented starter config file (default ./audit.yaml)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			path := "audit.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if err := writeStarter(path, force); err != nil {
				return err
			}
			fmt.Fprintf(env.IO.ErrOut, "wrote %s\n", path)
			return nil
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	c.AddCommand(initCmd)
	return c
}

// writeStarter writes the starter config to path. It never writes through
// a symbolic link: one there, even to nothing, is refused unless force,
// which replaces the link itself with the file. A folder or a device is
// refused, force or not; an existing file is replaced only with force
// (keeping its permissions). The file is written whole or not at all.
func writeStarter(path string, force bool) error {
	st, err := os.Lstat(path)
	var old fs.FileInfo
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case st.IsDir():
		return usagef("%s is a folder; name the file to write, e.g. audit config init %s", path, filepath.Join(path, "audit.yaml"))
	case st.Mode()&fs.ModeSymlink != 0:
		if !force {
			to, _ := os.Readlink(path)
			return usagef("%s is a symbolic link to %s, which audit config init does not write through; --force replaces the link itself with the file", path, to)
		}
	case !st.Mode().IsRegular():
		return usagef("%s is not a regular file", path)
	case !force:
		return usagef("%s already exists; --force overwrites it", path)
	default:
		old = st
	}
	return replaceFile("", path, old, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, starterConfig)
		return err
	})
}
