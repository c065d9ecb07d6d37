package engine

import (
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
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
func applyAmazonTargets(d *records.Dataset, store string, asOf civil.Date, resolved map[string]profile.Resolved, ids []string) []string {
	wanted := map[string]bool{}
	for _, id := range ids {
		wanted[id] = true
	}
	sp, file := performanceWithTargets(d, store, asOf)
	if sp == nil {
		return nil
	}
	origin := "Amazon's seller performance report " + file
	var took []string
	seen := map[string]bool{}
	for _, t := range sp.Targets {
		r, ok := resolved[t.Metric]
		switch t.Op {
		case "<", ">", "<=", ">=":
		default:
			continue // "=" has no meaning as a pass line; V1 reports give none
		}
		if !ok || !wanted[t.Metric] || seen[t.Metric] {
			continue
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

// performanceWithTargets is the report's entry for the store that gives
// targets: the latest such report's dated on or before asOf (the last of
// amazonSnapshots; a snapshot dated later is the future), so that a V1 report, which gives
// none, or an older snapshot does not hide them; and its file.
// It only reads the dataset, so audits of one dataset may run in parallel.
func performanceWithTargets(d *records.Dataset, store string, asOf civil.Date) (*records.StorePerformance, string) {
	all := amazonSnapshots(d, store, func(sp *records.StorePerformance) bool {
		if date := reportDate(sp); date != 0 && date > asOf {
			return false
		}
		for _, t := range sp.Targets {
			if t.Op != "" {
				return true
			}
		}
		return false
	})
	if len(all) == 0 {
		return nil, ""
	}
	a := all[len(all)-1]
	return a.sp, a.file
}
