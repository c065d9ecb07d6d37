// Package market knows Amazon's stores: their codes, the sales channel the
// orders report writes for them, and how their reports write short dates.
package market

import (
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
)

// Marketplace is one Amazon store.
type Marketplace struct {
	Code         string      // US, DE, JP, ...
	SalesChannel string      // sales-channel value in the orders report
	DateOrder    civil.Order // order of the Feedback report's short dates
}

// All lists the stores the tool knows, by code.
var All = []Marketplace{
	{"US", "Amazon.com", civil.MDY},
	{"CA", "Amazon.ca", civil.DMY},
	{"MX", "Amazon.com.mx", civil.DMY},
	{"BR", "Amazon.com.br", civil.DMY},
	{"UK", "Amazon.co.uk", civil.DMY},
	{"IE", "Amazon.ie", civil.DMY},
	{"DE", "Amazon.de", civil.DMY},
	{"FR", "Amazon.fr", civil.DMY},
	{"IT", "Amazon.it", civil.DMY},
	{"ES", "Amazon.es", civil.DMY},
	{"NL", "Amazon.nl", civil.DMY},
	{"BE", "Amazon.com.be", civil.DMY},
	{"SE", "Amazon.se", civil.YMD},
	{"PL", "Amazon.pl", civil.DMY},
	{"TR", "Amazon.com.tr", civil.DMY},
	{"AE", "Amazon.ae", civil.DMY},
	{"SA", "Amazon.sa", civil.DMY},
	{"EG", "Amazon.eg", civil.DMY},
	{"IN", "Amazon.in", civil.DMY},
	{"JP", "Amazon.co.jp", civil.YMD},
	{"AU", "Amazon.com.au", civil.DMY},
	{"SG", "Amazon.sg", civil.DMY},
}

// ByCode finds a store by its code (case-insensitive; GB is UK).
func ByCode(code string) (Marketplace, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "GB" {
		code = "UK"
	}
	for _, m := range All {
		if m.Code == code {
			return m, true
		}
	}
	return Marketplace{}, false
}

// BySalesChannel finds the store of an orders report's sales-channel value
// (case-insensitive). "Non-Amazon" and unknown channels return false.
func BySalesChannel(ch string) (Marketplace, bool) {
	ch = strings.TrimSpace(ch)
	for _, m := range All {
		if strings.EqualFold(m.SalesChannel, ch) {
			return m, true
		}
	}
	return Marketplace{}, false
}

// Codes lists the known codes, sorted, for help texts and errors.
func Codes() []string {
	out := make([]string, len(All))
	for i, m := range All {
		out[i] = m.Code
	}
	sort.Strings(out)
	return out
}

// marketplaceIDs are Amazon's marketplace ids (the VAT invoice data report's
// marketplace-id column, SP-API marketplaceId).
var marketplaceIDs = map[string]string{
	"ATVPDKIKX0DER": "US", "A2EUQ1WTGCTBG2": "CA", "A1AM78C64UM0Y8": "MX", "A2Q3Y263D00KWC": "BR",
	"A1F83G8C2ARO7P": "UK", "A28R8C7NBKEWEA": "IE", "A1PA6795UKMFR9": "DE", "A13V1IB3VIYZZH": "FR",
	"APJ6JRA9NG5V4": "IT", "A1RKKUPIHCS9HS": "ES", "A1805IZSGTT6HS": "NL", "AMEN7PMS3EDWL": "BE",
	"A2NODRKZP88ZB9": "SE", "A1C3SOZRARQ6R3": "PL", "A33AVAJ2PDY3EV": "TR", "A2VIGQ35RCS4UG": "AE",
	"A17E79C6D8DWNP": "SA", "ARBP9OOSHTCHU": "EG", "A21TJRUUN4KGV": "IN", "A1VC38T7YXB528": "JP",
	"A39IBJ37TRP1C6": "AU", "A19VAU5U5O7RUS": "SG",
}

// ByID finds a store by Amazon's marketplace id.
func ByID(id string) (Marketplace, bool) {
	if code, ok := marketplaceIDs[strings.ToUpper(strings.TrimSpace(id))]; ok {
		return ByCode(code)
	}
	return Marketplace{}, false
}

// Resolve reads a store from a code (DE), a sales channel (Amazon.de) or a
// marketplace id (A1PA6795UKMFR9).
func Resolve(v string) (Marketplace, bool) {
	if m, ok := ByCode(v); ok {
		return m, true
	}
	if m, ok := BySalesChannel(v); ok {
		return m, true
	}
	return ByID(v)
}

// ID is the store's Amazon marketplace id (SP-API marketplaceId).
func (m Marketplace) ID() string {
	for id, code := range marketplaceIDs {
		if code == m.Code {
			return id
		}
	}
	return ""
}

// Region is the SP-API region that serves the store: "na" (North
// America), "eu" (Europe, the Middle East, India) or "fe" (Far East), as
// Amazon's "SP-API endpoints" page lists them.
func (m Marketplace) Region() string {
	switch m.Code {
	case "US", "CA", "MX", "BR":
		return "na"
	case "JP", "AU", "SG":
		return "fe"
	}
	return "eu"
}
