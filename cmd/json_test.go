package cmd

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestJSONContract checks the document against the contract of issues 2 and
// 3 and docs/: every contract field present with its type, the entries of
// each command in order, lists never null. Extra fields are allowed only from
// a known list, so that a new one is a deliberate (documented) change.
func TestJSONContract(t *testing.T) {
	runs := [][]string{
		{"odr", acme}, {"odr", warnOnly}, {"odr", clean}, {"odr", emptyWindow},
		{"all", acme}, {"all", acmeDE}, {"all", "--marketplace", "DE", acmeDE}, {"all", clean}, {"all", emptyWindow},
		{"all", acme + "/shipments.csv"}, // no orders report: the ODR is not computed
		{"late-shipment", acmeDE}, {"cancellation", acmeDE}, {"tracking", acmeDE}, {"delivery", acmeDE}, {"idr", acmeDE},
		{"late-shipment", acme}, {"delivery", acme}, {"idr", acme}, {"idr", clean},
		{"defects", acme}, {"defects", acmeDE}, {"defects", warnOnly},
		{"service", acmeService}, {"all", acmeService},
	}
	var full [][]string
	for _, args := range runs {
		full = append(full, append([]string{args[0], "--as-of", "2026-11-20", "-o", "json"}, args[1:]...))
	}
	// Other dates: every metric failing, and windows before and after the
	// samples' defects (forecasts of every kind, empty lists).
	for _, asOf := range []string{"2026-10-01", "2026-12-15"} {
		for _, dir := range []string{acme, acmeDE, emptyWindow} {
			full = append(full, []string{"all", "--as-of", asOf, "-o", "json", dir})
		}
	}
	for _, args := range full {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := run(t, false, args...)
			if r.code == ExitError {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			checkContract(t, r.stdout)
		})
	}
	// The goldens themselves, so that -update cannot pin a broken document.
	for _, g := range jsonGoldens {
		t.Run(g, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(goldenDir, g))
			if err != nil {
				t.Fatal(err)
			}
			checkContract(t, string(b))
		})
	}
}

// leaves_window_on is exact: on the day before it the order still counts
// against its entry, on the day itself it no longer does. Each listed order
// of the samples' entries, audited again on both days.
func TestLeavesWindowOnBoundary(t *testing.T) {
	type entry struct {
		ID          string
		Fulfillment string
		WindowDays  int `json:"window_days"`
		Marketplace string
		Defects     []struct {
			OrderID        string `json:"order_id"`
			LeavesWindowOn string `json:"leaves_window_on"`
		}
	}
	audit := func(t *testing.T, dir, asOf string) map[string]entry {
		t.Helper()
		var doc struct{ Metrics []entry }
		r := run(t, false, "all", "--as-of", asOf, "-o", "json", dir)
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("as of %s: %v (exit %d: %s)", asOf, err, r.code, r.stderr)
		}
		byKey := map[string]entry{}
		for _, m := range doc.Metrics {
			byKey[fmt.Sprintf("%s %s %d %s", m.ID, m.Fulfillment, m.WindowDays, m.Marketplace)] = m
		}
		return byKey
	}
	listed := func(e entry, orderID string) bool {
		for _, d := range e.Defects {
			if d.OrderID == orderID {
				return true
			}
		}
		return false
	}
	for _, dir := range []string{acme, acmeDE} {
		t.Run(dir, func(t *testing.T) {
			cache := map[string]map[string]entry{}
			at := func(asOf string) map[string]entry {
				if cache[asOf] == nil {
					cache[asOf] = audit(t, dir, asOf)
				}
				return cache[asOf]
			}
			n := 0
			for key, e := range at("2026-11-20") {
				for _, d := range e.Defects {
					n++
					before := addDays(d.LeavesWindowOn, -1)
					if !listed(at(before)[key], d.OrderID) {
						t.Errorf("%s: order %s is not listed as of %s, the day before its leaves_window_on", key, d.OrderID, before)
					}
					if listed(at(d.LeavesWindowOn)[key], d.OrderID) {
						t.Errorf("%s: order %s is still listed as of its leaves_window_on %s", key, d.OrderID, d.LeavesWindowOn)
					}
				}
			}
			if n == 0 {
				t.Fatal("no listed orders to check")
			}
		})
	}
}

// jsonGoldens are every golden JSON document.
var jsonGoldens = []string{"odr-json.golden", "odr-json-no-data.golden", "all-us-json.golden", "all-de-json.golden",
	"de-late-shipment-json.golden", "de-cancellation-json.golden", "de-tracking-json.golden",
	"de-delivery-json.golden", "de-idr-json.golden"}

// commandIDs is the sequence of metric ids each command writes, in order
// (the ODR as three entries, the late shipment rate as two, the invoice
// defect rate as one entry per store, at least one).
var commandIDs = map[string][]string{
	"odr":           {"odr", "odr", "odr"},
	"late-shipment": {"late_shipment_rate", "late_shipment_rate"},
	"cancellation":  {"prefulfillment_cancel_rate"},
	"tracking":      {"valid_tracking_rate"},
	"delivery":      {"on_time_delivery_rate"},
	"idr":           {"invoice_defect_rate"},
	"all": {"odr", "odr", "odr", "late_shipment_rate", "late_shipment_rate", "prefulfillment_cancel_rate",
		"valid_tracking_rate", "on_time_delivery_rate", "invoice_defect_rate"},
}

// serviceIDs are the customer-service entries: audit service writes them,
// audit all and defects add them after the others when the help-desk
// files are among the inputs.
var serviceIDs = []string{"contact_response_rate", "contact_response_rate", "contact_response_rate",
	"return_dissatisfaction_rate", "customer_service_rating", "customer_service_dissatisfaction_rate"}

func init() {
	commandIDs["defects"] = commandIDs["all"]
	commandIDs["reconcile"] = commandIDs["all"]
	commandIDs["service"] = serviceIDs
}

