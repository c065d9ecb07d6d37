#!/usr/bin/env python3
# Copied from the benchmark kit beside the repository (shared/bench/synth.py,
# 2026-12-07) so that a clone can rebuild docs/performance.md; the rules it
# encodes are those of the project's metric reference (shared/reference/metrics.md).
# Change it here: the copy in shared/bench is no longer read.
"""Synthetic Amazon Seller Central exports for one seller account, with the
Order Defect Rate they imply.

Writes into --out:
  orders.txt       All Orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL):
                   tab-delimited, no quoting, one row per order item
  feedback.txt     Feedback report (GET_SELLER_FEEDBACK_DATA): 1-3 star rows only,
                   dates in the marketplace's short format (US: M/D/YY)
  claims.csv       A-to-z Guarantee claims, canonical columns (see reference/report-formats.md)
  chargebacks.csv  chargeback claims, canonical columns
  shipments.csv    seller-fulfilled orders: ship-by, confirmation, cancellation,
                   tracking, delivery and invoice times, canonical columns
  expected.json    the figures these files imply for --as-of, per the rules in
                   reference/metrics.md: ODR (all / afn / mfn), late shipment
                   rate (10 and 30 days), pre-fulfillment cancel rate, valid
                   tracking rate, on-time delivery rate, invoice defect rate

Usage: synth.py --orders 100000 --seed 7 --as-of 2026-11-20 --out /tmp/acct
Standard library only; about 1 s per 50k orders.
"""
import argparse
import datetime as dt
import json
import os
import random

COUNTING_CLAIMS = {"under-review", "granted", "seller-refunded"}
CLAIM_STATUSES = ["under-review", "granted", "seller-refunded", "denied", "withdrawn", "reversed-on-appeal"]
CLAIM_WEIGHTS = [2, 3, 2, 2, 1, 1]

ORDER_HEADER = ("amazon-order-id merchant-order-id purchase-date last-updated-date order-status "
                "fulfillment-channel sales-channel order-channel url ship-service-level product-name sku asin "
                "item-status quantity currency item-price item-tax shipping-price shipping-tax gift-wrap-price "
                "gift-wrap-tax item-promotion-discount ship-promotion-discount ship-city ship-state "
                "ship-postal-code ship-country promotion-ids cpf is-business-order purchase-order-number "
                "price-designation").split()

PRODUCTS = [
    ('Trendy Home 12" x 18" Pillow Cover', "th1218", "B07K1FNN7M", 7.49),
    ("Stainless Steel Water Bottle, 750 ml", "ssb750", "B08XYZ1234", 19.99),
    ("USB-C Cable 2m (2-pack)", "usbc2m", "B09ABCDE12", 9.99),
    ("Yoga Mat; non-slip, 6mm", "yoga6", "B07YOGA666", 24.5),
    ("Garden Hose Nozzle \"Pro\"", "hose-pro", "B06HOSE001", 12.0),
]
CITIES = [("MEMPHIS", "TN", "38117-3311"), ("SEATTLE", "WA", "98109"), ("AUSTIN", "TX", "78701"),
          ("DENVER", "CO", "80202"), ("BOSTON", "MA", "02108")]
ORDER_STATUS = ["Shipped"] * 90 + ["Cancelled"] * 4 + ["Pending"] * 3 + ["Shipping"] * 3

FEEDBACK_DATE = {"US": "%m/%d/%y", "DE": "%d.%m.%y", "UK": "%d/%m/%y", "JP": "%y/%m/%d", "SE": "%Y-%m-%d"}
CHANNEL = {"US": ("Amazon.com", "USD", "-08:00"), "DE": ("Amazon.de", "EUR", "+01:00"),
           "UK": ("Amazon.co.uk", "GBP", "+00:00"), "JP": ("Amazon.co.jp", "JPY", "+09:00"),
           "SE": ("Amazon.se", "SEK", "+01:00")}


def fmt_short(d, fmt):
    # Amazon's short dates carry no zero padding for month/day in US style (1/13/17).
    s = d.strftime(fmt)
    if fmt == "%m/%d/%y":
        s = f"{d.month}/{d.day}/{d:%y}"
    return s


