package input

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

type claim struct {
	ID     string
	Date   string
	Status records.ClaimStatus
	Line   int
}

func claimsOf(t testing.TB, l *Loaded, file string) []claim {
	t.Helper()
	var out []claim
	for _, c := range l.Data.Claims {
		if c.Source.File != file {
			t.Errorf("claim %s from %s, want %s", c.OrderID, c.Source.File, file)
		}
		out = append(out, claim{c.OrderID, c.Date.String(), c.Status, c.Source.Line})
	}
	return out
}

type chargeback struct {
	ID   string
	Date string
	Type records.ChargebackType
	Line int
}

func chargebacksOf(t testing.TB, l *Loaded, file string) []chargeback {
	t.Helper()
	var out []chargeback
	for _, c := range l.Data.Chargebacks {
		if c.Source.File != file {
			t.Errorf("chargeback %s from %s, want %s", c.OrderID, c.Source.File, file)
		}
		out = append(out, chargeback{c.OrderID, c.Date.String(), c.Type, c.Source.Line})
	}
	return out
}

// Every status value, in any case and with '_', '-' or spaces, in a file
// of each shape the canonical format allows.
func TestClaimsStatuses(t *testing.T) {
	want := []claim{
		{"111-1", "2026-09-01", records.ClaimUnderReview, 2},
		{"111-2", "2026-09-02", records.ClaimGranted, 3},
		{"111-3", "2026-09-03", records.ClaimSellerRefunded, 4},
		{"111-4", "2026-09-04", records.ClaimDenied, 5},
		{"111-5", "2026-09-05", records.ClaimWithdrawn, 6},
		{"111-6", "2026-09-06", records.ClaimReversedOnAppeal, 7},
		{"111-7", "2026-09-07", records.ClaimUnderReview, 8},
		{"111-8", "2026-09-08", records.ClaimSellerRefunded, 9},
		{"111-9", "2026-09-09", records.ClaimReversedOnAppeal, 10},
	}
	cases := []struct{ name, body string }{
		{"comma", "order-id,claim-date,claim-status,claim-reason,claim-amount,currency\n" +
			"111-1,2026-09-01,under-review,Item not received,12.50,USD\n" +
			"111-2,2026-09-02,Granted,,,\n" +
			"111-3,2026-09-03,SELLER-REFUNDED,,,\n" +
			"111-4,2026-09-04,denied,,,\n" +
			"111-5,2026-09-05,Withdrawn,,,\n" +
			"111-6,2026-09-06,Reversed-On-Appeal,,,\n" +
			"111-7,2026-09-07,Under Review,,,\n" +
			"111-8,2026-09-08,seller_refunded,,,\n" +
			"111-9,2026-09-09, reversed on appeal ,,,\n"},
		{"tab, CRLF, BOM", "\ufefforder-id\tclaim-date\tclaim-status\r\n" +
			"111-1\t2026-09-01\tunder-review\r\n" +
			"111-2\t2026-09-02\tGranted\r\n" +
			"111-3\t2026-09-03\tSELLER-REFUNDED\r\n" +
			"111-4\t2026-09-04\tdenied\r\n" +
			"111-5\t2026-09-05\tWithdrawn\r\n" +
			"111-6\t2026-09-06\tReversed-On-Appeal\r\n" +
			"111-7\t2026-09-07\tUnder Review\r\n" +
			"111-8\t2026-09-08\tseller_refunded\r\n" +
			"111-9\t2026-09-09\treversed on appeal"},
		{"quoted, header aliases Order ID / Claim Status", `"Order ID","Claim Date","Claim Status","Claim Reason","Claim Amount","Currency"` + "\n" +
			`"111-1","2026-09-01","under-review","Item ""12"" x 18"" pillow"" not received, says buyer","1,250.00","USD"` + "\n" +
			`"111-2","2026-09-02","Granted","",,` + "\n" +
			`111-3,"2026-09-03",SELLER-REFUNDED,"a, b, c",,` + "\n" +
			`111-4,2026-09-04,"denied",,,` + "\n" +
			`111-5,2026-09-05,Withdrawn,,,` + "\n" +
			`111-6,2026-09-06,Reversed-On-Appeal,,,` + "\n" +
			`111-7,2026-09-07,"Under Review",,,` + "\n" +
			`111-8,2026-09-08,seller_refunded,,,` + "\n" +
			`111-9,2026-09-09,"reversed on appeal",,,` + "\n"},
		{"ORDER_ID, Date, Status, shuffled, extra columns, timestamps", "CLAIM_REASON;STATUS;notes;DATE;ORDER_ID\n" +
			"late;under-review;x;2026-09-01T23:30:00-07:00;111-1\n" +
			";Granted;;2026-09-02T00:10:00+09:00;111-2\n" +
			";SELLER-REFUNDED;;2026-09-03 08:00:00;111-3\n" +
			";denied;;2026-09-04T08:00Z;111-4\n" +
			";Withdrawn;;2026-09-05;111-5\n" +
			";Reversed-On-Appeal;;2026-09-06;111-6\n" +
			";Under Review;;2026-09-07;111-7\n" +
			";seller_refunded;;2026-09-08;111-8\n" +
			";reversed on appeal;;2026-09-09;111-9\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "claims.csv", c.body)
			l := mustLoad(t, Options{}, p)
			if got := claimsOf(t, l, p); !reflect.DeepEqual(got, want) {
				t.Errorf("claims\n got: %+v\nwant: %+v", got, want)
			}
			checkInputs(t, l, []records.InputFile{{File: p, Kind: "claims", Rows: 9}})
			checkWarnings(t, l)
		})
	}
}

