package spapitest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sellerhealth/audit/internal/spapi"
)

// documentURLLifetime is how long a pre-signed document URL is valid.
const documentURLLifetime = 5 * time.Minute

// report is a report the fake made.
type report struct {
	final           spapi.Report // as it is once done: its final status and document
	pollsBeforeDone int
	polls           int // getReport calls so far
}

// view is the report as getReport shows it after p polls.
func (r *report) view(p int) spapi.Report {
	v := r.final
	v.MarketplaceIDs = slices.Clone(v.MarketplaceIDs)
	if r.pollsBeforeDone > 0 && p <= r.pollsBeforeDone {
		v.ProcessingStatus = spapi.StatusInQueue
		if p > 1 {
			v.ProcessingStatus = spapi.StatusInProgress
		}
		v.ReportDocumentID = ""
	}
	return v
}

// document is a report document (or a FATAL report's error document).
type document struct {
	served []byte               // the bytes served, gzipped when gzip
	gzip   bool                 // compressionAlgorithm GZIP
	urls   map[string]time.Time // signature of each URL issued -> its expiry
}

var knownStatuses = []string{spapi.StatusCancelled, spapi.StatusDone, spapi.StatusFatal, spapi.StatusInProgress, spapi.StatusInQueue}

// createReport: POST /reports/2021-06-30/reports.
func (s *Server) createReport(w http.ResponseWriter, r *http.Request, body []byte) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		s.writeError(w, http.StatusUnsupportedMediaType, "Unsupported", "The request's Content-Type header is invalid.", "Content-Type must be application/json")
		return
	}
	var spec spapi.CreateReportSpecification
	if err := json.Unmarshal(body, &spec); err != nil {
		s.invalid(w, "Invalid input", "The request body cannot be parsed: "+err.Error())
		return
	}
	now := s.now()
	switch {
	case spec.ReportType == "":
		s.invalid(w, "Invalid input", "reportType is required")
		return
	case len(spec.MarketplaceIDs) == 0:
		s.invalid(w, "Invalid input", "marketplaceIds is required and must have at least 1 item")
		return
	case len(spec.MarketplaceIDs) > 25:
		s.invalid(w, "Invalid input", "marketplaceIds must have at most 25 items")
		return
	case spec.DataStartTime != nil && spec.DataStartTime.After(now):
		s.invalid(w, "Invalid input", "dataStartTime must be prior to or equal to the current date and time")
		return
	case spec.DataEndTime != nil && spec.DataEndTime.After(now):
		s.invalid(w, "Invalid input", "dataEndTime must be prior to or equal to the current date and time")
		return
	case spec.DataStartTime != nil && spec.DataEndTime != nil && spec.DataEndTime.Before(*spec.DataStartTime):
		s.invalid(w, "Invalid input", "dataEndTime must not be before dataStartTime")
		return
	}
	s.mu.Lock()
	yield, polls := s.Reports, s.PollsBeforeDone
	s.mu.Unlock()
	out := Outcome{Status: spapi.StatusDone}
	if yield != nil {
		out = yield(spec)
	}
	if out.Status == "" {
		out.Status = spapi.StatusDone
	}
	if out.Status != spapi.StatusDone && out.Status != spapi.StatusCancelled && out.Status != spapi.StatusFatal {
		s.writeError(w, http.StatusInternalServerError, "InternalFailure", "spapitest: Outcome.Status must be DONE, CANCELLED or FATAL, not "+out.Status, "")
		return
	}
	n := s.nextID()
	rep := spapi.Report{
		ReportID:         strconv.Itoa(51000000000 + n),
		ReportType:       spec.ReportType,
		MarketplaceIDs:   slices.Clone(spec.MarketplaceIDs),
		DataStartTime:    utc(spec.DataStartTime),
		DataEndTime:      utc(spec.DataEndTime),
		CreatedTime:      now.UTC().Truncate(time.Millisecond),
		ProcessingStatus: out.Status,
	}
	var doc *document
	if out.Status == spapi.StatusDone || (out.Status == spapi.StatusFatal && out.Document != nil) {
		served := slices.Clone(out.Document)
		if served == nil {
			served = []byte{}
		}
		if out.Gzip {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(out.Document)
			zw.Close()
			served = buf.Bytes()
		}
		doc = &document{served: served, gzip: out.Gzip, urls: map[string]time.Time{}}
		rep.ReportDocumentID = "amzn1.spdoc.1.4.na." + randomUUID()
	}
	s.mu.Lock()
	s.reports[rep.ReportID] = &report{final: rep, pollsBeforeDone: polls}
	s.reportOrder = append(s.reportOrder, rep.ReportID)
	if doc != nil {
		s.docs[rep.ReportDocumentID] = doc
	}
	s.mu.Unlock()
	s.writeJSON(w, http.StatusAccepted, spapi.CreateReportResponse{ReportID: rep.ReportID})
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// getReport: GET /reports/2021-06-30/reports/{reportId}. Each call is a
// poll that moves the report towards its final status.
func (s *Server) getReport(w http.ResponseWriter, id string) {
	s.mu.Lock()
	r := s.reports[id]
	var v spapi.Report
	if r != nil {
		r.polls++
		v = r.view(r.polls)
	}
	s.mu.Unlock()
	if r == nil {
		s.writeError(w, http.StatusNotFound, "NotFound", "The requested report was not found.", "reportId "+id)
		return
	}
	s.writeJSON(w, http.StatusOK, v)
}

