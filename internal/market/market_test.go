package market

import (
	"sort"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/civil"
)

func TestByCode(t *testing.T) {
	cases := []struct {
		in, code, channel string
		order             civil.Order
	}{
		{"US", "US", "Amazon.com", civil.MDY},
		{"us", "US", "Amazon.com", civil.MDY},
		{" de ", "DE", "Amazon.de", civil.DMY},
		{"GB", "UK", "Amazon.co.uk", civil.DMY},
		{"gb", "UK", "Amazon.co.uk", civil.DMY},
		{"Uk", "UK", "Amazon.co.uk", civil.DMY},
		{"JP", "JP", "Amazon.co.jp", civil.YMD},
		{"se", "SE", "Amazon.se", civil.YMD},
		{"CA", "CA", "Amazon.ca", civil.DMY},
	}
	for _, c := range cases {
		m, ok := ByCode(c.in)
		if !ok || m.Code != c.code || m.SalesChannel != c.channel || m.DateOrder != c.order {
			t.Errorf("ByCode(%q) = %+v, %v", c.in, m, ok)
		}
	}
	for _, in := range []string{"", "XX", "USA", "Amazon.com", "U S"} {
		if m, ok := ByCode(in); ok {
			t.Errorf("ByCode(%q) = %+v, want none", in, m)
		}
	}
}

func TestBySalesChannel(t *testing.T) {
	cases := []struct{ in, code string }{
		{"Amazon.com", "US"},
		{"amazon.com", "US"},
		{" Amazon.de ", "DE"},
		{"AMAZON.CO.UK", "UK"},
		{"Amazon.com.mx", "MX"},
		{"Amazon.com.be", "BE"},
		{"Amazon.co.jp", "JP"},
		{"Amazon.it", "IT"},
	}
	for _, c := range cases {
		m, ok := BySalesChannel(c.in)
		if !ok || m.Code != c.code {
			t.Errorf("BySalesChannel(%q) = %+v, %v; want %s", c.in, m, ok, c.code)
		}
	}
	for _, in := range []string{"", "Non-Amazon", "Amazon", "amazon.com.au.", "www.amazon.com", "Amazon.co"} {
		if m, ok := BySalesChannel(in); ok {
			t.Errorf("BySalesChannel(%q) = %+v, want none", in, m)
		}
	}
}

func TestCodesAndTable(t *testing.T) {
	codes := Codes()
	if got := strings.Join(codes, ","); got != "AE,AU,BE,BR,CA,DE,EG,ES,FR,IE,IN,IT,JP,MX,NL,PL,SA,SE,SG,TR,UK,US" {
		t.Errorf("Codes = %s", got)
	}
	if !sort.StringsAreSorted(codes) {
		t.Error("Codes not sorted")
	}
	seenCode, seenChannel := map[string]bool{}, map[string]bool{}
	for _, m := range All {
		key := strings.ToLower(m.SalesChannel)
		if seenCode[m.Code] || seenChannel[key] {
			t.Errorf("%s / %s listed twice", m.Code, m.SalesChannel)
		}
		seenCode[m.Code], seenChannel[key] = true, true
		if back, ok := BySalesChannel(m.SalesChannel); !ok || back.Code != m.Code {
			t.Errorf("%s does not round-trip through its sales channel", m.Code)
		}
		// report-formats.md: US is M/D/YY, SE and JP year first, the rest D/M/YY.
		want := civil.DMY
		switch m.Code {
		case "US":
			want = civil.MDY
		case "SE", "JP":
			want = civil.YMD
		}
		if m.DateOrder != want {
			t.Errorf("%s date order %s, want %s", m.Code, m.DateOrder, want)
		}
	}
}

