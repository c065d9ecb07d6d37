package fetch

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/records"
)

// kindOf is the kind audit reads a report type as, from
// input.DownloadOf (docs/downloads.md).
func kindOf(t testing.TB, reportType string) *input.Spec {
	t.Helper()
	for _, s := range input.Specs() {
		if input.DownloadOf(s.Kind).SPAPI == reportType {
			return s
		}
	}
	t.Fatalf("no kind comes from %s", reportType)
	return nil
}

// firstLine is the header line of a file of the repository, its
// delimiter made a tab and its line end "\n".
func firstLine(t testing.TB, path string, delim string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return strings.ReplaceAll(strings.TrimSuffix(string(line), "\r"), delim, "\t") + "\n"
}

// The header of each report as real files of the repository have it.
var headerSources = map[string]struct{ path, delim string }{
	"GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL": {"../../testdata/accounts/acme-us/Download (3).txt", "\t"},
	"GET_SELLER_FEEDBACK_DATA":                            {"../../testdata/accounts/acme-us/Feedback.txt", "\t"},
	"GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE":           {"../input/testdata/samples/returns-2025-one-row-lossy.tsv", "\t"},
	"GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL":         {"../input/testdata/samples/fba-shipments-anonymised.csv", ","},
}

// Each header alone is a report of its kind with no rows: audit lists it
// among the inputs (the FBA shipments report, which no metric reads, is
// skipped with its note), knows the kind was read, and has the columns
// the kind reads.
func TestEmptyReports(t *testing.T) {
	types := []string{
		"GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL",
		"GET_SELLER_FEEDBACK_DATA",
		"GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE",
		"GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL",
		"GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT",
	}
	if len(types) != len(emptyReports) {
		t.Errorf("%d report types tested, %d known", len(types), len(emptyReports))
	}
	for _, typ := range types {
		t.Run(typ, func(t *testing.T) {
			b, ok := EmptyReport(typ)
			if !ok {
				t.Fatal("not known")
			}
			text := string(b)
			if !strings.HasSuffix(text, "\n") || strings.Count(text, "\n") != 1 || strings.ContainsAny(text, "\r\",") || strings.HasPrefix(text, "\ufeff") {
				t.Errorf("not one tab-separated line ending in \\n: %q", text)
			}
			cells := strings.Split(strings.TrimSuffix(text, "\n"), "\t")
			seen := map[string]bool{}
			for _, c := range cells {
				if c == "" || c != strings.TrimSpace(c) || seen[c] {
					t.Errorf("cell %q empty, padded or repeated", c)
				}
				seen[c] = true
			}
			if src, ok := headerSources[typ]; ok {
				if want := firstLine(t, src.path, src.delim); text != want {
					t.Errorf("header differs from %s\n got: %q\nwant: %q", src.path, text, want)
				}
			}

			spec := kindOf(t, typ)
			kind := string(spec.Kind)
			dir := t.TempDir()
			p := filepath.Join(dir, "report.txt")
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := input.Load([]string{dir}, input.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if spec.Read == nil {
				// Recognised, not read: no metric uses the FBA shipments report.
				if want := []string{"skipped " + p + ": " + spec.Title + ", not used by this version"}; !reflect.DeepEqual(l.Warnings, want) {
					t.Errorf("warnings %q, want %q", l.Warnings, want)
				}
				if len(l.Inputs) != 0 || l.Data.Kinds[kind] {
					t.Errorf("inputs %+v, kinds %v: want it skipped", l.Inputs, l.Data.Kinds)
				}
				return
			}
			if want := []records.InputFile{{File: p, Kind: kind}}; !reflect.DeepEqual(l.Inputs, want) {
				t.Errorf("inputs %+v, want %+v", l.Inputs, want)
			}
			if len(l.Warnings) != 0 {
				t.Errorf("warnings %q", l.Warnings)
			}
			if !l.Data.Kinds[kind] {
				t.Errorf("kinds %v lack %s", l.Data.Kinds, kind)
			}
			// Every column the kind reads that Amazon's report has. The VAT
			// invoice data report, of which no real file was found, must
			// have every column audit knows of it, as Amazon's page lists
			// them.
			want := spec.Required
			if kind == "vat-invoices" {
				want = nil
				for _, c := range spec.Columns {
					want = append(want, c.Name)
				}
			}
			for _, c := range want {
				if !l.Data.Columns[kind+"."+c] {
					t.Errorf("column %s not read", c)
				}
			}
			if kind == "orders" {
				for _, c := range []string{"sales-channel", "is-business-order", "order-status"} {
					if !l.Data.Columns["orders."+c] {
						t.Errorf("column %s not read", c)
					}
				}
			}
		})
	}
	if _, ok := EmptyReport("GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"); ok {
		t.Error("a header for a report audit fetch does not request")
	}
}

// EmptyReport returns a fresh slice: writing into it changes no later
// answer.
func TestEmptyReportCopy(t *testing.T) {
	a, _ := EmptyReport("GET_SELLER_FEEDBACK_DATA")
	a[0] = 'X'
	if b, _ := EmptyReport("GET_SELLER_FEEDBACK_DATA"); b[0] != 'D' {
		t.Errorf("EmptyReport shares its bytes: %q", b)
	}
}
