package spapi

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/sellerhealth/audit/internal/httpx"
)

// DefaultDocumentLimit bounds a report document's plain bytes when
// DownloadDocument is given no limit.
const DefaultDocumentLimit = 4 << 30

// Sink receives a document's bytes. Reset discards what was written, for
// a download that starts again after a dropped connection.
type Sink interface {
	io.Writer
	Reset() error
}

// Buffer is a Sink in memory.
type Buffer struct{ bytes.Buffer }

// Reset empties the buffer.
func (b *Buffer) Reset() error {
	b.Buffer.Reset()
	return nil
}

// FileSink is a Sink writing to a file from its start: Reset truncates it.
type FileSink struct{ File *os.File }

// Write writes to the file.
func (s FileSink) Write(p []byte) (int, error) { return s.File.Write(p) }

// Reset empties the file and goes back to its start.
func (s FileSink) Reset() error {
	if err := s.File.Truncate(0); err != nil {
		return err
	}
	_, err := s.File.Seek(0, io.SeekStart)
	return err
}

// DownloadDocument fetches a report document from its pre-signed S3 URL
// (doc.URL) and writes its plain bytes to dst, answering how many. No
// x-amz-access-token or other x-amz-* header is sent: the URL carries its
// own signature, and S3 refuses headers it did not sign. The bytes are
// gunzipped when doc.CompressionAlgorithm is "GZIP" or when they start
// with gzip's magic 1f 8b (Amazon sometimes leaves the field out).
//
// More than limit plain bytes (limit <= 0: 4 GiB) is an error. A dropped
// connection, a 5xx or a 429 resets dst and starts again, at most
// MaxAttempts times; after a failure dst may hold part of the document.
func (c *Client) DownloadDocument(ctx context.Context, doc *ReportDocument, dst Sink, limit int64) (int64, error) {
	if doc == nil || doc.URL == "" {
		return 0, errors.New("downloadDocument: no document URL")
	}
	u, err := url.Parse(doc.URL)
	if err != nil {
		return 0, fmt.Errorf("downloadDocument: the document URL cannot be parsed")
	}
	if err := httpx.CheckURL("document URL", (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()); err != nil {
		return 0, fmt.Errorf("downloadDocument: %w", err)
	}
	if limit <= 0 {
		limit = DefaultDocumentLimit
	}
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			if err := dst.Reset(); err != nil {
				return 0, fmt.Errorf("downloadDocument: starting again: %w", err)
			}
		}
		n, resp, err := c.downloadOnce(ctx, doc, u, dst, limit)
		if err == nil {
			return n, nil
		}
		var se *sinkError
		if errors.As(err, &se) {
			return n, err // the sink's own failure: another try would not help
		}
		kind, wait, err := c.judge(ctx, attempt, resp, err)
		if kind == "" {
			return n, err
		}
		c.emit(ctx, Event{Operation: OpDownloadDocument, Kind: kind, Wait: wait, Err: err, Attempt: attempt})
		if err := c.sleep(ctx, wait); err != nil {
			return 0, err
		}
	}
}

// where names a document URL in errors: scheme, host and path, without
// the query, whose signature is a credential.
func where(u *url.URL) string {
	return u.Scheme + "://" + u.Host + u.EscapedPath()
}