// rule is a metric's target as metrics.md states it.
type rule struct {
	op           string
	target, warn float64
	days         int // window length; 0: a setting (the ODR's --window-days)
	advisory     bool
}

// ruleFor is the target of id in the store the document names.
func ruleFor(id, store string, windowDays int) (rule, bool) {
	eu := map[string]bool{"UK": true, "IE": true, "DE": true, "FR": true, "IT": true, "ES": true, "NL": true, "BE": true, "SE": true, "PL": true}
	switch id {
	case "contact_response_rate":
		return rule{">=", 0.90, 0.92, windowDays, false}, true
	case "return_dissatisfaction_rate":
		return rule{"<", 0.10, 0.08, 30, true}, true
	case "customer_service_rating":
		return rule{">=", 6, 8, 28, false}, true // a score of 1 to 10
	case "customer_service_dissatisfaction_rate":
		return rule{"<", 0.25, 0.20, 30, true}, true
	case "odr":
		return rule{"<", 0.01, 0.008, 0, false}, true
	case "late_shipment_rate":
		return rule{"<", 0.04, 0.032, windowDays, false}, true
	case "prefulfillment_cancel_rate":
		return rule{"<", 0.025, 0.02, 7, false}, true
	case "valid_tracking_rate":
		return rule{">", 0.95, 0.97, 30, false}, true
	case "on_time_delivery_rate":
		switch {
		case store == "" || store == "US":
			return rule{">=", 0.90, 0.92, 14, false}, true // US: enforced
		case eu[store]:
			return rule{">", 0.97, 0.99, 14, true}, true // EU: recommended, a miss warns
		}
		return rule{">=", 0.90, 0.92, 14, true}, true
	case "invoice_defect_rate":
		return rule{"<", 0.05, 0.04, 7, false}, true
	}
	return rule{}, false
}

var statusRank = map[string]int{"not_computed": -1, "no_data": 0, "pass": 1, "warn": 2, "incomplete": 3, "fail": 4}

