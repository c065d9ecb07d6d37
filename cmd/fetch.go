package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/config"
	"github.com/sellerhealth/audit/internal/fetch"
	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/safetext"
	"github.com/sellerhealth/audit/internal/spapi"
)

// fetchOptions are audit fetch's flags; the audit's own (--as-of,
// --profile, --config, -o) come through auditOptions, so the plan follows
// the same settings as the audit it prepares.
type fetchOptions struct {
	audit *auditOptions
	// Store is --marketplace (or the marketplace key): one store, or
	// several separated by commas; spapi.marketplaces lists them too.
	Store    string
	Stores   []string
	Since    string
	To       string
	Reports  []string
	DryRun   bool
	Accounts string
	Jobs     int
	Timeout  string
	Dir      string
}

func newFetchCmd(env *Env) *cobra.Command {
	ao := &auditOptions{IO: env.IO, Now: env.Now, Command: "fetch", env: env, Output: "table", FailOn: "fail", Color: "auto"}
	o := &fetchOptions{audit: ao}
	c := &cobra.Command{
		Use:   "fetch [flags] DIR",
		Short: "Download the reports the audit reads through Amazon's Selling Partner API",
		Long: `Download, for one seller account, every report the audit commands read, for
the dates they need on the audit date (--as-of, default today), through
Amazon's Selling Partner API (SP-API), into DIR, as files audit reads. Then
audit DIR as usual: the audit itself stays offline.

Run again, it asks only for what is missing or may have changed since: DIR
keeps a manifest, .audit-fetch.json. Files are written under a temporary
name and renamed, so a stopped run leaves no half-written file, and the next
run resumes. --since and --to fetch history instead.

Credentials come from AUDIT_SPAPI_CLIENT_ID, AUDIT_SPAPI_CLIENT_SECRET and
AUDIT_SPAPI_REFRESH_TOKEN (or the spapi.* config keys); they are never
printed. eBay's seller standards and customer service metrics, Allegro's
sales quality and Kaufland's order units are fetched too when their
credentials are set (AUDIT_EBAY_*, AUDIT_ALLEGRO_*, AUDIT_KAUFLAND_*), with
or without SP-API's. With --accounts DIR, every account of the config's spapi.accounts
is fetched into DIR/NAME, in parallel, its SP-API stores and the platforms its
entry names, and one that fails does not stop the others. docs/fetch.md walks through registering an SP-API application.

Exit codes: 0 everything fetched, 2 a usage error or a file that could not
be fetched (the others are kept).`,
		Example: `  audit fetch --marketplace US ~/audit/acme && audit all ~/audit/acme
  audit fetch --marketplace DE,FR,IT --dry-run ~/audit/kowalski
  audit fetch --since 2026-01-01 --to 2026-06-30 --reports orders,feedback acme/
  audit fetch --accounts clients/ -o json | jq '.accounts[] | select(.error)'`,
		Args: func(c *cobra.Command, args []string) error {
			if o.Accounts != "" {
				if len(args) > 0 {
					return usagef("give DIR or --accounts DIR, not both")
				}
				return nil
			}
			if len(args) != 1 {
				return usagef("audit fetch takes one DIR (the account's folder), got %d", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			ao.cmd = c
			if len(args) == 1 {
				o.Dir = args[0]
			}
			return runFetch(o)
		},
	}
	f, b := c.Flags(), &ao.bound
	f.StringVar(&ao.AsOf, "as-of", "", "fetch what the audit needs on this date YYYY-MM-DD (default today, UTC)")
	addFlagAndBind(c, b, f.StringVarP, marketplaceFlag, &o.Store, "")
	addFlagAndBind(c, b, f.StringVarP, profileFlag, &ao.Profile, "")
	addFlagAndBind(c, b, f.StringVarP, outputFlag, &ao.Output, "table")
	addFlagAndBind(c, b, f.StringVarP, colorFlag, &ao.Color, "auto")
	f.StringVar(&ao.ConfigPath, "config", "", "config file (default ./audit.yaml, else $XDG_CONFIG_HOME/audit/config.yaml)")
	f.StringVar(&o.Since, "since", "", "fetch history from this date YYYY-MM-DD instead (with --to)")
	f.StringVar(&o.To, "to", "", "last day of the history --since fetches (default today)")
	f.StringSliceVar(&o.Reports, "reports", nil, "fetch only these: "+strings.Join(reportNames(), ", "))
	f.BoolVar(&o.DryRun, "dry-run", false, "say what would be fetched, and why, without asking Amazon")
	f.StringVar(&o.Accounts, "accounts", "", "fetch every account of the config's spapi.accounts into this folder, each into its own subfolder")
	f.IntVar(&o.Jobs, "jobs", 4, "requests (with --accounts: accounts) at once; each stays within Amazon's rate limits")
	f.StringVar(&o.Timeout, "timeout", "", "the longest wait for one report, as 45m or 1h30m (config spapi.timeout; default 45m)")
	registerCompletions(c)
	_ = c.RegisterFlagCompletionFunc("reports", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return reportNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}

// fetchPlan is what runFetch resolved from the flags, config and
// environment, for every account.
type fetchPlan struct {
	opts     fetch.Options // without Dir, Client and Stores
	endpoint string
	tokenURL string
	creds    spapi.Credentials
	timeout  time.Duration
	lookup   func(string) (string, bool)
	accounts []config.Account
	warnings []string
	// platforms are the other platforms' sources (eBay, Allegro,
	// Kaufland): those whose credentials are set.
	platforms *platformPlan
	// shared is, with --accounts, what every account's platforms share;
	// each account's own plan is made from it (platformShared.plan).
	shared *platformShared
	// spapi is whether SP-API is asked: its credentials are set, or
	// --reports names an SP-API kind, or no platform is configured.
	spapi bool
}

// runFetch is the whole of audit fetch once its flags are parsed.
func runFetch(o *fetchOptions) error {
	ao := o.audit
	if ao.Output != "table" && ao.Output != "json" && !ao.cmd.Flags().Changed("output") {
		ao.Output = "table"
	}
	s, err := ao.settings()
	if err != nil {
		return err
	}
	if ao.Output != "table" && ao.Output != "json" {
		return usagef("--output: audit fetch writes table or json, not %q", ao.Output)
	}
	p, err := o.resolve(ao.layers)
	if err != nil {
		return err
	}
	p.opts.Settings = s
	for _, w := range p.warnings {
		printWarning(ao.IO, w)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if o.Accounts != "" {
		return o.runAccounts(ctx, p)
	}
	var stores []market.Marketplace
	if p.spapi {
		if stores, err = storesOf(o.Stores, "--marketplace"); err != nil {
			return err
		}
	}
	progress := ao.IO.StartProgress("fetching", 0)
	note := newProgressNote(progress, false)
	var res *fetch.Result
	if p.spapi {
		res, err = fetchAccount(ctx, p, o.Dir, stores, p.creds, "", note)
	}
	res, err = fetchPlatformsAfter(ctx, p, p.platforms, o.Dir, "", res, err, note)
	progress.Stop()
	if w := p.platforms.rotationWarning(); w != "" {
		printWarning(ao.IO, w)
	}
	if res != nil {
		if werr := o.write(ao.IO.Out, res); werr != nil {
			return werr
		}
	}
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: what was fetched is kept, and the next audit fetch resumes from there")
	}
	return err
}

// resolve reads what every account shares: dates, sources, endpoints, the
// default credentials and the accounts list.
func (o *fetchOptions) resolve(l *layers) (*fetchPlan, error) {
	p := &fetchPlan{lookup: o.audit.env.LookupEnv}
	if p.lookup == nil {
		p.lookup = os.LookupEnv
	}
	p.opts.Now = o.audit.Now
	p.opts.DryRun = o.DryRun
	if o.Jobs < 1 {
		return nil, usagef("--jobs must be at least 1, got %d", o.Jobs)
	}
	p.opts.Jobs = o.Jobs
	if o.To != "" && o.Since == "" {
		return nil, usagef("--to needs --since")
	}
	if o.Since != "" {
		since, err := civil.ParseISODate(o.Since)
		if err != nil {
			return nil, usagef("--since: %v", err)
		}
		to := civil.DateOf(o.audit.Now().UTC())
		if o.To != "" {
			if to, err = civil.ParseISODate(o.To); err != nil {
				return nil, usagef("--to: %v", err)
			}
		}
		if since > to {
			return nil, usagef("--since %s is after --to %s", since, to)
		}
		p.opts.Since, p.opts.To = since, to
	}
	var only []string
	for _, r := range o.Reports {
		r = strings.ToLower(strings.TrimSpace(r))
		if !slices.Contains(reportNames(), r) {
			return nil, usagef("--reports: unknown %q (known: %s)", r, strings.Join(reportNames(), ", "))
		}
		only = append(only, r)
		if !slices.Contains(fetch.PlatformNames(), r) {
			p.opts.Only = append(p.opts.Only, r)
		}
	}
	timeout := "45m"
	configValue(l, "spapi.timeout", &timeout)
	if o.Timeout != "" {
		timeout = o.Timeout
	}
	d, err := time.ParseDuration(timeout)
	if err != nil || d <= 0 {
		return nil, usagef("--timeout: want a duration like 45m or 1h30m, got %q", timeout)
	}
	p.opts.Poll.Timeout = d
	poll := 30
	configValue(l, "spapi.poll_seconds", &poll)
	if poll < 1 {
		return nil, usagef("spapi.poll_seconds must be at least 1, got %d", poll)
	}
	p.opts.Poll.Interval = time.Duration(poll) * time.Second
	configValue(l, "spapi.endpoint", &p.endpoint)
	configValue(l, "spapi.token_url", &p.tokenURL)
	configValue(l, "spapi.client_id", &p.creds.ClientID)
	configValue(l, "spapi.client_secret", &p.creds.ClientSecret)
	configValue(l, "spapi.refresh_token", &p.creds.RefreshToken)
	configValue(l, "spapi.accounts", &p.accounts)
	// --marketplace, else spapi.marketplaces, else the marketplace key.
	if _, ok := l.cfg.Get("spapi.marketplaces"); ok && !o.audit.cmd.Flags().Changed("marketplace") {
		configValue(l, "spapi.marketplaces", &o.Stores)
	} else if o.Store != "" {
		o.Stores = []string{o.Store}
	}
	p.warnings = secretFileWarnings(l)
	var err2 error
	if o.Accounts != "" {
		// Each account names its own platforms' secrets (fetchOne).
		p.platforms = &platformPlan{}
		if p.shared, err2 = resolveShared(l, only, p.accounts); err2 != nil {
			return nil, err2
		}
		p.warnings = append(p.warnings, platformSecretWarnings(l)...)
	} else {
		if p.platforms, err2 = resolvePlatforms(l, only); err2 != nil {
			return nil, err2
		}
		p.warnings = append(p.warnings, p.platforms.warnings...)
	}
	spConfigured := p.creds.ClientID != "" || p.creds.ClientSecret != "" || p.creds.RefreshToken != ""
	if only != nil {
		p.spapi = len(p.opts.Only) > 0
	} else {
		p.spapi = spConfigured || !p.platforms.configured() || o.Accounts != ""
	}
	return p, nil
}

// reportNames are --reports' names: SP-API's kinds, then the platforms.
func reportNames() []string { return append(fetch.Names(), fetch.PlatformNames()...) }

// secretFileWarnings: a config file that holds a secret and that others
// can read gets a warning (the secret itself is never shown).
func secretFileWarnings(l *layers) []string {
	return readableSecrets(l, []string{"spapi.client_secret", "spapi.refresh_token"}, "AUDIT_SPAPI_*")
}

// readableSecrets is the warning that the config file holds any of keys
// and others can read it, naming the environment variables (env) that
// would keep them instead; none when it does not.
func readableSecrets(l *layers, keys []string, env string) []string {
	if l.cfg.File == "" {
		return nil
	}
	var held []string
	for _, k := range keys {
		if v, ok := l.cfg.Get(k); ok && v.Origin.Layer == "file" {
			held = append(held, k)
		}
	}
	if len(held) == 0 {
		return nil
	}
	st, err := os.Stat(l.cfg.File)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return []string{fmt.Sprintf("config file %s holds %s and others can read it (mode %04o): chmod 600 it, or keep the secrets in %s environment variables",
		l.cfg.File, strings.Join(held, " and "), st.Mode().Perm(), env)}
}

// storesOf reads store codes (a code, a sales channel or a marketplace
// id each; commas allowed).
func storesOf(values []string, what string) ([]market.Marketplace, error) {
	var out []market.Marketplace
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			m, ok := market.Resolve(part)
			if !ok {
				return nil, usagef("%s: unknown store %q (known: %s)", what, part, strings.Join(market.Codes(), ", "))
			}
			if !containsStore(out, m) {
				out = append(out, m)
			}
		}
	}
	if len(out) == 0 {
		return nil, usagef("%s: name the stores to fetch (US, DE, ...; several: --marketplace DE,FR), or set spapi.marketplaces", what)
	}
	return out, nil
}

func containsStore(ms []market.Marketplace, m market.Marketplace) bool {
	return slices.ContainsFunc(ms, func(x market.Marketplace) bool { return x.Code == m.Code })
}

// fetchAccount fetches one account into dir. name is the account's name
// with --accounts ("" alone), for the progress line.
func fetchAccount(ctx context.Context, p *fetchPlan, dir string, stores []market.Marketplace, creds spapi.Credentials, name string, progress *progressNote) (*fetch.Result, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, &usageError{fmt.Errorf("%s: not a folder", dir)}
	}
	if !p.opts.DryRun {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("%s: %v", dir, err)
		}
	}
	o := p.opts
	o.Dir, o.Stores = dir, stores
	if !o.DryRun {
		var missing []string
		for _, c := range []struct{ v, env string }{{creds.ClientID, "AUDIT_SPAPI_CLIENT_ID"}, {creds.ClientSecret, "AUDIT_SPAPI_CLIENT_SECRET"}, {creds.RefreshToken, "AUDIT_SPAPI_REFRESH_TOKEN"}} {
			if c.v == "" {
				missing = append(missing, c.env)
			}
		}
		if len(missing) > 0 {
			return nil, &usageError{fmt.Errorf("no SP-API credentials: set %s (docs/fetch.md)", strings.Join(missing, ", "))}
		}
		client, err := spapi.New(spapi.Config{Credentials: creds, Region: stores[0].Region(), Endpoint: p.endpoint, TokenURL: p.tokenURL,
			UserAgent: "audit (Language=Go)", Notify: progress.event(name)})
		if err != nil {
			return nil, &usageError{err}
		}
		o.Client = client
	}
	o.Progress = progress.step(name)
	return fetch.Run(ctx, o)
}

