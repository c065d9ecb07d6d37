package input

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

const kauflandFixture = "testdata/kaufland/order_units.json"

// The fixture is written from the Seller API's schema (OrderUnit, every key
// required): each unit is read with its place, storefront in upper case,
// nulls as empty, money in cents.
func TestKauflandFixture(t *testing.T) {
	l := mustLoad(t, Options{}, kauflandFixture)
	d := l.Data
	if !d.Has("kaufland-order-units") || len(d.Kaufland) != 6 {
		t.Fatalf("read %d units (kinds %v)", len(d.Kaufland), d.Kinds)
	}
	u := d.Kaufland[0]
	if u.ID != 314567896580917 || u.OrderID != "MB7UWLD" || u.Storefront != "DE" || u.Status != "sent" || u.Price != 2499 ||
		u.Currency != "EUR" || u.CancelReason != "" || u.Source.Line != 3 || u.Source.File != kauflandFixture {
		t.Errorf("first unit %+v", u)
	}
	if u.Created.Date.String() != "2025-06-02" || kauflandStamp(u.Expires) != "2025-06-04T21:59:59Z" || kauflandStamp(u.Updated) != "2025-06-03T15:40:11Z" {
		t.Errorf("first unit's times %v %v %v", u.Created, u.Expires, u.Updated)
	}
	if d.Kaufland[3].CancelReason != "NoInventory" || d.Kaufland[4].CancelReason != "BuyerCancelled" || d.Kaufland[3].Source.Line != 207 {
		t.Errorf("cancelled units %+v %+v", d.Kaufland[3], d.Kaufland[4])
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings %q", l.Warnings)
	}
	if len(l.Inputs) != 1 || l.Inputs[0].Rows != 6 || l.Inputs[0].Kind != "kaufland-order-units" {
		t.Errorf("inputs %+v", l.Inputs)
	}
	var ordered bool
	for _, sp := range l.Inputs[0].Spans {
		if sp.Field == records.Ordered && sp.Store == "DE" && sp.From.String() == "2025-05-20" && sp.To.String() == "2025-06-04" {
			ordered = true
		}
	}
	if !ordered {
		t.Errorf("spans %+v", l.Inputs[0].Spans)
	}
	// Buyers' e-mails and names are not kept.
	for _, u := range d.Kaufland {
		if strings.Contains(u.OrderID+u.Status+u.CancelReason, "@") {
			t.Errorf("unit %+v", u)
		}
	}
}

// kauflandDoc is a document of the given units, one JSON object per line
// after the opening line.
func kauflandDoc(units ...string) string {
	return "{\"data\": [\n" + strings.Join(units, ",\n") + "\n], \"pagination\": {\"offset\": 0, \"limit\": 100, \"total\": " + "1" + "}}\n"
}

// kauflandUnit is a unit object on one line with the values given
// (storefront, status, updated, cancel reason, expires).
func kauflandUnit(id, store, status, updated, reason, expires string) string {
	r := "null"
	if reason != "" {
		r = `"` + reason + `"`
	}
	e := "null"
	if expires != "" {
		e = `"` + expires + `"`
	}
	return `{"id_order_unit": ` + id + `, "id_order": "O` + id + `", "storefront": "` + store + `", "status": "` + status +
		`", "ts_created_iso": "2026-11-02T10:00:00Z", "ts_updated_iso": "` + updated + `", "delivery_time_expires_iso": ` + e +
		`, "cancel_reason": ` + r + `, "price": 1000, "currency": "EUR", "buyer": {"id_buyer": 1, "email": "x@example.com"}}`
}

