package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestJSONContract checks the document against the contract of issue 2 and
// docs/: every contract field present with its type, the three ODR entries in
// order, lists never null. Extra fields are allowed only from a known list,
// so that a new one is a deliberate (documented) change.
func TestJSONContract(t *testing.T) {
	for _, dir := range []string{acme, warnOnly, clean, emptyWindow} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r := run(t, false, "odr", "--as-of", "2026-11-20", "-o", "json", dir)
			checkContract(t, r.stdout)
		})
	}
	// The goldens themselves, so that -update cannot pin a broken document.
	for _, g := range []string{"odr-json.golden", "odr-json-no-data.golden"} {
		t.Run(g, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(goldenDir, g))
			if err != nil {
				t.Fatal(err)
			}
			checkContract(t, string(b))
		})
	}
}

func checkContract(t *testing.T, doc string) {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal([]byte(doc), &top); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	c := contract{t: t}
	c.keys("document", top, []string{"schema_version", "as_of", "status", "metrics", "unmatched", "warnings", "inputs"}, "command", "marketplace")
	if v := c.integer("schema_version", top["schema_version"]); v != 1 {
		t.Errorf("schema_version = %v, want 1", v)
	}
	c.date("as_of", top["as_of"])
	top1 := c.status("status", top["status"])

	metrics := c.array("metrics", top["metrics"])
	if len(metrics) != 3 {
		t.Fatalf("%d metrics, want 3", len(metrics))
	}
	worst := "no_data"
	rank := map[string]int{"no_data": 0, "pass": 1, "warn": 2, "fail": 3}
	for i, want := range []string{"all", "afn", "mfn"} {
		name := "metrics[" + want + "]"
		m := c.object(name, metrics[i])
		c.keys(name, m, []string{"id", "fulfillment", "value", "numerator", "denominator", "status", "target", "warn_at", "window", "components"}, "name")
		if id := c.str(name+".id", m["id"]); id != "odr" {
			t.Errorf("%s.id = %q, want odr", name, id)
		}
		if f := c.str(name+".fulfillment", m["fulfillment"]); f != want {
			t.Errorf("metrics[%d].fulfillment = %q, want %q", i, f, want)
		}
		num := c.integer(name+".numerator", m["numerator"])
		den := c.integer(name+".denominator", m["denominator"])
		st := c.status(name+".status", m["status"])
		if rank[st] > rank[worst] {
			worst = st
		}
		switch v := m["value"].(type) {
		case nil:
			if den != 0 || st != "no_data" {
				t.Errorf("%s: value null with denominator %v, status %s", name, den, st)
			}
		case float64:
			if den == 0 || v != num/den {
				t.Errorf("%s: value %v is not numerator/denominator %v/%v", name, v, num, den)
			}
			if st == "no_data" {
				t.Errorf("%s: status no_data with a value", name)
			}
		default:
			t.Errorf("%s.value is %T, want a number or null", name, v)
		}
		target := c.object(name+".target", m["target"])
		c.keys(name+".target", target, []string{"op", "value"})
		if op := c.str(name+".target.op", target["op"]); op != "<" {
			t.Errorf("%s.target.op = %q, want <", name, op)
		}
		if v := c.number(name+".target.value", target["value"]); v != 0.01 {
			t.Errorf("%s.target.value = %v, want 0.01", name, v)
		}
		if v := c.number(name+".warn_at", m["warn_at"]); v != 0.008 {
			t.Errorf("%s.warn_at = %v, want 0.008", name, v)
		}
		w := c.object(name+".window", m["window"])
		c.keys(name+".window", w, []string{"from", "to", "days"})
		c.date(name+".window.from", w["from"])
		c.date(name+".window.to", w["to"])
		c.integer(name+".window.days", w["days"])
		comp := c.object(name+".components", m["components"])
		c.keys(name+".components", comp, []string{"negative_feedback", "a_to_z_claims", "chargebacks"})
		sum := 0.0
		for _, k := range []string{"negative_feedback", "a_to_z_claims", "chargebacks"} {
			n := c.integer(name+".components."+k, comp[k])
			if n > num {
				t.Errorf("%s: %s %v exceeds the numerator %v", name, k, n, num)
			}
			sum += n
		}
		if sum < num {
			t.Errorf("%s: components sum to %v, below the numerator %v", name, sum, num)
		}
	}
	if top1 != worst {
		t.Errorf("top-level status %q, want the worst of the metrics, %q", top1, worst)
	}

	for i, u := range c.array("unmatched", top["unmatched"]) {
		name := "unmatched[" + itoa(i) + "]"
		o := c.object(name, u)
		c.keys(name, o, []string{"order_id", "kind", "file", "line"})
		c.str(name+".order_id", o["order_id"])
		if k := c.str(name+".kind", o["kind"]); k != "negative_feedback" && k != "a_to_z_claim" && k != "chargeback" {
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
		c.keys(name, o, []string{"file", "kind", "rows"})
		c.str(name+".file", o["file"])
		if k := c.str(name+".kind", o["kind"]); k == "" {
			t.Errorf("%s.kind is empty", name)
		}
		c.integer(name+".rows", o["rows"])
	}
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

func (c contract) date(name string, v any) {
	c.t.Helper()
	if s := c.str(name, v); !isoDate.MatchString(s) {
		c.t.Errorf("%s = %q, want YYYY-MM-DD", name, s)
	}
}

func (c contract) status(name string, v any) string {
	c.t.Helper()
	s := c.str(name, v)
	switch s {
	case "pass", "warn", "fail", "no_data":
	default:
		c.t.Errorf("%s = %q, want pass, warn, fail or no_data", name, s)
	}
	return s
}

// TestJSONMatchesExpected: the sample account's figures are those its
// generator states in acme-us.expected.json, live and in the golden.
func TestJSONMatchesExpected(t *testing.T) {
	b, err := os.ReadFile("testdata/accounts/acme-us.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp expectedODR
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	live := run(t, false, "odr", "--as-of", exp.AsOf, "-o", "json", acme).stdout
	gold, err := os.ReadFile(filepath.Join(goldenDir, "odr-json.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"output": live, "golden": string(gold)} {
		if diffs := compareExpected(exp, doc); len(diffs) > 0 {
			t.Errorf("%s differs from acme-us.expected.json:\n%s", name, strings.Join(diffs, "\n"))
		}
	}
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
