package input

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// returnRequest is the comparable view of a records.ReturnRequest.
type returnRequest struct {
	Order, Requested, Responded string
	Response                    records.ReturnResponse
	InPolicy                    bool
	Feedback                    records.ReturnFeedback
	Line                        int
}

func returnRequestsOf(t testing.TB, l *Loaded, file string) []returnRequest {
	t.Helper()
	var out []returnRequest
	for _, r := range l.Data.ReturnRequests {
		if r.Source().File != file {
			t.Errorf("request %s from %s, want %s", r.OrderID, r.Source().File, file)
		}
		responded := ""
		if !r.Responded.IsZero() {
			responded = stampText(r.Responded)
		}
		out = append(out, returnRequest{r.OrderID, stampText(r.Requested), responded, r.Response, r.InPolicy, r.Feedback, r.Source().Line})
	}
	return out
}

// Every response, in-policy and feedback value, in a file of each shape:
// canonical names, comma-separated; aliases in other cases, tab-separated,
// shuffled, with an unknown column.
func TestReturnRequests(t *testing.T) {
	want := []returnRequest{
		{"111-1", "2026-11-02T10:00:00-08:00", "2026-11-04T10:00:00-08:00", records.ReturnAuthorized, true, records.ReturnFeedbackNone, 2},
		{"111-2", "2026-11-05T09:00:00-08:00", "2026-11-07T10:00:00-08:00", records.ReturnRefunded, true, records.ReturnFeedbackPositive, 3},
		{"111-3", "2026-11-06T09:00:00-08:00", "2026-11-06T15:00:00-08:00", records.ReturnRejected, true, records.ReturnFeedbackNegative, 4},
		{"111-4", "2026-11-07T09:00:00-08:00", "2026-11-07T15:00:00-08:00", records.ReturnRejected, false, records.ReturnFeedbackNone, 5},
		{"111-5", "2026-11-08T09:00:00-08:00", "2026-11-08T09:00:00-08:00", records.ReturnClosed, false, records.ReturnFeedbackNone, 6},
		{"111-6", "2026-11-19T12:00:00-08:00", "", records.ReturnUnanswered, true, records.ReturnFeedbackNone, 7},
		{"111-7", "2026-11-09", "2026-11-10", records.ReturnAuthorized, false, records.ReturnFeedbackNegative, 8},
		{"111-8", "2026-11-10T09:00:00Z", "2026-11-10T12:00:00Z", records.ReturnRejected, false, records.ReturnFeedbackPositive, 9},
		{"111-9", "2026-11-11T09:00:00-08:00", "2026-11-11T10:00:00-08:00", records.ReturnRefunded, true, records.ReturnFeedbackNone, 10},
	}
	cases := []struct{ name, body string }{
		{"canonical", csvLines(
			"order-id,request-at,responded-at,response,in-policy,return-feedback",
			"111-1,2026-11-02T10:00:00-08:00,2026-11-04T10:00:00-08:00,authorized,Y,",
			"111-2,2026-11-05T09:00:00-08:00,2026-11-07T10:00:00-08:00,refunded,Y,positive",
			"111-3,2026-11-06T09:00:00-08:00,2026-11-06T15:00:00-08:00,rejected,Y,negative",
			"111-4,2026-11-07T09:00:00-08:00,2026-11-07T15:00:00-08:00,rejected,N,",
			"111-5,2026-11-08T09:00:00-08:00,2026-11-08T09:00:00-08:00,closed,,",
			"111-6,2026-11-19T12:00:00-08:00,,,Y,",
			"111-7,2026-11-09,2026-11-10,authorized,N,negative",
			"111-8,2026-11-10T09:00:00Z,2026-11-10T12:00:00Z,rejected,N,positive",
			"111-9,2026-11-11T09:00:00-08:00,2026-11-11T10:00:00-08:00,refunded,Y,")},
		{"aliases, case, tabs", "Return Feedback\tIn Policy\tnotes\tResponse\tResponded at\tRequested at\tOrder ID\r\n" +
			"\tyes\tx\tAuthorised\t2026-11-04T10:00:00-08:00\t2026-11-02T10:00:00-08:00\t111-1\r\n" +
			"Positive\tTRUE\t\tREFUNDED\t2026-11-07T10:00:00-08:00\t2026-11-05T09:00:00-08:00\t111-2\r\n" +
			"NEGATIVE\ty\t\tDeclined\t2026-11-06T15:00:00-08:00\t2026-11-06T09:00:00-08:00\t111-3\r\n" +
			"none\tno\t\tRejected\t2026-11-07T15:00:00-08:00\t2026-11-07T09:00:00-08:00\t111-4\r\n" +
			"\t \t\tClosed\t2026-11-08T09:00:00-08:00\t2026-11-08T09:00:00-08:00\t111-5\r\n" +
			"\t1\t\t\t\t2026-11-19T12:00:00-08:00\t111-6\r\n" +
			"negative\tfalse\t\tapproved\t2026-11-10\t2026-11-09\t111-7\r\n" +
			"positive\t0\t\tdenied\t2026-11-10T12:00:00Z\t2026-11-10T09:00:00Z\t111-8\r\n" +
			"\tY\t\trefund\t2026-11-11T10:00:00-08:00\t2026-11-11T09:00:00-08:00\t111-9\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "returns.csv", c.body)
			l := mustLoad(t, Options{}, p)
			if got := returnRequestsOf(t, l, p); !reflect.DeepEqual(got, want) {
				t.Errorf("requests\n got: %+v\nwant: %+v", got, want)
			}
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "return-requests", Rows: 9}})
			checkWarnings(t, l)
		})
	}
}

