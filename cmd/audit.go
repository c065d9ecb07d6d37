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
	Title      string // --title, html.title: the HTML page's title
	Jobs       int

	detailsOnly bool // audit defects
	env         *Env
	cmd         *cobra.Command
	// bound are the options the config keys fill (addFlagAndBind).
	bound bindings
	// layers are the config file and environment settings() read, for a
	// command that reads keys of its own from them (fetch, trend).
	layers *layers
}

// addAuditFlags binds the shared flags to opts.
func addAuditFlags(c *cobra.Command, opts *auditOptions) {
	f, b := c.Flags(), &opts.bound
	f.StringVar(&opts.AsOf, "as-of", "", "audit date YYYY-MM-DD: windows end relative to it, later events are ignored (default today, UTC)")
	addFlagAndBind(c, b, f.StringVarP, marketplaceFlag, &opts.Marketplace, "")
	addFlagAndBind(c, b, f.StringVarP, outputFlag, &opts.Output, "table")
	addFlagAndBind(c, b, f.StringVarP, colorFlag, &opts.Color, "auto")
	addFlagAndBind(c, b, f.StringVarP, failOnFlag, &opts.FailOn, "fail")
	addFlagAndBind(c, b, f.StringVarP, encodingFlag, &opts.Input.Encoding, "auto")
	addFlagAndBind(c, b, f.StringArrayVarP, columnFlag, &opts.Input.Columns, nil)
	f.BoolVar(&opts.Input.ShowPII, "show-pii", false, "let error messages quote e-mail addresses and phone numbers (masked by default)")
	addFlagAndBind(c, b, f.StringVarP, profileFlag, &opts.Profile, "")
	addFlagAndBind(c, b, f.StringVarP, titleFlag, &opts.Title, "")
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
		outputFlag.name:      fixed(render.Formats()...),
		marketplaceFlag.name: fixed(market.Codes()...),
		profileFlag.name:     fixed(profile.Names()...),
		colorFlag.name:       fixed("auto", "always", "never"),
		failOnFlag.name:      fixed(health.FailOnValues...),
		encodingFlag.name:    fixed("auto", "utf-8", "windows-1252", "iso-8859-1", "shift_jis"),
		"as-of":              fixed(),
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
	f, b := c.Flags(), &opts.bound
	addFlagAndBind(c, b, f.IntVarP, lagDaysFlag, &opts.ODRWindow.Lag, odr.Window.Lag)
	addFlagAndBind(c, b, f.IntVarP, windowDaysFlag, &opts.ODRWindow.Days, odr.Window.Days[0])
	addFlagAndBind(c, b, f.BoolVarP, countDeniedClaimsFlag, &opts.ODR.CountDeniedClaims, d.CountDeniedClaims)
}

// settings turns the flags, the environment and the config file into
// rule settings, rejecting bad values.
func (o *auditOptions) settings() (settings.Settings, error) {
	l, err := loadLayers(o.cmd, o.env, o.ConfigPath)
	if err != nil {
		return settings.Settings{}, err
	}
	o.layers = l
	l.bindAll(o.bound)
	overrides := l.overrides(o.bound)
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
	s.Feedback = feedbackSettings(l)
	if s.Service, err = serviceSettings(l, s.Service); err != nil {
		return s, err
	}
	s.Input = o.Input
	s.Overrides = overrides
	if err := o.check(l, &s); err != nil {
		return s, err
	}
	return s, nil
}

// feedbackSettings are the feedback.* keys over the defaults: no flag
// stands for them.
func feedbackSettings(l *layers) settings.Feedback {
	fb := settings.Default(0).Feedback
	configValue(l, "feedback.removal_days", &fb.RemovalDays)
	configValue(l, "feedback.period_days", &fb.PeriodDays)
	configValue(l, "feedback.product_review_words", &fb.ProductReviewWords)
	configValue(l, "feedback.obscene_words", &fb.ObsceneWords)
	return fb
}

