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
