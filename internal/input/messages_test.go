package input

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// message is the comparable view of a records.Message.
type message struct {
	ID, Order, Received, FirstResponse string
	Auto, NotNeeded                    bool
	File                               string
	Line                               int
}

func messagesOf(l *Loaded) []message {
	var out []message
	for _, m := range l.Data.Messages {
		first := ""
		if !m.FirstResponse.IsZero() {
			first = stampText(m.FirstResponse)
		}
		out = append(out, message{m.ID, m.OrderID, stampText(m.Received), first, m.AutoReplied, m.NoResponseNeeded, m.Source().File, m.Source().Line})
	}
	return out
}

func checkMessages(t testing.TB, l *Loaded, want []message) {
	t.Helper()
	if got := messagesOf(l); !reflect.DeepEqual(got, want) {
		t.Errorf("messages\n got: %+v\nwant: %+v", got, want)
	}
}

// Rows of one message fold into one, wherever they are in the file: the
// first response is the earliest manual one, in any row; automatic replies
// and the no-response-needed mark only mark the message; a row with no
// response adds nothing.
func TestMessagesFold(t *testing.T) {
	p := writeFile(t, t.TempDir(), "messages.csv", csvLines(
		"message-id,order-id,received-at,response-at,response-kind",
		"m1,111-1,2026-11-16T09:00:00-08:00,2026-11-17T09:30:00-08:00,manual",
		"m1,111-1,2026-11-16T09:00:00-08:00,2026-11-16T09:00:05-08:00,auto",
		"m1,111-1,2026-11-16T09:00:00-08:00,2026-11-17T09:00:00-08:00,Manual",
		"m2,,2026-11-17T12:00:00-08:00,2026-11-17T12:00:03-08:00,AUTO",
		"m3,111-3,2026-11-18T14:00:00-08:00,2026-11-18T14:20:00-08:00,no-response-needed",
		"m4,111-4,2026-11-19T22:59:59-08:00,,",
		",,,,",
		"m5,111-5,2026-11-18T10:00:00Z,,No Response Needed",
		"m2,111-2,2026-11-17T12:00:00-08:00,,",
		"m6,111-6,2026-11-14,2026-11-14T10:00:00-08:00,manual",
		"m1,111-1,2026-11-16T09:00:00-08:00,2026-11-18T10:00:00-08:00,manual"))
	l := mustLoad(t, Options{}, p)
	checkMessages(t, l, []message{
		{"m1", "111-1", "2026-11-16T09:00:00-08:00", "2026-11-17T09:00:00-08:00", true, false, p, 2},
		{"m2", "111-2", "2026-11-17T12:00:00-08:00", "", true, false, p, 5},
		{"m3", "111-3", "2026-11-18T14:00:00-08:00", "", false, true, p, 6},
		{"m4", "111-4", "2026-11-19T22:59:59-08:00", "", false, false, p, 7},
		{"m5", "111-5", "2026-11-18T10:00:00Z", "", false, true, p, 9},
		{"m6", "111-6", "2026-11-14", "2026-11-14T10:00:00-08:00", false, false, p, 11},
	})
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "messages", Rows: 10}})
	checkWarnings(t, l)
	if l.Data.Messages[0].File != records.Intern(p) {
		t.Errorf("file %v", l.Data.Messages[0].File)
	}
}

// Every accepted response-kind spelling, and header aliases in any case,
// tab-separated.
func TestMessagesAliases(t *testing.T) {
	kinds := []struct {
		value string
		kind  responseKind
	}{
		{"manual", responseManual}, {"MANUAL", responseManual}, {"Manual Reply", responseManual},
		{"manual_response", responseManual}, {"Human", responseManual}, {"agent", responseManual},
		{"auto", responseAuto}, {"Automatic", responseAuto}, {"auto-reply", responseAuto},
		{"Autoreply", responseAuto}, {"automatic reply", responseAuto}, {"Auto_Response", responseAuto},
		{"automatic-response", responseAuto}, {"autoresponder", responseAuto},
		{"no-response-needed", responseNotNeeded}, {"No Response Needed", responseNotNeeded},
		{"NO_REPLY_NEEDED", responseNotNeeded}, {"no response required", responseNotNeeded},
		{"no-reply-required", responseNotNeeded},
	}
	body := "Message ID\tOrder ID\tReceived\tResponded at\tResponse type\r\n"
	for _, k := range kinds {
		body += "m-" + k.value + "\t111-1\t2026-11-16T09:00:00-08:00\t2026-11-16T10:00:00-08:00\t" + k.value + "\r\n"
	}
	p := writeFile(t, t.TempDir(), "Buyer Messages.txt", body)
	l := mustLoad(t, Options{}, p)
	if len(l.Data.Messages) != len(kinds) {
		t.Fatalf("%d messages, want %d", len(l.Data.Messages), len(kinds))
	}
	for i, k := range kinds {
		m := l.Data.Messages[i]
		got := responseNone
		switch {
		case !m.FirstResponse.IsZero():
			got = responseManual
		case m.AutoReplied:
			got = responseAuto
		case m.NoResponseNeeded:
			got = responseNotNeeded
		}
		if got != k.kind || m.ID != "m-"+k.value {
			t.Errorf("%q: message %s read as kind %d, want %d", k.value, m.ID, got, k.kind)
		}
	}
	tested := map[string]bool{}
	for _, k := range kinds {
		tested[Normalize(k.value)] = true
	}
	if len(tested) != len(responseKinds) {
		t.Errorf("%d response-kind spellings tested of %d: test every one", len(tested), len(responseKinds))
	}
}