def odr_window(as_of, lag=14, days=60):
    end = as_of - dt.timedelta(days=lag)
    return end - dt.timedelta(days=days - 1), end


def iso(t, offset):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + offset


def invoice_due(confirm):
    """23:59:59 on the first Monday-Friday day after the confirmation day (holidays ignored)."""
    d = confirm.date() + dt.timedelta(days=1)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return dt.datetime.combine(d, dt.time(23, 59, 59))


def rate(num, den):
    return {"numerator": num, "denominator": den, "value": (num / den) if den else None}


def make_shipment(rnd, oid, day, ts, business):
    """The fulfilment story of one seller-fulfilled order."""
    latest = dt.datetime.combine(day + dt.timedelta(days=rnd.randint(1, 3)), dt.time(23, 59, 59))
    r = {"order-id": oid, "purchase": ts, "latest": latest, "confirm": None, "cancel": None, "by": "",
         "tracking": "", "valid": "", "promised": None, "delivered": None, "business": business, "upload": None}
    if rnd.random() < 0.04:
        r["cancel"] = ts + dt.timedelta(hours=rnd.randint(1, 60))
        r["by"] = rnd.choices(["seller", "buyer", "amazon"], weights=[5, 4, 1])[0]
    else:
        u = rnd.random()
        if u < 0.92:
            r["confirm"] = ts + (latest - ts) * rnd.random()
        elif u < 0.98:
            r["confirm"] = latest + dt.timedelta(hours=rnd.randint(1, 72))
        if r["confirm"]:
            if rnd.random() < 0.96:
                r["tracking"] = f"1Z{rnd.randrange(10**12):012d}"
                r["valid"] = rnd.choices(["Y", "", "N"], weights=[80, 17, 3])[0]
            r["promised"] = latest.date() + dt.timedelta(days=rnd.randint(2, 5))
            v = rnd.random()
            if v < 0.9:
                r["delivered"] = r["promised"] - dt.timedelta(days=rnd.randint(0, 2))
            elif v < 0.97:
                r["delivered"] = r["promised"] + dt.timedelta(days=rnd.randint(1, 4))
            if business:
                w = rnd.random()
                due = invoice_due(r["confirm"])
                if w < 0.88:
                    r["upload"] = r["confirm"] + (due - r["confirm"]) * rnd.random()
                elif w < 0.95:
                    r["upload"] = due + dt.timedelta(hours=rnd.randint(1, 96))
    return r


