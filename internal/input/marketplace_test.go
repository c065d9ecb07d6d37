package input

import "testing"

func TestParseMarketplace(t *testing.T) {
	for in, want := range map[string][2]string{
		"":                        {"amazon", ""},
		"amazon":                  {"amazon", ""},
		"kaufland-de":             {"kaufland", "DE"},
		"Kaufland DE":             {"kaufland", "DE"},
		" kaufland_cz ":           {"kaufland", "CZ"},
		"allegro":                 {"allegro", ""},
		"allegro.pl":              {"allegro", "PL"},
		"kaufland.sk":             {"kaufland", "SK"},
		"amazon.co.uk":            {"amazon", "UK"},
		"amazon.com":              {"amazon", "US"},
		"www.ebay.de/":            {"ebay", "DE"},
		"ebay-gb":                 {"ebay", "UK"},
		"https://www.kaufland.at": {"kaufland", "AT"},
	} {
		p, s, err := parseMarketplace(in)
		if err != nil || p != want[0] || s != want[1] {
			t.Errorf("parseMarketplace(%q) = %q, %q, %v; want %q, %q", in, p, s, err, want[0], want[1])
		}
	}
	for _, in := range []string{"kaufland-deu", "kaufland-d", "-de", "kauf land-de", "kaufland-1e", "ämazon", "amazon.co.", "kaufland/de/x"} {
		if p, s, err := parseMarketplace(in); err == nil {
			t.Errorf("parseMarketplace(%q) = %q, %q; want an error", in, p, s)
		}
	}
}
