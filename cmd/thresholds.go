package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/render"
	"github.com/sellerhealth/audit/internal/settings"
)

type thresholdsOptions struct {
	env         *Env
	cmd         *cobra.Command
	Profile     string
	Marketplace string
	ConfigPath  string
	Output      string
	bound       bindings // the options the config keys fill
}

func newThresholdsCmd(env *Env) *cobra.Command {
	o := &thresholdsOptions{env: env}
	c := &cobra.Command{
		Use:   "thresholds",
		Short: "Print the effective thresholds and where each value comes from",
		Long: `Print every metric's target, warn line, windows and lag as an audit would use
them: the profile's values with the config file, AUDIT_* variables and flags
on top, and for each value where it came from. The profile is --profile,
else the config's, else the one of --marketplace (amazon-us by default).`,
		Example: `  audit thresholds --profile amazon-eu
  audit thresholds --marketplace DE -o json | jq '.thresholds[] | {metric, fail, origins}'`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			o.cmd = c
			return thresholdsRun(o)
		},
	}
	f := c.Flags()
	addFlagAndBind(c, &o.bound, f.StringVarP, profileFlag, &o.Profile, "")
	addFlagAndBind(c, &o.bound, f.StringVarP, marketplaceFlag, &o.Marketplace, "")
	f.StringVar(&o.ConfigPath, "config", "", "config file (default ./audit.yaml, else $XDG_CONFIG_HOME/audit/config.yaml)")
	addFlagAndBind(c, &o.bound, f.StringVarP, outputFlag, &o.Output, "table")
	return c
}

type thresholdsDoc struct {
	Profile       string             `json:"profile"`
	ProfileOrigin string             `json:"profile_origin"`
	Description   string             `json:"description"`
	Thresholds    []profile.Resolved `json:"thresholds"`
	// Response is the platform's rule for buyer messages, with the
	// user's service.<platform> changes; left out where there is none.
	Response *responseDoc `json:"response,omitempty"`
}

type responseDoc struct {
	settings.ResponseRule
	Source string `json:"source,omitempty"`
}

// responseText says a response rule in words.
func responseText(r responseDoc) string {
	s := fmt.Sprintf("Buyer messages: the first response is due %d hours after receipt", r.DeadlineHours)
	switch {
	case r.WorkingDays && r.SellerDaysOff:
		s += ", counting working days only (weekends, the store country's public holidays and your days off do not count)"
	case r.WorkingDays:
		s += ", counting working days only (weekends and the store country's public holidays do not count)"
	default:
		s += ", weekends and holidays included"
	}
	if r.Period == settings.PeriodWeek {
		s += "; measured over the calendar week"
	} else {
		s += "; measured over the contact response rate's windows"
	}
	if r.CountsThreads {
		s += "; the messages of a thread are counted (service.thread_limit)"
	}
	if r.Source != "" {
		s += " (" + r.Source + ")"
	}
	return s
}

func thresholdsRun(o *thresholdsOptions) error {
	l, err := loadLayers(o.cmd, o.env, o.ConfigPath)
	if err != nil {
		return err
	}
	l.bindAll(o.bound)
	if o.Output != "table" && o.Output != "json" {
		return usagef("--output: unknown output format %q (want table or json)", o.Output)
	}
	var p profile.Profile
	origin := "default"
	switch {
	case o.Profile != "":
		if p, err = profile.ByName(o.Profile); err != nil {
			return &usageError{err}
		}
		origin = "profile " + o.Profile
		if l.given(profileFlag) {
			origin = "flag --" + profileFlag.name
		} else if v, ok := l.cfg.Get(profileFlag.key); ok {
			origin = v.Origin.String()
		}
	case o.Marketplace != "":
		m, ok := market.ByCode(o.Marketplace)
		if !ok {
			return usagef("--marketplace: unknown store %q (known: %s)", o.Marketplace, strings.Join(market.Codes(), ", "))
		}
		p = profile.ForStore(m.Code)
		origin = "marketplace " + m.Code
	default:
		p = profile.ForStore("US")
	}
	resolved, err := profile.Resolve(p, l.overrides(o.bound))
	if err != nil {
		return &usageError{err}
	}
	doc := thresholdsDoc{Profile: p.Name, ProfileOrigin: origin, Description: p.Description}
	sv, err := serviceSettings(l, settings.Default(0).Service)
	if err != nil {
		return err
	}
	rule, ok := settings.ResponseRule{}, p.Response != nil
	if ok {
		rule = *p.Response
	}
	if o, set := sv.ResponseOverrides[p.Platform]; set {
		rule, ok = o.Apply(rule), true
	}
	if ok {
		doc.Response = &responseDoc{ResponseRule: rule, Source: p.ResponseSource}
	}
	for _, e := range p.Entries {
		doc.Thresholds = append(doc.Thresholds, resolved[e.Metric])
	}
	if o.Output == "json" {
		enc := json.NewEncoder(o.env.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	}
	return thresholdsTable(o.env.IO.Out, doc)
}

func thresholdsTable(w io.Writer, doc thresholdsDoc) error {
	fmt.Fprintf(w, "Profile %s (%s): %s\n\n", doc.Profile, doc.ProfileOrigin, doc.Description)
	var rows [][]string
	for _, r := range doc.Thresholds {
		// A rate's limits are percentages, a score's (the customer-service
		// rating, 1 to 10) the score itself: the catalog's Scale says which.
		t := r.Threshold()
		rows = append(rows, []string{r.Metric, string(r.Op) + " " + render.LimitText(r.Fail, t), render.LimitText(r.Warn, t), r.Windows("/") + " days",
			strconv.Itoa(r.LagDays) + " days", r.Miss(), fromText(r)})
	}
	header := []string{"METRIC", "TARGET", "WARN AT", "WINDOW", "LAG", "MISS", "FROM"}
	if err := render.WriteTable(w, header, make([]bool, len(header)), rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, r := range doc.Thresholds {
		fmt.Fprintf(w, "%s: %s (checked %s)\n", r.Metric, r.Source, r.Checked)
	}
	if doc.Response != nil {
		fmt.Fprintf(w, "\n%s\n", responseText(*doc.Response))
	}
	return nil
}

// fromText says where the values came from: the profile alone, or which
// field came from where.
func fromText(r profile.Resolved) string {
	base := ""
	var other []string
	for _, f := range profile.Fields {
		o := r.Origins[f]
		if strings.HasPrefix(o, "profile ") {
			base = o
			continue
		}
		other = append(other, f+": "+o)
	}
	if len(other) == 0 {
		return base
	}
	return strings.Join(other, "; ")
}
