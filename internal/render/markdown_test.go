package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/metrics"
	"github.com/sellerhealth/audit/internal/render"
)

// mdCells splits a table row into its cells the way GitHub does: at each
// "|" that is not escaped with a backslash.
func mdCells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row):
			cur.WriteByte(row[i])
			cur.WriteByte(row[i+1])
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	if rest := strings.TrimSpace(cur.String()); rest != "" {
		cells = append(cells, rest) // a row without its closing |
	}
	return cells
}

// mdTables returns the tables of a document: runs of lines starting with
// "|", each as rows of cells.
func mdTables(doc string) [][][]string {
	var tables [][][]string
	var cur [][]string
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "|") {
			cur = append(cur, mdCells(line))
			continue
		}
		if cur != nil {
			tables = append(tables, cur)
			cur = nil
		}
	}
	if cur != nil {
		tables = append(tables, cur)
	}
	return tables
}

// mdCheckTable asserts a GitHub table: a header, a delimiter row of ---
// cells, and every row as wide as the header.
func mdCheckTable(t *testing.T, table [][]string, wantCols, wantRows int) {
	t.Helper()
	if len(table) < 2 {
		t.Fatalf("table of %d lines, want a header and a delimiter row", len(table))
	}
	if len(table[0]) != wantCols {
		t.Errorf("header has %d cells, want %d: %q", len(table[0]), wantCols, table[0])
	}
	for _, c := range table[1] {
		if strings.Trim(c, ":-") != "" || !strings.Contains(c, "---") {
			t.Errorf("delimiter row has cell %q", c)
		}
	}
	for i, row := range table[1:] {
		if len(row) != len(table[0]) {
			t.Errorf("row %d has %d cells, header %d: %q", i+1, len(row), len(table[0]), row)
		}
	}
	if got := len(table) - 2; got != wantRows {
		t.Errorf("%d rows, want %d", got, wantRows)
	}
}