def write_shipments(a, rows, as_of, offset):
    """shipments.csv for the seller-fulfilled orders, and the metrics it implies."""
    with open(os.path.join(a.out, "shipments.csv"), "w", newline="") as f:
        f.write("order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by,"
                "carrier,tracking-id,tracking-valid,promised-delivery-date,delivery-date,is-business-order,"
                "invoice-upload-date\n")
        for r in rows:
            f.write(",".join([
                r["order-id"], a.marketplace, iso(r["purchase"], offset), iso(r["latest"], offset),
                iso(r["confirm"], offset) if r["confirm"] else "", iso(r["cancel"], offset) if r["cancel"] else "",
                r["by"], "UPS" if r["tracking"] else "", r["tracking"], r["valid"],
                r["promised"].isoformat() if r["promised"] else "",
                r["delivered"].isoformat() if r["delivered"] else "",
                "true" if r["business"] else "false",
                iso(r["upload"], offset) if r["upload"] else ""]) + "\n")

    A = as_of
    out = {}
    # late shipment rate, 10 and 30 days by expected ship date
    for n in (10, 30):
        num = den = 0
        for r in rows:
            cancelled = r["cancel"] is not None and r["cancel"].date() <= A and r["confirm"] is None
            if cancelled or not (A - dt.timedelta(days=n - 1) <= r["latest"].date() <= A):
                continue
            confirm = r["confirm"] if r["confirm"] and r["confirm"].date() <= A else None
            den += 1
            if (confirm and confirm > r["latest"]) or (confirm is None and r["latest"].date() < A):
                num += 1
        out[f"late_shipment_rate_{n}d"] = rate(num, den)
    # pre-fulfillment cancel rate, 7 days by order date
    num = den = 0
    for r in rows:
        if A - dt.timedelta(days=6) <= r["purchase"].date() <= A:
            den += 1
            if r["by"] in ("seller", "amazon") and r["cancel"].date() <= A:
                num += 1
    out["prefulfillment_cancel_rate"] = rate(num, den)
    # valid tracking rate, 30 days by promised delivery date, 14-day lag
    e = A - dt.timedelta(days=14)
    num = den = 0
    for r in rows:
        if r["confirm"] and r["confirm"].date() <= A and r["promised"] and e - dt.timedelta(days=29) <= r["promised"] <= e:
            den += 1
            if r["tracking"] and r["valid"] != "N":
                num += 1
    out["valid_tracking_rate"] = rate(num, den)
    # on-time delivery rate, 14 days by promised delivery date, 7-day lag, tracked shipments only
    e = A - dt.timedelta(days=7)
    num = den = 0
    for r in rows:
        if (r["confirm"] and r["confirm"].date() <= A and r["tracking"] and r["valid"] != "N"
                and e - dt.timedelta(days=13) <= r["promised"] <= e):
            den += 1
            if r["delivered"] and r["delivered"] <= A and r["delivered"] <= r["promised"]:
                num += 1
    out["on_time_delivery_rate"] = rate(num, den)
    # invoice defect rate: business orders placed as-of-13 .. as-of-7, shipped
    missing = late = den = 0
    for r in rows:
        if not (r["business"] and r["confirm"] and r["confirm"].date() <= A):
            continue
        if not (A - dt.timedelta(days=13) <= r["purchase"].date() <= A - dt.timedelta(days=7)):
            continue
        den += 1
        up = r["upload"] if r["upload"] and r["upload"].date() <= A else None
        if up is None:
            missing += 1
        elif up > invoice_due(r["confirm"]):
            late += 1
    idr = rate(missing + late, den)
    idr["components"] = {"missing_invoice": missing, "late_invoice": late}
    idr["marketplace"] = a.marketplace
    out["invoice_defect_rate"] = idr
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--as-of", default="2026-11-20")
    ap.add_argument("--days", type=int, default=120, help="order dates spread over this many days before --as-of")
    ap.add_argument("--marketplace", default="US", choices=sorted(FEEDBACK_DATE))
    ap.add_argument("--defect-rate", type=float, default=0.012, help="share of orders that get some defect event")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    rnd = random.Random(a.seed)
    as_of = dt.date.fromisoformat(a.as_of)
    start, end = odr_window(as_of)
    sales_channel, currency, offset = CHANNEL[a.marketplace]
    os.makedirs(a.out, exist_ok=True)

    orders = []  # (order_id, date, channel)
    shipments = []  # the seller-fulfilled orders' fulfilment records
    with open(os.path.join(a.out, "orders.txt"), "w", newline="") as f:
        f.write("\t".join(ORDER_HEADER) + "\n")
        for i in range(a.orders):
            oid = f"{100 + rnd.randrange(900)}-{rnd.randrange(10**7):07d}-{i:07d}"
            day = as_of - dt.timedelta(days=rnd.randrange(a.days))
            ts = dt.datetime.combine(day, dt.time(rnd.randrange(24), rnd.randrange(60), rnd.randrange(60)))
            ch = "Amazon" if rnd.random() < 0.6 else "Merchant"
            status = rnd.choice(ORDER_STATUS)
            orders.append((oid, day, ch))
            business = rnd.random() < 0.15
            if ch == "Merchant":
                r = make_shipment(rnd, oid, day, ts, business)
                shipments.append(r)
                status = "Cancelled" if r["cancel"] else "Shipped" if r["confirm"] else "Unshipped"
            nitems = 1 if rnd.random() < 0.8 else rnd.randint(2, 3)
            for _ in range(nitems):
                name, sku, asin, price = rnd.choice(PRODUCTS)
                city, state, zipc = rnd.choice(CITIES)
                row = [oid, oid, ts.strftime("%Y-%m-%dT%H:%M:%S") + offset,
                       (ts + dt.timedelta(hours=rnd.randrange(1, 72))).strftime("%Y-%m-%dT%H:%M:%S") + offset,
                       status, ch, sales_channel, "", "", rnd.choice(["Standard", "Expedited"]), name, sku, asin,
                       status if status not in ("Shipping", "Pending") else "Unshipped", str(rnd.randint(1, 3)), currency,
                       f"{price:.2f}", f"{price * 0.08:.2f}", "0.00", "0.00", "", "", "", "", city, state, zipc,
                       "US" if a.marketplace == "US" else a.marketplace, "", "", "true" if business else "false",
                       "", ""]
                f.write("\t".join(row) + "\n")

    neg_fb, claims_ok, cbs_ok = set(), set(), set()
    fb_rows, claim_rows, cb_rows = [], [], []
    for oid, day, ch in orders:
        if rnd.random() >= a.defect_rate:
            continue
        kinds = rnd.choices(["fb", "claim", "cb", "fb+claim", "claim+cb"], weights=[55, 25, 8, 9, 3])[0]
        if "fb" in kinds:
            fday = day + dt.timedelta(days=rnd.randint(3, 60))
            rating = rnd.choices([1, 2, 3], weights=[4, 3, 3])[0]
            fb_rows.append((fday, rating, oid))
            if rating <= 2 and fday <= as_of:
                neg_fb.add(oid)
        if "claim" in kinds:
            cday = day + dt.timedelta(days=rnd.randint(5, 80))
            status = rnd.choices(CLAIM_STATUSES, weights=CLAIM_WEIGHTS)[0]
            claim_rows.append((oid, cday, status))
            if status in COUNTING_CLAIMS and cday <= as_of:
                claims_ok.add(oid)
        if "cb" in kinds:
            bday = day + dt.timedelta(days=rnd.randint(10, 90))
            kind = rnd.choices(["service", "fraud"], weights=[3, 1])[0]
            cb_rows.append((oid, bday, kind))
            if kind == "service" and bday <= as_of:
                cbs_ok.add(oid)

    date_fmt = FEEDBACK_DATE[a.marketplace]
    with open(os.path.join(a.out, "feedback.txt"), "w", newline="") as f:
        f.write("Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n")
        for fday, rating, oid in sorted(fb_rows):
            comment = rnd.choice(["Item arrived late", "Never received", "Not as described", "OK but slow",
                                  'Box said "new", item was used'])
            f.write(f"{fmt_short(fday, date_fmt)}\t{rating}\t{comment}\t\t{oid}\tbuyer{rnd.randrange(10**6)}@marketplace.example\n")
    with open(os.path.join(a.out, "claims.csv"), "w", newline="") as f:
        f.write("order-id,claim-date,claim-status,claim-reason,claim-amount,currency\n")
        for oid, cday, status in claim_rows:
            reason = rnd.choice(["Item not received", "Item materially different", '"Damaged, defective"'])
            f.write(f"{oid},{cday.isoformat()},{status},{reason},{rnd.randint(5, 200)}.00,{currency}\n")
    with open(os.path.join(a.out, "chargebacks.csv"), "w", newline="") as f:
        f.write("order-id,chargeback-date,chargeback-type,reason,amount,currency\n")
        for oid, bday, kind in cb_rows:
            reason = "Unauthorized transaction" if kind == "fraud" else "Merchandise not received"
            f.write(f"{oid},{bday.isoformat()},{kind},{reason},{rnd.randint(5, 200)}.00,{currency}\n")

    ship_expect = write_shipments(a, shipments, as_of, offset)

    expected = {"as_of": as_of.isoformat(), "window": {"from": start.isoformat(), "to": end.isoformat()},
                "odr": {}}
    for seg in ("all", "afn", "mfn"):
        pop = [o for o, d, ch in orders if start <= d <= end and
               (seg == "all" or (seg == "afn") == (ch == "Amazon"))]
        ids = set(pop)
        comp = {"negative_feedback": len(ids & neg_fb), "a_to_z_claims": len(ids & claims_ok),
                "chargebacks": len(ids & cbs_ok)}
        num = len(ids & (neg_fb | claims_ok | cbs_ok))
        expected["odr"][seg] = {"numerator": num, "denominator": len(ids),
                                "value": (num / len(ids)) if ids else None, "components": comp}
    expected.update(ship_expect)
    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
