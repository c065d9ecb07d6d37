package cmd

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/iostreams"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/settings"
)

// auditOptions are the flags every metric command shares, and what it runs.
type auditOptions struct {
	IO  *iostreams.IOStreams
	Now func() time.Time

	Command string   // "odr", ...
	Checks  []string // engine check ids
	// DetailsChecks are run besides Checks with --details.
	DetailsChecks []string
	Paths         []string

	AsOf        string
	Marketplace string
	Output      string
	Color       string
	FailOn      string
	ODR         settings.ODR
	// ODRWindow is --window-days and --lag-days: read only when given,
	// as overrides of thresholds.odr.window_days and .lag_days.
	ODRWindow  struct{ Days, Lag int }
	Input      settings.Input
	Profile    string
	ConfigPath string
	Details    bool
	OutputFile string
	Accounts   string // --accounts DIR: each subfolder is an account
	Jobs       int

	detailsOnly bool // audit defects
	env         *Env
	cmd         *cobra.Command
}

// addAuditFlags binds the shared flags to opts.
func addAuditFlags(c *cobra.Command, opts *auditOptions) {
	f := c.Flags()
	f.StringVar(&opts.AsOf, "as-of", "", "audit date YYYY-MM-DD: windows end relative to it, later events are ignored (default today, UTC)")
	f.StringVar(&opts.Marketplace, "marketplace", "", "store code (US, UK, DE, JP, ...) when the reports do not make it clear")
	f.StringVarP(&opts.Output, "output", "o", "table", "output format: "+strings.Join(render.Formats(), ", "))
	f.StringVar(&opts.Color, "color", "auto", "colour the table: auto, always or never (NO_COLOR disables it)")
	f.StringVar(&opts.FailOn, "fail-on", "fail", "exit 1 from this status on: fail, warn or never")
	f.StringVar(&opts.Input.Encoding, "encoding", "auto", "text encoding of the reports: auto, utf-8, windows-1252, iso-8859-1 or shift_jis")
	f.StringArrayVar(&opts.Input.Columns, "column", nil, "map your own header to a column, kind.column=Header (repeatable), e.g. orders.purchase-date=Kaufdatum")
	f.BoolVar(&opts.Input.ShowPII, "show-pii", false, "let error messages quote e-mail addresses and phone numbers (masked by default)")
	f.StringVar(&opts.Profile, "profile", "", "threshold profile (see audit thresholds); default: the marketplace's")
	f.StringVar(&opts.ConfigPath, "config", "", "config file (default ./audit.yaml, else $XDG_CONFIG_HOME/audit/config.yaml)")
	f.BoolVar(&opts.Details, "details", false, "list the orders counted against each metric and the day each stops counting")
	f.StringVar(&opts.OutputFile, "output-file", "", "write the -o format to this file; the terminal still gets the table")
	f.StringVar(&opts.Accounts, "accounts", "", "audit each subfolder of this folder as one account, in parallel")
	f.IntVar(&opts.Jobs, "jobs", runtime.NumCPU(), "with --accounts: how many accounts to audit at once")
	registerCompletions(c)
}

// registerCompletions lets the shell complete the flags whose values are a
// fixed list (audit completion bash|zsh|fish|powershell).
func registerCompletions(c *cobra.Command) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	for flag, fn := range map[string]func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective){
		"output":      fixed(render.Formats()...),
		"marketplace": fixed(market.Codes()...),
		"profile":     fixed(profile.Names()...),
		"color":       fixed("auto", "always", "never"),
		"fail-on":     fixed("fail", "warn", "never"),
		"encoding":    fixed("auto", "utf-8", "windows-1252", "iso-8859-1", "shift_jis"),
		"as-of":       fixed(),
	} {
		_ = c.RegisterFlagCompletionFunc(flag, fn)
	}
	_ = c.MarkFlagDirname("accounts")
	_ = c.MarkFlagFilename("config", "yaml", "yml")
}

func defaultODR() settings.ODR { return settings.Default(0).ODR }

// addODRFlags binds the ODR rule settings.
func addODRFlags(c *cobra.Command, opts *auditOptions) {
	d := defaultODR()
	odr, _ := metrics.Lookup(metrics.ODRID)
	f := c.Flags()
	f.IntVar(&opts.ODRWindow.Lag, "lag-days", odr.Window.Lag, "ODR: the window ends this many days before --as-of")
	f.IntVar(&opts.ODRWindow.Days, "window-days", odr.Window.Days[0], "ODR: window length in days, both ends inclusive")
	f.BoolVar(&opts.ODR.CountDeniedClaims, "count-denied-claims", d.CountDeniedClaims, "ODR: count denied A-to-z claims too (the stricter reading)")
}

