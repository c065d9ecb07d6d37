package fetch

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/engine"
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/spapi"
)

// source is one thing audit fetch asks Amazon for, and the file it writes.
type source struct {
	name   string // --reports name and the files' prefix
	kind   string // the input kind audit reads the file as
	report string // the SP-API report type; "" for an operation
	api    string // the operation, when not a report
	ext    string
	// field is the date the requested days are of, declared in the
	// manifest (input.FetchedFile); 0: none.
	field records.DateField
	// settle is how many days after a chunk's last day Amazon may still
	// change it: until then, every run fetches it again.
	settle int
	// vat: only in the stores where Amazon writes the VAT invoice data
	// report. snapshot: no days, one snapshot a day (seller performance).
	vat, snapshot bool
}

// Report types and operations (docs/fetch.md, docs/downloads.md).
var sources = []source{
	{name: "orders", kind: "orders", report: "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL", ext: "tsv", field: records.Ordered, settle: 30},
	{name: "feedback", kind: "feedback", report: "GET_SELLER_FEEDBACK_DATA", ext: "tsv", field: records.Dated, settle: 90},
	{name: "returns", kind: "returns", report: "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE", ext: "tsv", field: records.Dated, settle: 30},
	{name: "fba-shipments", kind: "fba-shipments", report: "GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL", ext: "tsv", settle: 30},
	{name: "vat-invoices", kind: "vat-invoices", report: "GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT", ext: "tsv", settle: 30, vat: true},
	{name: "seller-performance", kind: "seller-performance", report: "GET_V2_SELLER_PERFORMANCE_REPORT", ext: "json", snapshot: true},
	{name: "seller-performance-v1", kind: "seller-performance", report: "GET_V1_SELLER_PERFORMANCE_REPORT", ext: "xml", snapshot: true},
	{name: "claims", kind: "claims", api: "listFinancialEvents", ext: "tsv", field: records.Dated, settle: 30},
	{name: "chargebacks", kind: "chargebacks", api: "listFinancialEvents", ext: "tsv", field: records.Dated, settle: 30},
	{name: "shipments", kind: "shipments", api: "searchOrders", ext: "tsv", field: records.Ordered},
}

