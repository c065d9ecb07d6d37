package render

import (
	"encoding/json"
	"io"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/report"
)

func init() { registerFormat("json", JSON) }

// SchemaVersion of the JSON document; docs/json.md is its contract.
const SchemaVersion = 1

type jsonReport struct {
	SchemaVersion int                `json:"schema_version"`
	Command       string             `json:"command"`
	AsOf          string             `json:"as_of"`
	Marketplace   string             `json:"marketplace,omitempty"`
	Profile       string             `json:"profile,omitempty"`
	Status        health.Status      `json:"status"`
	Metrics       []jsonMetric       `json:"metrics"`
	Unmatched     []metrics.Unplaced `json:"unmatched"`
	Warnings      []string           `json:"warnings"`
	Inputs        []report.Input     `json:"inputs"`
}

type jsonMetric struct {
	ID          string             `json:"id"`
	Fulfillment string             `json:"fulfillment,omitempty"`
	WindowDays  int                `json:"window_days,omitempty"`
	Marketplace string             `json:"marketplace,omitempty"`
	Name        string             `json:"name"`
	Value       *float64           `json:"value"`
	Numerator   int                `json:"numerator"`
	Denominator int                `json:"denominator"`
	Status      health.Status      `json:"status"`
	Target      *jsonTarget        `json:"target,omitempty"`
	WarnAt      *float64           `json:"warn_at,omitempty"`
	Window      *metrics.Window    `json:"window,omitempty"`
	Components  metrics.Components `json:"components,omitempty"`
	Advisory    bool               `json:"advisory,omitempty"`
	Reason      string             `json:"reason,omitempty"`
	Defects     []jsonItem         `json:"defects,omitempty"`
	Forecast    *jsonForecast      `json:"forecast,omitempty"`
}

// jsonItem is one order counted against a metric (docs/json.md, "defects").
type jsonItem struct {
	OrderID        string      `json:"order_id"`
	OrderDate      *civil.Date `json:"order_date,omitempty"`
	Fulfillment    string      `json:"fulfillment,omitempty"`
	WindowDate     civil.Date  `json:"window_date"`
	Types          []string    `json:"types"`
	Events         []jsonEvent `json:"events"`
	LeavesWindowOn civil.Date  `json:"leaves_window_on"`
}

type jsonEvent struct {
	Type   string      `json:"type"`
	Date   *civil.Date `json:"date"`
	Status string      `json:"status,omitempty"`
}

type jsonForecast struct {
	Goal              string      `json:"goal"`
	Op                health.Op   `json:"op"`
	Line              float64     `json:"line"`
	RecoversOn        *civil.Date `json:"recovers_on"`
	CleanOrdersNeeded *int        `json:"clean_orders_needed"`
	DailyOrders       float64     `json:"daily_orders"`
	Reason            string      `json:"reason,omitempty"`
}

type jsonTarget struct {
	Op    health.Op `json:"op"`
	Value float64   `json:"value"`
}

// JSON writes the report as one indented JSON document (docs/json.md).
func JSON(w io.Writer, r *health.Report, _ Options) error {
	doc := jsonReport{
		SchemaVersion: SchemaVersion, Command: r.Command, AsOf: r.AsOf.String(), Marketplace: r.Marketplace, Profile: r.Profile, Status: r.Status,
		Metrics: jsonMetrics(r), Unmatched: r.Unmatched, Warnings: r.Warnings, Inputs: r.Inputs,
	}
	return writeJSON(w, doc)
}

// jsonMetrics converts a report's entries (docs/json.md, "metrics[]"); a
// fleet's accounts use it too.
func jsonMetrics(r *health.Report) []jsonMetric {
	out := make([]jsonMetric, 0, len(r.Metrics))
	for _, m := range r.Metrics {
		jm := jsonMetric{
			ID: m.ID, Fulfillment: m.Fulfillment, WindowDays: m.WindowDays, Marketplace: m.Marketplace,
			Name: metricTitle(m.ID), Numerator: m.Numerator, Denominator: m.Denominator,
			Status:     m.Status,
			Components: m.Components, Advisory: m.Threshold.Advisory, Reason: m.NotComputed,
		}
		if m.Window.Days > 0 {
			w := m.Window
			jm.Window = &w
		}
		if m.Threshold.Op != "" { // no target: a metric the profile lacks
			warn := m.Threshold.WarnAt
			jm.Target, jm.WarnAt = &jsonTarget{m.Threshold.Op, m.Threshold.Value}, &warn
		}
		if v, ok := m.Value(); ok {
			jm.Value = &v
		}
		jm.Defects = jsonItems(m.Items)
		if f := m.Forecast; f != nil {
			jm.Forecast = &jsonForecast{Goal: f.Goal, Op: f.Op, Line: f.Line, RecoversOn: f.RecoversOn,
				CleanOrdersNeeded: f.CleanOrdersNeeded, DailyOrders: f.DailyOrders, Reason: f.Reason}
		}
		out = append(out, jm)
	}
	return out
}

// writeJSON writes one indented document, HTML characters unescaped.
func writeJSON(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// jsonItems converts a metric's per-order list.
func jsonItems(items []metrics.Item) []jsonItem {
	if len(items) == 0 {
		return nil
	}
	out := make([]jsonItem, len(items))
	for i, it := range items {
		ji := jsonItem{OrderID: it.OrderID, Fulfillment: it.Fulfillment, WindowDate: it.KeyDate,
			LeavesWindowOn: it.LeavesWindowOn, Types: []string{}, Events: make([]jsonEvent, len(it.Events))}
		if it.OrderDate != 0 {
			d := it.OrderDate
			ji.OrderDate = &d
		}
		for j, e := range it.Events {
			je := jsonEvent{Type: e.Type, Status: e.Status}
			if e.Date != 0 {
				d := e.Date
				je.Date = &d
			}
			ji.Events[j] = je
			if !contains(ji.Types, e.Type) {
				ji.Types = append(ji.Types, e.Type)
			}
		}
		out[i] = ji
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
