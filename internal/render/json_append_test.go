package render

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
)

// encoderAt is what the stream wrote before json_append.go: v as
// json.Encoder (HTML characters unescaped) indents it at a depth whose
// lines start with ind spaces, made safe by jsonSafe.
func encoderAt(t testing.TB, ind int, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(strings.Repeat(" ", ind), "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(jsonSafe(bytes.TrimSuffix(b.Bytes(), []byte("\n"))))
}

// hostilePieces are what a report's text can hold that JSON, jsonSafe or
// a terminal treat specially.
var hostilePieces = []string{
	`"`, `\`, `/`, "<", ">", "&", "'", "\x00", "\x01", "\b", "\f", "\n", "\r", "\t", "\x1b", "\x1f", "\x7f",
	"\u0080", "\u0085", "\u009b", "\u009f", "\u00a0", "é", "€", "😀", "\u2028", "\u2029", "\u202a", "\u202e",
	"\u2066", "\u2069", "\u206a", "\ufeff", "\ufffd", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	"\xc0\xaf", "\\u2028", "111-2223334-5556667", "rating 1", "negative_feedback",
}

// hostileString is a random mix of plain text, hostile pieces and random
// bytes; now and then empty.
func hostileString(rng *rand.Rand) string {
	if rng.IntN(8) == 0 {
		return ""
	}
	var b strings.Builder
	for n := rng.IntN(8); n >= 0; n-- {
		switch rng.IntN(4) {
		case 0:
			b.WriteString(hostilePieces[rng.IntN(len(hostilePieces))])
		case 1:
			b.WriteByte(byte(rng.IntN(256)))
		case 2:
			b.WriteRune(rune(rng.IntN(0x30000)))
		default:
			b.WriteString("abc-123 ")
		}
	}
	return b.String()
}

// randomDate is 0 (not given) now and then, else near 2026, or far off:
// before year 0 or after 9999, which MarshalText writes otherwise.
func randomDate(rng *rand.Rand) civil.Date {
	switch rng.IntN(10) {
	case 0:
		return 0
	case 1:
		return civil.Date(rng.Int32())
	case 2:
		return -civil.Date(rng.Int32())
	case 3:
		return civil.Date(rng.IntN(5000) - 2500) // 1963 to 1976, 1970-01-01 (0) aside
	}
	return civil.NewDate(2026, 11, 20).AddDays(rng.IntN(400) - 200)
}

func randomStrings(rng *rand.Rand) []string {
	switch rng.IntN(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	ss := make([]string, 1+rng.IntN(3))
	for i := range ss {
		ss[i] = hostileString(rng)
	}
	return ss
}

func randomItem(rng *rand.Rand) metrics.Item {
	types := []string{"negative_feedback", "a_to_z_claim", hostileString(rng)}
	it := metrics.Item{OrderID: hostileString(rng), OrderDate: randomDate(rng), KeyDate: randomDate(rng),
		LeavesWindowOn: randomDate(rng)}
	if rng.IntN(2) == 0 {
		it.Fulfillment = hostileString(rng)
	}
	switch rng.IntN(6) {
	case 0: // nil
	case 1:
		it.Events = []metrics.Event{}
	default:
		for n := 1 + rng.IntN(5); n > 0; n-- {
			e := metrics.Event{Type: types[rng.IntN(len(types))], Date: randomDate(rng)}
			if rng.IntN(3) > 0 {
				e.Status = hostileString(rng)
			}
			it.Events = append(it.Events, e)
		}
	}
	return it
}

func randomFeedback(rng *rand.Rand) jsonFeedback {
	return jsonFeedback{OrderID: hostileString(rng), OrderDate: randomDate(rng), Fulfillment: hostileString(rng),
		FeedbackDate: randomDate(rng), Rating: rng.IntN(11) - 5, Comment: hostileString(rng), RemovableUntil: randomDate(rng),
		RemovalGrounds: randomStrings(rng), Removable: rng.IntN(2) == 0}
}

func randomRisk(rng *rand.Rand) jsonRisk {
	return jsonRisk{Kind: hostileString(rng), OrderID: hostileString(rng), Date: randomDate(rng),
		Deadline: hostileString(rng), Detail: hostileString(rng)}
}

// The appenders write the bytes the encoder gives, indented at any depth,
// made safe as jsonSafe makes them: for random orders, feedback and risks
// with hostile text, dates not given or out of four digits, nil and empty
// lists.
func TestJSONAppendersMatchTheEncoder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		ind := 2 * rng.IntN(40) // past jsonSpaces too
		it := randomItem(rng)
		if got, want := string(appendJSONItem(nil, ind, it)), encoderAt(t, ind, jsonItems([]metrics.Item{it})[0]); got != want {
			t.Fatalf("item %#v at %d:\nappended %s\nencoder  %s", it, ind, got, want)
		}
		f := randomFeedback(rng)
		if got, want := string(appendJSONFeedback(nil, ind, f)), encoderAt(t, ind, f); got != want {
			t.Fatalf("feedback %#v at %d:\nappended %s\nencoder  %s", f, ind, got, want)
		}
		r := randomRisk(rng)
		if got, want := string(appendJSONRisk(nil, ind, r)), encoderAt(t, ind, r); got != want {
			t.Fatalf("risk %#v at %d:\nappended %s\nencoder  %s", r, ind, got, want)
		}
	}
}

// Every string, and every character alone, as the encoder and jsonSafe
// write it.
func TestJSONStringMatchesTheEncoder(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := string(appendJSONString(nil, s)), encoderAt(t, 0, s); got != want {
			t.Fatalf("%q: appended %s, encoder %s", s, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		check(string([]byte{byte(c)}))
		check("a" + string([]byte{byte(c)}) + "z")
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r < 0x3000 || r >= 0xd800 && r < 0xe000 || r >= 0xfff0 && r <= 0x10000 || r == utf8.MaxRune {
			check(string(r))
		}
	}
	for _, s := range hostilePieces {
		check(s)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		check(hostileString(rng))
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range hostilePieces {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), encoderAt(t, 0, s); got != want {
			t.Fatalf("%q: appended %s, encoder %s", s, got, want)
		}
	})
}

func FuzzJSONItem(f *testing.F) {
	f.Add("111-2223334-5556667", "afn", "negative_feedback", "rating 1", int32(20777), int32(0), uint8(3))
	f.Add("<\u2028>", "", "\xff", "", int32(-1), int32(3000000), uint8(0))
	f.Fuzz(func(t *testing.T, id, ful, typ, status string, d1, d2 int32, n uint8) {
		it := metrics.Item{OrderID: id, OrderDate: civil.Date(d1), Fulfillment: ful, KeyDate: civil.Date(d2), LeavesWindowOn: civil.Date(d1 ^ d2)}
		for i := 0; i < int(n%6); i++ {
			e := metrics.Event{Type: typ, Status: status}
			if i%2 == 1 {
				e = metrics.Event{Type: status, Date: civil.Date(d2)}
			}
			it.Events = append(it.Events, e)
		}
		ind := 2 * int(n%40)
		if got, want := string(appendJSONItem(nil, ind, it)), encoderAt(t, ind, jsonItems([]metrics.Item{it})[0]); got != want {
			t.Fatalf("item %#v:\nappended %s\nencoder  %s", it, got, want)
		}
	})
}

// jsonReportWithLists is the document JSON writes, as one value for the
// encoder: jsonReport with audit feedback's and audit risks' lists,
// absent when nil and [] when empty.
type jsonReportWithLists struct {
	SchemaVersion int                 `json:"schema_version"`
	Command       string              `json:"command"`
	AsOf          string              `json:"as_of"`
	Marketplace   string              `json:"marketplace,omitempty"`
	Profile       string              `json:"profile,omitempty"`
	Status        health.Status       `json:"status"`
	Feedback      *[]jsonFeedback     `json:"feedback,omitempty"`
	Risks         *[]jsonRisk         `json:"risks,omitempty"`
	Metrics       []jsonMetric        `json:"metrics"`
	Account       []jsonAccountCheck  `json:"account_health,omitempty"`
	Unmatched     []metrics.Unplaced  `json:"unmatched"`
	Warnings      []string            `json:"warnings"`
	Inputs        []records.InputFile `json:"inputs"`
}

func randomVerdict(rng *rand.Rand) health.Verdict {
	pick := func() bool { return rng.IntN(2) == 0 }
	asOf := civil.NewDate(2026, 11, 20)
	v := health.Verdict{Result: metrics.Result{ID: hostileString(rng), Numerator: rng.IntN(1000), Denominator: rng.IntN(100000)},
		Status: health.Status(rng.IntN(7) - 1), Partial: health.Status(rng.IntN(4))}
	if pick() {
		v.Fulfillment = hostileString(rng)
	}
	if pick() {
		v.WindowDays = 10 * rng.IntN(4)
	}
	if pick() {
		v.Marketplace = hostileString(rng)
	}
	if pick() {
		v.Threshold = health.Threshold{Op: health.Less, Value: rng.Float64(), WarnAt: rng.Float64(), Advisory: pick()}
	}
	if pick() {
		v.Window = metrics.WindowEnding(randomDate(rng), rng.IntN(90))
	}
	if pick() {
		w := metrics.WindowEnding(randomDate(rng), 1+rng.IntN(90))
		v.Period = &w
	}
	if pick() {
		v.Components = metrics.Components{{Key: "negative_feedback", Count: rng.IntN(9)}, {Key: hostileString(rng), Count: rng.IntN(9)}}
		if pick() {
			v.NotGiven = []string{"negative_feedback"}
		}
	}
	if rng.IntN(4) == 0 {
		v.NotComputed = hostileString(rng)
	}
	if pick() {
		n := rng.IntN(100)
		v.IfRemoved = &n
	}
	if pick() {
		d := randomDate(rng)
		v.FinalOn = &d
	}
	if pick() {
		for n := rng.IntN(20); n >= 0; n-- {
			v.Items = append(v.Items, randomItem(rng))
		}
	} else if pick() {
		v.Items = []metrics.Item{}
	}
	if pick() {
		rec := rng.IntN(50)
		v.Forecast = &health.Forecast{Goal: "target", Op: health.Less, Line: 0.01, RecoversOn: &asOf, CleanOrdersNeeded: &rec,
			DailyOrders: rng.Float64() * 100, Reason: hostileString(rng)}
	}
	if pick() {
		v.Coverage = &metrics.Coverage{Kinds: randomStrings(rng), Field: records.Ordered, Needed: records.Range{From: asOf, To: asOf},
			Covered: []records.Range{{From: asOf.AddDays(-3), To: asOf}}}
	}
	if pick() {
		v.Inputs = &metrics.Inputs{Used: randomStrings(rng), Absent: randomStrings(rng)}
	}
	if pick() {
		rate := rng.Float64()
		v.Amazon = &health.Amazon{File: hostileString(rng), Rate: &rate, Components: map[string]int{"b": 1, "a": 2}, Op: "<", Status: hostileString(rng)}
	}
	return v
}

// JSON writes the encoder's bytes for whole random reports: every
// optional field of an entry there or not, the lists nil, empty or full.
func TestJSONStreamMatchesTheEncoderOnRandomReports(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 500; i++ {
		r := &health.Report{Command: hostileString(rng), AsOf: randomDate(rng), Marketplace: hostileString(rng),
			Profile: hostileString(rng), Status: health.Status(rng.IntN(7) - 1), Warnings: randomStrings(rng)}
		for n := rng.IntN(4); n > 0; n-- {
			r.Metrics = append(r.Metrics, randomVerdict(rng))
		}
		if rng.IntN(4) == 0 {
			r.Unmatched = []metrics.Unplaced{{OrderID: hostileString(rng), Kind: "claim", File: hostileString(rng), Line: rng.IntN(99)}}
		}
		doc := jsonReportWithLists{SchemaVersion: SchemaVersion, Command: r.Command, AsOf: r.AsOf.String(), Marketplace: r.Marketplace,
			Profile: r.Profile, Status: r.Status, Metrics: jsonMetrics(r), Account: jsonAccountChecks(r.Account), Unmatched: r.Unmatched,
			Warnings: r.Warnings, Inputs: r.Inputs}
		switch rng.IntN(3) {
		case 1:
			r.Feedback = []metrics.FeedbackItem{}
		case 2:
			for n := rng.IntN(5); n >= 0; n-- {
				f := randomFeedback(rng)
				r.Feedback = append(r.Feedback, metrics.FeedbackItem{OrderID: f.OrderID, OrderDate: f.OrderDate, Fulfillment: f.Fulfillment,
					FeedbackDate: f.FeedbackDate, Rating: f.Rating, Comment: f.Comment, RemovableUntil: f.RemovableUntil, Grounds: f.RemovalGrounds})
			}
		}
		if r.Feedback != nil {
			fs := []jsonFeedback{}
			for _, f := range r.Feedback {
				fs = append(fs, jsonFeedbackOf(f, r.AsOf))
			}
			doc.Feedback = &fs
		}
		switch rng.IntN(3) {
		case 1:
			r.Risks = []metrics.Risk{}
		case 2:
			for n := rng.IntN(5); n >= 0; n-- {
				r.Risks = append(r.Risks, metrics.Risk{Kind: hostileString(rng), OrderID: hostileString(rng), Date: randomDate(rng),
					Deadline: civil.Timestamp{Date: randomDate(rng)}, Detail: hostileString(rng)})
			}
		}
		if r.Risks != nil {
			rs := []jsonRisk{}
			for _, x := range r.Risks {
				rs = append(rs, jsonRiskOf(x))
			}
			doc.Risks = &rs
		}
		var got, want bytes.Buffer
		if err := JSON(&got, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&want, doc); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("report %d: streamed\n%s\nencoder\n%s", i, got.String(), want.String())
		}
	}
}

// The appenders and jsonStream.metric write these fields, in this order:
// a field added to one of the types must be added to its writer too
// (json_append.go, jsonStream.metric), then here.
func TestJSONAppendedFields(t *testing.T) {
	for _, c := range []struct {
		v    any
		tags []string
	}{
		{jsonItem{}, []string{"order_id", "order_date,omitempty", "fulfillment,omitempty", "window_date", "types", "events", "leaves_window_on"}},
		{jsonEvent{}, []string{"type", "date", "status,omitempty"}},
		{jsonFeedback{}, []string{"order_id", "order_date", "fulfillment,omitempty", "feedback_date", "rating", "comment",
			"removable_until", "removal_grounds", "removable"}},
		{jsonRisk{}, []string{"kind", "order_id", "date", "deadline", "detail"}},
		{jsonMetric{}, []string{"id", "fulfillment,omitempty", "window_days,omitempty", "marketplace,omitempty", "platform,omitempty", "calendar,omitempty", "cycle,omitempty", "name", "value",
			"numerator", "denominator", "status", "partial_status,omitempty", "target,omitempty", "warn_at,omitempty",
			"window,omitempty", "period,omitempty", "components,omitempty", "advisory,omitempty", "reason,omitempty",
			"defects,omitempty", "forecast,omitempty", "if_removed,omitempty", "provisional,omitempty", "coverage,omitempty",
			"amazon,omitempty", "inputs,omitempty"}},
	} {
		typ := reflect.TypeOf(c.v)
		var tags []string
		for f := range typ.Fields() {
			tags = append(tags, f.Tag.Get("json"))
		}
		if !slices.Equal(tags, c.tags) {
			t.Errorf("%s has the fields %q; its writer knows %q", typ, tags, c.tags)
		}
	}
}
