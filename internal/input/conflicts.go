package input

import (
	"fmt"
	"slices"

	"github.com/sellerhealth/audit/internal/records"
)

// Conflicting values. Overlapping downloads hold the same rows, and they
// count once: an order is one order however many item rows and files name
// it (orders.go), a feedback is one feedback per order (mergeFeedback).
// When two rows of one order disagree on a value that a metric reads, a
// warning names both places ("here" is the row read later, "at" the one
// read earlier; files are read in the order given, a folder's files in name
// order, a zip archive's members in name order), and one value is kept:
//
//   - an order's purchase date: the earlier one, whichever file has it;
//   - an order's fulfillment channel: the first one read (a row that
//     leaves it blank or unknown takes the next row's);
//   - a feedback's rating: the lower one, so that the audit never
//     under-reports a negative feedback (the metrics count an order as
//     defective if any of its feedback is 1 or 2 stars anyway);
//   - a feedback's date: the earlier one (feedback dated after --as-of is
//     ignored, so the earlier date never hides a defect);
//   - a feedback marked removed in one file but not in another: it counts
//     (not removed), for the same reason.
//
// The settlement report's A-to-z refunds and chargebacks meet the claims
// and chargebacks of the other files once every file is read
// (mergeSettlement): a claim or chargeback another file already gives is
// not added again; a claim the claims file says was denied or withdrawn,
// which the settlement shows refunded at the seller's cost, counts, with a
// warning; a chargeback the chargebacks file calls fraud, which the
// settlement shows debited, does not count, with a warning; a claim
// reversed on appeal does not count, silently (the charge came first). In
// these warnings "here" is the settlement report's row, "at" the other
// file's, whichever was read first.
//
// Changes that are no conflict are taken silently: an order's status
// moves on between downloads (Pending, then Shipped). So does a value that
// one download leaves empty and another fills: progress, taken whichever
// row comes first, in the shipments file (mergeShipment), the return
// requests (mergeReturnRequest) and the VAT report; only two different
// filled values conflict there.
//
// The first maxConflictWarnings conflicts of a kind are listed one by one;
// the rest are counted in one closing warning, so a re-download in another
// time zone cannot bury the output under thousands of lines.

const maxConflictWarnings = 20

type conflictLog struct {
	n     map[string]int // kind ("purchase dates") -> conflicts seen
	kinds []string       // in the order first seen
	first []int          // the file each kind was first seen in
}

// merge adds the conflicts o logged while reading other files of the same
// run (background.go): each kind keeps the place it would have had.
func (c *conflictLog) merge(o *conflictLog) {
	for i, kind := range o.kinds {
		if c.n == nil {
			c.n = map[string]int{}
		}
		if c.n[kind] == 0 {
			at := len(c.kinds)
			for at > 0 && c.first[at-1] > o.first[i] {
				at--
			}
			c.kinds = slices.Insert(c.kinds, at, kind)
			c.first = slices.Insert(c.first, at, o.first[i])
		}
		c.n[kind] += o.n[kind]
	}
}

// conflictf warns about a conflicting value of the given kind, unless
// maxConflictWarnings of that kind were listed already.
func (s *Sink) conflictf(kind, format string, args ...any) {
	c := &s.conflicts
	if c.n == nil {
		c.n = map[string]int{}
	}
	if c.n[kind] == 0 {
		c.kinds = append(c.kinds, kind)
		c.first = append(c.first, s.file)
	}
	c.n[kind]++
	if c.n[kind] <= maxConflictWarnings {
		s.Warnf(format, args...)
	}
}

// closeConflicts counts the conflicts that were not listed.
func (s *Sink) closeConflicts() {
	for _, kind := range s.conflicts.kinds {
		if more := s.conflicts.n[kind] - maxConflictWarnings; more > 0 {
			s.Warnf("%d more conflicting %s not listed (%d in all)", more, kind, s.conflicts.n[kind])
		}
	}
}

// at writes a source as file:line.
func at(src records.Source) string { return fmt.Sprintf("%s:%d", src.File, src.Line) }

// channelName writes a fulfillment channel as the report does.
func channelName(c records.Channel) string {
	switch c {
	case records.ChannelAmazon:
		return "Amazon"
	case records.ChannelMerchant:
		return "Merchant"
	}
	return "unknown"
}

// mergeFeedback folds the feedback rows of one order into one, in the
// order read, once the dates are resolved (see the rules above). Rows that
// agree, as overlapping downloads do, fold silently.
func mergeFeedback(s *Sink) {
	if len(s.Data.Feedback) < 2 {
		return
	}
	// kept is a feedback being merged: its index in out, and the rows its
	// date and removal came from (its Source is its rating's row).
	type kept struct {
		i                int
		dateAt, removeAt records.Source
	}
	byOrder := map[string]*kept{}
	out := make([]records.Feedback, 0, len(s.Data.Feedback))
	for _, f := range s.Data.Feedback {
		kp, seen := byOrder[f.OrderID]
		if !seen {
			byOrder[f.OrderID] = &kept{i: len(out), dateAt: f.Source, removeAt: f.Source}
			out = append(out, f)
			continue
		}
		k := &out[kp.i]
		if f.Rating != k.Rating {
			s.conflictf("feedback ratings", "%s: feedback for order %s has rating %d here but %d at %s; using the lower",
				at(f.Source), f.OrderID, f.Rating, k.Rating, at(k.Source))
			if f.Rating < k.Rating {
				// The kept feedback points at the row its rating is from,
				// and keeps that row's comment.
				k.Rating, k.Source, k.Comment = f.Rating, f.Source, f.Comment
			}
		}
		if f.Date != k.Date {
			s.conflictf("feedback dates", "%s: feedback for order %s is dated %s here but %s at %s; using the earlier",
				at(f.Source), f.OrderID, f.Date, k.Date, at(kp.dateAt))
			if f.Date < k.Date {
				k.Date, kp.dateAt = f.Date, f.Source
			}
		}
		if f.Removed != k.Removed {
			how := "is marked removed here but not"
			if !f.Removed {
				how = "is not marked removed here but is"
			}
			s.conflictf("feedback removals", "%s: feedback for order %s %s at %s; counting it",
				at(f.Source), f.OrderID, how, at(kp.removeAt))
			if !f.Removed {
				k.Removed, kp.removeAt = false, f.Source
			}
		}
	}
	s.Data.Feedback = out
}

// fileCounts counts something by file, the files in the order first seen.
type fileCounts struct {
	n     map[records.Sym]int
	files []records.Sym
}

func (c *fileCounts) add(file records.Sym, d int) {
	if c.n == nil {
		c.n = map[records.Sym]int{}
	}
	if _, ok := c.n[file]; !ok {
		c.files = append(c.files, file)
	}
	c.n[file] += d
}

// each calls fn for each file whose count is above 0, in order.
func (c *fileCounts) each(fn func(file string, n int)) {
	for _, f := range c.files {
		if n := c.n[f]; n > 0 {
			fn(f.String(), n)
		}
	}
}
