package input

import (
	"strings"

	"github.com/sellerhealth/audit/internal/civil"
	"github.com/sellerhealth/audit/internal/records"
)

// Amazon's cancellation download from the Account Health page ("Download
// report" of the pre-fulfillment cancel rate): Order Date, Order ID,
// Impacts Account Health. Amazon publishes no exact header, so the usual
// spellings are accepted. A row whose impact says Yes is a cancellation
// that counts against the seller.
var cancellationsSpec = Spec{
	Kind:  "cancellations",
	Title: "cancellation report",
	Columns: []Column{
		{Name: "order-date", Aliases: []string{"purchase-date", "date"}},
		{Name: "order-id", Aliases: []string{"amazon-order-id"}},
		{Name: "impacts-account-health", Aliases: []string{"impacts-ahr", "account-health-impact", "impacts-account-health?", "impact"}},
		{Name: "cancellation-reason", Aliases: []string{"reason", "cancel-reason"}},
		{Name: "cancelled-by", Aliases: []string{"canceled-by", "cancel-initiator"}},
	},
	Required: []string{"order-id", "order-date", "impacts-account-health"},
	Anchor:   func(c map[string]int) bool { return has(c, "order-id", "impacts-account-health") },
	Quoted:   true,
	Read:     readCancellations,
}

type cancellationRow struct {
	Date    string `csv:"order-date"`
	OrderID string `csv:"order-id"`
	Impacts string `csv:"impacts-account-health"`
}

func readCancellations(t *Table, s *Sink) error {
	file := records.Intern(t.File)
	blankRow := func(r *cancellationRow) bool { return strings.TrimSpace(r.Date+r.OrderID+r.Impacts) == "" }
	return decodeCanonical(t, blankRow, func(r *cancellationRow) error {
		id, err := orderID(t, "order-id", r.OrderID)
		if err != nil {
			return err
		}
		if strings.TrimSpace(r.Date) == "" {
			return t.Errorf("order-date", "empty date")
		}
		d, err := civil.ParseDayMonYear(r.Date)
		if err != nil {
			return t.Errorf("order-date", "%v", err)
		}
		impacts, err := boolField(t, "impacts-account-health", r.Impacts)
		if err != nil {
			return err
		}
		t.spans.Add(records.Ordered, 0, d) // the download's date is the order date
		s.Data.Cancellations = append(s.Data.Cancellations, records.Cancellation{Key: records.KeyOf(id), Date: d, Impacts: impacts, File: file, Line: int32(t.line)})
		return nil
	})
}