// getReports: GET /reports/2021-06-30/reports. The reports made so far, in
// the order made, as a getReport would show them now.
func (s *Server) getReports(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset := 0
	if tok := q.Get("nextToken"); tok != "" {
		if len(q) > 1 {
			s.invalid(w, "Invalid input", "nextToken must be the only parameter when it is given")
			return
		}
		st, ok := s.pageToken(tok)
		if !ok || st.op != spapi.OpGetReports {
			s.invalid(w, "Invalid input", "Invalid nextToken")
			return
		}
		q, _ = url.ParseQuery(st.args)
		offset = st.offset
	}
	types := list(q, "reportTypes")
	statuses := list(q, "processingStatuses")
	markets := list(q, "marketplaceIds")
	switch {
	case len(types) == 0:
		s.invalid(w, "Invalid input", "reportTypes or nextToken is required")
		return
	case len(types) > 10:
		s.invalid(w, "Invalid input", "reportTypes must have at most 10 items")
		return
	case len(markets) > 10:
		s.invalid(w, "Invalid input", "marketplaceIds must have at most 10 items")
		return
	}
	for _, st := range statuses {
		if !slices.Contains(knownStatuses, st) {
			s.invalid(w, "Invalid input", "Invalid input in processing status: "+st)
			return
		}
	}
	size := 10
	if v := q.Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			s.invalid(w, "Invalid input", "pageSize must be an integer from 1 to 100")
			return
		}
		size = n
	}
	now := s.now()
	since, until := now.Add(-90*24*time.Hour), now
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"createdSince", &since}, {"createdUntil", &until}} {
		if v := q.Get(p.name); v != "" {
			t, err := parseTime(v)
			if err != nil {
				s.invalid(w, "Invalid input", p.name+" is not an ISO 8601 date-time: "+v)
				return
			}
			*p.t = t
		}
	}
	if until.Before(since) {
		s.invalid(w, "Invalid input", "createdUntil must not be before createdSince")
		return
	}
	var match []spapi.Report
	s.mu.Lock()
	for _, id := range s.reportOrder {
		rep := s.reports[id]
		v := rep.view(rep.polls)
		if !slices.Contains(types, v.ReportType) ||
			(len(statuses) > 0 && !slices.Contains(statuses, v.ProcessingStatus)) ||
			(len(markets) > 0 && !slices.ContainsFunc(v.MarketplaceIDs, func(m string) bool { return slices.Contains(markets, m) })) ||
			v.CreatedTime.Before(since) || v.CreatedTime.After(until) {
			continue
		}
		match = append(match, v)
	}
	s.mu.Unlock()
	resp := spapi.GetReportsResponse{Reports: []spapi.Report{}}
	if offset < len(match) {
		end := min(offset+size, len(match))
		resp.Reports = match[offset:end]
		if end < len(match) {
			resp.NextToken = s.newPageToken(pageState{op: spapi.OpGetReports, args: q.Encode(), offset: end})
		}
	}
	s.writeJSON(w, http.StatusOK, resp)
}