func checkContract(t *testing.T, doc string) {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal([]byte(doc), &top); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	c := contract{t: t}
	c.keys("document", top, []string{"schema_version", "as_of", "status", "metrics", "unmatched", "warnings", "inputs"}, "command", "marketplace", "profile", "feedback", "risks", "account_health")
	if v := c.integer("schema_version", top["schema_version"]); v != 1 {
		t.Errorf("schema_version = %v, want 1", v)
	}
	asOf := c.date("as_of", top["as_of"])
	top1 := c.status("status", top["status"])
	if top1 == "not_computed" {
		t.Error("top-level status is not_computed: the overall status is at least no_data")
	}
	command := "odr"
	if v, ok := top["command"]; ok {
		command = c.str("command", v)
	}
	store := ""
	if v, ok := top["marketplace"]; ok {
		if store = c.str("marketplace", v); store == "" {
			t.Error("marketplace is empty: leave it out when the store is unknown")
		}
	}
	wantIDs, ok := commandIDs[command]
	if !ok {
		t.Fatalf("unknown command %q", command)
	}

	metrics := c.array("metrics", top["metrics"])
	var gotIDs []string
	for i, e := range metrics {
		gotIDs = append(gotIDs, c.str("metrics["+itoa(i)+"].id", c.object("metrics["+itoa(i)+"]", e)["id"]))
	}
	// The customer-service entries follow the others in audit all.
	collapsed := gotIDs
	if (command == "all" || command == "defects") && len(collapsed) > len(serviceIDs) &&
		strings.Join(collapsed[len(collapsed)-len(serviceIDs):], ",") == strings.Join(serviceIDs, ",") {
		collapsed = collapsed[:len(collapsed)-len(serviceIDs)]
	}
	// The invoice defect rate has one entry per store: collapse them.
	for len(collapsed) > 1 && collapsed[len(collapsed)-1] == "invoice_defect_rate" && collapsed[len(collapsed)-2] == "invoice_defect_rate" {
		collapsed = collapsed[:len(collapsed)-1]
	}
	if strings.Join(collapsed, ",") != strings.Join(wantIDs, ",") {
		t.Fatalf("%s: metric ids %v, want %v", command, gotIDs, wantIDs)
	}

	worst := "no_data"
	segments := []string{"all", "afn", "mfn"}
	lsrDays := []float64{10, 30}
	for i, e := range metrics {
		m := e.(map[string]any)
		id := gotIDs[i]
		name := "metrics[" + itoa(i) + "] (" + id + ")"
		st := c.status(name+".status", m["status"])
		if statusRank[st] > statusRank[worst] {
			worst = st
		}
		windowDays := 0
		if id == "contact_response_rate" {
			windowDays = int(c.integer(name+".window_days", m["window_days"]))
		} else if id == "late_shipment_rate" {
			if len(lsrDays) == 0 {
				t.Fatalf("%s: more than two late shipment entries", name)
			}
			d := c.integer(name+".window_days", m["window_days"])
			if d != lsrDays[0] {
				t.Errorf("%s.window_days = %v, want %v (10 then 30)", name, d, lsrDays[0])
			}
			lsrDays = lsrDays[1:]
			windowDays = int(d)
		} else if _, ok := m["window_days"]; ok {
			t.Errorf("%s has window_days: only the late shipment rate has", name)
		}
		r, _ := ruleFor(id, store, windowDays)

		// Fields every entry has, and those only some may have.
		want := []string{"id", "platform", "value", "numerator", "denominator", "status", "target", "warn_at", "inputs"}
		extra := []string{"name", "advisory", "reason", "window_days", "calendar", "marketplace", "cycle", "defects", "forecast", "if_removed", "provisional",
			"coverage", "partial_status", "amazon"}
		switch {
		case st == "not_computed":
			want = append(want, "reason")
			extra = append(extra, "fulfillment", "window", "components")
		case id == "odr":
			want = append(want, "fulfillment", "window", "components")
		case id == "invoice_defect_rate":
			want = append(want, "window", "components", "marketplace")
		case id == "contact_response_rate" || id == "return_dissatisfaction_rate":
			want = append(want, "window", "components")
		case id == "customer_service_rating" && st != "no_data":
			want = append(want, "window", "period")
		default:
			want = append(want, "window")
		}
		c.keys(name, m, want, extra...)
		absent := c.entryInputs(name, m)
		c.coverage(name, m, st)
		if st != "not_computed" {
			if _, ok := m["reason"]; ok {
				t.Errorf("%s: a reason on a computed entry", name)
			}
		}
		if v, ok := m["name"]; ok && c.str(name+".name", v) == "" {
			t.Errorf("%s.name is empty", name)
		}

		// ODR segments, in order.
		if id == "odr" {
			if len(segments) == 0 {
				t.Fatalf("%s: more than three odr entries", name)
			}
			if f := c.str(name+".fulfillment", m["fulfillment"]); f != segments[0] {
				t.Errorf("%s.fulfillment = %q, want %q", name, f, segments[0])
			}
			segments = segments[1:]
		} else if _, ok := m["fulfillment"]; ok {
			t.Errorf("%s has fulfillment: only the ODR is split by fulfilment channel", name)
		}

		// Target and warn line, as the rule says.
		target := c.object(name+".target", m["target"])
		c.keys(name+".target", target, []string{"op", "value"})
		op := c.str(name+".target.op", target["op"])
		switch op {
		case "<", "<=", ">", ">=":
		default:
			t.Errorf("%s.target.op = %q, want <, <=, > or >=", name, op)
		}
		if op != r.op {
			t.Errorf("%s.target.op = %q, want %q (store %q)", name, op, r.op, store)
		}
		if v := c.number(name+".target.value", target["value"]); v != r.target {
			t.Errorf("%s.target.value = %v, want %v", name, v, r.target)
		}
		if v := c.number(name+".warn_at", m["warn_at"]); v != r.warn {
			t.Errorf("%s.warn_at = %v, want %v", name, v, r.warn)
		}
		if v, ok := m["advisory"]; ok {
			if b, isBool := v.(bool); !isBool || !b {
				t.Errorf("%s.advisory = %v, want true or absent", name, v)
			}
		}
		if _, adv := m["advisory"]; adv != r.advisory {
			t.Errorf("%s: advisory %v, want %v (store %q)", name, adv, r.advisory, store)
		}
		if st == "fail" && r.advisory {
			t.Errorf("%s: an advisory target failed; a miss only warns", name)
		}

		// Figures.
		num := c.integer(name+".numerator", m["numerator"])
		den := c.integer(name+".denominator", m["denominator"])
		switch v := m["value"].(type) {
		case nil:
			if den != 0 || (st != "no_data" && st != "not_computed" && (st != "incomplete" || m["partial_status"] != "no_data")) {
				t.Errorf("%s: value null with denominator %v, status %s", name, den, st)
			}
		case float64:
			if den == 0 || v != num/den {
				t.Errorf("%s: value %v is not numerator/denominator %v/%v", name, v, num, den)
			}
			if st == "no_data" || st == "not_computed" {
				t.Errorf("%s: status %s with a value", name, st)
			}
		default:
			t.Errorf("%s.value is %T, want a number or null", name, v)
		}
		if num > den && id != "customer_service_rating" { // the rating's numerator is a sum of scores
			t.Errorf("%s: numerator %v above the denominator %v", name, num, den)
		}
		if st == "not_computed" {
			if reason := c.str(name+".reason", m["reason"]); strings.TrimSpace(reason) == "" {
				t.Errorf("%s: not computed without a reason", name)
			}
			if num != 0 || den != 0 {
				t.Errorf("%s: not computed with figures %v/%v", name, num, den)
			}
		}

		// Window: the dates covered, both ends inclusive.
		if wv, ok := m["window"]; ok {
			w := c.object(name+".window", wv)
			c.keys(name+".window", w, []string{"from", "to", "days"})
			from, to := c.date(name+".window.from", w["from"]), c.date(name+".window.to", w["to"])
			days := c.integer(name+".window.days", w["days"])
			if from != "" && to != "" {
				f, _ := time.Parse("2006-01-02", from)
				tt, _ := time.Parse("2006-01-02", to)
				if got := tt.Sub(f).Hours()/24 + 1; got != days {
					t.Errorf("%s.window %s..%s is %v days, says %v", name, from, to, got, days)
				}
			}
			if r.days != 0 && days != float64(r.days) {
				t.Errorf("%s.window.days = %v, want %d", name, days, r.days)
			}
		}

		// Components.
		switch {
		case id == "odr" && st != "not_computed":
			comp := c.object(name+".components", m["components"])
			c.keys(name+".components", comp, []string{"negative_feedback", "a_to_z_claims", "chargebacks"})
			sum := 0.0
			sources := map[string][]string{"negative_feedback": {"feedback"}, "a_to_z_claims": {"claims", "returns"}, "chargebacks": {"chargebacks"}}
			for _, k := range []string{"negative_feedback", "a_to_z_claims", "chargebacks"} {
				if comp[k] == nil {
					// Not given: none of its inputs was read.
					for _, src := range sources[k] {
						if !slices.Contains(absent, src) {
							t.Errorf("%s.components.%s is null, but %s was among the inputs", name, k, src)
						}
					}
					continue
				}
				n := c.integer(name+".components."+k, comp[k])
				if n > num {
					t.Errorf("%s: %s %v exceeds the numerator %v", name, k, n, num)
				}
				sum += n
			}
			if sum < num {
				t.Errorf("%s: components sum to %v, below the numerator %v", name, sum, num)
			}
		case id == "invoice_defect_rate" && st != "not_computed":
			comp := c.object(name+".components", m["components"])
			c.keys(name+".components", comp, []string{"missing_invoice", "late_invoice"})
			// An invoice is either missing or late: the components add up.
			late := 0.0
			if comp["late_invoice"] != nil { // null: no upload times given (the VAT invoice data report)
				late = c.integer(name+".components.late_invoice", comp["late_invoice"])
			}
			if s := c.integer(name+".components.missing_invoice", comp["missing_invoice"]) + late; s != num {
				t.Errorf("%s: components sum to %v, want the numerator %v", name, s, num)
			}
			switch mp := c.str(name+".marketplace", m["marketplace"]); mp {
			case "UK", "DE", "FR", "IT", "ES":
			default:
				t.Errorf("%s.marketplace = %q, want one of UK, DE, FR, IT, ES", name, mp)
			}
		case (id == "contact_response_rate" || id == "return_dissatisfaction_rate") && st != "not_computed":
			comp := c.object(name+".components", m["components"])
			keys := []string{"late_response", "no_response"}
			if id == "return_dissatisfaction_rate" {
				keys = []string{"late_response", "invalid_rejection", "negative_feedback"}
			}
			c.keys(name+".components", comp, keys)
			sum := 0.0
			for _, k := range keys {
				sum += c.integer(name+".components."+k, comp[k])
			}
			// A message is late or unanswered; a return request may be
			// dissatisfied for several reasons, each counted.
			bad := num
			if id == "contact_response_rate" {
				bad = den - num
			}
			if (id == "contact_response_rate" && sum != bad) || sum < bad {
				t.Errorf("%s: components sum to %v, against %v dissatisfied", name, sum, bad)
			}
		case st != "not_computed":
			if _, ok := m["components"]; ok {
				t.Errorf("%s has components", name)
			}
		}

		if id == "customer_service_rating" {
			continue // an average score: no orders count against it, no forecast
		}
		c.defects(name, id, m, asOf)
		c.forecast(name, m, asOf)
	}
	if top1 != worst {
		t.Errorf("top-level status %q, want the worst of the metrics, %q", top1, worst)
	}

	for i, u := range c.array("unmatched", top["unmatched"]) {
		name := "unmatched[" + itoa(i) + "]"
		o := c.object(name, u)
		c.keys(name, o, []string{"order_id", "kind", "file", "line"})
		c.str(name+".order_id", o["order_id"])
		switch k := c.str(name+".kind", o["kind"]); k {
		case "negative_feedback", "a_to_z_claim", "chargeback", "seller_cancellation":
		default:
			t.Errorf("%s.kind = %q", name, k)
		}
		c.str(name+".file", o["file"])
		if l := c.integer(name+".line", o["line"]); l < 2 {
			t.Errorf("%s.line = %v, want a data line (>= 2)", name, l)
		}
	}
	for i, w := range c.array("warnings", top["warnings"]) {
		if c.str("warnings["+itoa(i)+"]", w) == "" {
			t.Errorf("warnings[%d] is empty", i)
		}
	}
	inputs := c.array("inputs", top["inputs"])
	if len(inputs) == 0 {
		t.Error("inputs is empty")
	}
	for i, in := range inputs {
		name := "inputs[" + itoa(i) + "]"
		o := c.object(name, in)
		c.keys(name, o, []string{"file", "kind", "rows"}, "covers")
		c.str(name+".file", o["file"])
		if cv, ok := o["covers"]; ok {
			for j, s := range c.array(name+".covers", cv) {
				sn := name + ".covers[" + itoa(j) + "]"
				so := c.object(sn, s)
				c.keys(sn, so, []string{"field", "from", "to", "rows"}, "store")
				c.str(sn+".field", so["field"])
				if c.date(sn+".from", so["from"]) > c.date(sn+".to", so["to"]) {
					t.Errorf("%s: from after to", sn)
				}
				c.integer(sn+".rows", so["rows"])
			}
		}
		if k := c.str(name+".kind", o["kind"]); k == "" {
			t.Errorf("%s.kind is empty", name)
		}
		c.integer(name+".rows", o["rows"])
	}
}