// Overlapping downloads hold a unit once: the copy updated later wins,
// whichever file is read first; two copies updated at once that disagree
// warn and keep the first read.
func TestKauflandMerge(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.json", kauflandDoc(
		kauflandUnit("1", "de", "need_to_be_sent", "2026-11-02T10:00:00Z", "", "2026-11-04T22:59:59Z"),
		kauflandUnit("2", "cz", "sent", "2026-11-05T10:00:00Z", "", "2026-11-04T22:59:59Z"),
		kauflandUnit("3", "de", "cancelled", "2026-11-03T10:00:00Z", "NoInventory", "")))
	b := writeFile(t, dir, "b.json", kauflandDoc(
		kauflandUnit("1", "de", "sent", "2026-11-04T08:00:00Z", "", "2026-11-04T22:59:59Z"),
		kauflandUnit("2", "cz", "need_to_be_sent", "2026-11-02T10:00:00Z", "", "2026-11-04T22:59:59Z"),
		kauflandUnit("3", "de", "cancelled", "2026-11-03T10:00:00Z", "BuyerCancelled", "")))
	l := mustLoad(t, Options{}, a, b)
	got := map[int64]records.KauflandUnit{}
	for _, u := range l.Data.Kaufland {
		got[u.ID] = u
	}
	if len(l.Data.Kaufland) != 3 || got[1].Status != "sent" || got[1].Source.File != b || got[2].Status != "sent" || got[2].Source.File != a ||
		got[3].CancelReason != "NoInventory" {
		t.Errorf("merged %+v", l.Data.Kaufland)
	}
	want := b + ":4: Kaufland order unit 3 has cancel_reason \"BuyerCancelled\" here, \"NoInventory\" at " + a + ":4, both updated at 2026-11-03T10:00:00Z: the first read is kept"
	if len(l.Warnings) != 1 || l.Warnings[0] != want {
		t.Errorf("warnings\n got %q\nwant %q", l.Warnings, want)
	}
	// A value that never changes differs: a conflict, the newer copy kept.
	c := writeFile(t, dir, "c.json", kauflandDoc(kauflandUnit("1", "sk", "received", "2026-11-09T08:00:00Z", "", "2026-11-04T22:59:59Z")))
	l = mustLoad(t, Options{}, a, c)
	if l.Data.Kaufland[0].Storefront != "SK" || len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], `has storefront "SK" here, "DE" at`) {
		t.Errorf("storefront conflict: %+v %q", l.Data.Kaufland[0], l.Warnings)
	}
}

// A status, cancel reason or storefront the API does not list is kept and
// warned about once, however many units and files carry it.
func TestKauflandUnknownValues(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.json", kauflandDoc(
		kauflandUnit("1", "de", "lost_in_space", "2026-11-02T10:00:00Z", "", ""),
		kauflandUnit("2", "de", "lost_in_space", "2026-11-02T10:00:00Z", "", ""),
		kauflandUnit("3", "fr", "cancelled", "2026-11-02T10:00:00Z", "SellerOnHoliday", "")))
	b := writeFile(t, dir, "b.json", kauflandDoc(kauflandUnit("4", "de", "lost_in_space", "2026-11-02T10:00:00Z", "SellerOnHoliday", "")))
	l := mustLoad(t, Options{}, a, b)
	if len(l.Data.Kaufland) != 4 || l.Data.Kaufland[0].Status != "lost_in_space" || l.Data.Kaufland[2].CancelReason != "SellerOnHoliday" || l.Data.Kaufland[2].Storefront != "FR" {
		t.Fatalf("units %+v", l.Data.Kaufland)
	}
	if len(l.Warnings) != 3 || !strings.Contains(l.Warnings[0], `a.json:2: Kaufland order unit status "lost_in_space"`) ||
		!strings.Contains(l.Warnings[1], `a.json:4: Kaufland cancel reason "SellerOnHoliday"`) || !strings.Contains(l.Warnings[2], `a.json:4: Kaufland storefront "FR"`) {
		t.Errorf("warnings %q", l.Warnings)
	}
}

