package fetch

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/spapi"
)

// finances reads a month of the account's financial events (Finances API
// v0, listFinancialEvents) and writes its A-to-z guarantee claims and its
// chargebacks into the claims and chargebacks files audit fetch keeps:
// the rows of that month are replaced, the others kept.
func (r *runner) finances(ctx context.Context, t task) error {
	after, before := dayStart(t.from), dayStart(t.to+1)
	// Amazon wants PostedBefore more than two minutes in the past.
	if limit := r.o.Now().Add(-3 * time.Minute); before.After(limit) {
		before = limit
	}
	var claims, chargebacks [][]string
	var unplaced []string
	err := r.o.Client.ListFinancialEvents(ctx, after, before, func(fe *spapi.FinancialEvents) error {
		for _, e := range fe.GuaranteeClaimEventList {
			if row, ok := ClaimRow(e); ok {
				claims = append(claims, row)
			} else {
				unplaced = append(unplaced, "an A-to-z guarantee claim event"+eventText(e))
			}
		}
		for _, e := range fe.ChargebackEventList {
			if row, ok := ChargebackRow(e); ok {
				chargebacks = append(chargebacks, row)
			} else {
				unplaced = append(unplaced, "a chargeback event"+eventText(e))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	now := r.o.Now().UTC()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, u := range unplaced {
		r.res.Notes = append(r.res.Notes, fmt.Sprintf("%s..%s: %s without an order id or date: not written", t.from, t.to, u))
	}
	for _, out := range []struct {
		src  *source
		head []string
		rows [][]string
	}{{&t.src, headerOf(t.src), rowsOf(t.src, claims, chargebacks)}, {t.also, headerOf(deref(t.also)), rowsOf(deref(t.also), claims, chargebacks)}} {
		if out.src == nil {
			continue
		}
		if err := r.merge(t, *out.src, out.head, out.rows, now); err != nil {
			return err
		}
	}
	c := Chunk{Key: t.key, From: t.from, To: t.to, FetchedAt: now, Status: spapi.StatusDone}
	r.m.setChunk(c)
	return r.m.save(r.o.Dir)
}

func deref(s *source) source {
	if s == nil {
		return source{}
	}
	return *s
}

func headerOf(s source) []string {
	if s.name == "chargebacks" {
		return ChargebacksHeader
	}
	return ClaimsHeader
}

func rowsOf(s source, claims, chargebacks [][]string) [][]string {
	if s.name == "chargebacks" {
		return chargebacks
	}
	return claims
}

// eventText names an event that could not be placed, without amounts.
func eventText(e spapi.ShipmentEvent) string {
	switch {
	case e.AmazonOrderID != "":
		return " of order " + e.AmazonOrderID
	case e.PostedDate != nil:
		return " posted " + e.PostedDate.UTC().Format(time.RFC3339)
	}
	return ""
}

// merge writes a month's rows into src's file: the rows dated in the
// month (by the header's date column, its second) are replaced.
func (r *runner) merge(t task, src source, header []string, rows [][]string, now time.Time) error {
	name := src.accountFile()
	tab, err := readTable(filepath.Join(r.o.Dir, name), header)
	if err != nil {
		return err
	}
	tab.replace(func(row []string) bool {
		d, ok := rowDate(row[1])
		return ok && d >= t.from && d <= t.to
	}, rows)
	size, sum, err := writeAtomic(r.o.Dir, name, tab.bytes())
	if err != nil {
		return err
	}
	covers := []records.Range{{From: t.from, To: t.to}}
	if old := r.m.file(name); old != nil {
		covers = records.Union(append(slices.Clone(old.Covers), covers...))
	}
	r.m.setFile(input.FetchedFile{File: name, Kind: src.kind, Source: "listFinancialEvents", Field: src.field, Covers: covers,
		Size: size, SHA256: sum, FetchedAt: now})
	for i := range r.res.Files {
		if f := &r.res.Files[i]; f.File == name && f.From == t.from {
			f.Action, f.Rows, f.Bytes = Fetched, len(rows), size
		}
	}
	return nil
}

// rowDate is the UTC day of a timestamp audit fetch wrote (RFC 3339).
func rowDate(s string) (civil.Date, bool) {
	if len(s) < 10 {
		return 0, false
	}
	d, err := civil.ParseISODate(s[:10])
	return d, err == nil
}