// serviceSettings are the service.* keys over the defaults: the seller's
// days off, the thread limit and the changes to each platform's response
// rule. No flag stands for them.
func serviceSettings(l *layers, sv settings.Service) (settings.Service, error) {
	var days []string
	configValue(l, "service.days_off", &days)
	for _, v := range days {
		d, err := civil.ParseISODate(strings.TrimSpace(v))
		if err != nil {
			return sv, l.keyError("service.days_off", fmt.Errorf("%q: %v", v, err))
		}
		sv.DaysOff = append(sv.DaysOff, d)
	}
	configValue(l, "service.thread_limit", &sv.ThreadLimit)
	for _, p := range settings.ResponsePlatforms {
		var o settings.ResponseOverride
		set := false
		if v, ok := l.cfg.Get("service." + p + ".deadline_hours"); ok {
			n := v.Raw.(int)
			o.DeadlineHours, set = &n, true
		}
		if v, ok := l.cfg.Get("service." + p + ".working_days"); ok {
			b := v.Raw.(bool)
			o.WorkingDays, set = &b, true
		}
		if v, ok := l.cfg.Get("service." + p + ".seller_days_off"); ok {
			b := v.Raw.(bool)
			o.SellerDaysOff, set = &b, true
		}
		if v, ok := l.cfg.Get("service." + p + ".period"); ok {
			s := strings.ToLower(strings.TrimSpace(v.Raw.(string)))
			o.Period, set = &s, true
		}
		if !set {
			continue
		}
		if err := o.Apply(settings.AmazonResponse).Validate(); err != nil {
			return sv, l.keyError("service."+p, err)
		}
		if sv.ResponseOverrides == nil {
			sv.ResponseOverrides = map[string]settings.ResponseOverride{}
		}
		sv.ResponseOverrides[p] = o
	}
	return sv, nil
}

// check validates the options into s (its profile and store), each error
// saying where a bad value came from.
func (o *auditOptions) check(l *layers, s *settings.Settings) error {
	if o.Profile != "" {
		if _, err := profile.ByName(o.Profile); err != nil {
			return l.annotate(err, profileFlag)
		}
		s.Profile = o.Profile
	}
	if err := profile.CheckOverrides(s.Profile, s.Overrides); err != nil {
		return &usageError{err}
	}
	if _, err := input.ParseEncoding(o.Input.Encoding); err != nil {
		return l.annotate(fmt.Errorf("--encoding: %v", err), encodingFlag)
	}
	if _, err := engine.ReadOptions(*s); err != nil {
		return l.annotate(err, columnFlag)
	}
	if o.Marketplace != "" {
		m, ok := market.ByCode(o.Marketplace)
		if !ok {
			return l.annotate(fmt.Errorf("--marketplace: unknown store %q (known: %s)", o.Marketplace, strings.Join(market.Codes(), ", ")), marketplaceFlag)
		}
		s.Marketplace = m.Code
	}
	if err := o.checkOutput(l); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return &usageError{err}
	}
	return nil
}

// checkOutput is the part of check about the outcome: --fail-on, --output
// and --color.
func (o *auditOptions) checkOutput(l *layers) error {
	if _, err := health.ParseFailOn(o.FailOn); err != nil {
		return l.annotate(err, failOnFlag)
	}
	if _, err := render.Lookup(o.Output); err != nil {
		return l.annotate(fmt.Errorf("--output: %v", err), outputFlag)
	}
	if err := o.IO.SetColorMode(o.Color); err != nil {
		return l.annotate(err, colorFlag)
	}
	return nil
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
	failOn := o.failOn()
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
		opts := o.trendProgress()
		opts.Last = rep // the chart's last day is this audit
		if rep.Trend, err = engine.TrendBefore(o.Command, loaded, s, checks, htmlTrendDays, opts); err != nil {
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
	if failOn.Failed(rep.Statuses()...) {
		return errThresholds
	}
	return nil
}