// Bad values are input errors at their file, line and column.
func TestKauflandBadValues(t *testing.T) {
	dir := t.TempDir()
	good := kauflandUnit("1", "de", "sent", "2026-11-02T10:00:00Z", "", "")
	for _, c := range []struct {
		name, body string
		line, col  int
		msg        string
	}{
		{"badstamp", kauflandDoc(good, strings.Replace(good, `"ts_updated_iso": "2026-11-02T10:00:00Z"`, `"ts_updated_iso": "2026-13-02T10:00:00Z"`, 1)),
			3, strings.Index(good, `"ts_updated_iso"`) + len(`"ts_updated_iso": `) + 1, `ts_updated_iso: want a timestamp like 2025-06-04T21:59:59Z, got "2026-13-02T10:00:00Z"`},
		{"dateonly", kauflandDoc(strings.Replace(good, `"delivery_time_expires_iso": null`, `"delivery_time_expires_iso": "2026-11-04"`, 1)),
			2, strings.Index(good, `"delivery_time_expires_iso"`) + len(`"delivery_time_expires_iso": `) + 1, `delivery_time_expires_iso: want a timestamp like 2025-06-04T21:59:59Z, got "2026-11-04"`},
		{"idstring", kauflandDoc(strings.Replace(good, `"id_order_unit": 1`, `"id_order_unit": "1"`, 1)),
			2, len(`{"id_order_unit": `) + 1, `id_order_unit: want a whole number, got "1"`},
		{"nostatus", kauflandDoc(strings.Replace(good, `"status": "sent", `, ``, 1)),
			2, 1, `an order unit without "status" (the API always gives it)`},
		{"nullstore", kauflandDoc(strings.Replace(good, `"storefront": "de"`, `"storefront": null`, 1)),
			2, strings.Index(good, `"storefront"`) + len(`"storefront": `) + 1, `storefront: want a string, got null`},
		{"notobject", kauflandDoc(good, "42"), 3, 1, `an order unit: want an object`},
		{"datanotlist", "{\"data\": {\"id_order_unit\": 1}}\n", 1, 10, `"data": want a list of order units`},
		{"nodata", "{\"items\": [], \"id_order_unit\": 1, \"x\": \"data\"}\n", 1, 1, `no top-level "data" list: not a response of GET /v2/order-units`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, c.name+".json", c.body)
			err := loadErr(t, Options{}, p)
			ie := inputErr(t, err, p, c.line, c.col, "")
			if ie.Msg != c.msg {
				t.Errorf("message %q, want %q", ie.Msg, c.msg)
			}
		})
	}
	// Malformed JSON is placed too.
	p := writeFile(t, dir, "broken.json", "{\"data\": [\n{\"id_order_unit\": 1,,}\n]}\n")
	inputErr(t, loadErr(t, Options{}, p), p, 2, 21, "")
}

// A file of another kind that names "data" is not sniffed as order units,
// and the sniff asks for both keys.
func TestKauflandSniff(t *testing.T) {
	for s, want := range map[string]bool{
		`{"data": [{"id_order_unit": 1}]}`:                    true,
		` {"pagination": {}, "data": [{"id_order_unit": 1}]}`: true,
		`{"data": [{"id_order": "X"}]}`:                       false,
		`[{"data": 1, "id_order_unit": 2}]`:                   false,
		"id_order_unit\tdata\n":                               false,
	} {
		if got := kauflandSpec.Sniff([]byte(s)); got != want {
			t.Errorf("Sniff(%q) = %v", s, got)
		}
	}
	// In a folder with other reports it is read as its kind.
	dir := t.TempDir()
	writeFile(t, dir, "units.json", kauflandDoc(kauflandUnit("1", "de", "sent", "2026-11-02T10:00:00Z", "", "")))
	l := mustLoad(t, Options{}, dir)
	if len(l.Data.Kaufland) != 1 || l.Inputs[0].File != filepath.Join(dir, "units.json") {
		t.Errorf("folder: %+v %+v", l.Data.Kaufland, l.Inputs)
	}
}