// Names are the --reports values: the sources, the two seller performance
// reports under one name.
func Names() []string {
	var out []string
	for _, s := range sources {
		if n := reportsName(s); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// accountFile is the file of a source audit fetch keeps one of per
// account, merging each run's rows into it (claims, chargebacks).
func (s source) accountFile() string { return s.name + "-spapi." + s.ext }

func reportsName(s source) string {
	if s.kind == "seller-performance" {
		return "seller-performance"
	}
	return s.name
}

// vatStores are the stores whose VAT invoice data report audit reads
// (docs/metrics.md, invoice defect rate: Amazon's EU stores and the UK).
var vatStores = []string{"UK", "IE", "DE", "FR", "IT", "ES", "NL", "BE", "SE", "PL"}

// shipmentsMargin is how many days before the first needed day the Orders
// API is asked for orders created: an order placed then may be due to ship,
// or promised, within the windows.
const shipmentsMargin = 14

// task is one request to make (or not): a source's days in one store and
// one month, a day's snapshot, or the Orders API's orders.
type task struct {
	src   source
	store market.Marketplace // zero for the account's financial events
	key   string
	file  string
	from  civil.Date
	to    civil.Date
	// why it is fetched, or why not ("up to date"): for --dry-run and the
	// summary.
	reason string
	skip   bool
	// also: the chargebacks written from the same financial events as a
	// claims task.
	also *source
}

// want is the days a source must hold, per store: what every metric of
// the account's profile needs on the audit date (engine.Sources), or the
// history asked for.
func want(o *Options, store market.Marketplace) (map[string]records.Range, error) {
	out := map[string]records.Range{}
	if o.Since != 0 {
		// Every kind a metric reads, and any --reports names.
		for _, s := range sources {
			if readByAMetric(s.kind) || slices.Contains(o.Only, reportsName(s)) {
				out[s.kind] = records.Range{From: o.Since, To: o.To}
			}
		}
		return out, nil
	}
	s := o.Settings
	s.Marketplace = store.Code
	needs, err := engine.Sources(nil, s, metrics.IDs(nil))
	if err != nil {
		return nil, err
	}
	for _, n := range needs.Needs {
		r, ok := out[n.Kind]
		if !ok {
			r = n.Dates
		}
		out[n.Kind] = records.Range{From: min(r.From, n.Dates.From), To: max(r.To, n.Dates.To)}
	}
	// A kind no metric needs that --reports names: the orders' days.
	for _, s := range sources {
		if _, ok := out[s.kind]; !ok && slices.Contains(o.Only, reportsName(s)) {
			out[s.kind] = out["orders"]
		}
	}
	return out, nil
}

// readByAMetric says whether a metric of the catalog reads kind (the FBA
// shipments report is recognised, but none does yet).
func readByAMetric(kind string) bool {
	for _, m := range metrics.Catalog() {
		if slices.Contains(m.Reads, kind) || slices.Contains(m.Uses, kind) {
			return true
		}
	}
	return false
}

// plan lists the tasks of an account: every source the metrics need (or
// all, for history), by store and month, each marked to fetch or skip as
// the manifest says.
func plan(o *Options, m *Manifest, now time.Time) ([]task, []string, error) {
	today := civil.DateOf(now.UTC())
	var tasks []task
	var notes []string
	finance := records.Range{}
	shipments := records.Range{}
	for _, st := range o.Stores {
		w, err := want(o, st)
		if err != nil {
			return nil, nil, err
		}
		for _, src := range sources {
			if !o.wants(src) {
				continue
			}
			if src.vat && !slices.Contains(vatStores, st.Code) {
				continue
			}
			if src.snapshot {
				tasks = append(tasks, snapshotTask(src, st, today, m))
				continue
			}
			r, ok := w[src.kind]
			if !ok {
				continue
			}
			r.To = min(r.To, today)
			if r.From > r.To {
				continue
			}
			switch src.api {
			case "listFinancialEvents":
				finance = widen(finance, r)
				continue
			case "searchOrders":
				shipments = widen(shipments, records.Range{From: r.From.AddDays(-shipmentsMargin), To: r.To})
				continue
			}
			tasks = append(tasks, chunkTasks(o, src, st, r, m, now)...)
		}
	}
	if finance.From != 0 {
		claims, chargebacks := sourceNamed("claims"), sourceNamed("chargebacks")
		var also *source
		if !o.wants(claims) {
			claims, also = chargebacks, nil
		} else if o.wants(chargebacks) {
			also = &chargebacks
		}
		for _, t := range chunkTasks(o, claims, market.Marketplace{}, finance, m, now) {
			t.also = also
			tasks = append(tasks, t)
		}
	}
	if shipments.From != 0 {
		tasks = append(tasks, ordersTask(o, shipments, m))
	}
	if o.Since == 0 {
		notes = append(notes, "buyer messages, return requests and customer-service ratings have no SP-API operation: your help desk writes those files (docs/downloads.md)")
	}
	return tasks, notes, nil
}

func widen(r, by records.Range) records.Range {
	if r.From == 0 {
		return by
	}
	return records.Range{From: min(r.From, by.From), To: max(r.To, by.To)}
}

func sourceNamed(name string) source {
	for _, s := range sources {
		if s.name == name {
			return s
		}
	}
	panic("fetch: no source " + name)
}

// chunkTasks splits r into calendar months: one report (or one month of
// financial events) each, which the next run can fetch again alone.
func chunkTasks(o *Options, src source, st market.Marketplace, r records.Range, m *Manifest, now time.Time) []task {
	var out []task
	for from := r.From; from <= r.To; {
		y, mo, _ := from.Time().Date()
		monthEnd := civil.DateOf(time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC))
		to := min(monthEnd, r.To)
		month := fmt.Sprintf("%04d-%02d", y, int(mo))
		t := task{src: src, store: st, from: from, to: to}
		if st.Code != "" {
			t.key = src.name + "/" + st.Code + "/" + month
			t.file = fmt.Sprintf("%s-%s-%s.%s", src.name, st.Code, month, src.ext)
		} else {
			t.key = "financial-events/" + month
			t.file = src.accountFile()
		}
		t.skip, t.reason = fresh(o, src, t, m, now)
		out = append(out, t)
		from = monthEnd + 1
	}
	return out
}

// fresh says whether a chunk can be left as it is, and why (not).
func fresh(o *Options, src source, t task, m *Manifest, now time.Time) (bool, string) {
	c := m.chunk(t.key)
	switch {
	case c == nil:
		return false, "not fetched yet"
	case c.From > t.from || c.To < t.to:
		return false, fmt.Sprintf("held %s..%s, %s..%s needed", c.From, c.To, t.from, t.to)
	case !filesIntact(o.Dir, m, t):
		return false, "its file changed or is gone"
	}
	fetched := civil.DateOf(c.FetchedAt.UTC())
	if age := int(fetched - c.To); age < src.settle {
		return false, fmt.Sprintf("fetched %d days after its last day; Amazon may change it for %d", age, src.settle)
	}
	return true, "up to date (fetched " + c.FetchedAt.UTC().Format(time.RFC3339) + ")"
}

// filesIntact: the file of a chunk is still the one the manifest records
// (when the chunk wrote one).
func filesIntact(dir string, m *Manifest, t task) bool {
	f := m.file(t.file)
	if f == nil {
		return false
	}
	size, sum, ok := fileSum(filepath.Join(dir, t.file))
	return ok && size == f.Size && sum == f.SHA256
}

func snapshotTask(src source, st market.Marketplace, today civil.Date, m *Manifest) task {
	t := task{src: src, store: st, from: today, to: today,
		key: src.name + "/" + st.Code + "/" + today.String(), file: fmt.Sprintf("%s-%s-%s.%s", src.name, st.Code, today, src.ext)}
	if c := m.chunk(t.key); c != nil && (c.Status == spapi.StatusCancelled || m.file(t.file) != nil) {
		t.skip, t.reason = true, "today's snapshot is there"
	} else {
		t.reason = "a snapshot a day: Amazon keeps no history"
	}
	return t
}

func ordersTask(o *Options, r records.Range, m *Manifest) task {
	codes := make([]string, len(o.Stores))
	for i, s := range o.Stores {
		codes[i] = s.Code
	}
	stores := strings.Join(codes, ",")
	t := task{src: sourceNamed("shipments"), key: "orders/" + stores, file: "shipments-spapi.tsv", from: r.From, to: r.To}
	st := m.orders(stores)
	switch {
	case st.SyncedAt.IsZero():
		t.reason = "not fetched yet"
	case st.CreatedFrom > r.From:
		t.reason = fmt.Sprintf("orders created since %s held, since %s needed", st.CreatedFrom, r.From)
	default:
		t.reason = "orders updated since " + st.SyncedAt.UTC().Format(time.RFC3339)
	}
	return t
}