// goodCounted are the metrics whose numerator counts good shipments: their
// defects are the others, denominator − numerator of them.
var goodCounted = map[string]bool{"valid_tracking_rate": true, "on_time_delivery_rate": true, "contact_response_rate": true}

// defects checks an entry's per-order list (docs/json.md, "defects"): the
// orders counted against the metric, each once, keyed on a date in the
// window, leaving it on window_date + lag + window days.
func (c contract) defects(name, id string, m map[string]any, asOf string) {
	t := c.t
	t.Helper()
	st, _ := m["status"].(string)
	num, _ := m["numerator"].(float64)
	den, _ := m["denominator"].(float64)
	bad := int(num)
	if goodCounted[id] {
		bad = int(den - num)
	}
	dv, listed := m["defects"]
	if !listed {
		if st != "not_computed" && bad > 0 {
			t.Errorf("%s: %d orders count against it, but there is no defects list", name, bad)
		}
		return
	}
	if st == "not_computed" {
		t.Errorf("%s: defects on a not computed entry", name)
		return
	}
	list := c.array(name+".defects", dv)
	if len(list) == 0 {
		t.Errorf("%s.defects is empty: leave it out instead", name)
	}
	if len(list) != bad {
		t.Errorf("%s: %d defects, want the %d orders counted against it", name, len(list), bad)
	}
	w, _ := m["window"].(map[string]any)
	from, _ := w["from"].(string)
	to, _ := w["to"].(string)
	if from == "" || to == "" || asOf == "" {
		t.Errorf("%s: defects without a window or as_of", name)
		return
	}
	// On as_of the window starts at from: an order keyed on d leaves it on
	// d + (as_of − from) + 1, which is d + lag + window days.
	stay := days(from, asOf) + 1
	seg, _ := m["fulfillment"].(string)
	seen := map[string]bool{}
	for i, dv := range list {
		dn := name + ".defects[" + itoa(i) + "]"
		d := c.object(dn, dv)
		c.keys(dn, d, []string{"order_id", "window_date", "types", "events", "leaves_window_on"}, "order_date", "fulfillment")
		oid := c.str(dn+".order_id", d["order_id"])
		if oid == "" || seen[oid] {
			t.Errorf("%s.order_id %q is empty or listed twice", dn, oid)
		}
		seen[oid] = true
		wd := c.date(dn+".window_date", d["window_date"])
		if wd != "" && (wd < from || wd > to) {
			t.Errorf("%s.window_date %s is outside the window %s..%s", dn, wd, from, to)
		}
		if od, ok := d["order_date"]; ok {
			if od := c.date(dn+".order_date", od); od != "" && wd != "" && od > wd {
				t.Errorf("%s: order_date %s after window_date %s", dn, od, wd)
			}
		}
		if f, ok := d["fulfillment"]; ok {
			switch f := c.str(dn+".fulfillment", f); {
			case f != "afn" && f != "mfn":
				t.Errorf("%s.fulfillment = %q, want afn or mfn", dn, f)
			case seg != "" && seg != "all" && f != seg:
				t.Errorf("%s.fulfillment = %q in the %s entry", dn, f, seg)
			}
		}
		if lw := c.date(dn+".leaves_window_on", d["leaves_window_on"]); wd != "" && lw != "" {
			if want := addDays(wd, stay); lw != want {
				t.Errorf("%s.leaves_window_on = %s, want %s (window_date %s + %d days)", dn, lw, want, wd, stay)
			}
			if lw <= asOf {
				t.Errorf("%s.leaves_window_on %s is not after as_of %s, yet the order counts", dn, lw, asOf)
			}
		}
		events := c.array(dn+".events", d["events"])
		if len(events) == 0 {
			t.Errorf("%s has no events: nothing says why it counts", dn)
		}
		var types []string
		for j, ev := range events {
			en := dn + ".events[" + itoa(j) + "]"
			e := c.object(en, ev)
			c.keys(en, e, []string{"type", "date"}, "status")
			typ := c.str(en+".type", e["type"])
			if !isEventType.MatchString(typ) {
				t.Errorf("%s.type = %q, want a lower-case name", en, typ)
			}
			if !contains(types, typ) {
				types = append(types, typ)
			}
			if e["date"] != nil {
				if date := c.date(en+".date", e["date"]); date > asOf {
					t.Errorf("%s.date %s is after as_of %s", en, date, asOf)
				}
			}
			if sv, ok := e["status"]; ok && c.str(en+".status", sv) == "" {
				t.Errorf("%s.status is empty: leave it out instead", en)
			}
		}
		var got []string
		for j, tv := range c.array(dn+".types", d["types"]) {
			got = append(got, c.str(dn+".types["+itoa(j)+"]", tv))
		}
		if strings.Join(got, ",") != strings.Join(types, ",") {
			t.Errorf("%s.types = %v, want the events' types in order, once each: %v", dn, got, types)
		}
	}
}

