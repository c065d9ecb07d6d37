package metrics_test

import (
	"slices"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/settings"
)

// Every metric of the catalog carries everything a renderer, a config key,
// a profile, the trend and the command help read from it: a renderer never
// falls back to a raw id.
func TestCatalogComplete(t *testing.T) {
	kinds := input.KnownKinds()
	seen := map[string]bool{}
	for _, m := range metrics.Catalog() {
		if m.ID == "" || seen[m.ID] {
			t.Errorf("metric %q: empty or duplicate id", m.ID)
		}
		seen[m.ID] = true
		if m.Title == "" || m.Command == "" || m.Compute == nil || len(m.Reads) == 0 {
			t.Errorf("%s: needs a title, a command, a compute function and the kinds it reads: %+v", m.ID, m)
		}
		for _, k := range m.Reads {
			if !slices.Contains(kinds, k) {
				t.Errorf("%s reads %q, not an input kind (%v)", m.ID, k, kinds)
			}
		}
		if m.List {
			continue
		}
		if m.Short == "" || m.Abbrev == "" || m.Source == "" {
			t.Errorf("%s: needs a column head, an abbreviation and a source", m.ID)
		}
		if m.KeyedOn == "" || m.Counts == "" || m.Population == "" {
			t.Errorf("%s: needs its words (keyed on, counts, population)", m.ID)
		}
		if m.Scale != 1 && m.Scale != 10 {
			t.Errorf("%s: scale %v, want 1 (a rate) or 10 (a score)", m.ID, m.Scale)
		}
		if len(m.Window.Days) == 0 || m.Window.Validate() != nil || m.MultiWindow != (len(m.Window.Days) > 1) {
			t.Errorf("%s: default window %+v (several windows: %v)", m.ID, m.Window, m.MultiWindow)
		}
		// Its coverage is judged on inputs it reads, by a date; each part
		// names inputs it reads or uses when they are among the files (the
		// settlement report's claims and chargebacks).
		// eBay's own figures (ebay.go) are eBay's counts over eBay's
		// lookback: no file of the seller's has to cover their window.
		if (m.Base.Field == 0 || len(m.Base.Kinds) == 0) && m.Platform != "ebay" {
			t.Errorf("%s: no base (the inputs its denominator is read from)", m.ID)
		}
		for _, k := range m.Base.Kinds {
			if !slices.Contains(m.Reads, k) {
				t.Errorf("%s: base kind %q is not among its reads %v", m.ID, k, m.Reads)
			}
		}
		for _, p := range m.Parts {
			for _, k := range p.Kinds {
				if !slices.Contains(m.Reads, k) && !slices.Contains(m.Uses, k) {
					t.Errorf("%s: part %s reads %q, not among its reads or uses", m.ID, p.Component, k)
				}
			}
		}
		for _, k := range m.Uses {
			if !slices.Contains(kinds, k) {
				t.Errorf("%s uses %q, not an input kind", m.ID, k)
			}
		}
		if m.WindowDate != (metrics.WindowDate{}) && (m.WindowDate.Short == "" || m.WindowDate.Long == "") {
			t.Errorf("%s: a window date needs both names: %+v", m.ID, m.WindowDate)
		}
	}
}

// Lookup finds every metric; IDs and Figures keep the catalog's order;
// WindowOf gives the default until a window is set.
func TestCatalogLookups(t *testing.T) {
	all := metrics.IDs(nil)
	if len(all) != len(metrics.Catalog()) || all[0] != metrics.ODRID {
		t.Fatalf("IDs = %v", all)
	}
	for _, id := range all {
		if m, ok := metrics.Lookup(id); !ok || m.ID != id {
			t.Errorf("Lookup(%q) = %v, %v", id, m.ID, ok)
		}
	}
	if _, ok := metrics.Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
	var figures []string
	for _, m := range metrics.Figures() {
		figures = append(figures, m.ID)
	}
	lists := metrics.IDs(func(m metrics.Metric) bool { return m.List })
	if slices.Contains(figures, metrics.RemovableFeedback) || slices.Contains(figures, metrics.RisksList) || len(figures)+len(lists) != len(all) {
		t.Errorf("Figures = %v", figures)
	}
	if metrics.TitleOf("nope") != "nope" || metrics.TitleOf(metrics.ODRID) != "Order Defect Rate" ||
		metrics.ScaleOf(metrics.CustomerServiceRating) != 10 || metrics.ScaleOf(metrics.ODRID) != 1 {
		t.Error("TitleOf / ScaleOf")
	}
	s := settings.Default(0)
	if w := metrics.WindowOf(s, metrics.ValidTrackingRate); w.Lag != 14 || w.Days[0] != 30 {
		t.Errorf("default tracking window %+v", w)
	}
	s.SetWindow(metrics.ValidTrackingRate, []int{5}, 1)
	if w := metrics.WindowOf(s, metrics.ValidTrackingRate); w.Lag != 1 || w.Days[0] != 5 {
		t.Errorf("set tracking window %+v", w)
	}
}

// Each metric computed through the catalog gives its own id, one entry per
// window, each window as its setting says; without its reports it is not
// computed (a figure) or lists nothing (a work list, whose list is still
// given, empty).
func TestCatalogCompute(t *testing.T) {
	asOf := civil.NewDate(2026, 11, 20)
	empty := records.NewDataset()
	for _, m := range metrics.Catalog() {
		s := settings.Default(asOf)
		days := []int{3}
		if m.MultiWindow {
			days = []int{2, 5}
		}
		s.SetWindow(m.ID, days, 1)
		out := m.Compute(empty, s)
		if m.List {
			if len(out.Results) != 0 || out.Feedback == nil && out.Risks == nil {
				t.Errorf("%s: a list gives its list, even empty: %+v", m.ID, out)
			}
			continue
		}
		if len(out.Results) == 0 && m.ID != metrics.ThreadsWithinLimit { // an entry per platform with threads: none without messages
			t.Errorf("%s: no entry", m.ID)
		}
		for i, r := range out.Results {
			if r.ID != m.ID || r.NotComputed == "" {
				t.Errorf("%s: entry %d is %q, not computed %q", m.ID, i, r.ID, r.NotComputed)
			}
			if m.MultiWindow && r.WindowDays != days[i] {
				t.Errorf("%s: entry %d has window %d, want %d", m.ID, i, r.WindowDays, days[i])
			}
		}
	}
}