func TestReturnRequestsBadValues(t *testing.T) {
	const header = "order-id,request-at,responded-at,response,in-policy,return-feedback\n"
	const aliases = "Order ID,Requested at,Responded at,Response,In Policy,Return Feedback\n"
	cases := []struct{ name, body, want string }{
		{"empty order id", header + "111-1,2026-11-02T10:00:00-08:00,,,Y,\n,2026-11-02T10:00:00-08:00,,,Y,\n",
			`:3:1: column "order-id": empty order id`},
		{"empty request time", aliases + "111-1,,,,Y,\n",
			`:2:2: column "Requested at": empty date`},
		{"bad request time", header + "111-1,2026-11-31T10:00:00-08:00,,,Y,\n",
			`:2:2: column "request-at": want an ISO-8601 date or time, got "2026-11-31T10:00:00-08:00"`},
		{"bad response time", header + "111-1,2026-11-02T10:00:00-08:00,tomorrow,authorized,Y,\n",
			`:2:3: column "responded-at": want an ISO-8601 date or time, got "tomorrow"`},
		{"unknown response", aliases + "111-1,2026-11-02T10:00:00-08:00,2026-11-03T10:00:00-08:00,escalated,Y,\n",
			`:2:4: column "Response": unknown return response "escalated" (want authorized, refunded, rejected, closed or empty)`},
		{"a response without its time", header + "111-1,2026-11-02T10:00:00-08:00,,Rejected,Y,\n",
			`:2:3: column "responded-at": empty, but response says "Rejected": give the response's time`},
		{"a time without its response", aliases + "111-1,2026-11-02T10:00:00-08:00,2026-11-03T10:00:00-08:00,,Y,\n",
			`:2:4: column "Response": empty, but responded-at gives "2026-11-03T10:00:00-08:00": want authorized, refunded, rejected or closed`},
		{"response before the request", header + "111-1,2026-11-02T10:00:00-08:00,2026-11-02T17:59:59Z,authorized,Y,\n",
			`:2:3: column "responded-at": 2026-11-02T17:59:59Z is before the request (2026-11-02T10:00:00-08:00)`},
		{"bad in-policy", aliases + "111-1,2026-11-02T10:00:00-08:00,,,maybe,\n",
			`:2:5: column "In Policy": want true or false (Y/N), got "maybe"`},
		{"bad feedback", header + "111-1,2026-11-02T10:00:00-08:00,,,Y,neutral\n",
			`:2:6: column "return-feedback": unknown return feedback "neutral" (want positive, negative or empty)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "returns.csv", c.body)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+c.want, new(*InputError))
		})
	}
}

func TestReturnRequestsMissingColumns(t *testing.T) {
	cases := []struct{ header, want string }{
		{"order-id,request-at,responded-at,response,in-policy", `looks like a return-requests file but lacks column(s) "return-feedback"`},
		{"Order ID,Requested at,Response", `looks like a return-requests file but lacks column(s) "responded-at", "in-policy", "return-feedback"`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "r.csv", c.header+"\n")
		wantErr(t, loadErr(t, Options{}, p), p+": "+c.want, new(*MissingColumnsError))
	}
}

// Overlapping downloads count a return request once: a response that
// appeared since is taken, a negative feedback kept, a differing response
// warned about with the first kept.
func TestReturnRequestsOverlap(t *testing.T) {
	dir := t.TempDir()
	head := "order-id,request-at,responded-at,response,in-policy,return-feedback\n"
	a := writeFile(t, dir, "a.csv", head+
		"111-0000001-0000001,2026-11-01T10:00:00Z,,,Y,\n"+
		"111-0000002-0000002,2026-11-02T10:00:00Z,2026-11-02T12:00:00Z,authorized,N,\n"+
		"111-0000003-0000003,2026-11-03T10:00:00Z,2026-11-03T12:00:00Z,refunded,N,\n")
	b := writeFile(t, dir, "b.csv", head+
		"111-0000001-0000001,2026-11-01T10:00:00Z,2026-11-02T09:00:00Z,rejected,Y,negative\n"+ // progress
		"111-0000002-0000002,2026-11-02T10:00:00Z,2026-11-05T12:00:00Z,closed,N,\n"+ // differs
		"111-0000003-0000003,2026-11-03T11:00:00Z,,,N,\n") // another request of the order
	l := mustLoad(t, Options{}, a, b)
	got := l.Data.ReturnRequests
	if len(got) != 4 {
		t.Fatalf("%d requests, want 4", len(got))
	}
	if got[0].Response != records.ReturnRejected || got[0].Responded.IsZero() || got[0].Feedback != records.ReturnFeedbackNegative {
		t.Errorf("the later answer is not taken: %+v", got[0])
	}
	if got[1].Response != records.ReturnAuthorized {
		t.Errorf("the first answer is not kept: %+v", got[1])
	}
	var warned []string
	for _, w := range l.Warnings {
		if strings.Contains(w, "return request") {
			warned = append(warned, w)
		}
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], b+":3: return request of order 111-0000002-0000002 differs from its row at "+a+":3") {
		t.Errorf("warnings %q", warned)
	}
}