var isEventType = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// forecast checks an entry's forecast (docs/metrics.md, "Forecast") against
// its own figures: the goal from the target and the warn line, the daily
// volume, and clean_orders_needed as the least number that meets the goal.
func (c contract) forecast(name string, m map[string]any, asOf string) {
	t := c.t
	t.Helper()
	st, _ := m["status"].(string)
	fv, ok := m["forecast"]
	if st != "warn" && st != "fail" {
		if ok {
			t.Errorf("%s: a forecast on a %s entry", name, st)
		}
		return
	}
	if !ok {
		t.Errorf("%s: a %s entry without a forecast", name, st)
		return
	}
	fn := name + ".forecast"
	f := c.object(fn, fv)
	c.keys(fn, f, []string{"goal", "op", "line", "recovers_on", "clean_orders_needed", "daily_orders"}, "reason")
	target, _ := m["target"].(map[string]any)
	top, _ := target["op"].(string)
	tval, _ := target["value"].(float64)
	warnAt, _ := m["warn_at"].(float64)
	goal, op := c.str(fn+".goal", f["goal"]), c.str(fn+".op", f["op"])
	line := c.number(fn+".line", f["line"])
	lower := top == "<" || top == "<="
	switch goal {
	case "target":
		if op != top || line != tval {
			t.Errorf("%s: goal target is %s %v, want the target %s %v", fn, op, line, top, tval)
		}
	case "pass":
		if st != "warn" {
			t.Errorf("%s: goal pass on a %s entry; a failing entry aims for its target", fn, st)
		}
		// The tighter of target and warn line; the warn line is strict.
		wantOp, wantLine := top, tval
		switch {
		case lower && warnAt <= tval:
			wantOp, wantLine = "<", warnAt
		case !lower && warnAt >= tval:
			wantOp, wantLine = ">", warnAt
		}
		if op != wantOp || line != wantLine {
			t.Errorf("%s: goal pass is %s %v, want %s %v (target %s %v, warn at %v)", fn, op, line, wantOp, wantLine, top, tval, warnAt)
		}
	default:
		t.Errorf("%s.goal = %q, want target or pass", fn, goal)
	}
	num, _ := m["numerator"].(float64)
	den, _ := m["denominator"].(float64)
	w, _ := m["window"].(map[string]any)
	wdays, _ := w["days"].(float64)
	if daily := c.number(fn+".daily_orders", f["daily_orders"]); wdays == 0 || daily != den/wdays {
		t.Errorf("%s.daily_orders = %v, want denominator / window days = %v/%v", fn, daily, den, wdays)
	}
	null := 0
	if f["recovers_on"] == nil {
		null++
	} else if d := c.date(fn+".recovers_on", f["recovers_on"]); d <= asOf {
		t.Errorf("%s.recovers_on %s is not after as_of %s", fn, d, asOf)
	}
	// n clean orders: "less than" d/(N+n), "greater than" (g+n)/(N+n).
	meets := func(n int64) bool {
		rn := new(big.Rat).SetInt64(int64(num))
		if !lower {
			rn.Add(rn, big.NewRat(n, 1))
		}
		return compare(op, new(big.Rat).Quo(rn, big.NewRat(int64(den)+n, 1)), line)
	}
	if den > 0 && meets(0) {
		t.Errorf("%s: %v/%v meets the goal %s %v already", fn, num, den, op, line)
	}
	if f["clean_orders_needed"] == nil {
		null++
	} else if n := int64(c.integer(fn+".clean_orders_needed", f["clean_orders_needed"])); !meets(n) || (n > 0 && meets(n-1)) {
		t.Errorf("%s.clean_orders_needed = %d is not the least number of clean orders that meets %s %v (from %v/%v)", fn, n, op, line, num, den)
	}
	reason, hasReason := f["reason"]
	if hasReason && c.str(fn+".reason", reason) == "" {
		t.Errorf("%s.reason is empty", fn)
	}
	if (null > 0) != hasReason {
		t.Errorf("%s: reason %v with %d null fields; a reason says why a field is null", fn, reason, null)
	}
}

