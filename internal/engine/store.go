package engine

import (
	"sort"
	"strings"

	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// stores lists the store codes the reports name: the orders' sales
// channels, the shipments' and the VAT invoices' marketplaces.
func stores(d *records.Dataset) []string {
	seen := map[string]bool{}
	// A million orders name a few channels: flags by symbol, not a map.
	channels, codes := make([]bool, 1<<16), make([]bool, 1<<16)
	d.Orders.SalesChannels(func(y records.Sym) { channels[y] = true })
	for sh := range d.Shipments.All() {
		codes[sh.Marketplace] = true
	}
	for o := range d.Shipments.Old() { // set aside as too old to count
		codes[o.Marketplace] = true
	}
	for i := range d.Invoices {
		codes[d.Invoices[i].Marketplace] = true
	}
	for y := range channels {
		if !channels[y] {
			continue
		}
		if m, ok := market.BySalesChannel(records.Sym(y).String()); ok {
			seen[m.Code] = true
		}
	}
	for y := range codes {
		if !codes[y] {
			continue
		}
		if code := records.Sym(y).String(); code != "" {
			seen[code] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// accountStore is the store the account is judged as: --marketplace, else
// the only store the reports name. With several or none it is "" and a
// note says so.
func accountStore(d *records.Dataset, flag string) (string, []string) {
	found := stores(d)
	if flag != "" {
		// The flag settles several stores silently, but overriding the
		// reports' only story deserves a word.
		for _, st := range found {
			if st == flag {
				return flag, nil
			}
		}
		if len(found) > 0 {
			return flag, []string{"--marketplace " + flag + " overrides the store the reports name (" + strings.Join(found, ", ") + ")"}
		}
		return flag, nil
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", nil
	}
	return "", []string{"the reports hold orders of several stores (" + strings.Join(found, ", ") +
		"): store-specific targets use the US ones; pass --marketplace to choose"}
}
