package input

import (
	"github.com/sellerhealth/audit/internal/market"
	"github.com/sellerhealth/audit/internal/records"
)

// inputFile is the table as the inputs list shows it: its file, kind, rows
// and the dates its rows cover (records.Span).
func (t *Table) inputFile() records.InputFile {
	return records.InputFile{File: t.File, Kind: string(t.Spec.Kind), Rows: t.rowsRead, Spans: t.spans.Spans(storeCode)}
}

// storeCode is the store a row's store symbol names: a sales channel
// ("Amazon.de") or a store code ("DE"); "" when it names none
// ("Non-Amazon").
func storeCode(s records.Sym) string {
	v := s.String()
	if m, ok := market.BySalesChannel(v); ok {
		return m.Code
	}
	if m, ok := market.ByCode(v); ok {
		return m.Code
	}
	return ""
}

// feedbackSpans sets the spans of the Feedback reports read, from their
// feedback's dates: those are known only once every file is read (a short
// date's order of day and month is decided over all of them).
func feedbackSpans(d *records.Dataset, inputs []records.InputFile) {
	counters := map[string]*records.SpanCounter{}
	for i := range inputs {
		if inputs[i].Kind == string(feedbackSpec.Kind) {
			counters[inputs[i].File] = &records.SpanCounter{}
		}
	}
	if len(counters) == 0 {
		return
	}
	for _, f := range d.Feedback {
		if c := counters[f.Source.File]; c != nil {
			c.Add(records.Dated, 0, f.Date)
		}
	}
	for i := range inputs {
		if c := counters[inputs[i].File]; c != nil && inputs[i].Kind == string(feedbackSpec.Kind) {
			inputs[i].Spans = c.Spans(nil)
		}
	}
}