// compare says whether rate op line, the line taken as the decimal it is
// written as (0.01 is exactly 1/100).
func compare(op string, rate *big.Rat, line float64) bool {
	l, _ := new(big.Rat).SetString(strconv.FormatFloat(line, 'f', -1, 64))
	switch c := rate.Cmp(l); op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

// days is the number of days from a to b (YYYY-MM-DD).
func days(a, b string) int {
	ta, _ := time.Parse(time.DateOnly, a)
	tb, _ := time.Parse(time.DateOnly, b)
	return int(tb.Sub(ta).Hours() / 24)
}

func addDays(d string, n int) string {
	td, _ := time.Parse(time.DateOnly, d)
	return td.AddDate(0, 0, n).Format(time.DateOnly)
}

// contract reports type mismatches of decoded JSON values.
type contract struct{ t *testing.T }

// keys checks that o has every key of want and nothing beyond want and extra.
func (c contract) keys(name string, o map[string]any, want []string, extra ...string) {
	c.t.Helper()
	allowed := map[string]bool{}
	for _, k := range append(append([]string{}, want...), extra...) {
		allowed[k] = true
	}
	for _, k := range want {
		if _, ok := o[k]; !ok {
			c.t.Errorf("%s lacks %q", name, k)
		}
	}
	var unknown []string
	for k := range o {
		if !allowed[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		c.t.Errorf("%s has fields outside the contract: %v (document them and add them here)", name, unknown)
	}
}

func (c contract) object(name string, v any) map[string]any {
	c.t.Helper()
	o, ok := v.(map[string]any)
	if !ok {
		c.t.Errorf("%s is %T, want an object", name, v)
	}
	return o
}

// array rejects null: the contract's lists are always present.
func (c contract) array(name string, v any) []any {
	c.t.Helper()
	a, ok := v.([]any)
	if !ok {
		c.t.Errorf("%s is %T, want an array (never null)", name, v)
	}
	return a
}

func (c contract) str(name string, v any) string {
	c.t.Helper()
	s, ok := v.(string)
	if !ok {
		c.t.Errorf("%s is %T, want a string", name, v)
	}
	return s
}

func (c contract) number(name string, v any) float64 {
	c.t.Helper()
	f, ok := v.(float64)
	if !ok {
		c.t.Errorf("%s is %T, want a number", name, v)
	}
	return f
}

func (c contract) integer(name string, v any) float64 {
	c.t.Helper()
	f := c.number(name, v)
	if f != float64(int64(f)) || f < 0 {
		c.t.Errorf("%s = %v, want a non-negative integer", name, f)
	}
	return f
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (c contract) date(name string, v any) string {
	c.t.Helper()
	s := c.str(name, v)
	if !isoDate.MatchString(s) {
		c.t.Errorf("%s = %q, want YYYY-MM-DD", name, s)
		return ""
	}
	return s
}

func (c contract) status(name string, v any) string {
	c.t.Helper()
	s := c.str(name, v)
	switch s {
	case "pass", "warn", "incomplete", "fail", "no_data", "not_computed":
	default:
		c.t.Errorf("%s = %q, want pass, warn, incomplete, fail, no_data or not_computed", name, s)
	}
	return s
}

// entryInputs checks an entry's inputs {used, absent} and returns absent.
func (c contract) entryInputs(name string, m map[string]any) []string {
	c.t.Helper()
	in := c.object(name+".inputs", m["inputs"])
	c.keys(name+".inputs", in, []string{"used", "absent"})
	var absent []string
	for _, k := range []string{"used", "absent"} {
		for i, v := range c.array(name+".inputs."+k, in[k]) {
			s := c.str(name+".inputs."+k+"["+itoa(i)+"]", v)
			if k == "absent" {
				absent = append(absent, s)
			}
		}
	}
	return absent
}

// coverage checks an entry's coverage: present on every computed entry
// with a window; missing days only on an incomplete one, which has its
// partial status.
func (c contract) coverage(name string, m map[string]any, st string) {
	c.t.Helper()
	cv, ok := m["coverage"]
	if _, partial := m["partial_status"]; partial != (st == "incomplete") {
		c.t.Errorf("%s: partial_status present %v with status %s", name, partial, st)
	}
	if !ok {
		if st == "incomplete" {
			c.t.Errorf("%s is incomplete without a coverage", name)
		}
		return
	}
	o := c.object(name+".coverage", cv)
	c.keys(name+".coverage", o, []string{"kinds", "field", "needed", "covered", "missing"})
	ranges := func(k string) int {
		a := c.array(name+".coverage."+k, o[k])
		for i, r := range a {
			ro := c.object(name+".coverage."+k+"["+itoa(i)+"]", r)
			c.keys(name+".coverage."+k, ro, []string{"from", "to"})
			c.date(name+".coverage."+k+".from", ro["from"])
			c.date(name+".coverage."+k+".to", ro["to"])
		}
		return len(a)
	}
	if missing := ranges("missing"); (missing > 0) != (st == "incomplete") {
		c.t.Errorf("%s: %d missing ranges with status %s", name, missing, st)
	}
	ranges("covered")
	c.object(name+".coverage.needed", o["needed"])
}

// TestJSONMatchesExpected: the sample accounts' figures are those their
// generators state in acme-us.expected.json and acme-de.expected.json (from
// the rules of metrics.md, not from audit), live and in the goldens, so that
// `go test ./cmd -update` cannot pin a wrong number. Every key of the
// expected files is compared (readExpected rejects one it does not know).
func TestJSONMatchesExpected(t *testing.T) {
	perCommand := map[string][]string{
		"late-shipment": {"late_shipment_rate_10d", "late_shipment_rate_30d"},
		"cancellation":  {"prefulfillment_cancel_rate"},
		"tracking":      {"valid_tracking_rate"},
		"delivery":      {"on_time_delivery_rate"},
		"idr":           {"invoice_defect_rate"},
	}
	for _, tt := range []struct {
		dir, expected, short string
	}{
		{acme, "testdata/accounts/acme-us.expected.json", "us"},
		{acmeDE, "testdata/accounts/acme-de.expected.json", "de"},
	} {
		t.Run(tt.short, func(t *testing.T) {
			exp := readExpected(t, tt.expected)
			docs := map[string]string{
				"odr output": run(t, false, "odr", "--as-of", exp.AsOf, "-o", "json", tt.dir).stdout,
				"all output": run(t, false, "all", "--as-of", exp.AsOf, "-o", "json", tt.dir).stdout,
				"all golden": readGoldenFile(t, "all-"+tt.short+"-json.golden"),
			}
			if tt.short == "us" {
				docs["odr golden"] = readGoldenFile(t, "odr-json.golden")
			}
			for name, doc := range docs {
				diffs := compareExpected(exp.expectedODR, doc)
				if strings.HasPrefix(name, "all") {
					diffs = append(diffs, compareRates(exp, doc, nil)...)
				}
				if len(diffs) > 0 {
					t.Errorf("%s differs from %s:\n%s", name, tt.expected, strings.Join(diffs, "\n"))
				}
			}
			for command, keys := range perCommand {
				var want []string
				for _, k := range keys {
					if _, ok := exp.Rates[k]; ok {
						want = append(want, k)
					}
				}
				outputs := map[string]string{"output": run(t, false, command, "--as-of", exp.AsOf, "-o", "json", tt.dir).stdout}
				if tt.short == "de" {
					outputs["golden"] = readGoldenFile(t, "de-"+command+"-json.golden")
				}
				for name, doc := range outputs {
					var diffs []string
					if len(want) > 0 {
						diffs = compareRates(exp, doc, want)
					} else {
						diffs = compareNotComputed(exp, doc)
					}
					if len(diffs) > 0 {
						t.Errorf("%s %s differs from %s:\n%s", command, name, tt.expected, strings.Join(diffs, "\n"))
					}
				}
			}
		})
	}
}

func readGoldenFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(goldenDir, name))
	if err != nil {
		t.Fatalf("%v (run `go test ./cmd -update` to create it)", err)
	}
	return string(b)
}

// expectedFile is a sample account's expected.json.
type expectedFile struct {
	expectedODR
	Marketplace string
	Rates       map[string]expectedRate // the seller-fulfilled figures, keyed as in the file
	NotComputed []string                // metric ids the account cannot have
}

// expectedRate is one seller-fulfilled figure of an expected.json.
type expectedRate struct {
	Numerator, Denominator int
	Value                  *float64
	Window                 struct {
		From, To string
		Days     int
	}
	Status      string
	Components  map[string]int
	Marketplace string
}

// rateKeys maps the expected.json keys (synth.py's) to metric entries.
var rateKeys = map[string]struct {
	id         string
	windowDays int
}{
	"late_shipment_rate_10d":     {"late_shipment_rate", 10},
	"late_shipment_rate_30d":     {"late_shipment_rate", 30},
	"prefulfillment_cancel_rate": {"prefulfillment_cancel_rate", 0},
	"valid_tracking_rate":        {"valid_tracking_rate", 0},
	"on_time_delivery_rate":      {"on_time_delivery_rate", 0},
	"invoice_defect_rate":        {"invoice_defect_rate", 0},
}

// readExpected decodes an expected.json, failing on a key no test compares.
func readExpected(t *testing.T, path string) expectedFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp expectedFile
	if err := json.Unmarshal(b, &exp.expectedODR); err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	exp.Rates = map[string]expectedRate{}
	for k, v := range raw {
		var err error
		switch k {
		case "as_of", "window", "odr", "unmatched":
		case "marketplace":
			err = json.Unmarshal(v, &exp.Marketplace)
		case "not_computed":
			err = json.Unmarshal(v, &exp.NotComputed)
		default:
			if _, ok := rateKeys[k]; !ok {
				t.Fatalf("%s: key %q is compared by no test (add it to rateKeys or readExpected)", path, k)
			}
			var r expectedRate
			err = json.Unmarshal(v, &r)
			exp.Rates[k] = r
		}
		if err != nil {
			t.Fatalf("%s: %s: %v", path, k, err)
		}
	}
	if exp.AsOf == "" || len(exp.ODR) != 3 {
		t.Fatalf("%s: no as_of or ODR", path)
	}
	return exp
}

