package engine

import (
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/profile"
	"github.com/sellerhealth/audit/internal/records"
)

// kindPerformance is Amazon's SP-API V2 seller performance report.
const kindPerformance = "seller-performance"

// applyAmazonTargets puts the targets of Amazon's own seller performance
// report, when it is among the inputs, over the profile's for the store's
// metrics (platforms.md: "Where a platform's own export carries its target,
// the export wins"), but not over the user's own (file, environment,
// flags). The warn line follows by the warn band. It returns a
// note saying which metrics took Amazon's target, for the warnings list.
func applyAmazonTargets(d *records.Dataset, store string, resolved map[string]profile.Resolved, ids []string) []string {
	wanted := map[string]bool{}
	for _, id := range ids {
		wanted[id] = true
	}
	sp, file := performanceOf(d, store)
	if sp == nil {
		return nil
	}
	origin := "Amazon's seller performance report " + file
	var took []string
	seen := map[string]bool{}
	for _, t := range sp.Targets {
		r, ok := resolved[t.Metric]
		if !ok || !wanted[t.Metric] || seen[t.Metric] || (t.Op != "<" && t.Op != ">") {
			continue // "=" has no meaning as a pass line
		}
		seen[t.Metric] = true
		if !strings.HasPrefix(r.Origins["fail"], "profile ") {
			continue // the user's own target (file, env, flag) wins over Amazon's
		}
		r.Op, r.Fail = health.Op(t.Op), t.Value
		r.Source = origin
		r.Origins["fail"] = origin
		if strings.HasPrefix(r.Origins["warn"], "profile ") {
			r.Warn = profile.WarnBand(r.Op, r.Fail)
			r.Origins["warn"] = "warn band of " + origin
		}
		resolved[t.Metric] = r
		took = append(took, t.Metric)
	}
	if len(took) == 0 {
		return nil
	}
	sort.Strings(took)
	return []string{"targets of " + strings.Join(took, ", ") + " from " + origin + " (store " + sp.Store + "), over the profile's"}
}

// performanceOf is the report's entry for the store: the one whose store is
// the account's, or the only one when the account's store is unknown; and
// the file it was read from. It only reads the dataset, so audits of one
// dataset may run in parallel (audit trend).
func performanceOf(d *records.Dataset, store string) (*records.StorePerformance, string) {
	var all []*records.StorePerformance
	var files []string
	for i := range d.Performance {
		for j := range d.Performance[i].Stores {
			sp := &d.Performance[i].Stores[j]
			if len(sp.Targets) == 0 {
				continue
			}
			file := sp.Source.File
			if file == "" {
				file = d.Performance[i].Source.File
			}
			if store != "" && sp.Store == store {
				return sp, file
			}
			all, files = append(all, sp), append(files, file)
		}
	}
	if store == "" && len(all) == 1 {
		return all[0], files[0]
	}
	return nil, ""
}
