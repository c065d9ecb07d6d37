package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// The customer-service files (messages, return-requests, ratings) are
// recognised by their headers, with aliases in any case and with '_', '-'
// or spaces; the other kinds' headers stay what they were.
func TestServiceDetection(t *testing.T) {
	amazonReturns := "Order ID\tOrder date\tReturn request date\tReturn request status\tAmazon RMA ID\tMerchant RMA ID\tLabel type\tLabel cost\tCurrency code\tReturn carrier\tTracking ID\tLabel to be paid by\tA-to-Z Claim\tIs prime\tASIN\tMerchant SKU\tItem Name\tReturn quantity\tReturn Reason\tIn policy\tReturn type\tResolution\tInvoice number\tReturn delivery date\tOrder Amount\tOrder quantity\tSafeT Action reason\tSafeT claim id\tSafeT claim state\tSafeT claim creation time\tSafeT claim reimbursement amount\tRefunded Amount"
	cases := []struct {
		header string
		delim  byte
		want   Kind // "": not recognised
	}{
		{"message-id,order-id,received-at,response-at,response-kind", ',', "messages"},
		{"Message ID,Order ID,Received,Responded at,Response type", ',', "messages"},
		{"MESSAGE_ID\tRECEIVED_AT\tRESPONSE_AT\tRESPONSE_KIND", '\t', "messages"},
		{"msg id;received date;reply date;kind", ';', "messages"},
		// a message file whose receipt column is also a chargeback-date alias
		{"Message ID,Order ID,Received Date,Response Date,Response Type", ',', "messages"},
		{"message-id,received-at", ',', "messages"}, // then: lacks columns
		{"Message ID", ',', ""},

		{"order-id,request-at,responded-at,response,in-policy,return-feedback", ',', "return-requests"},
		{"Order ID\tRequested at\tResponded at\tResponse\tIn Policy\tReturn Feedback", '\t', "return-requests"},
		{"order_id,return_request_date,response_date,decision,policy,feedback", ',', "return-requests"},
		{"Order ID,Return request date,Response", ',', "return-requests"},
		{amazonReturns, '\t', "returns"},
		{"Order ID\tReturn request date\tA-to-Z Claim\tIn policy", '\t', "returns"},
		{"Order ID\tReturn request date\tIn policy", '\t', "returns"},

		{"rater-id,rated-at,score", ',', "ratings"},
		{"rater-id,rated-at,solved", ',', "ratings"},
		{"Rater ID,Rating Date,CSAT", ',', "ratings"},
		{"Order ID,Rated at,Did this solve your problem?", ',', "ratings"},
		{"RATER;RATED_ON;SCORE;SOLVED", ';', "ratings"},
		{"rater-id,rated-at", ',', "ratings"}, // then: needs score or solved
		{"Rater ID", ',', ""},

		// the other kinds are what they were
		{fbEnglish, '\t', "feedback"},
		{fbGerman, '\t', "feedback"},
		{"order-id,claim-date,claim-status,claim-reason,claim-amount,currency", ',', "claims"},
		{"Order ID,Date,Status", ',', "claims"},
		{"order-id,chargeback-date,chargeback-type,reason,amount,currency", ',', "chargebacks"},
		{"Order ID;Date;Type", ';', "chargebacks"},
		{"Order ID,Received Date,Type", ',', "chargebacks"},
		{synthHeader, ',', "shipments"},
		{"Order Date,Order ID,Impacts Account Health", ',', "cancellations"},
		{"amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel", '\t', "orders"},
		{"order-id\torder-date\tshipment-date\tinvoice-status\tis-business-order", '\t', "vat-invoices"},
		{"Order ID,Date,Rating,Comments", ',', "feedback"},
	}
	for _, c := range cases {
		spec, _, why := detect(splitHeader(c.header, c.delim))
		var got Kind
		if spec != nil {
			got = spec.Kind
		}
		if got != c.want {
			t.Errorf("%q: detected %q, want %q (%s)", c.header, got, c.want, why)
		}
	}
}

// No file of the sample accounts or the sample downloads is taken for a
// customer-service file, except those of the acme-service account.
func TestServiceKindsNotInSamples(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"testdata/samples/*", "../../testdata/accounts/*/*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	service := map[Kind]bool{"messages": true, "return-requests": true, "ratings": true}
	seen := 0
	for _, p := range paths {
		tb, err := openTable(p)
		if err != nil {
			var ue *UnrecognisedError
			var me *MissingColumnsError
			if errors.As(err, &me) && service[me.Kind] {
				t.Errorf("%s: taken for a %s file: %v", p, me.Kind, err)
			} else if !errors.As(err, &ue) && !errors.As(err, &me) && !strings.HasSuffix(p, ".zip") {
				t.Logf("%s: %v", p, err)
			}
			continue
		}
		kind := tb.Spec.Kind
		tb.Close()
		dir := filepath.Base(filepath.Dir(p))
		inService := dir == "acme-service" || dir == "multi-helpdesk"
		if service[kind] != inService {
			t.Errorf("%s: detected as %q", p, kind)
		}
		seen++
	}
	if seen < 20 {
		t.Errorf("only %d sample files read; did the folders move?", seen)
	}
}