// gotDoc is what compareRates reads of an audit JSON document.
type gotDoc struct {
	Marketplace string
	Metrics     []gotMetric
}

type gotMetric struct {
	ID          string
	WindowDays  int `json:"window_days"`
	Marketplace string
	Value       *float64
	Numerator   int
	Denominator int
	Status      string
	Reason      string
	Window      *struct {
		From, To string
		Days     int
	}
	Components map[string]int
}

// compareRates lists the differences between the seller-fulfilled figures of
// exp (those of keys; all of them when keys is nil, and then also the
// not-computed ids and no entry unaccounted for) and an audit JSON document.
func compareRates(exp expectedFile, doc string, keys []string) []string {
	var got gotDoc
	if err := json.Unmarshal([]byte(doc), &got); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var diffs []string
	add := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	all := keys == nil
	if all {
		for k := range exp.Rates {
			keys = append(keys, k)
		}
		sort.Strings(keys)
	}
	if exp.Marketplace != "" && got.Marketplace != exp.Marketplace {
		add("marketplace %q, want %q", got.Marketplace, exp.Marketplace)
	}
	used := map[int]bool{}
	for _, k := range keys {
		e, ok := exp.Rates[k]
		if !ok {
			add("expected.json has no %s", k)
			continue
		}
		want := rateKeys[k]
		var hits []int
		for i, m := range got.Metrics {
			if m.ID == want.id && m.WindowDays == want.windowDays && (e.Marketplace == "" || m.Marketplace == e.Marketplace) {
				hits = append(hits, i)
			}
		}
		if len(hits) != 1 {
			add("%s: %d matching entries, want 1", k, len(hits))
			continue
		}
		used[hits[0]] = true
		m := got.Metrics[hits[0]]
		if m.Numerator != e.Numerator || m.Denominator != e.Denominator {
			add("%s: %d/%d, want %d/%d", k, m.Numerator, m.Denominator, e.Numerator, e.Denominator)
		}
		if (m.Value == nil) != (e.Value == nil) || (m.Value != nil && *m.Value != *e.Value) {
			add("%s: value %v, want %v", k, deref(m.Value), deref(e.Value))
		}
		if m.Status != e.Status {
			add("%s: status %s, want %s", k, m.Status, e.Status)
		}
		if m.Window == nil || m.Window.From != e.Window.From || m.Window.To != e.Window.To || m.Window.Days != e.Window.Days {
			add("%s: window %+v, want %+v", k, m.Window, e.Window)
		}
		if fmt.Sprint(m.Components) != fmt.Sprint(e.Components) {
			add("%s: components %v, want %v", k, m.Components, e.Components)
		}
		if m.Marketplace != e.Marketplace {
			add("%s: marketplace %q, want %q", k, m.Marketplace, e.Marketplace)
		}
	}
	if all {
		diffs = append(diffs, compareNotComputed(exp, doc)...)
		skip := map[string]bool{"odr": true}
		for _, id := range exp.NotComputed {
			skip[id] = true
		}
		for i, m := range got.Metrics {
			if !used[i] && !skip[m.ID] {
				add("entry %d (%s, %d days, %q) is not in expected.json", i, m.ID, m.WindowDays, m.Marketplace)
			}
		}
	}
	return diffs
}

