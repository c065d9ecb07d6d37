package fetch

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/spapi"
)

// orders reads the seller-fulfilled orders of the Orders API (2026-01-01,
// searchOrders) into the shipments file audit fetch keeps: the first run
// asks for the orders created since the first day needed, each later run
// for those updated since the last one (and for older ones when more
// history is needed). An order's row is replaced by its newest state.
func (r *runner) orders(ctx context.Context, t task) error {
	r.mu.Lock()
	state := *r.m.orders(t.key[len("orders/"):])
	r.mu.Unlock()
	ids := make([]string, len(r.o.Stores))
	for i, s := range r.o.Stores {
		ids[i] = s.ID()
	}
	base := spapi.OrdersQuery{MarketplaceIDs: ids, FulfilledBy: []string{"MERCHANT"},
		IncludedData: []string{"FULFILLMENT", "PACKAGES", "CANCELLATION"}, MaxResultsPerPage: 100}
	var queries []spapi.OrdersQuery
	if state.SyncedAt.IsZero() || state.CreatedFrom > t.from {
		q := base
		after := dayStart(t.from)
		q.CreatedAfter = &after
		if !state.SyncedAt.IsZero() {
			before := dayStart(state.CreatedFrom)
			q.CreatedBefore = &before
		}
		queries = append(queries, q)
	}
	if !state.SyncedAt.IsZero() {
		q := base
		since := state.SyncedAt.Add(-time.Hour) // an update Amazon records late
		q.LastUpdatedAfter = &since
		queries = append(queries, q)
	}
	started := r.o.Now().UTC()
	rows := map[string][]string{}
	unplaced := 0
	for _, q := range queries {
		err := r.o.Client.SearchOrders(ctx, q, func(orders []spapi.Order) error {
			for _, o := range orders {
				row, ok := ShipmentRow(o)
				switch {
				case ok:
					rows[row[0]] = row
				case isSellerFulfilled(o):
					unplaced++
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if unplaced > 0 {
		r.res.Notes = append(r.res.Notes, fmt.Sprintf("%d seller-fulfilled orders without a ship-by date (Amazon gave no shipByWindow): not in %s", unplaced, t.file))
	}
	tab, err := readTable(filepath.Join(r.o.Dir, t.file), ShipmentsHeader)
	if err != nil {
		return err
	}
	fresh := make([][]string, 0, len(rows))
	for _, row := range rows {
		fresh = append(fresh, row)
	}
	tab.replace(func(row []string) bool { _, ok := rows[row[0]]; return ok }, fresh)
	size, sum, err := writeAtomic(r.o.Dir, t.file, tab.bytes())
	if err != nil {
		return err
	}
	from := t.from
	if !state.SyncedAt.IsZero() {
		from = min(from, state.CreatedFrom)
	}
	today := civil.DateOf(started)
	r.m.setFile(input.FetchedFile{File: t.file, Kind: t.src.kind, Source: "searchOrders", Field: records.Ordered,
		Covers: []records.Range{{From: from, To: today}}, Size: size, SHA256: sum, FetchedAt: started})
	st := r.m.orders(t.key[len("orders/"):])
	st.CreatedFrom, st.SyncedAt = from, started
	for i := range r.res.Files {
		if f := &r.res.Files[i]; f.File == t.file {
			f.Action, f.Rows, f.Bytes = Fetched, len(rows), size
		}
	}
	return r.m.save(r.o.Dir)
}

func isSellerFulfilled(o spapi.Order) bool {
	return o.Fulfillment != nil && strings.EqualFold(o.Fulfillment.FulfilledBy, "MERCHANT") && !slices.Contains([]string{"NON_AMAZON"}, o.SalesChannel.ChannelName)
}