// fetchDoc is audit fetch's JSON document (docs/json.md, "audit fetch";
// docs/schema/fetch.schema.json): one account's files, or with --accounts
// each account's.
type fetchDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Command       string `json:"command"`
	*fetch.Result
	Accounts []accountResult `json:"accounts,omitempty"`
}

// write shows an account's result.
func (o *fetchOptions) write(w io.Writer, res *fetch.Result) error {
	if o.audit.Output == "json" {
		return writeJSON(w, fetchDoc{SchemaVersion: 1, Command: "fetch", Result: res})
	}
	return fetchTable(w, res)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// accountResult is one account of --accounts, for -o json: its result, or
// the error that stopped it before any file.
type accountResult struct {
	Name  string `json:"name"`
	Error string `json:"error,omitempty"`
	*fetch.Result
	dir     string
	warning string // Allegro's token that could not be kept
}

// runAccounts fetches every account of spapi.accounts into its folder,
// --jobs at a time. One that fails does not stop the others; the exit code
// is 2 when any failed, once all are done.
func (o *fetchOptions) runAccounts(ctx context.Context, p *fetchPlan) error {
	if len(p.accounts) == 0 {
		return usagef("--accounts: the config lists no accounts: add spapi.accounts (docs/fetch.md)")
	}
	if o.audit.cmd.Flags().Changed("marketplace") {
		return usagef("--marketplace does not go with --accounts: each account lists its own stores")
	}
	results := make([]accountResult, len(p.accounts))
	progress := o.audit.IO.StartProgress("fetching accounts", len(p.accounts))
	note := newProgressNote(progress, true)
	var wg sync.WaitGroup
	sem := make(chan struct{}, o.Jobs)
	var mu sync.Mutex
	done := 0
	for i, a := range p.accounts {
		results[i] = accountResult{Name: a.Name, dir: filepath.Join(o.Accounts, a.Name)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			res, warning, err := o.fetchOne(ctx, p, a, results[i].dir, note)
			results[i].Result, results[i].warning = res, warning
			if err != nil {
				results[i].Error = err.Error()
			}
			mu.Lock()
			done++
			progress.Set(done)
			mu.Unlock()
		}()
	}
	wg.Wait()
	progress.Stop()
	for _, r := range results {
		if r.warning != "" {
			printWarning(o.audit.IO, r.warning)
		}
	}
	var failed []string
	for _, r := range results {
		if r.Error != "" {
			failed = append(failed, r.Name)
		}
	}
	if o.audit.Output == "json" {
		if err := writeJSON(o.audit.IO.Out, fetchDoc{SchemaVersion: 1, Command: "fetch", Accounts: results}); err != nil {
			return err
		}
	} else {
		for i, r := range results {
			if i > 0 {
				fmt.Fprintln(o.audit.IO.Out)
			}
			fmt.Fprintf(o.audit.IO.Out, "== %s (%s)\n", r.Name, r.dir)
			if r.Result != nil {
				if err := fetchTable(o.audit.IO.Out, r.Result); err != nil {
					return err
				}
			}
			if r.Error != "" {
				fmt.Fprintf(o.audit.IO.Out, "error: %s\n", r.Error)
			}
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d accounts could not be fetched completely: %s", len(failed), len(results), strings.Join(failed, ", "))
	}
	return nil
}

// fetchOne fetches one account of --accounts with its own credentials:
// SP-API when its entry lists stores, then the platforms it names. Every
// variable its entry names is read before anything is asked for, so a
// missing one stops the account, naming the variable, before any request.
// The warning is of an Allegro token that could not be kept.
func (o *fetchOptions) fetchOne(ctx context.Context, p *fetchPlan, a config.Account, dir string, note *progressNote) (*fetch.Result, string, error) {
	pp, err := p.shared.plan(a, p.lookup, p.opts.DryRun)
	if err != nil {
		return nil, "", err
	}
	onSPAPI := a.SPAPI() && (p.shared.only == nil || len(p.opts.Only) > 0)
	var stores []market.Marketplace
	creds := p.creds
	if onSPAPI {
		if stores, err = storesOf(a.Marketplaces, "spapi.accounts "+a.Name+": marketplaces"); err != nil {
			return nil, "", err
		}
		if a.Region != "" && !strings.EqualFold(a.Region, stores[0].Region()) {
			return nil, "", fmt.Errorf("region %q, but its stores are in %q", a.Region, stores[0].Region())
		}
		envOf := func(name string, dst *string) error {
			if name == "" {
				return nil
			}
			v, ok := p.lookup(name)
			if !ok || v == "" {
				return fmt.Errorf("environment variable %s (named by spapi.accounts %s) is not set", name, a.Name)
			}
			*dst = v
			return nil
		}
		creds.RefreshToken = ""
		for _, e := range []struct {
			name string
			dst  *string
		}{{a.RefreshTokenEnv, &creds.RefreshToken}, {a.ClientIDEnv, &creds.ClientID}, {a.ClientSecretEnv, &creds.ClientSecret}} {
			if err := envOf(e.name, e.dst); err != nil && !p.opts.DryRun {
				return nil, "", err
			}
		}
	}
	var res *fetch.Result
	switch {
	case onSPAPI:
		res, err = fetchAccount(ctx, p, dir, stores, creds, a.Name, note)
	case !pp.configured():
		res = newResult(p, dir)
		res.Notes = append(res.Notes, "nothing to fetch: --reports names none of this account's sources")
	}
	res, err = fetchPlatformsAfter(ctx, p, pp, dir, a.Name, res, err, note)
	var ue *usageError
	if errors.As(err, &ue) {
		err = ue.err
	}
	return res, pp.rotationWarning(), err
}

// progressNote turns the fetch's steps and the client's waits into the
// progress line: the count of files (or accounts), and a note saying what
// is being waited for, and for which file. Quiet when stderr is not a
// terminal (the Progress draws nothing then).
type progressNote struct {
	p       *iostreams.Progress
	counted bool // the line counts accounts, not files
}

func newProgressNote(p *iostreams.Progress, counted bool) *progressNote {
	return &progressNote{p: p, counted: counted}
}

// step hears the fetch of account name ("" alone).
func (n *progressNote) step(name string) func(fetch.Step) {
	return func(s fetch.Step) {
		if !n.counted {
			n.p.SetTotal(s.Done, s.Total)
		}
		if s.State == "requesting" {
			n.note(name, "requesting "+s.File)
		}
	}
}

// event hears the client's waits for account name.
func (n *progressNote) event(name string) func(spapi.Event) {
	return func(e spapi.Event) {
		var what string
		switch e.Kind {
		case spapi.KindPoll:
			what = "waiting for Amazon"
		case spapi.KindRateLimit, spapi.KindThrottled:
			what = "within Amazon's rate limit"
		default:
			what = "retrying"
		}
		if e.Tag != "" {
			what += ": " + e.Tag
		}
		n.note(name, what)
	}
}

func (n *progressNote) note(name, what string) {
	if name != "" {
		what = name + ": " + what
	}
	n.p.Note(what)
}

// fetchTable is an account's result as a table: one line a file, then the
// failures and the notes. It fits 80 columns: why each file is (not) asked
// for is shown with --dry-run only, where it is the point.
func fetchTable(w io.Writer, res *fetch.Result) error {
	why := false
	for _, f := range res.Files {
		why = why || f.Action == fetch.Planned
	}
	header := []string{"FILE", "DAYS", "ROWS", "RESULT"}
	if why {
		header = append(header, "WHY")
	}
	rows := make([][]string, 0, len(res.Files))
	var failures []string
	for _, f := range res.Files {
		n := "-"
		if (f.Action == fetch.Fetched || f.Action == fetch.NoData) && f.Kind != "seller-performance" {
			n = strconv.Itoa(f.Rows)
		}
		row := []string{f.File, daysText(f.From, f.To), n, strings.ReplaceAll(f.Action, "-", " ")}
		if why {
			row = append(row, f.Reason)
		}
		for i := range row {
			row[i] = safetext.Line(row[i]) // Amazon's words and file names
		}
		rows = append(rows, row)
		if f.Error != "" {
			failures = append(failures, fmt.Sprintf("failed: %s %s: %s", f.File, daysText(f.From, f.To), f.Error))
		}
	}
	numeric := []bool{false, false, true, false, false}
	if err := render.WriteTable(w, header, numeric[:len(header)], rows); err != nil {
		return err
	}
	for _, line := range failures {
		fmt.Fprintln(w, wrap(safetext.Line(line), "", "  "))
	}
	for _, n := range res.Notes {
		fmt.Fprintln(w, wrap(safetext.Line(n), "note: ", "  "))
	}
	return nil
}

// daysText writes a run of days briefly: 2026-09-08..30 within a month,
// 2026-09-24..11-20 within a year.
func daysText(from, to civil.Date) string {
	a, b := from.String(), to.String()
	switch {
	case from == to:
		return a
	case a[:7] == b[:7]:
		return a + ".." + b[8:]
	case a[:4] == b[:4]:
		return a + ".." + b[5:]
	}
	return a + ".." + b
}