func TestMarkdownReport(t *testing.T) {
	r := ciReport()
	r.Metrics[4].NotComputed = "no report | a pipe, *stars*, _under_ and `ticks`"
	var buf bytes.Buffer
	if err := render.Markdown(&buf, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if first := strings.SplitN(out, "\n", 2)[0]; first != "### Account health (US) as of 2026-11-20: FAIL" {
		t.Errorf("heading %q", first)
	}
	tables := mdTables(out)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1:\n%s", len(tables), out)
	}
	mdCheckTable(t, tables[0], 6, 5)
	wantRows := [][]string{
		{"Metric", "Scope", "Rate", "Count", "Target", "Status"},
		{"---", "---", "---:", "---:", "---", "---"},
		{"Order Defect Rate", "All orders", "0.87%", "2 / 230", "< 1%", "⚠️ WARN"},
		{"Order Defect Rate", "Amazon-fulfilled (AFN)", "0.00%", "0 / 135", "< 1%", "✅ PASS"},
		{"Order Defect Rate", "Seller-fulfilled (MFN)", "1.05%", "1 / 95", "< 1%", "❌ FAIL"},
		{"Late Shipment Rate", "Seller-fulfilled, 10 days", "-", "0 / 0", "< 4%", "➖ NO DATA"},
		{"Invoice Defect Rate", "Business orders", "-", "-", "< 5%", "➖ NOT COMPUTED"},
	}
	for i, want := range wantRows {
		if i < len(tables[0]) && strings.Join(tables[0][i], "|") != strings.Join(want, "|") {
			t.Errorf("row %d = %q, want %q", i, tables[0][i], want)
		}
	}
	for _, want := range []string{
		"\n**Forecast**\n\n- Order Defect Rate, Seller-fulfilled (MFN): ",
		"2027-01-05",
		"\n**Not computed**\n\n- Invoice Defect Rate: no report \\| a pipe, \\*stars\\*, \\_under\\_ and \\`ticks\\`\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// No forecast list without forecasts, no unmatched line without any.
	if strings.Contains(out, "not counted") {
		t.Errorf("an unmatched-defects line with none unmatched:\n%s", out)
	}
}

func TestMarkdownUnmatchedAndOneMetric(t *testing.T) {
	r := ciReport()
	r.Command = "odr"
	r.Metrics = r.Metrics[:2]
	r.Metrics[0].Forecast = nil
	r.Unmatched = append(r.Unmatched, mdUnplaced("111-1"), mdUnplaced("111-2"))
	r.Finish()
	var buf bytes.Buffer
	if err := render.Markdown(&buf, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "### Order Defect Rate (US) as of 2026-11-20: WARN\n") {
		t.Errorf("heading of a one-metric report:\n%s", out)
	}
	if strings.Contains(out, "**Forecast**") || strings.Contains(out, "**Not computed**") {
		t.Errorf("empty sections written:\n%s", out)
	}
	if !strings.HasSuffix(out, "\n2 defects not counted: the order is not in any orders report given.\n") {
		t.Errorf("unmatched count missing:\n%s", out)
	}
	mdCheckTable(t, mdTables(out)[0], 6, 2)
}

func TestMarkdownFleet(t *testing.T) {
	f := ciFleet()
	f.Accounts[1].Error = "bad | file\nsecond line"
	var buf bytes.Buffer
	if err := render.MarkdownFleet(&buf, f, render.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if first := strings.SplitN(out, "\n", 2)[0]; first != "### Account health of 3 accounts as of 2026-11-20: ERROR" {
		t.Errorf("heading %q", first)
	}
	tables := mdTables(out)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1:\n%s", len(tables), out)
	}
	// Account, Status, then ODR, ODR AFN, ODR MFN, LSR 10d, IDR: the union
	// of the accounts' entries in order of first appearance.
	mdCheckTable(t, tables[0], 7, 3)
	tab := tables[0]
	if got := strings.Join(tab[0], "|"); got != "Account|Status|ODR|ODR AFN|ODR MFN|LSR 10d|IDR" {
		t.Errorf("header %q", got)
	}
	wantRows := [][]string{
		{"acme.us", "❌ FAIL", "0.87% ⚠️", "0.00% ✅", "1.05% ❌", "➖", "➖"},
		// "<" before "&" opens no tag: left as it is.
		{`bad <&"> co`, `⛔ ERROR: bad \| file second line`, "", "", "", "", ""},
		{"clean", "✅ PASS", "0.00% ✅", "", "", "", ""},
	}
	for i, want := range wantRows {
		if got := tab[2+i]; strings.Join(got, "¦") != strings.Join(want, "¦") {
			t.Errorf("row %d = %q, want %q", i, got, want)
		}
	}
	if !strings.Contains(out, "\n- **acme.us**: not computed: Invoice Defect Rate\n") {
		t.Errorf("no note for acme.us:\n%s", out)
	}
	if strings.Contains(out, "**clean**") {
		t.Errorf("a note for an account with nothing to add:\n%s", out)
	}
}

func TestMarkdownEscapesDataOnly(t *testing.T) {
	f := ciFleet()
	f.Accounts[2].Name = "a|b*c_d`e[f]g<h&amp;~\\"
	f.Accounts[2].Report.Metrics[0].Marketplace = "D|E"
	var buf bytes.Buffer
	if err := render.MarkdownFleet(&buf, f, render.Options{}); err != nil {
		t.Fatal(err)
	}
	row := mdTables(buf.String())[0][4]
	if want := "a\\|b\\*c\\_d\\`e\\[f\\]g\\<h\\&amp;\\~\\\\"; row[0] != want {
		t.Errorf("account cell %q, want %q", row[0], want)
	}
	if want := "D\\|E 0.00% ✅"; row[2] != want {
		t.Errorf("ODR cell %q, want %q", row[2], want)
	}
}

func mdUnplaced(id string) metrics.Unplaced {
	return metrics.Unplaced{OrderID: id, Kind: "chargeback", File: "c.txt", Line: 2}
}