// downloadOnce is one try of DownloadDocument. resp is the answer when
// there was one (for judge), with its body closed.
func (c *Client) downloadOnce(ctx context.Context, doc *ReportDocument, u *url.URL, dst io.Writer, limit int64) (int64, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, doc.URL, nil)
	if err != nil {
		return 0, nil, fmt.Errorf("downloadDocument: %s: %w", where(u), err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.download.Do(req)
	if err != nil {
		return 0, nil, c.redactErr(&transportError{op: OpDownloadDocument, method: http.MethodGet, where: where(u), err: httpx.UnwrapURLError(err)})
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		data, _ := readBounded(resp.Body, 64<<10)
		return 0, resp, c.s3Error(resp, data)
	}
	body := &readTracker{r: resp.Body}
	br := bufio.NewReaderSize(body, 64<<10)
	magic, _ := br.Peek(2)
	var plain io.Reader = br
	gz := bytes.Equal(magic, []byte{0x1f, 0x8b}) ||
		(strings.EqualFold(doc.CompressionAlgorithm, "GZIP") && !resp.Uncompressed)
	if gz {
		zr, err := gzip.NewReader(br)
		if err != nil {
			if body.err != nil {
				return 0, nil, &transportError{op: OpDownloadDocument, method: http.MethodGet, where: where(u), err: body.err}
			}
			return 0, nil, fmt.Errorf("downloadDocument: document %s is said to be gzipped but is not: %v", doc.ReportDocumentID, err)
		}
		defer zr.Close()
		plain = zr
	}
	w := &limitedWriter{w: dst, left: limit}
	n, err := io.Copy(w, plain)
	switch {
	case err == nil:
		return n, nil, nil
	case errors.Is(err, errTooLarge):
		return n, nil, fmt.Errorf("downloadDocument: document %s is larger than the limit of %d bytes; refused", doc.ReportDocumentID, limit)
	case w.err != nil:
		return n, nil, &sinkError{doc: doc.ReportDocumentID, err: w.err}
	case body.err != nil:
		return n, nil, c.redactErr(&transportError{op: OpDownloadDocument, method: http.MethodGet, where: where(u), err: body.err})
	case gz:
		return n, nil, fmt.Errorf("downloadDocument: document %s is not valid gzip: %v", doc.ReportDocumentID, err)
	}
	return n, nil, fmt.Errorf("downloadDocument: document %s: %w", doc.ReportDocumentID, err)
}

// sinkError is a failure to write to the Sink.
type sinkError struct {
	doc string
	err error
}

func (e *sinkError) Error() string {
	return fmt.Sprintf("downloadDocument: writing document %s: %v", e.doc, e.err)
}

func (e *sinkError) Unwrap() error { return e.err }

// readTracker remembers the error of the body's reads, to tell a dropped
// connection from a broken gzip stream.
type readTracker struct {
	r   io.Reader
	err error
}

func (t *readTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.err = err
	}
	return n, err
}

// limitedWriter writes at most left bytes to w, then fails with
// errTooLarge.
type limitedWriter struct {
	w    io.Writer
	left int64
	err  error // w's own failure
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		n, err := l.w.Write(p[:l.left])
		l.left -= int64(n)
		if err != nil {
			l.err = err
			return n, err
		}
		return n, errTooLarge
	}
	n, err := l.w.Write(p)
	l.left -= int64(n)
	if err != nil {
		l.err = err
	}
	return n, err
}

// s3Error makes the error of a failed download from S3's XML error
// (<Error><Code>AccessDenied</Code><Message>Request has expired</Message>).
func (c *Client) s3Error(resp *http.Response, data []byte) *APIError {
	e := &APIError{Operation: OpDownloadDocument, StatusCode: resp.StatusCode, RequestID: resp.Header.Get("x-amz-request-id")}
	var x struct {
		Code      string `xml:"Code"`
		Message   string `xml:"Message"`
		RequestID string `xml:"RequestId"`
	}
	if xml.Unmarshal(data, &x) == nil && (x.Code != "" || x.Message != "") {
		e.Errors = []Error{{Code: x.Code, Message: x.Message}}
		if e.RequestID == "" {
			e.RequestID = x.RequestID
		}
	} else if text := strings.TrimSpace(string(data)); text != "" {
		e.Errors = []Error{{Message: httpx.Clip(strings.Join(strings.Fields(text), " "), 300)}}
	}
	for i := range e.Errors {
		e.Errors[i].Code = c.Redact(e.Errors[i].Code)
		e.Errors[i].Message = c.Redact(e.Errors[i].Message)
	}
	e.RequestID = c.Redact(e.RequestID)
	return e
}
