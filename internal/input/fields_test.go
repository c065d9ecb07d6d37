package input

import (
	"testing"

	"github.com/sellerhealth/audit/internal/records"
)

// fieldTable is a table positioned on line 7 of f.csv whose second column,
// written "Ship Date", is ship-confirm-date.
func fieldTable() *Table {
	return &Table{File: "f.csv", Header: []string{"Order ID", "Ship Date"},
		Cols: map[string]int{"order-id": 0, "ship-confirm-date": 1}, line: 7}
}

// fieldErr checks an error's full text; "" wants none.
func fieldErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: error %v", what, err)
	case want != "" && err == nil:
		t.Errorf("%s: no error, want %q", what, want)
	case want != "" && err.Error() != want:
		t.Errorf("%s: error\n got: %s\nwant: %s", what, err, want)
	}
}

func TestTimestampField(t *testing.T) {
	cases := []struct {
		in   string
		want string // stamp, or the error text
		err  bool
	}{
		{"2026-09-08", "2026-09-08", false},
		{" 2026-09-08 ", "2026-09-08", false},
		{"2026-09-08T01:00:00+02:00", "2026-09-08 @2026-09-07T23:00:00Z", false},
		{"2026-09-07T23:30:00-07:00", "2026-09-07 @2026-09-08T06:30:00Z", false},
		{"2026-09-08T10:00:00Z", "2026-09-08 @2026-09-08T10:00:00Z", false},
		{"2026-09-08 10:00", "2026-09-08 @2026-09-08T10:00:00Z", false},
		{"", `f.csv:7:2: column "Ship Date": empty date`, true},
		{"  ", `f.csv:7:2: column "Ship Date": empty date`, true},
		{"2026-09-31", `f.csv:7:2: column "Ship Date": want an ISO-8601 date or time, got "2026-09-31"`, true},
		{"9/8/26", `f.csv:7:2: column "Ship Date": want an ISO-8601 date or time, got "9/8/26"`, true},
		{"2026-09-08T1000", `f.csv:7:2: column "Ship Date": want an ISO-8601 time like 2026-11-20T14:05:00+01:00, got "2026-09-08T1000"`, true},
	}
	for _, c := range cases {
		ts, err := timestampField(fieldTable(), "ship-confirm-date", c.in)
		if c.err {
			fieldErr(t, c.in, err, c.want)
			if _, ok := err.(*InputError); !ok {
				t.Errorf("%q: error is a %T", c.in, err)
			}
			continue
		}
		fieldErr(t, c.in, err, "")
		if got := stamp(ts); got != c.want {
			t.Errorf("timestampField(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	// A column the file lacks places the error at the line only.
	_, err := timestampField(fieldTable(), "purchase-date", "x")
	fieldErr(t, "absent column", err, `f.csv:7: want an ISO-8601 date or time, got "x"`)
}

func TestOptTimestampAndDateFields(t *testing.T) {
	cases := []struct {
		in        string
		stamp     string // "" for none
		date      string // "" for none
		errSuffix string
	}{
		{"", "", "", ""},
		{"   ", "", "", ""},
		{"2026-09-08", "2026-09-08", "2026-09-08", ""},
		{"2026-09-08T01:00:00+02:00", "2026-09-08 @2026-09-07T23:00:00Z", "2026-09-08", ""},
		{"2026-09-12T23:00:00-08:00", "2026-09-12 @2026-09-13T07:00:00Z", "2026-09-12", ""},
		{"2026-02-29", "", "", `want an ISO-8601 date or time, got "2026-02-29"`},
		{"tomorrow", "", "", `want an ISO-8601 date or time, got "tomorrow"`},
	}
	for _, c := range cases {
		ts, err := optTimestampField(fieldTable(), "ship-confirm-date", c.in)
		d, derr := optDateField(fieldTable(), "ship-confirm-date", c.in)
		if c.errSuffix != "" {
			want := `f.csv:7:2: column "Ship Date": ` + c.errSuffix
			fieldErr(t, c.in, err, want)
			fieldErr(t, c.in, derr, want)
			if !ts.IsZero() || d != 0 {
				t.Errorf("%q: values %v %v with an error", c.in, ts, d)
			}
			continue
		}
		fieldErr(t, c.in, err, "")
		fieldErr(t, c.in, derr, "")
		if got := optStamp(ts); got != c.stamp {
			t.Errorf("optTimestampField(%q) = %q, want %q", c.in, got, c.stamp)
		}
		if got := optDate(d); got != c.date {
			t.Errorf("optDateField(%q) = %q, want %q", c.in, got, c.date)
		}
	}
}

func TestBoolField(t *testing.T) {
	for in, want := range map[string]bool{
		"true": true, "TRUE": true, "True": true, "y": true, "Y": true, "yes": true, "YES": true, "1": true, " true ": true,
		"false": false, "FALSE": false, "n": false, "N": false, "no": false, "No": false, "0": false, "": false, " ": false,
	} {
		got, err := boolField(fieldTable(), "order-id", in)
		if err != nil || got != want {
			t.Errorf("boolField(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"t", "f", "2", "-1", "yes please", "x", "null", " maybe "} {
		_, err := boolField(fieldTable(), "order-id", in)
		fieldErr(t, in, err, `f.csv:7:1: column "Order ID": want true or false (Y/N), got "`+trimmed(in)+`"`)
	}
}

func trimmed(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

func TestEnumField(t *testing.T) {
	names := map[string]int{"seller": 1, "buyer-requested": 2, "amazon": 3}
	for in, want := range map[string]int{
		"seller": 1, "Seller": 1, " SELLER ": 1,
		"buyer-requested": 2, "Buyer Requested": 2, "buyer_requested": 2, "BUYER--REQUESTED": 2, `"buyer requested"`: 2,
		"amazon": 3,
	} {
		got, err := enumField(fieldTable(), "ship-confirm-date", in, names, "canceller", "seller, buyer or amazon")
		if err != nil || got != want {
			t.Errorf("enumField(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "vendor", " buyer ", "sellers"} {
		got, err := enumField(fieldTable(), "ship-confirm-date", in, names, "canceller", "seller, buyer or amazon")
		fieldErr(t, in, err, `f.csv:7:2: column "Ship Date": unknown canceller "`+trimmed(in)+`" (want seller, buyer or amazon)`)
		if got != 0 {
			t.Errorf("enumField(%q) = %v with an error, want the zero value", in, got)
		}
	}
}

// Seller Central's spellings of claim statuses and chargeback types read
// as the canonical values.
func TestClaimAndChargebackSynonyms(t *testing.T) {
	claimCases := []struct {
		in   string
		want records.ClaimStatus
	}{
		{"Pending", records.ClaimUnderReview},
		{"open", records.ClaimUnderReview},
		{"In Review", records.ClaimUnderReview},
		{"Under Review", records.ClaimUnderReview},
		{"Refunded", records.ClaimSellerRefunded},
		{"Closed - Seller Refunded", records.ClaimSellerRefunded},
		{"Decided in buyer favor", records.ClaimGranted},
		{"Amazon Funded", records.ClaimGranted},
		{"Decided in seller favor", records.ClaimDenied},
		{"Decided_In_Seller_Favor", records.ClaimDenied},
		{"Rejected", records.ClaimDenied},
		{"Cancelled", records.ClaimWithdrawn},
		{"Withdrawn by buyer", records.ClaimWithdrawn},
		{"Appeal granted", records.ClaimReversedOnAppeal},
		{"Reversed", records.ClaimReversedOnAppeal},
	}
	dir := t.TempDir()
	for _, c := range claimCases {
		p := writeFile(t, dir, "claims.csv", csvLines("Order ID,Claim Date,Claim Status", "111-1,2026-09-01,"+c.in))
		l := mustLoad(t, Options{}, p)
		if len(l.Data.Claims) != 1 || l.Data.Claims[0].Status != c.want {
			t.Errorf("claim status %q: got %+v, want %v", c.in, l.Data.Claims, c.want)
		}
	}
	p := writeFile(t, dir, "claims.csv", csvLines("Order ID,Claim Date,Claim Status", "111-1,2026-09-01,Appealed"))
	wantErr(t, loadErr(t, Options{}, p), p+`:2:3: column "Claim Status": unknown claim status "Appealed" (want under-review, granted, seller-refunded, denied, withdrawn, reversed-on-appeal or charged)`, new(*InputError))

	cbCases := []struct {
		in   string
		want records.ChargebackType
	}{
		{"service", records.ChargebackService},
		{"Service Chargeback", records.ChargebackService},
		{"fraud", records.ChargebackFraud},
		{"Fraud Chargeback", records.ChargebackFraud},
		{"payment-fraud", records.ChargebackFraud},
		{"Payment Fraud", records.ChargebackFraud},
		{"unauthorized-card", records.ChargebackFraud},
		{"Unauthorised Card", records.ChargebackFraud},
		{"unauthorized", records.ChargebackFraud},
		{"UNAUTHORISED", records.ChargebackFraud},
	}
	for _, c := range cbCases {
		p := writeFile(t, dir, "cb.csv", csvLines("order-id,chargeback-date,chargeback-type", "111-1,2026-09-01,"+c.in))
		l := mustLoad(t, Options{}, p)
		if len(l.Data.Chargebacks) != 1 || l.Data.Chargebacks[0].Type != c.want {
			t.Errorf("chargeback type %q: got %+v, want %v", c.in, l.Data.Chargebacks, c.want)
		}
	}
	p = writeFile(t, dir, "cb.csv", csvLines("order-id,chargeback-date,chargeback-type", "111-1,2026-09-01,friendly fraud"))
	wantErr(t, loadErr(t, Options{}, p), p+`:2:3: column "chargeback-type": unknown chargeback type "friendly fraud" (want service, fraud or unknown)`, new(*InputError))
}
