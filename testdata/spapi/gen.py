#!/usr/bin/env python3
"""Builds testdata/spapi/acme-us from testdata/accounts/acme-us: what a fake
SP-API serves (amazon/) and the same data as a seller would hand it over as
files (files/). cmd's end-to-end test fetches amazon/ through the fake and
checks that `audit all` gives the figures of files/.

The two sides are written independently of audit's Go code: amazon/ in
SP-API's JSON (Orders API 2026-01-01, Finances v0), files/ (with amazon/'s three reports) in the canonical
formats of docs/formats.md, limited to what SP-API can tell:
- A-to-z claims: only those charged to the seller (granted, seller-refunded)
  appear in the Finances API, as GuaranteeClaimEvents posted three days
  after the claim; as files, claims of status granted dated by the posting.
- Chargebacks: only service chargebacks are debited to the seller; as files,
  type unknown, dated by the posting.
- Shipments: no tracking-valid, delivery-date or invoice-upload-date column
  (SP-API gives none of them); a cancelled order's cancel-date is its last
  update time.

Run from the repository root: python3 testdata/spapi/gen.py
"""
import csv, json, shutil, os, datetime

SRC = "testdata/accounts/acme-us"
OUT = "testdata/spapi/acme-us"

# The reports are the same on both sides: the test reads them from amazon/.
# Amazon's All Orders report holds every order: the account's two downloads
# in one, each row once.
for name in ["Feedback.txt", "Returns report.tsv"]:
    shutil.copyfile(os.path.join(SRC, name), os.path.join(OUT, "amazon", name))
rows, seen = [], set()
for name in ["2026-11-20 All Orders.txt", "Download (3).txt"]:
    with open(os.path.join(SRC, name), encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    if not rows:
        rows.append(lines[0])
    for line in lines[1:]:
        if line not in seen:
            seen.add(line)
            rows.append(line)
with open(os.path.join(OUT, "amazon", "All Orders.txt"), "w", encoding="utf-8", newline="") as f:
    f.writelines(rows)
shutil.copyfile("testdata/amazon/acme-us-performance.json", os.path.join(OUT, "amazon", "performance.json"))

def posted(date, days=3):
    d = datetime.date.fromisoformat(date[:10]) + datetime.timedelta(days=days)
    return d.isoformat() + "T12:00:00Z"

events = []
with open(os.path.join(SRC, "atoz-claims.csv"), newline="") as f:
    claims = [r for r in csv.DictReader(f) if r["claim-status"].lower() in ("granted", "seller-refunded")]
with open(os.path.join(OUT, "files", "claims.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["order-id", "claim-date", "claim-status"])
    for r in claims:
        p = posted(r["claim-date"])
        events.append({"Kind": "GuaranteeClaim", "AmazonOrderId": r["order-id"], "MarketplaceName": "Amazon.com", "PostedDate": p})
        w.writerow([r["order-id"], p, "granted"])
with open(os.path.join(SRC, "chargebacks.tsv"), newline="") as f:
    cbs = [r for r in csv.DictReader(f, delimiter="\t") if r["chargeback-type"].lower() == "service"]
with open(os.path.join(OUT, "files", "chargebacks.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["order-id", "chargeback-date", "chargeback-type"])
    for r in cbs:
        p = posted(r["chargeback-date"], 2)
        events.append({"Kind": "Chargeback", "AmazonOrderId": r["order-id"], "MarketplaceName": "Amazon.com", "PostedDate": p})
        w.writerow([r["order-id"], p, "unknown"])
with open(os.path.join(OUT, "amazon", "financial-events.json"), "w") as f:
    json.dump(events, f, indent=1)
    f.write("\n")

def iso(v):
    """An ISO time of the shipments file as SP-API writes date-times."""
    if len(v) == 10:  # a bare date: the end of that day, in the store's zone
        return v + "T23:59:59-08:00"
    return v

orders = []
keep = ["order-id", "marketplace", "purchase-date", "latest-ship-date", "ship-confirm-date", "cancel-date",
        "cancelled-by", "carrier", "tracking-id", "promised-delivery-date", "is-business-order"]
with open(os.path.join(SRC, "shipments.csv"), newline="") as f, \
     open(os.path.join(OUT, "files", "shipments.csv"), "w", newline="") as g:
    w = csv.writer(g, lineterminator="\n")
    w.writerow(keep)
    for r in csv.DictReader(f):
        w.writerow([r[k] for k in keep])
        status = "CANCELLED" if r["cancel-date"] else ("SHIPPED" if r["ship-confirm-date"] else "UNSHIPPED")
        last = r["cancel-date"] or r["ship-confirm-date"] or r["purchase-date"]
        o = {
            "orderId": r["order-id"],
            "createdTime": r["purchase-date"],
            "lastUpdatedTime": last,
            "salesChannel": {"channelName": "AMAZON", "marketplaceId": "ATVPDKIKX0DER", "marketplaceName": "Amazon.com"},
            "fulfillment": {"fulfillmentStatus": status, "fulfilledBy": "MERCHANT",
                            "shipByWindow": {"latestDateTime": r["latest-ship-date"]}},
            "orderItems": [{"orderItemId": r["order-id"].replace("-", "")[:14]}],
        }
        if r["is-business-order"].lower() == "true":
            o["programs"] = ["AMAZON_BUSINESS"]
        if r["promised-delivery-date"]:
            o["fulfillment"]["deliverByWindow"] = {"latestDateTime": iso(r["promised-delivery-date"])}
        if r["ship-confirm-date"]:
            p = {"packageReferenceId": "1", "shipTime": r["ship-confirm-date"], "packageStatus": {"status": "SHIPPED"}}
            if r["carrier"]:
                p["carrier"] = r["carrier"]
            if r["tracking-id"]:
                p["trackingNumber"] = r["tracking-id"]
            o["packages"] = [p]
        if r["cancelled-by"]:
            who = {"seller": "MERCHANT", "buyer": "BUYER", "amazon": "AMAZON"}[r["cancelled-by"].lower()]
            o["orderItems"][0]["cancellation"] = {"cancellationExecution": {"cancelledBy": who}}
        orders.append(o)
with open(os.path.join(OUT, "amazon", "orders.json"), "w") as f:
    json.dump(orders, f, indent=1)
    f.write("\n")
