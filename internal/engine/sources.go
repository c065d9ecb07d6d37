package engine

import (
	"slices"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Sources is what to download for an audit on s.AsOf (audit sources): for
// each metric of ids, each input kind it reads, the dates to download and
// where from; with loaded (nil: no files given), what the files hold.
func Sources(loaded *input.Loaded, s settings.Settings, ids []string) (*health.Sources, error) {
	store, notes := "", []string(nil)
	var d *records.Dataset
	if loaded != nil {
		d = loaded.Data
		store, notes = accountStore(d, s.Marketplace)
	} else {
		store = s.Marketplace
	}
	prof, resolved, err := resolveProfile(s, store)
	if err != nil {
		return nil, err
	}
	s.Windows = windowsOf(resolved)
	out := &health.Sources{AsOf: s.AsOf, Marketplace: store, Profile: prof.Name, Files: loaded != nil, Warnings: notes}
	for _, id := range ids {
		m, err := lookup(id)
		if err != nil {
			return nil, err
		}
		if _, in := resolved[id]; m.List || !in {
			continue
		}
		for _, k := range m.Reads {
			out.Needs = append(out.Needs, sourceOf(m, k, s, d))
		}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	return out, nil
}

// sourceOf is what metric m needs of input kind k on s.AsOf: the days
// from its earliest window's first day to the audit date (the orders of
// the window, and the events on them since), and, when d is given, what
// its files hold of them.
func sourceOf(m metrics.Metric, k string, s settings.Settings, d *records.Dataset) health.Source {
	w := metrics.WindowOf(s, m.ID)
	from := metrics.WindowEnding(s.AsOf.AddDays(-w.Lag), slices.Max(w.Days)).From
	dl := input.DownloadOf(input.Kind(k))
	src := health.Source{Metric: m.ID, Name: m.Title, Kind: k, Report: input.Kind(k).Title(), Role: roleOf(m, k),
		Field: records.Dated, Dates: records.Range{From: from, To: s.AsOf}, Where: dl.Where, SPAPI: dl.SPAPI, Own: dl.Own}
	if slices.Contains(m.Base.Kinds, k) {
		src.Field = m.Base.Field
	} else if k == "orders" || k == "vat-invoices" {
		src.Field = records.Ordered
	}
	if d == nil {
		return src
	}
	src.Given = d.Has(k)
	covered := d.Covered([]string{k}, src.Field, "")
	src.Covered = records.Clip(covered, src.Dates)
	if src.Role == health.RoleDenominator && src.Given {
		check := src.Dates
		check.To-- // the audit date need not be in the files (docs/metrics.md, "Coverage")
		src.Missing = records.Missing(check, covered)
	}
	return src
}

// roleOf says what input kind k gives metric m: the population it is
// judged on, a component of its numerator, or something else (a store, an
// alternative source).
func roleOf(m metrics.Metric, k string) string {
	if slices.Contains(m.Base.Kinds, k) {
		return health.RoleDenominator
	}
	for _, p := range m.Parts {
		if slices.Contains(p.Kinds, k) {
			return health.RoleDefects
		}
	}
	return health.RoleAlso
}