// compareNotComputed checks that each id exp says the account cannot have
// is there, not computed, with a reason and no value.
func compareNotComputed(exp expectedFile, doc string) []string {
	var got gotDoc
	if err := json.Unmarshal([]byte(doc), &got); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var diffs []string
	for _, id := range exp.NotComputed {
		n := 0
		for _, m := range got.Metrics {
			if m.ID != id {
				continue
			}
			n++
			if m.Status != "not_computed" || m.Reason == "" || m.Value != nil {
				diffs = append(diffs, fmt.Sprintf("%s: status %s, reason %q, value %v; want not_computed with a reason and no value",
					id, m.Status, m.Reason, deref(m.Value)))
			}
		}
		if n == 0 {
			diffs = append(diffs, fmt.Sprintf("%s: no entry; want one, not computed", id))
		}
	}
	return diffs
}

// expectedODR is the ODR part of an expected.json (acme-us and synth.py).
type expectedODR struct {
	AsOf   string `json:"as_of"`
	Window struct {
		From, To string
	}
	ODR       map[string]expectedSegment
	Unmatched []struct {
		OrderID string `json:"order_id"`
		Kind    string
	}
}

type expectedSegment struct {
	Numerator, Denominator int
	Value                  float64
	Components             map[string]int
}

// compareExpected lists the differences between exp and an audit JSON document.
func compareExpected(exp expectedODR, doc string) []string {
	var got struct {
		AsOf    string `json:"as_of"`
		Metrics []struct {
			ID, Fulfillment        string
			Value                  *float64
			Numerator, Denominator int
			Window                 struct{ From, To string }
			Components             map[string]int
		}
		Unmatched []struct {
			OrderID string `json:"order_id"`
			Kind    string
		}
	}
	if err := json.Unmarshal([]byte(doc), &got); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var diffs []string
	add := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	if got.AsOf != exp.AsOf {
		add("as_of %s, want %s", got.AsOf, exp.AsOf)
	}
	seen := 0
	for _, m := range got.Metrics {
		if m.ID != "odr" {
			continue
		}
		e, ok := exp.ODR[m.Fulfillment]
		if !ok {
			add("unexpected odr %q", m.Fulfillment)
			continue
		}
		seen++
		if m.Numerator != e.Numerator || m.Denominator != e.Denominator {
			add("%s: %d/%d, want %d/%d", m.Fulfillment, m.Numerator, m.Denominator, e.Numerator, e.Denominator)
		}
		if m.Value == nil || *m.Value != e.Value {
			add("%s: value %v, want %v", m.Fulfillment, deref(m.Value), e.Value)
		}
		for _, k := range []string{"negative_feedback", "a_to_z_claims", "chargebacks"} {
			if m.Components[k] != e.Components[k] {
				add("%s: %s %d, want %d", m.Fulfillment, k, m.Components[k], e.Components[k])
			}
		}
		if len(m.Components) != len(e.Components) {
			add("%s: components %v, want %v", m.Fulfillment, m.Components, e.Components)
		}
		if m.Window.From != exp.Window.From || m.Window.To != exp.Window.To {
			add("%s: window %s..%s, want %s..%s", m.Fulfillment, m.Window.From, m.Window.To, exp.Window.From, exp.Window.To)
		}
	}
	if seen != len(exp.ODR) {
		add("%d odr entries, want %d", seen, len(exp.ODR))
	}
	if exp.Unmatched != nil {
		var g, w []string
		for _, u := range got.Unmatched {
			g = append(g, u.OrderID+" "+u.Kind)
		}
		for _, u := range exp.Unmatched {
			w = append(w, u.OrderID+" "+u.Kind)
		}
		if strings.Join(g, ",") != strings.Join(w, ",") {
			add("unmatched %v, want %v", g, w)
		}
	}
	return diffs
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
