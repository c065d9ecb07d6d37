package input

import (
	"fmt"
	"strings"
)

// parseMarketplace reads the buyer-messages file's marketplace column: a
// platform and, optionally, its store or country, as a help desk writes
// them: "kaufland-de", "Kaufland DE", "allegro_pl", "amazon", or the
// store's domain, "kaufland.cz", "amazon.co.uk", "ebay.com". The platform
// is a lower-case word ("kaufland"); the store an upper-case two-letter
// code as audit names stores ("DE"; UK for Great Britain, US for a .com).
// An empty value is Amazon's: a file without the column is all Amazon's.
func parseMarketplace(v string) (platform, store string, err error) {
	s := strings.ToLower(strings.TrimSpace(v))
	if s == "" {
		return "amazon", "", nil
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	s = strings.TrimSuffix(s, "/")
	var rest string
	if i := strings.IndexAny(s, "-_ ./"); i >= 0 {
		platform, rest = s[:i], strings.TrimSpace(s[i+1:])
		if s[i] == '.' { // a domain: the country is its last label
			labels := strings.Split(rest, ".")
			if rest = labels[len(labels)-1]; rest == "" {
				rest = "." // not a country: refused below
			}
		}
	} else {
		platform = s
	}
	bad := func() (string, string, error) {
		return "", "", fmt.Errorf("marketplace %q: want a platform and, optionally, its store or country, e.g. amazon, kaufland-de, allegro-pl, ebay-uk", strings.TrimSpace(v))
	}
	if platform == "" || !isWord(platform) {
		return bad()
	}
	switch rest {
	case "":
	case "com":
		store = "US"
	case "gb":
		store = "UK"
	default:
		if len(rest) != 2 || !isWord(rest) || rest[0] < 'a' || rest[1] < 'a' {
			return bad()
		}
		store = strings.ToUpper(rest)
	}
	return platform, store, nil
}

// isWord says whether s is lower-case ASCII letters and digits only.
func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}
