package fetch

import (
	"bytes"
	"context"
	"time"

	"github.com/sellerhealth/audit/internal/input"
	"github.com/sellerhealth/audit/internal/records"
	"github.com/sellerhealth/audit/internal/spapi"
)

// lines counts the newlines written through it: a report's rows are its
// lines after the header.
type lines struct {
	spapi.Sink
	n int
}

func (l *lines) Write(p []byte) (int, error) {
	l.n += bytes.Count(p, []byte{'\n'})
	return l.Sink.Write(p)
}

func (l *lines) Reset() error {
	l.n = 0
	return l.Sink.Reset()
}

// report fetches one report of the Reports API into its file: a month of a
// store (the days asked for are UTC days), or today's snapshot of the
// seller performance. A report Amazon cancelled for lack of data becomes a
// file of its header alone, so the folder says the days were fetched and
// hold nothing.
func (r *runner) report(ctx context.Context, t task) error {
	spec := spapi.CreateReportSpecification{ReportType: t.src.report, MarketplaceIDs: []string{t.store.ID()}}
	if !t.src.snapshot {
		start, end := dayStart(t.from), dayStart(t.to+1).Add(-time.Second)
		// Amazon refuses an end in the future.
		if limit := r.o.Now().Add(-2 * time.Minute); end.After(limit) {
			end = limit
		}
		spec.DataStartTime, spec.DataEndTime = &start, &end
	}
	rep, doc, err := r.o.Client.RunReport(ctx, spec, r.o.Poll)
	if err != nil {
		return err
	}
	header, known := EmptyReport(t.src.report)
	if doc == nil && !known {
		// Nothing to write (a seller performance report Amazon has no
		// data for): the chunk is noted, so today's run asks once.
		return r.noData(t, rep)
	}
	tmp, err := createTemp(r.o.Dir, t.file)
	if err != nil {
		return err
	}
	w := &lines{Sink: tmp}
	if doc == nil {
		_, err = w.Write(header)
	} else {
		_, err = r.o.Client.DownloadDocument(ctx, doc, w, 0)
	}
	if err != nil {
		tmp.abort()
		return err
	}
	size, sum, err := tmp.commit()
	if err != nil {
		return err
	}
	rows := max(w.n-1, 0)
	if t.src.snapshot {
		rows = 0
	}
	now := r.o.Now()
	field, covers := declared(t.src, []records.Range{{From: t.from, To: t.to}})
	r.mu.Lock()
	defer r.mu.Unlock()
	err = r.record(input.FetchedFile{File: t.file, Kind: t.src.kind, Source: t.src.report, Store: t.store.Code, Field: field, Covers: covers,
		Size: size, SHA256: sum, FetchedAt: now.UTC()},
		&Chunk{Key: t.key, From: t.from, To: t.to, FetchedAt: now.UTC(), Status: rep.ProcessingStatus, ReportID: rep.ReportID})
	if err != nil {
		return err
	}
	for i := range r.res.Files {
		if f := &r.res.Files[i]; f.File == t.file {
			f.Action, f.Rows, f.Bytes, f.Report = Fetched, rows, size, rep.ReportID
			if doc == nil {
				f.Action = NoData
			}
		}
	}
	return nil
}

// noData records a report Amazon cancelled for want of data that audit
// writes no file for.
func (r *runner) noData(t task, rep *spapi.Report) error {
	now := r.o.Now().UTC()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m.setChunk(Chunk{Key: t.key, From: t.from, To: t.to, FetchedAt: now, Status: rep.ProcessingStatus, ReportID: rep.ReportID})
	for i := range r.res.Files {
		if f := &r.res.Files[i]; f.File == t.file {
			f.Action, f.Report, f.Reason = NoData, rep.ReportID, "Amazon had no data for it: no file written"
		}
	}
	return r.m.save(r.o.Dir)
}