// settings turns the flags, the environment and the config file into
// rule settings, rejecting bad values.
func (o *auditOptions) settings() (settings.Settings, error) {
	l, err := loadLayers(o.cmd, o.env, o.ConfigPath)
	if err != nil {
		return settings.Settings{}, err
	}
	l.str("marketplace", "marketplace", &o.Marketplace)
	l.str("fail_on", "fail-on", &o.FailOn)
	l.str("output", "output", &o.Output)
	l.str("color", "color", &o.Color)
	l.str("encoding", "encoding", &o.Input.Encoding)
	l.strs("columns", "column", &o.Input.Columns)
	l.str("profile", "profile", &o.Profile)
	l.boolean("odr.count_denied_claims", "count-denied-claims", &o.ODR.CountDeniedClaims)
	fb := settings.Default(0).Feedback
	l.integer("feedback.removal_days", "removal-days", &fb.RemovalDays)
	l.integer("feedback.period_days", "feedback-period-days", &fb.PeriodDays)
	l.strs("feedback.product_review_words", "product-review-words", &fb.ProductReviewWords)
	l.strs("feedback.obscene_words", "obscene-words", &fb.ObsceneWords)
	overrides := l.overrides(map[string]string{"lag-days": "thresholds.odr.lag_days", "window-days": "thresholds.odr.window_days"})
	asOf := civil.DateOf(o.Now().UTC())
	if o.AsOf != "" {
		d, err := civil.ParseISODate(o.AsOf)
		if err != nil {
			return settings.Settings{}, usagef("--as-of: %v", err)
		}
		asOf = d
	}
	s := settings.Default(asOf)
	s.ODR = o.ODR
	s.Feedback = fb
	s.Input = o.Input
	s.Overrides = overrides
	if o.Profile != "" {
		if _, err := profile.ByName(o.Profile); err != nil {
			return s, l.annotate(err, "profile", "profile")
		}
		s.Profile = o.Profile
	}
	if err := profile.CheckOverrides(s.Profile, s.Overrides); err != nil {
		return s, &usageError{err}
	}
	if _, err := input.ParseEncoding(o.Input.Encoding); err != nil {
		return s, l.annotate(fmt.Errorf("--encoding: %v", err), "encoding", "encoding")
	}
	if _, err := engine.ReadOptions(s); err != nil {
		return s, l.annotate(err, "columns", "column")
	}
	if o.Marketplace != "" {
		m, ok := market.ByCode(o.Marketplace)
		if !ok {
			return s, l.annotate(fmt.Errorf("--marketplace: unknown store %q (known: %s)", o.Marketplace, strings.Join(market.Codes(), ", ")), "marketplace", "marketplace")
		}
		s.Marketplace = m.Code
	}
	if _, err := health.ParseFailOn(o.FailOn); err != nil {
		return s, l.annotate(err, "fail_on", "fail-on")
	}
	if _, err := render.Lookup(o.Output); err != nil {
		return s, l.annotate(fmt.Errorf("--output: %v", err), "output", "output")
	}
	if err := o.IO.SetColorMode(o.Color); err != nil {
		return s, l.annotate(err, "color", "color")
	}
	if err := s.Validate(); err != nil {
		return s, &usageError{err}
	}
	return s, nil
}

// load reads the account's files, with a progress line on a terminal's
// stderr when that takes more than a moment (very large files).
func (o *auditOptions) load(s settings.Settings, ids []string) (*input.Loaded, error) {
	p := o.IO.StartPercent("reading reports")
	defer p.Stop()
	return engine.LoadProgress(o.Paths, s, ids, func(read, total int64) {
		if total > 0 {
			p.Set(int(read * 100 / total))
		}
	})
}

// runAudit is the whole of a metric command once its flags are parsed.
func runAudit(o *auditOptions) error {
	s, err := o.settings()
	if err != nil {
		return err
	}
	if o.Accounts != "" {
		return runFleet(o, s)
	}
	failOn, _ := health.ParseFailOn(o.FailOn) // checked by settings
	rend, _ := render.Lookup(o.Output)
	if render.WantsTrend(o.Output) {
		s.FirstAsOf = s.AsOf.AddDays(-(htmlTrendDays - 1)) // the chart's first day
	}
	checks := o.Checks
	if o.Details {
		checks = append(slices.Clip(checks), o.DetailsChecks...)
	}
	loaded, err := o.load(s, checks)
	if err != nil {
		return err
	}
	rep, err := engine.Audit(o.Command, loaded, s, checks)
	if err != nil {
		return err
	}
	if render.WantsTrend(o.Output) {
		if rep.Trend, err = engine.TrendBefore(o.Command, loaded, s, checks, htmlTrendDays); err != nil {
			return err
		}
	}
	err = o.emit(
		func(w io.Writer, ro render.Options) error { return rend(w, rep, ro) },
		func(w io.Writer, ro render.Options) error { return render.Table(w, rep, ro) },
		rep.Warnings)
	if err != nil {
		return err
	}
	if !o.IO.IsStdoutTTY() {
		render.Summary(o.IO.ErrOut, rep)
	}
	if failOn.Failed(rep.Status) {
		return errThresholds
	}
	return nil
}
