// Copied from the benchmark kit beside the repository (shared/bench/duckpeer,
// 2026-12-07) so that a clone can rebuild docs/performance.md. It is a module
// of its own (go.mod here), so DuckDB never becomes a dependency of audit:
// the main module's ./... stops at this folder.

// duckpeer computes the account-health metrics of one account folder (as
// written by ../synth.py) with DuckDB SQL. It is the peer that the project's own
// `audit` is measured against: same input files, same rules
// (reference/metrics.md), answer printed as JSON in the shape of synth.py's
// expected.json. Without --all it computes the ODR alone.
//
//	go run . --as-of 2026-11-20 --threads 2 [--all] /tmp/acct
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

const query = `
WITH o AS (
  SELECT "amazon-order-id" AS id,
         min(CAST(substr("purchase-date", 1, 10) AS DATE)) AS d,
         any_value("fulfillment-channel") AS ch
  FROM read_csv(?, delim = '\t', header = true, quote = '', escape = '', all_varchar = true)
  GROUP BY 1),
w AS (SELECT * FROM o WHERE d BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)),
nf AS (SELECT DISTINCT "Order ID" AS id
       FROM read_csv(?, delim = '\t', header = true, quote = '', escape = '', all_varchar = true)
       WHERE CAST(Rating AS INTEGER) <= 2 AND strptime("Date", ?)::DATE <= CAST(? AS DATE)),
cl AS (SELECT DISTINCT "order-id" AS id FROM read_csv(?, header = true, all_varchar = true)
       WHERE lower("claim-status") IN ('under-review', 'granted', 'seller-refunded')
         AND CAST("claim-date" AS DATE) <= CAST(? AS DATE)),
cb AS (SELECT DISTINCT "order-id" AS id FROM read_csv(?, header = true, all_varchar = true)
       WHERE lower("chargeback-type") = 'service' AND CAST("chargeback-date" AS DATE) <= CAST(? AS DATE)),
f AS (SELECT w.ch,
             nf.id IS NOT NULL AS is_nf, cl.id IS NOT NULL AS is_cl, cb.id IS NOT NULL AS is_cb
      FROM w LEFT JOIN nf USING (id) LEFT JOIN cl USING (id) LEFT JOIN cb USING (id))
SELECT coalesce(CASE ch WHEN 'Amazon' THEN 'afn' WHEN 'Merchant' THEN 'mfn' END, 'all') AS seg,
       count(*) AS den,
       count(*) FILTER (WHERE is_nf OR is_cl OR is_cb) AS num,
       count(*) FILTER (WHERE is_nf) AS nf, count(*) FILTER (WHERE is_cl) AS cl, count(*) FILTER (WHERE is_cb) AS cb
FROM f GROUP BY ROLLUP (ch)`

// shipmentsQuery computes the seller-fulfilled metrics from shipments.csv.
// Times are compared as written (every row of a file carries one offset).
const shipmentsQuery = `
WITH p AS (SELECT CAST(? AS DATE) AS a),
s AS (
  SELECT substr("purchase-date", 1, 10)::DATE AS pd,
         substr("latest-ship-date", 1, 19)::TIMESTAMP AS latest,
         CASE WHEN "ship-confirm-date" <> '' AND substr("ship-confirm-date", 1, 10)::DATE <= (SELECT a FROM p)
              THEN substr("ship-confirm-date", 1, 19)::TIMESTAMP END AS confirm,
         CASE WHEN "cancel-date" <> '' THEN substr("cancel-date", 1, 10)::DATE END AS cancel_d,
         "ship-confirm-date" = '' AS never_confirmed,
         lower("cancelled-by") AS cancelled_by,
         "tracking-id" <> '' AND upper("tracking-valid") <> 'N' AS valid,
         CASE WHEN "promised-delivery-date" <> '' THEN "promised-delivery-date"::DATE END AS promised,
         CASE WHEN "delivery-date" <> '' THEN "delivery-date"::DATE END AS delivered,
         lower("is-business-order") = 'true' AS business,
         CASE WHEN "invoice-upload-date" <> '' THEN substr("invoice-upload-date", 1, 19)::TIMESTAMP END AS upload
  FROM read_csv(?, header = true, all_varchar = true, nullstr = '\x01')),
t AS (SELECT *, (SELECT a FROM p) AS a,
        CAST(confirm AS DATE) + CASE dayofweek(CAST(confirm AS DATE) + 1) WHEN 6 THEN 3 WHEN 0 THEN 2 ELSE 1 END
          + INTERVAL '23 hours 59 minutes 59 seconds' AS due
      FROM s)
SELECT
  count(*) FILTER (WHERE latest::DATE BETWEEN a - 9 AND a AND NOT coalesce(cancel_d <= a AND never_confirmed, false)),
  count(*) FILTER (WHERE latest::DATE BETWEEN a - 9 AND a AND NOT coalesce(cancel_d <= a AND never_confirmed, false)
                   AND (confirm > latest OR (confirm IS NULL AND latest::DATE < a))),
  count(*) FILTER (WHERE latest::DATE BETWEEN a - 29 AND a AND NOT coalesce(cancel_d <= a AND never_confirmed, false)),
  count(*) FILTER (WHERE latest::DATE BETWEEN a - 29 AND a AND NOT coalesce(cancel_d <= a AND never_confirmed, false)
                   AND (confirm > latest OR (confirm IS NULL AND latest::DATE < a))),
  count(*) FILTER (WHERE pd BETWEEN a - 6 AND a),
  count(*) FILTER (WHERE pd BETWEEN a - 6 AND a AND cancelled_by IN ('seller', 'amazon') AND cancel_d <= a),
  count(*) FILTER (WHERE confirm IS NOT NULL AND promised BETWEEN a - 14 - 29 AND a - 14),
  count(*) FILTER (WHERE confirm IS NOT NULL AND promised BETWEEN a - 14 - 29 AND a - 14 AND valid),
  count(*) FILTER (WHERE confirm IS NOT NULL AND valid AND promised BETWEEN a - 7 - 13 AND a - 7),
  count(*) FILTER (WHERE confirm IS NOT NULL AND valid AND promised BETWEEN a - 7 - 13 AND a - 7
                   AND delivered <= a AND delivered <= promised),
  count(*) FILTER (WHERE business AND confirm IS NOT NULL AND pd BETWEEN a - 13 AND a - 7),
  count(*) FILTER (WHERE business AND confirm IS NOT NULL AND pd BETWEEN a - 13 AND a - 7
                   AND (upload IS NULL OR upload::DATE > a)),
  count(*) FILTER (WHERE business AND confirm IS NOT NULL AND pd BETWEEN a - 13 AND a - 7
                   AND upload::DATE <= a AND upload > due)
FROM t`