// Rows of one message in two files (overlapping downloads) fold into one;
// rows that disagree on the receipt time or the order warn and keep the
// first. The same instant in another offset, on the same date, is no
// conflict.
func TestMessagesConflicts(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", csvLines(
		"message-id,order-id,received-at,response-at,response-kind",
		"m1,111-1,2026-11-16T09:00:00-08:00,2026-11-17T11:00:00-08:00,manual",
		"m2,,2026-11-17T12:00:00-08:00,,",
		"m3,111-3,2026-11-18T09:00:00-08:00,,"))
	b := writeFile(t, dir, "b.csv", csvLines(
		"message-id,order-id,received-at,response-at,response-kind",
		"m1,111-9,2026-11-16T10:00:00-08:00,2026-11-17T08:00:00-08:00,manual",
		"m2,111-2,2026-11-17T20:00:00Z,,",
		"m2,111-7,2026-11-17T12:00:00-08:00,2026-11-17T13:00:00-08:00,manual",
		"m3,111-3,2026-11-18T17:00:00Z,2026-11-18T10:00:00-08:00,auto",
		"m3,111-3,2026-11-18T09:00:00-08:00,,"))
	l := mustLoad(t, Options{}, a, b)
	checkMessages(t, l, []message{
		{"m1", "111-1", "2026-11-16T09:00:00-08:00", "2026-11-17T08:00:00-08:00", false, false, a, 2},
		{"m2", "111-2", "2026-11-17T12:00:00-08:00", "2026-11-17T13:00:00-08:00", false, false, a, 3},
		{"m3", "111-3", "2026-11-18T09:00:00-08:00", "", true, false, a, 4},
	})
	checkInputs(t, l, []records.InputFile{{File: a, Kind: "messages", Rows: 3}, {File: b, Kind: "messages", Rows: 5}})
	checkWarnings(t, l,
		b+":2: message m1 was received at 2026-11-16T10:00:00-08:00 here but at 2026-11-16T09:00:00-08:00 at "+a+":2; using the first",
		b+":2: message m1 is about order 111-9 here but order 111-1 at "+a+":2; using the first",
		b+":4: message m2 is about order 111-7 here but order 111-2 at "+b+":3; using the first",
	)
}

// More than 20 conflicting receipt times: the rest are counted.
func TestMessagesManyConflicts(t *testing.T) {
	body := "message-id,received-at,response-at,response-kind\n"
	for i := 0; i < 22; i++ {
		body += "m,2026-11-16T09:00:00-08:00,,\nm,2026-11-16T10:00:00-08:00,,\n"
	}
	p := writeFile(t, t.TempDir(), "m.csv", body)
	l := mustLoad(t, Options{}, p)
	if len(l.Warnings) != 21 || l.Warnings[20] != "2 more conflicting message receipt times not listed (22 in all)" {
		t.Errorf("warnings %q", l.Warnings)
	}
}