func TestByID(t *testing.T) {
	// Amazon's marketplace ids (SP-API "Marketplace IDs").
	cases := []struct{ in, code string }{
		{"ATVPDKIKX0DER", "US"},
		{"A2EUQ1WTGCTBG2", "CA"},
		{"A1AM78C64UM0Y8", "MX"},
		{"A2Q3Y263D00KWC", "BR"},
		{"A1F83G8C2ARO7P", "UK"},
		{"A28R8C7NBKEWEA", "IE"},
		{"A1PA6795UKMFR9", "DE"},
		{"A13V1IB3VIYZZH", "FR"},
		{"APJ6JRA9NG5V4", "IT"},
		{"A1RKKUPIHCS9HS", "ES"},
		{"A1805IZSGTT6HS", "NL"},
		{"AMEN7PMS3EDWL", "BE"},
		{"A2NODRKZP88ZB9", "SE"},
		{"A1C3SOZRARQ6R3", "PL"},
		{"A33AVAJ2PDY3EV", "TR"},
		{"A2VIGQ35RCS4UG", "AE"},
		{"A17E79C6D8DWNP", "SA"},
		{"ARBP9OOSHTCHU", "EG"},
		{"A21TJRUUN4KGV", "IN"},
		{"A1VC38T7YXB528", "JP"},
		{"A39IBJ37TRP1C6", "AU"},
		{"A19VAU5U5O7RUS", "SG"},
		{"a1pa6795ukmfr9", "DE"},
		{" A1F83G8C2ARO7P\t", "UK"},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		m, ok := ByID(c.in)
		if !ok || m.Code != c.code {
			t.Errorf("ByID(%q) = %+v, %v; want %s", c.in, m, ok, c.code)
			continue
		}
		if want, _ := ByCode(c.code); m != want {
			t.Errorf("ByID(%q) = %+v, want the %s entry %+v", c.in, m, c.code, want)
		}
		seen[m.Code] = true
	}
	// Every store has its id.
	for _, m := range All {
		if !seen[m.Code] {
			t.Errorf("%s has no marketplace id", m.Code)
		}
	}
	for _, in := range []string{"", "DE", "Amazon.de", "A1PA6795UKMFR", "A1PA6795UKMFR99", "A1PA6795UKMFR9X", "A1PA 6795UKMFR9"} {
		if m, ok := ByID(in); ok {
			t.Errorf("ByID(%q) = %+v, want none", in, m)
		}
	}
}

func TestResolve(t *testing.T) {
	cases := []struct{ in, code string }{
		{"DE", "DE"},
		{"de", "DE"},
		{" DE ", "DE"},
		{"GB", "UK"},
		{"UK", "UK"},
		{"Amazon.de", "DE"},
		{"amazon.co.uk", "UK"},
		{" Amazon.com ", "US"},
		{"Amazon.com.mx", "MX"},
		{"A1PA6795UKMFR9", "DE"},
		{"a13v1ib3viyzzh", "FR"},
		{"ATVPDKIKX0DER", "US"},
		{"APJ6JRA9NG5V4", "IT"},
	}
	for _, c := range cases {
		m, ok := Resolve(c.in)
		if !ok || m.Code != c.code {
			t.Errorf("Resolve(%q) = %+v, %v; want %s", c.in, m, ok, c.code)
		}
	}
	for _, in := range []string{"", "  ", "Germany", "DEU", "Amazon", "Non-Amazon", "www.amazon.de", "A1PA6795UKMFR", "XX"} {
		if m, ok := Resolve(in); ok {
			t.Errorf("Resolve(%q) = %+v, want none", in, m)
		}
	}
}

func TestIDAndRegion(t *testing.T) {
	for _, m := range All {
		back, ok := ByID(m.ID())
		if !ok || back.Code != m.Code {
			t.Errorf("%s: ID %q does not lead back", m.Code, m.ID())
		}
	}
	for code, want := range map[string]string{"US": "na", "BR": "na", "DE": "eu", "UK": "eu", "IN": "eu", "AE": "eu", "JP": "fe", "AU": "fe", "SG": "fe"} {
		m, _ := ByCode(code)
		if got := m.Region(); got != want {
			t.Errorf("%s: region %q, want %q", code, got, want)
		}
	}
}