// The three files of the acme-service account read without a warning.
func TestServiceSampleAccount(t *testing.T) {
	dir := "../../testdata/accounts/acme-service"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no acme-service account")
	}
	l := mustLoad(t, Options{}, dir)
	checkWarnings(t, l)
	kinds := map[string]int{}
	for _, in := range l.Inputs {
		kinds[in.Kind] += in.Rows
	}
	if len(kinds) != 3 || kinds["messages"] == 0 || kinds["return-requests"] == 0 || kinds["ratings"] == 0 {
		t.Errorf("inputs %+v", l.Inputs)
	}
	if len(l.Data.Messages) == 0 || len(l.Data.Messages) >= kinds["messages"] {
		t.Errorf("%d messages from %d rows: rows of one message should fold", len(l.Data.Messages), kinds["messages"])
	}
	if len(l.Data.ReturnRequests) != kinds["return-requests"] || len(l.Data.Ratings) != kinds["ratings"] {
		t.Errorf("%d return requests, %d ratings; inputs %+v", len(l.Data.ReturnRequests), len(l.Data.Ratings), l.Inputs)
	}
}

// FuzzReadService puts random bodies under a header of each
// customer-service file: Load returns an *InputError placed in the body,
// or records that keep the readers' promises, and never panics.
func FuzzReadService(f *testing.F) {
	for _, s := range []struct {
		which uint8
		body  string
	}{
		{0, "m1,111-1,2026-11-16T09:00:00-08:00,2026-11-17T09:00:00-08:00,manual\nm1,111-1,2026-11-16T09:00:00-08:00,,auto\n"},
		{0, "m2,,2026-11-16,,\n\"m3\",\"111-3\",2026-11-16T09:00:00Z,2026-11-16T08:00:00Z,Manual\n"},
		{0, "m4,111 4,2026-11-16,,no response needed\r\nm4,111-5,2026-11-17,,\r\n"},
		{1, "111-1,2026-11-02T10:00:00-08:00,2026-11-04T10:00:00-08:00,authorized,Y,\n111-2,2026-11-02,,,,negative\n"},
		{1, "111-3,2026-11-02,2026-11-01,rejected,maybe,\n\"111-4\",2026-11-02,,closed,N,\n"},
		{2, "r1,2026-11-01,8\nr1,2026-11-02,11\n"},
		{2, "r2,2026-11-01,,yes\n,2026-11-01,7,\n"},
		{3, "m1,111-1,2026-11-16T09:00:00+01:00,,,kaufland-de,T-1\nm1,111-1,2026-11-16T09:00:00+01:00,,,Kaufland CZ,T-2\n"},
		{3, "m2,,2026-11-16,,,amazon.co.uk,\nm3,,2026-11-16,,,kaufland-deu,\n"},
	} {
		f.Add([]byte(s.body), s.which)
	}
	headers := []string{
		"message-id,order-id,received-at,response-at,response-kind\n",
		"order-id,request-at,responded-at,response,in-policy,return-feedback\n",
		"rater-id,rated-at,score,solved\n",
		"message-id,order-id,received-at,response-at,response-kind,marketplace,thread-id\n",
	}
	p := filepath.Join(f.TempDir(), "body.csv")
	f.Fuzz(func(t *testing.T, body []byte, which uint8) {
		l := loadFuzzed(t, p, headers[int(which)%len(headers)], body, Options{})
		if l == nil {
			return
		}
		ids := map[string]bool{}
		for _, m := range l.Data.Messages {
			if m.ID == "" || ids[m.ID] || m.Received.IsZero() || m.Line < 2 {
				t.Fatalf("message %+v", m)
			}
			ids[m.ID] = true
			if !m.FirstResponse.IsZero() && m.FirstResponse.Compare(m.Received) < 0 {
				// Only a later row's receipt (a conflict) can be after it.
				if len(l.Warnings) == 0 {
					t.Fatalf("message %+v answered before receipt without a warning", m)
				}
			}
		}
		for _, r := range l.Data.ReturnRequests {
			if r.OrderID == "" || r.Requested.IsZero() || (r.Response == records.ReturnUnanswered) != r.Responded.IsZero() ||
				(!r.Responded.IsZero() && r.Responded.Compare(r.Requested) < 0) {
				t.Fatalf("return request %+v", r)
			}
		}
		for _, r := range l.Data.Ratings {
			if r.Rater == "" || r.Rated.IsZero() || (r.Score == 0) == (r.Solved == records.SolvedUnknown) || r.Score < 0 || r.Score > 10 {
				t.Fatalf("rating %+v", r)
			}
		}
	})
}