func TestMessagesBadValues(t *testing.T) {
	const header = "message-id,order-id,received-at,response-at,response-kind\n"
	const aliases = "Message ID,Order ID,Received,Responded at,Response type\n"
	cases := []struct{ name, body, want string }{
		{"empty message id", header + "m1,111-1,2026-11-16T09:00:00-08:00,,\n ,111-1,2026-11-16T09:00:00-08:00,,\n",
			`:3:1: column "message-id": empty message id`},
		{"order id with a space", aliases + "m1,111 1,2026-11-16T09:00:00-08:00,,\n",
			`:2:2: column "Order ID": order id "111 1" contains spaces`},
		{"empty receipt", header + "m1,111-1,,2026-11-16T09:00:00-08:00,manual\n",
			`:2:3: column "received-at": empty date`},
		{"US date", aliases + "m1,111-1,11/16/2026 9:00,,\n",
			`:2:3: column "Received": want an ISO-8601 date or time, got "11/16/2026 9:00"`},
		{"bad response time", header + "m1,111-1,2026-11-16T09:00:00-08:00,2026-11-16T25:00:00-08:00,manual\n",
			`:2:4: column "response-at": want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-11-16T25:00:00-08:00"`},
		{"unknown kind", aliases + "m1,111-1,2026-11-16T09:00:00-08:00,2026-11-16T10:00:00-08:00,phone\n",
			`:2:5: column "Response type": unknown response kind "phone" (want manual, auto or no-response-needed)`},
		{"manual without its time", header + "m1,111-1,2026-11-16T09:00:00-08:00,,Manual\n",
			`:2:4: column "response-at": empty, but response-kind says "Manual": give the response's time`},
		{"auto without its time", aliases + "m1,111-1,2026-11-16T09:00:00-08:00,  ,auto\n",
			`:2:4: column "Responded at": empty, but response-kind says "auto": give the response's time`},
		{"a time without its kind", header + "m1,111-1,2026-11-16T09:00:00-08:00,2026-11-16T10:00:00-08:00,\n",
			`:2:5: column "response-kind": empty, but response-at gives "2026-11-16T10:00:00-08:00": want manual, auto or no-response-needed`},
		{"response before receipt", header + "m1,111-1,2026-11-16T09:00:00-08:00,2026-11-16T16:59:59Z,manual\n",
			`:2:4: column "response-at": 2026-11-16T16:59:59Z is before the message was received (2026-11-16T09:00:00-08:00)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "messages.csv", c.body)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+c.want, new(*InputError))
		})
	}
}

func TestMessagesMissingColumns(t *testing.T) {
	cases := []struct{ header, want string }{
		{"message-id,received-at,response-at", `looks like a buyer-messages file but lacks column(s) "response-kind"`},
		{"Message ID\tResponse type", `looks like a buyer-messages file but lacks column(s) "received-at", "response-at"`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "m.csv", c.header+"\n")
		wantErr(t, loadErr(t, Options{}, p), p+": "+c.want, new(*MissingColumnsError))
	}
}

// A help desk of several marketplaces: the marketplace column names each
// message's platform and store (a file without it is Amazon's), the
// thread-id its conversation; rows of one message that disagree on them
// warn and keep the first, and an empty thread is filled from a later row.
func TestMessagesMarketplaces(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", csvLines(
		"message-id,order-id,received-at,response-at,response-kind,Marketplace,Ticket",
		"m1,,2026-11-16T09:00:00+01:00,,,Kaufland DE,T-1",
		"m2,,2026-11-16T10:00:00+01:00,,,allegro.pl,",
		"m3,,2026-11-16T11:00:00+01:00,,,,",
		"m4,,2026-11-16T12:00:00+01:00,,,amazon.co.uk,T-4"))
	b := writeFile(t, dir, "b.csv", csvLines(
		"message-id,received-at,response-at,response-kind,marketplace,thread-id",
		"m1,2026-11-16T09:00:00+01:00,,,kaufland-cz,T-9",
		"m2,2026-11-16T10:00:00+01:00,,,allegro-pl,T-2",
		"m5,2026-11-16T13:00:00+01:00,,,,"))
	l := mustLoad(t, Options{}, a, b)
	var got []string
	for _, m := range l.Data.Messages {
		got = append(got, m.ID+"="+m.Platform+"/"+m.Store+"/"+m.Thread)
	}
	if want := "[m1=kaufland/DE/T-1 m2=allegro/PL/T-2 m3=amazon// m4=amazon/UK/T-4 m5=amazon//]"; fmt.Sprint(got) != want {
		t.Errorf("messages %v, want %s", got, want)
	}
	checkWarnings(t, l,
		b+":2: message m1 came through kaufland-cz here but kaufland-de at "+a+":2; using the first",
		b+":2: message m1 is in thread T-9 here but in thread T-1 at "+a+":2; using the first",
	)
	p := writeFile(t, dir, "bad.csv", "message-id,received-at,response-at,response-kind,marketplace\nm1,2026-11-16T09:00:00+01:00,,,kaufland-deu\n")
	wantErr(t, loadErr(t, Options{}, p), p+`:2:5: column "marketplace": marketplace "kaufland-deu": want a platform and, optionally, its store or country, e.g. amazon, kaufland-de, allegro-pl, ebay-uk`, new(*InputError))
}