type seg struct {
	Numerator   int64            `json:"numerator"`
	Denominator int64            `json:"denominator"`
	Value       *float64         `json:"value"`
	Components  map[string]int64 `json:"components"`
}

func main() {
	asOf := flag.String("as-of", "", "audit date, YYYY-MM-DD")
	threads := flag.Int("threads", 2, "DuckDB threads")
	dateFmt := flag.String("feedback-date", "%m/%d/%y", "strptime format of the feedback report's dates (DE: %d.%m.%y)")
	all := flag.Bool("all", false, "also the seller-fulfilled metrics from shipments.csv")
	flag.Parse()
	if *asOf == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: duckpeer --as-of YYYY-MM-DD DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	a, err := time.Parse("2006-01-02", *asOf)
	check(err)
	end := a.AddDate(0, 0, -14)
	start := end.AddDate(0, 0, -59)
	db, err := sql.Open("duckdb", "")
	check(err)
	_, err = db.Exec(fmt.Sprintf("SET threads = %d", *threads))
	check(err)
	p := func(n string) string { return filepath.Join(dir, n) }
	rows, err := db.Query(query, p("orders.txt"), start.Format("2006-01-02"), end.Format("2006-01-02"),
		p("feedback.txt"), *dateFmt, *asOf, p("claims.csv"), *asOf, p("chargebacks.csv"), *asOf)
	check(err)
	out := map[string]any{"as_of": *asOf,
		"window": map[string]string{"from": start.Format("2006-01-02"), "to": end.Format("2006-01-02")}}
	odr := map[string]seg{}
	for rows.Next() {
		var name string
		var s seg
		var nf, cl, cb int64
		check(rows.Scan(&name, &s.Denominator, &s.Numerator, &nf, &cl, &cb))
		if s.Denominator > 0 {
			v := float64(s.Numerator) / float64(s.Denominator)
			s.Value = &v
		}
		s.Components = map[string]int64{"negative_feedback": nf, "a_to_z_claims": cl, "chargebacks": cb}
		odr[name] = s
	}
	check(rows.Err())
	out["odr"] = odr
	if *all {
		var c [13]int64
		ptrs := make([]any, len(c))
		for i := range c {
			ptrs[i] = &c[i]
		}
		check(db.QueryRow(shipmentsQuery, *asOf, p("shipments.csv")).Scan(ptrs...))
		out["late_shipment_rate_10d"] = ratio(c[1], c[0])
		out["late_shipment_rate_30d"] = ratio(c[3], c[2])
		out["prefulfillment_cancel_rate"] = ratio(c[5], c[4])
		out["valid_tracking_rate"] = ratio(c[7], c[6])
		out["on_time_delivery_rate"] = ratio(c[9], c[8])
		idr := ratio(c[11]+c[12], c[10])
		idr["components"] = map[string]int64{"missing_invoice": c[11], "late_invoice": c[12]}
		out["invoice_defect_rate"] = idr
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	check(enc.Encode(out))
}

func ratio(num, den int64) map[string]any {
	r := map[string]any{"numerator": num, "denominator": den, "value": nil}
	if den > 0 {
		r["value"] = float64(num) / float64(den)
	}
	return r
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "duckpeer:", err)
		os.Exit(1)
	}
}