// getReportDocument: GET /reports/2021-06-30/documents/{reportDocumentId}.
// Each call issues a new URL, valid for five minutes.
func (s *Server) getReportDocument(w http.ResponseWriter, id string) {
	sig := randomHex(32)
	now := s.now().UTC()
	s.mu.Lock()
	d := s.docs[id]
	if d != nil {
		d.urls[sig] = now.Add(documentURLLifetime)
	}
	s.mu.Unlock()
	if d == nil {
		s.writeError(w, http.StatusNotFound, "NotFound", "The requested report document was not found.", "reportDocumentId "+id)
		return
	}
	q := url.Values{
		"X-Amz-Algorithm":     {"AWS4-HMAC-SHA256"},
		"X-Amz-Credential":    {"ASIAFAKEFAKEFAKEFAKE/" + now.Format("20060102") + "/us-east-1/s3/aws4_request"},
		"X-Amz-Date":          {now.Format("20060102T150405Z")},
		"X-Amz-Expires":       {strconv.Itoa(int(documentURLLifetime / time.Second))},
		"X-Amz-SignedHeaders": {"host"},
		"X-Amz-Signature":     {sig},
	}
	doc := spapi.ReportDocument{ReportDocumentID: id, URL: s.URL + DownloadPath + url.PathEscape(id) + "?" + q.Encode()}
	if d.gzip {
		doc.CompressionAlgorithm = "GZIP"
	}
	s.writeJSON(w, http.StatusOK, doc)
}

// download serves a document at its pre-signed URL, as S3 does: no
// x-amz-* header that the URL did not sign, a known signature, not
// expired.
func (s *Server) download(w http.ResponseWriter, r *http.Request, id string) {
	var unsigned []string
	for name := range r.Header {
		if strings.HasPrefix(strings.ToLower(name), "x-amz-") {
			unsigned = append(unsigned, strings.ToLower(name))
		}
	}
	if len(unsigned) > 0 {
		slices.Sort(unsigned)
		s3Error(w, http.StatusForbidden, "AccessDenied", "There were headers present in the request which were not signed",
			"<HeadersNotSigned>"+strings.Join(unsigned, ", ")+"</HeadersNotSigned>")
		return
	}
	sig := r.URL.Query().Get("X-Amz-Signature")
	s.mu.Lock()
	d := s.docs[id]
	var expiry time.Time
	known := false
	if d != nil {
		expiry, known = d.urls[sig]
	}
	var data []byte
	if d != nil {
		data = d.served
	}
	s.mu.Unlock()
	switch {
	case sig == "":
		s3Error(w, http.StatusForbidden, "AccessDenied", "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters", "")
	case d == nil:
		s3Error(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.", "<Key>"+id+"</Key>")
	case !known:
		s3Error(w, http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", "")
	case !s.now().Before(expiry):
		s3Error(w, http.StatusForbidden, "AccessDenied", "Request has expired", fmt.Sprintf("<X-Amz-Expires>%d</X-Amz-Expires>", int(documentURLLifetime/time.Second)))
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Header().Set("x-amz-request-id", strings.ToUpper(randomHex(8)))
		w.WriteHeader(http.StatusOK)
		w.Write(data)
	}
}
