package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/render"
)

// auditCmd describes one metric command.
type auditCmd struct {
	use, short, long, example string
	// checks are the metric ids the command runs; nil: the catalog's
	// metrics whose Command is use (metrics.Metric.Command).
	checks      []string
	odr         bool // takes the ODR settings flags
	detailsOnly bool // audit defects: the per-order lists only
	details     bool // audit feedback: the lists, as with --details
	// detailsChecks run besides checks with --details (audit odr: the
	// negative feedback list, as audit feedback has it).
	detailsChecks []string
}

const pathsHelp = `

Each PATH is a report file or a folder of them (read non-recursively); files
are recognised by their header row, never by their name.`

// newAuditCmd builds a metric command: shared flags, PATH arguments, and
// runAudit with the command's checks. Its help ends with the targets of
// its metrics as the profile in force sets them (targetsHelp).
func newAuditCmd(env *Env, d auditCmd) *cobra.Command {
	if d.checks == nil {
		d.checks = metrics.IDs(func(m metrics.Metric) bool { return m.Command == d.use })
	}
	opts := &auditOptions{IO: env.IO, Now: env.Now, Command: d.use, Checks: d.checks, DetailsChecks: d.detailsChecks,
		env: env, detailsOnly: d.detailsOnly, Details: d.details}
	long := func(p profile.Profile, origin string, resolved map[string]profile.Resolved) string {
		return d.long + targetsHelp(p.Name, origin, resolved, d.checks) + pathsHelp
	}
	def := defaultProfile(d.checks)
	defResolved, _ := profile.Resolve(def, nil)
	c := &cobra.Command{
		Use:     d.use + " [flags] PATH...",
		Short:   d.short,
		Long:    long(def, "", defResolved),
		Example: d.example,
		Args: func(c *cobra.Command, args []string) error {
			accounts := c.Flags().Changed("accounts")
			switch {
			case accounts && len(args) > 0:
				return usagef("give either --accounts DIR or PATH arguments, not both")
			case !accounts && len(args) == 0:
				return usagef("%s needs at least one PATH (a report file or a folder of reports), or --accounts DIR", d.use)
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.cmd = c
			return runAudit(opts)
		},
	}
	addAuditFlags(c, opts)
	opts.Details = d.details // the flag's default reset it
	opts.ODR = defaultODR()
	if d.odr {
		addODRFlags(c, opts)
	} else {
		// No flag here, but a file or variable still sets the rule.
		bind(&opts.bound, countDeniedClaimsFlag, &opts.ODR.CountDeniedClaims)
	}
	help := c.HelpFunc()
	c.SetHelpFunc(func(c *cobra.Command, args []string) {
		// --help follows the profile in force: --profile, --marketplace,
		// the config file and AUDIT_* variables, with their overrides.
		if p, origin, resolved, ok := helpProfile(c, opts, d.checks); ok {
			c.Long = long(p, origin, resolved)
		}
		help(c, args)
	})
	return c
}

// helpProfile is the profile --help describes: --profile (or the config's
// profile), else the --marketplace store's, else the default; false when
// the flags or the config cannot be read (the help then shows the
// default profile, and the run itself reports the error). It fills o's
// options from the config as a run would (none follows --help).
func helpProfile(c *cobra.Command, o *auditOptions, checks []string) (profile.Profile, string, map[string]profile.Resolved, bool) {
	l, err := loadLayers(c, o.env, o.ConfigPath)
	if err != nil {
		return profile.Profile{}, "", nil, false
	}
	l.bindAll(o.bound)
	name, store := o.Profile, o.Marketplace
	p, origin := defaultProfile(checks), ""
	switch {
	case name != "":
		if p, err = profile.ByName(name); err != nil {
			return profile.Profile{}, "", nil, false
		}
		origin = "named"
	case store != "":
		m, ok := market.ByCode(store)
		if !ok {
			return profile.Profile{}, "", nil, false
		}
		p, origin = profile.ForStore(m.Code), "the "+m.Code+" store's"
	}
	r, err := profile.Resolve(p, l.overrides(o.bound))
	if err != nil {
		return profile.Profile{}, "", nil, false
	}
	return p, origin, r, true
}

// defaultProfile is the profile a command's metrics are judged by when
// none is named and no store given: the platform's own for a command of
// one other platform's metrics (audit allegro), else the US store's.
func defaultProfile(checks []string) profile.Profile {
	if p, ok := engine.OnlyPlatform(checks); ok {
		if own, ok := profile.ForPlatform(p, ""); ok {
			return own
		}
	}
	return profile.ForStore("")
}

// targetsHelp is the "Targets" paragraph of a metric command's help: for
// each of its metrics with a target, the target, the warn line and the
// windows as the resolved profile sets them. origin says how the profile
// was chosen ("" the default).
func targetsHelp(name, origin string, resolved map[string]profile.Resolved, ids []string) string {
	var lines []string
	for _, id := range ids {
		m, ok := metrics.Lookup(id)
		if !ok || m.List {
			continue
		}
		e, ok := resolved[id]
		if !ok {
			lines = append(lines, wrap(m.Title+": not a metric of this profile.", "  ", "    "))
			continue
		}
		lines = append(lines, wrap(m.Title+": "+targetWords(e)+"; "+windowWords(m, e)+".", "  ", "    "))
	}
	if len(lines) == 0 {
		return ""
	}
	how := "the default, or the reports' store's"
	if origin != "" {
		how = origin
	}
	head := wrap(fmt.Sprintf("Targets of the %s profile (%s; audit thresholds shows where each value comes from):", name, how), "", "")
	return "\n\n" + head + "\n" + strings.Join(lines, "\n")
}

// targetWords say a resolved entry's target and warn line: "below 1%,
// warns from 0.8%", "at least 6, warns below 8, advisory".
func targetWords(e profile.Resolved) string {
	t := e.Threshold()
	op := map[health.Op]string{health.Less: "below", health.LessEqual: "at most", health.Greater: "above", health.GreaterEqual: "at least"}[e.Op]
	s := op + " " + render.LimitText(e.Fail, t)
	switch {
	case e.Warn == e.Fail:
	case t.WarnBelow:
		s += ", warns below " + render.LimitText(e.Warn, t)
	case e.Op == health.Less || e.Op == health.LessEqual:
		s += ", warns from " + render.LimitText(e.Warn, t)
	default:
		s += ", warns at " + render.LimitText(e.Warn, t) + " or below"
	}
	if e.Advisory {
		s += " (advisory: a miss only warns)"
	}
	return s
}

// windowWords say a resolved entry's windows: "windows of 10 and 30 days
// ending on --as-of", "a window of 60 days ending 14 days before --as-of".
func windowWords(m metrics.Metric, e profile.Resolved) string {
	days := make([]string, len(e.WindowDays))
	for i, n := range e.WindowDays {
		days[i] = strconv.Itoa(n)
	}
	s := "a window of " + days[0] + " days"
	if len(days) > 1 {
		s = "windows of " + strings.Join(days[:len(days)-1], ", ") + " and " + days[len(days)-1] + " days"
	}
	if m.KeyedOn != "" {
		s += " (" + m.KeyedOn + ")"
	}
	if e.LagDays == 0 {
		return s + " ending on --as-of"
	}
	return s + " ending " + strconv.Itoa(e.LagDays) + " days before --as-of"
}

// helpWidth is the width help paragraphs are wrapped to.
const helpWidth = 78

// wrap breaks text at spaces into lines of at most helpWidth columns, the
// first indented by first, the others by rest.
func wrap(text, first, rest string) string {
	return strings.Join(render.WrapWords(text, helpWidth, first, rest), "\n")
}