// Blank lines, lines of empty fields and a value with literal quotes in a
// tab file: lines are counted as in the file.
func TestClaimsBlankLinesAndLiteralQuotes(t *testing.T) {
	p := writeFile(t, t.TempDir(), "claims.txt", "\n"+
		"order-id\tclaim-date\tclaim-status\tclaim-reason\n"+
		"\n"+
		"111-1\t2026-09-01\tgranted\tTrendy Home 12\" x 18\" Pillow, \"White\"\n"+
		"\t\t\t\n"+
		"  \n"+
		"111-2\t2026-09-02\tdenied\t\"quoted\" then text\n")
	l := mustLoad(t, Options{}, p)
	want := []claim{{"111-1", "2026-09-01", records.ClaimGranted, 4}, {"111-2", "2026-09-02", records.ClaimDenied, 7}}
	if got := claimsOf(t, l, p); !reflect.DeepEqual(got, want) {
		t.Errorf("claims\n got: %+v\nwant: %+v", got, want)
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "claims", Rows: 2}})
}

func TestClaimsBadValues(t *testing.T) {
	const wantStatuses = "(want under-review, granted, seller-refunded, denied, withdrawn, reversed-on-appeal or charged)"
	cases := []struct {
		name, body, want string
	}{
		{"unknown status", "Order ID,Claim Date,Claim Status\n111-1,2026-09-01,granted\n111-2,2026-09-02,Escalated\n",
			`:3:3: column "Claim Status": unknown claim status "Escalated" ` + wantStatuses},
		{"empty status", "order-id\tclaim-date\tclaim-status\n111-1\t2026-09-01\t\n",
			`:2:3: column "claim-status": unknown claim status "" ` + wantStatuses},
		{"impossible date", "claim-status,order-id,claim-date\ngranted,111-1,2026-02-29\n",
			`:2:3: column "claim-date": want an ISO-8601 date or time, got "2026-02-29"`},
		{"US date", "order-id,claim-date,claim-status\n111-1,9/1/26,granted\n",
			`:2:2: column "claim-date": want an ISO-8601 date or time, got "9/1/26"`},
		{"empty order id", "order-id,claim-date,claim-status\n\"  \",2026-09-01,granted\n",
			`:2:1: column "order-id": empty order id`},
		{"unclosed quote swallowing the rows below", "order-id,claim-date,claim-status,claim-reason\n" +
			"111-1,2026-09-01,granted,\"Item not received\n" +
			"111-2,2026-09-02,granted,late\n" +
			"111-3,2026-09-03,granted,late\n",
			`:2: a quoted value runs on to line 4: a closing '"' is missing, or a value holds a line break (rows must sit on one line)`},
		{"unclosed quote in an unknown column", "order-id,claim-date,claim-status,notes\n" +
			"111-1,2026-09-01,granted,ok\n" +
			"111-2,2026-09-02,granted,\"call\n" +
			"111-3,2026-09-03,granted,\"late\"\n" +
			"111-4,2026-09-04,granted,late\n",
			`:3: a quoted value runs on to line 4: a closing '"' is missing, or a value holds a line break (rows must sit on one line)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "claims.csv", c.body)
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+c.want, new(*InputError))
		})
	}
}

func TestCanonicalLineTooLong(t *testing.T) {
	for _, c := range []struct{ header, value string }{
		{"order-id,claim-date,claim-status,claim-reason", "granted"},
		{"order-id,chargeback-date,chargeback-type,reason", "service"},
	} {
		p := writeFile(t, t.TempDir(), "file.csv", c.header+"\n111-1,2026-09-01,"+c.value+",x\n\n111-2,2026-09-01,"+c.value+","+strings.Repeat("x", MaxLine)+"\n")
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+":4: line longer than 1048576 bytes: not a report", new(*InputError))
	}
}

func TestCanonicalMissingColumns(t *testing.T) {
	cases := []struct{ header, want string }{
		{"order-id,claim-date,claim-reason", `looks like an A-to-z claims file but lacks column(s) "claim-status"`},
		{"Order ID,Claim Status", `looks like an A-to-z claims file but lacks column(s) "claim-date"`},
		{"order-id,chargeback-date,amount", `looks like a chargebacks file but lacks column(s) "chargeback-type"`},
		{"order id\tchargeback type", `looks like a chargebacks file but lacks column(s) "chargeback-date"`},
	}
	for _, c := range cases {
		t.Run(c.header, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "file.csv", c.header+"\n")
			err := loadErr(t, Options{}, p)
			wantErr(t, err, p+": "+c.want, new(*MissingColumnsError))
		})
	}
}

func TestChargebacks(t *testing.T) {
	dir := t.TempDir()
	comma := writeFile(t, dir, "chargebacks.csv", "Order ID,Chargeback Date,Chargeback Type,Reason,Amount,Currency\r\n"+
		"111-1,2026-09-01,service,\"Item not received, buyer says \"\"never came\"\"\",\"1,200.00\",USD\r\n"+
		"111-2,2026-09-02T23:00:00-05:00,Fraud,unauthorised,30.00,USD\r\n"+
		"\r\n"+
		"111-3,2026-09-03,SERVICE,,,\r\n")
	tab := writeFile(t, dir, "cb.txt", "currency\ttype\tdate\torder\n"+
		"EUR\t Fraud \t2026-10-01\t302-1\n")
	l := mustLoad(t, Options{}, comma, tab)
	want := []chargeback{
		{"111-1", "2026-09-01", records.ChargebackService, 2},
		{"111-2", "2026-09-02", records.ChargebackFraud, 3},
		{"111-3", "2026-09-03", records.ChargebackService, 5},
	}
	all := chargebacksOf(t, &Loaded{Data: &records.Dataset{Chargebacks: l.Data.Chargebacks[:3]}}, comma)
	if !reflect.DeepEqual(all, want) {
		t.Errorf("chargebacks\n got: %+v\nwant: %+v", all, want)
	}
	last := l.Data.Chargebacks[3]
	if last.OrderID != "302-1" || last.Date.String() != "2026-10-01" || last.Type != records.ChargebackFraud || last.Source != (records.Source{File: tab, Line: 2}) {
		t.Errorf("tab file chargeback %+v", last)
	}
	checkInputs(t, l, []records.InputFile{{File: comma, Kind: "chargebacks", Rows: 3}, {File: tab, Kind: "chargebacks", Rows: 1}})
	checkWarnings(t, l)
}

func TestChargebacksBadType(t *testing.T) {
	cases := []struct{ body, want string }{
		{"order-id,chargeback-date,chargeback-type\n111-1,2026-09-01,friendly fraud\n",
			`:2:3: column "chargeback-type": unknown chargeback type "friendly fraud" (want service, fraud or unknown)`},
		{"chargeback_type;order_id;chargeback_date\n;111-1;2026-09-01\n",
			`:2:1: column "chargeback_type": unknown chargeback type "" (want service, fraud or unknown)`},
		{"order-id,chargeback-date,chargeback-type\n111-1,2026-09-31,service\n",
			`:2:2: column "chargeback-date": want an ISO-8601 date or time, got "2026-09-31"`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "chargebacks.csv", c.body)
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+c.want, new(*InputError))
	}
}

// The returns report: A-to-Z Claim = Y is a claim of unknown status dated by
// the return request; N, empty and one space are none.
func TestReturnsClaimFlag(t *testing.T) {
	p := writeFile(t, t.TempDir(), "returns.tsv", tsv(
		"Order ID\tOrder date\tReturn request date\tReturn request status\tA-to-Z Claim\tIs prime",
		"111-1\t10-Jul-2025\t14-Jul-2025\tApproved\tY\tN",
		"111-2\t10-Jul-2025\t15-Jul-2025\tApproved\tN\tN",
		"111-3\t10-Jul-2025\t16-Jul-25\tApproved\t \tN",
		"111-4\t10-Jul-2025\t17 Jul 2025\tApproved\tyes\tN",
		"111-5\t10-Jul-2025\t2025-07-18\tApproved\ty",
		"111-6\t10-Jul-2025",
	))
	l := mustLoad(t, Options{}, p)
	want := []claim{
		{"111-1", "2025-07-14", records.ClaimUnknown, 2},
		{"111-4", "2025-07-17", records.ClaimUnknown, 5},
		{"111-5", "2025-07-18", records.ClaimUnknown, 6},
	}
	if got := claimsOf(t, l, p); !reflect.DeepEqual(got, want) {
		t.Errorf("claims\n got: %+v\nwant: %+v", got, want)
	}
	checkInputs(t, l, []records.InputFile{{File: p, Kind: "returns", Rows: 6}})
}

func TestReturnsBadValues(t *testing.T) {
	const header = "Order ID\tReturn request date\tA-to-Z Claim"
	cases := []struct{ row, want string }{
		{"111-1\t14-Jul-2025\tMaybe", `:2:3: column "A-to-Z Claim": want Y or N, got "Maybe"`},
		{"111-1\t31-Jun-2025\tY", `:2:2: column "Return request date": no such date "31-Jun-2025"`},
		{"111-1\t7/14/25\tY", `:2:2: column "Return request date": want a date like 10-Jul-2025, got "7/14/25"`},
		{"\t14-Jul-2025\tY", `:2:1: column "Order ID": empty order id`},
	}
	for _, c := range cases {
		p := writeFile(t, t.TempDir(), "returns.tsv", tsv(header, c.row))
		err := loadErr(t, Options{}, p)
		wantErr(t, err, p+c.want, new(*InputError))
	}
	p := writeFile(t, t.TempDir(), "returns.tsv", tsv("Order ID\tOrder date\tReturn request date\tReturn request status"))
	wantErr(t, loadErr(t, Options{}, p), p+`: looks like a returns report but lacks column(s) "a-to-z-claim"`, new(*MissingColumnsError))
}
