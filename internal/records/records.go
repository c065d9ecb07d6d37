// Package records holds the typed rows that report readers produce and
// metrics consume. Records know nothing of thresholds or output.
package records

import (
	"github.com/sellerhealth/audit/internal/civil"
)

// InputFile is one file that was read and the kind it was read as, for
// the "inputs" list every output shows.
type InputFile struct {
	File string `json:"file"`
	Kind string `json:"kind"`
	Rows int    `json:"rows"`
	// Spans are the dates its rows cover, per date field and store
	// (coverage.go).
	Spans []Span `json:"covers,omitempty"`
}

// Source places a record in its input: the file as named on the command line
// (or joined with its folder) and the 1-based physical line.
type Source struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Channel is who fulfils an order.
type Channel uint8

const (
	ChannelUnknown  Channel = iota
	ChannelAmazon           // AFN, fulfillment-channel "Amazon"
	ChannelMerchant         // MFN, fulfillment-channel "Merchant"
)

func (c Channel) String() string {
	switch c {
	case ChannelAmazon:
		return "afn"
	case ChannelMerchant:
		return "mfn"
	}
	return "unknown"
}

// Feedback is one row of the Feedback report.
type Feedback struct {
	OrderID string
	Date    civil.Date
	Rating  int
	// Removed is true when the export marks the feedback removed or struck
	// through (help 20231): it then does not count.
	Removed bool
	// Comment is the buyer's comment as written, kept for negative
	// feedback only (1-2 stars) and cut at MaxComment bytes: audit
	// feedback weighs whether Amazon would remove it. It may hold personal
	// data: output masks it (metrics.FeedbackList).
	Comment string
	Source  Source
}

// MaxComment bounds the part of a feedback comment that is kept.
const MaxComment = 1000

// ClaimStatus is the state of an A-to-z Guarantee claim.
type ClaimStatus uint8

const (
	ClaimUnknown          ClaimStatus = iota // returns report flag: status not given
	ClaimUnderReview                         // counts
	ClaimGranted                             // counts
	ClaimSellerRefunded                      // counts
	ClaimDenied                              // does not count (unless the strict setting)
	ClaimWithdrawn                           // never counts
	ClaimReversedOnAppeal                    // never counts
)

var claimStatusNames = [...]string{"unknown", "under-review", "granted", "seller-refunded", "denied", "withdrawn", "reversed-on-appeal"}

func (s ClaimStatus) String() string { return claimStatusNames[s] }

// ClaimStatuses maps the canonical status names to values.
func ClaimStatuses() map[string]ClaimStatus {
	m := make(map[string]ClaimStatus, len(claimStatusNames)-1)
	for i, n := range claimStatusNames[1:] {
		m[n] = ClaimStatus(i + 1)
	}
	return m
}

// Claim is an A-to-z Guarantee claim, from the canonical claims file, the
// `A-to-Z Claim = Y` flag of the seller-fulfilled returns report, or the
// "A-to-z Guarantee Refund" rows of one order in the settlement report (a
// granted claim charged to the seller).
type Claim struct {
	OrderID string
	Date    civil.Date
	Status  ClaimStatus
	Source  Source
}

// ChargebackType separates service chargebacks (count) from fraud ones
// (Amazon's responsibility, help 48781).
type ChargebackType uint8

const (
	ChargebackService ChargebackType = iota + 1
	ChargebackFraud
	// ChargebackUnknown: a chargeback whose type the source does not say
	// (the settlement report's "Chargeback Refund" rows: a debit, not a
	// type). It counts (docs/metrics.md, "Chargebacks").
	ChargebackUnknown
)

func (t ChargebackType) String() string {
	switch t {
	case ChargebackFraud:
		return "fraud"
	case ChargebackUnknown:
		return "unknown"
	}
	return "service"
}

// Chargeback is a chargeback on an order: a row of the canonical
// chargebacks file, or the "Chargeback Refund" rows of one order in the
// settlement report.
type Chargeback struct {
	OrderID string
	Date    civil.Date
	Type    ChargebackType
	Source  Source
}

// Dataset is everything read from one account's files. Orders are keyed by
// order id, so overlapping downloads count each order once.
type Dataset struct {
	Orders      Orders
	Feedback    []Feedback
	Claims      []Claim
	Chargebacks []Chargeback

	Shipments     Shipments
	Cancellations []Cancellation
	Invoices      []Invoice
	Performance   []Performance // Amazon's seller performance reports (performance.go)

	Allegro []AllegroQualityDay // Allegro's sales quality per day, by date (allegro.go)

	Messages       []Message       // buyer messages (service.go)
	ReturnRequests []ReturnRequest // return requests
	Ratings        []Rating        // customer-service ratings

	Ebay     Ebay           // eBay's seller standards and customer service metrics (ebay.go)
	Kaufland []KauflandUnit // Kaufland Seller API order units, one per id (kaufland.go)

	// Kinds says which report kinds were read (even when empty), so a
	// metric can tell "no such report" (not computed) from "no rows in the
	// window" (no data).
	Kinds map[string]bool
	// Columns says which optional columns a kind's files had, as
	// "kind.column" (e.g. "shipments.invoice-upload-date").
	Columns map[string]bool
	// Files are the files read, with the dates each covers (Covered);
	// nil for a dataset not read from files, whose coverage is not judged.
	Files []InputFile
}

// Has says whether a report of the kind was read.
func (d *Dataset) Has(kind string) bool { return d.Kinds[kind] }

// NewDataset returns an empty dataset.
func NewDataset() *Dataset {
	return &Dataset{Kinds: make(map[string]bool), Columns: make(map[string]bool)}
}
