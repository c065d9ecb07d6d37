#!/usr/bin/env python3
"""Hand-checkable US sample account "acme-us" for `audit --as-of 2026-11-20`.

Writes into testdata/accounts/acme-us/ (or --out):

  2026-11-20 All Orders.txt  All Orders report, 32 columns (cpf, no url), tab-delimited,
                             no quoting, CRLF, UTF-8 BOM; 300 orders 2026-08-01 .. 2026-11-20
  Download (3).txt           a second All Orders download, LF, no BOM: 40 orders also in
                             the first file (byte-identical rows) plus 20 orders of its own
  Feedback.txt               Feedback report, US dates M/D/YY
  atoz-claims.csv            canonical A-to-z claims, comma-separated, RFC 4180 quoting
  chargebacks.tsv            canonical chargebacks, tab-separated
  Returns report.tsv         seller-fulfilled returns report (32 columns, 10-Oct-2026 dates)
  notes.md                   the seller's note: not a report
  shipments.csv              canonical shipments file (report-formats.md): one row per Merchant
                             order of the orders files (same id, purchase-date, business flag), with
                             ship-by, confirmation, cancellation, tracking and delivery (SHIP_STORY)
  ../acme-us.expected.json   the figures these files imply, computed here from the rules of
                             shared/reference/metrics.md, not by reading the files: the ODR, and
                             (sfrules.py) late shipment 10/30 days, pre-fulfillment cancel, valid
                             tracking and on-time delivery rates; no invoice defect rate, which
                             metrics.md limits to the UK, DE, FR, IT and ES stores ("not_computed")

Window (metrics.md): E = as-of - 14 days, S = E - 59 days, both inclusive, by the
purchase date as written: 2026-09-08 .. 2026-11-06 for as-of 2026-11-20.

Every defect event sits on a named order (SPECIAL below); the ~300 filler orders carry
none, so any figure can be checked by hand from the event tables in this file.

Standard library only, deterministic (fixed seed). Usage: python3 acme_us.py [--out DIR] [-v]
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in testdata/gen
import sfrules  # noqa: E402 (the seller-fulfilled rules, beside this file)

AS_OF = dt.date(2026, 11, 20)
LAG, DAYS = 14, 60
SEED = 20261120
DOWNLOADED = dt.datetime.fromisoformat("2026-11-20T21:30:00-08:00")  # when the orders were downloaded

ORDER_HEADER = ("amazon-order-id merchant-order-id purchase-date last-updated-date order-status "
                "fulfillment-channel sales-channel order-channel ship-service-level product-name sku "
                "asin item-status quantity currency item-price item-tax shipping-price shipping-tax "
                "gift-wrap-price gift-wrap-tax item-promotion-discount ship-promotion-discount "
                "ship-city ship-state ship-postal-code ship-country promotion-ids cpf "
                "is-business-order purchase-order-number price-designation").split()
assert len(ORDER_HEADER) == 32

RETURNS_HEADER = [
    "Order ID", "Order date", "Return request date", "Return request status", "Amazon RMA ID",
    "Merchant RMA ID", "Label type", "Label cost", "Currency code", "Return carrier", "Tracking ID",
    "Label to be paid by", "A-to-Z Claim", "Is prime", "ASIN", "Merchant SKU", "Item Name",
    "Return quantity", "Return Reason", "In policy", "Return type", "Resolution", "Invoice number",
    "Return delivery date", "Order Amount", "Order quantity", "SafeT Action reason", "SafeT claim id",
    "SafeT claim state", "SafeT claim creation time", "SafeT claim reimbursement amount",
    "Refunded Amount"]
assert len(RETURNS_HEADER) == 32

# (product-name, sku, asin, unit price). Literal quotes and commas on purpose.
PRODUCTS = [
    ('Trendy Home 12" x 18" Pillow Cover', "TH-PC-1218", "B0ACME1218", 12.99),
    ('Trendy Home 20" x 20" Throw Pillow Insert, Hypoallergenic, White', "TH-PI-2020", "B0ACME2020", 17.49),
    ('"Cozy Nights" Fleece Blanket, 50" x 60", Charcoal', "CN-FB-5060", "B0ACMECN56", 24.99),
    ("Acme Kitchen 8\" Chef's Knife, High-Carbon Steel", "AK-CK-08", "B0ACMEKN08", 29.95),
    ('Acme Kitchen Silicone Spatula Set, 3 pcs, "Heat-Safe to 600F"', "AK-SS-3", "B0ACMESS03", 14.99),
    ("Stainless Steel Water Bottle, 24 oz, Vacuum Insulated", "SS-WB-24", "B0ACMEWB24", 19.99),
    ("USB-C to USB-C Cable 6 ft, 2-Pack", "UC-6FT-2", "B0ACMEUC62", 9.99),
    ('Bamboo Cutting Board 18" x 12", Juice Groove', "BB-CB-1812", "B0ACMEBB18", 22.50),
    ("Desk Organizer; Mesh, 5 Compartments", "DO-MESH-5", "B0ACMEDO05", 16.99),
]

# Invented towns (city, state, ZIP); no person data anywhere in the account.
CITIES = [
    ("LAKE ORVILLE", "MN", "55921"), ("HOLLIS FERRY", "OR", "97488-1204"), ("BRANWICK", "OH", "43390"),
    ("MARLOW CREEK", "TX", "75694-3310"), ("EASTON RIDGE", "PA", "17399"), ("QUILLAN", "AZ", "85398"),
    ("OAKVALE", "GA", "30599-0142"), ("SILVERTON HEIGHTS", "CO", "80499"), ("Pelham Bay Falls", "NY", "13899"),
    ("Dunmore Springs", "FL", "32999-7781"), ("WESTBROOKE", "WA", "98399"), ("Cardell", "NC", "27399"),
]

# The defect-bearing and boundary orders. Fields: key, purchase-date as written, channel,
# order status, number of item rows, files ("1", "2" or "12"), note.
# Window is 2026-09-08 .. 2026-11-06.
SPECIAL = [
    ("F1", "2026-08-01T08:05:12-07:00", "Amazon", "Shipped", 1, "1", "first order in the files"),
    ("P1", "2026-11-19T09:14:00-08:00", "Amazon", "Pending", 1, "12", "recent, Pending"),
    ("P2", "2026-11-20T07:02:33-08:00", "Merchant", "Unshipped", 2, "12", "recent, Unshipped"),
    ("S1", "2026-09-06T14:22:10-07:00", "Amazon", "Shipped", 1, "1", "two days before the window"),
    ("S2", "2026-09-07T00:00:01+00:00", "Merchant", "Shipped", 1, "1",
     "day before the window; seller-refunded claim (counts only with a 09-07 start)"),
    ("S3", "2026-09-07T23:30:00-07:00", "Amazon", "Shipped", 2, "1",
     "out as written (09-07) though 09-08 in UTC; 1-star feedback must not count"),
    ("S4", "2026-09-08T00:00:01+00:00", "Amazon", "Shipped", 1, "1", "first second of the window"),
    ("S5", "2026-09-08T09:10:00-07:00", "Merchant", "Cancelled", 1, "1",
     "cancelled, qty 0, no price: still in the denominator"),
    ("S6", "2026-11-05T23:59:59-08:00", "Merchant", "Shipped", 1, "12", "in the window"),
    ("M1", "2026-11-06T23:59:59-08:00", "Merchant", "Shipped", 2, "12",
     "last second of the window (11-07 in UTC); 1-star feedback (listed twice) + returns A-to-Z Y"),
    ("S8", "2026-11-06T10:05:00-08:00", "Amazon", "Shipped", 1, "12", "last day of the window"),
    ("S9", "2026-11-07T00:15:00-08:00", "Amazon", "Shipped", 1, "12",
     "day after the window; service chargeback must not count"),
    ("S10", "2026-11-07T08:40:00-08:00", "Merchant", "Shipped", 1, "12", "day after the window"),
    ("A1", "2026-10-24T19:42:05-07:00", "Amazon", "Shipped", 2, "2",
     "only in Download (3).txt; 2-star feedback + Granted claim + service chargeback = one defect"),
    ("W1", "2026-10-02T11:03:44-07:00", "Amazon", "Shipped", 1, "1", "3-star feedback (neutral)"),
    ("W2", "2026-11-03T16:20:00-08:00", "Merchant", "Shipped", 1, "12", "1-star feedback dated 11/21/26, after as-of"),
    ("W3", "2026-09-19T08:12:30-07:00", "Merchant", "Shipped", 1, "1", "claim denied"),
    ("W4", "2026-10-11T21:45:09-07:00", "Amazon", "Shipped", 1, "1", "claim WITHDRAWN"),
    ("W5", "2026-09-29T13:30:00+00:00", "Merchant", "Shipped", 3, "1", "claim Reversed-On-Appeal"),
    ("W6", "2026-10-30T10:00:00-07:00", "Merchant", "Shipped", 1, "12", "granted claim dated 2026-11-24, after as-of"),
    ("W7", "2026-10-08T18:18:18-07:00", "Amazon", "Shipped", 1, "1", "fraud chargeback"),
    ("W8", "2026-10-19T07:55:00-07:00", "Amazon", "Shipped", 1, "1",
     "service chargeback dated 2026-11-23, after as-of"),
    ("W9a", "2026-10-05T12:00:00-07:00", "Merchant", "Shipped", 1, "1", "return, A-to-Z N, fields of one space"),
    ("W9b", "2026-10-17T09:30:00-07:00", "Merchant", "Shipped", 1, "1", "return, A-to-Z N"),
    ("W10", "2026-10-28T15:05:00-07:00", "Merchant", "Shipped", 1, "12",
     "return with A-to-Z Y requested 22-Nov-2026, after as-of"),
    ("W9c", "2026-11-09T10:10:00-08:00", "Merchant", "Shipped", 1, "12", "after the window; return, A-to-Z N"),
    ("X1", "2026-11-12T19:00:00-08:00", "Merchant", "Shipped", 1, "12", "after the window; claim under-review"),
    ("X2", "2026-11-10T06:30:00+00:00", "Amazon", "Shipped", 1, "12", "after the window; 2-star feedback"),
    ("B1", "2026-08-09T17:25:00-07:00", "Amazon", "Shipped", 1, "1", "before the window; 2-star feedback"),
    ("B2", "2026-09-02T09:45:00-07:00", "Merchant", "Shipped", 1, "1",
     "before the window; returns A-to-Z Y"),
]

# Defect events, on SPECIAL keys ("U1" is an order in no orders file).
# Feedback: (key, date, rating, comment, your response)
FEEDBACK = [
    ("B1", dt.date(2026, 8, 20), 2, 'Color is not "charcoal" as pictured, it is dark blue', ""),
    ("S3", dt.date(2026, 9, 15), 1, "Arrived with a chipped edge, had to return it", ""),
    ("U1", dt.date(2026, 10, 1), 2, 'Description said "2-pack", got one cable', ""),
    ("W1", dt.date(2026, 10, 9), 3, "OK product, box was a bit crushed", ""),
    ("A1", dt.date(2026, 11, 2), 2, 'Smells of chemicals; sold as "new", looks used',
     "We’re sorry, a refund has been issued."),
    ("M1", dt.date(2026, 11, 14), 1, 'Said "2-day shipping", took 9 days. Box crushed, item cracked', ""),
    ("M1", dt.date(2026, 11, 14), 1, 'Said "2-day shipping", took 9 days. Box crushed, item cracked', ""),
    ("X2", dt.date(2026, 11, 17), 2, "Broke after two uses, cheap plastic", ""),
    ("W2", dt.date(2026, 11, 21), 1, "Never arrived, seller does not answer", ""),
]
# Claims: (key, claim date, status as written, reason, amount)
CLAIMS = [
    ("S2", dt.date(2026, 9, 20), "seller-refunded", "Item not received", 22.50),
    ("W3", dt.date(2026, 9, 30), "denied", "Item not received", 16.99),
    ("W5", dt.date(2026, 10, 14), "Reversed-On-Appeal", "Item materially different", 57.97),
    ("W4", dt.date(2026, 10, 26), "WITHDRAWN", 'Buyer says "new" item was used', 19.99),
    ("A1", dt.date(2026, 11, 3), "Granted", "Damaged, defective", 49.98),
    ("X1", dt.date(2026, 11, 19), "under-review", "Item not received", 29.95),
    ("W6", dt.date(2026, 11, 24), "granted", "Item not received", 14.99),
]
# Chargebacks: (key, date, type as written, reason, amount)
CHARGEBACKS = [
    ("W7", dt.date(2026, 10, 20), "fraud", "Unauthorized transaction", 24.99),
    ("A1", dt.date(2026, 11, 10), "service", "Merchandise not received", 49.98),
    ("S9", dt.date(2026, 11, 18), "Service", "Merchandise not as described", 9.99),
    ("W8", dt.date(2026, 11, 23), "service", "Merchandise not received", 17.49),
]
# Returns report rows: (key, return request date, A-to-Z Claim, status, reason, one-space fields?)
RETURNS = [
    ("B2", dt.date(2026, 9, 10), "Y", "Closed", "AMZ-PG-BAD-DESC", False),
    ("W9a", dt.date(2026, 10, 9), "N", "Approved", "AMZ-PG-APP-TOO-SMALL", True),
    ("W9b", dt.date(2026, 10, 21), "N", "Approved", "UNWANTED_ITEM", False),
    ("M1", dt.date(2026, 11, 12), "Y", "Approved", "DEFECTIVE", False),
    ("W9c", dt.date(2026, 11, 16), "N", "Authorized", "NO_REASON_GIVEN", False),
    ("W10", dt.date(2026, 11, 22), "Y", "Pending", "AMZ-PG-MISSED-ESTIMATED-DELIVERY", False),
]

NON_COUNTING_CLAIM = {"denied", "withdrawn", "reversed-on-appeal"}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

# Order counts, specials included. File 1: 300 orders; file 2: 40 shared + 20 own.
F1_BEFORE, F1_WINDOW, F1_AFTER = 45, 218, 37
F2_OWN_WINDOW, F2_OWN_AFTER = 12, 8
F2_SHARED = 40
WINDOW_AFN, WINDOW_MFN = 135, 95  # distinct orders in the window over both files


def odr_window(as_of):
    end = as_of - dt.timedelta(days=LAG)
    return end - dt.timedelta(days=DAYS - 1), end


def us_date(d):
    return f"{d.month}/{d.day}/{d:%y}"


def returns_date(d):
    return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"


def written_date(ts):
    """Calendar date of an ISO timestamp as written (never re-zoned)."""
    return dt.date.fromisoformat(ts[:10])


def instant(ts):
    return dt.datetime.fromisoformat(ts)


class Gen:
    def __init__(self):
        self.rnd = random.Random(SEED)
        self.used_ids = set()

    def order_id(self):
        r = self.rnd
        while True:
            oid = f"{r.choice(['111', '112', '113', '114'])}-{r.randrange(10**7):07d}-{r.randrange(10**7):07d}"
            if oid not in self.used_ids:
                self.used_ids.add(oid)
                return oid

    def timestamp(self, day):
        r = self.rnd
        t = dt.time(r.randrange(18 if day == AS_OF else 24), r.randrange(60), r.randrange(60))
        if r.random() < 0.3:
            off = "+00:00"
        else:
            off = "-08:00" if day >= dt.date(2026, 11, 1) else "-07:00"  # US DST ends 2026-11-01
        return f"{day.isoformat()}T{t.isoformat()}{off}"

    def status(self, day, channel):
        r = self.rnd
        if r.random() < 0.04:
            return "Cancelled"
        if day >= dt.date(2026, 11, 18):
            if channel == "Amazon":
                return r.choices(["Pending", "Shipping", "Shipped"], [2, 3, 5])[0]
            return r.choices(["Pending", "Unshipped", "Shipped"], [1, 4, 5])[0]
        return "Shipped"

    def rows(self, oid, ts, channel, status, nitems, bare=False):
        r = self.rnd
        upd = instant(ts) + dt.timedelta(hours=r.randrange(2, 70), minutes=r.randrange(60))
        if upd > DOWNLOADED:  # nothing in the file is newer than the download
            upd = min(instant(ts) + dt.timedelta(minutes=r.randrange(5, 50)), DOWNLOADED)
        updated = upd.isoformat()
        business = r.random() < 0.1
        city, state, zipc = r.choice(CITIES)
        level = r.choice(["Standard", "Standard", "Expedited", "SecondDay", "NextDay"])
        promo = "US Core Free Shipping Promotion A2ACMEFREESHIP" if r.random() < 0.15 else ""
        po = f"PO-{r.randrange(1000, 9999)}" if business and r.random() < 0.5 else ""
        out = []
        for product in r.sample(PRODUCTS, nitems):
            name, sku, asin, unit = product
            qty = r.choice([1, 1, 1, 2, 3])
            if status == "Cancelled":
                item_status = "Cancelled"
            elif status == "Shipped":
                item_status = "Shipped"
            elif status == "Shipping":
                item_status = r.choice(["Shipped", "Unshipped"])
            else:
                item_status = "Unshipped"
            if status == "Cancelled" and (r.random() < 0.6 or bare):
                # as in the real 2018 sample: quantity 0, no currency, no price
                qty_s, cur, price, tax, ship, stax = "0", "", "", "", "", ""
            else:
                qty_s, cur = str(qty), "USD"
                price = f"{unit * qty:.2f}"
                tax = "" if state in ("OR",) or r.random() < 0.1 else f"{unit * qty * 0.07:.2f}"
                ship = "0.00" if channel == "Amazon" else r.choice(["0.00", "4.99", "6.49"])
                stax = "" if ship == "0.00" else "0.00"
            row = [oid, oid, ts, updated, status, channel, "Amazon.com", "", level, name, sku, asin,
                   item_status, qty_s, cur, price, tax, ship, stax, "", "", "", "",
                   city, state, zipc, "US", promo, "", "true" if business else "false", po,
                   "BusinessPrice" if business and r.random() < 0.5 else ""]
            assert len(row) == 32 and not any("\t" in f or "\n" in f or "\r" in f for f in row)
            out.append(row)
        return out


# ---- shipments.csv: the seller-fulfilled orders' fulfilment story ----
# One row per Merchant order of the orders files, same id, purchase-date as written and business
# flag; consistent with the order status at download time (Shipped: confirmed before it; Cancelled:
# cancelled before it; Unshipped: neither). The shipments file itself was exported on the morning of
# 11-22, so it holds a few later events (deliveries up to 11-21). Its own random stream: the files above do not change.
SHIP_SEED = 20261121
EXPORTED = dt.datetime.fromisoformat("2026-11-22T08:00:00-08:00")
PACIFIC_DST_END = dt.datetime.fromisoformat("2026-11-01T09:00:00+00:00")  # 02:00 PDT
CARRIER = {"Standard": "USPS", "Expedited": "UPS", "SecondDay": "UPS", "NextDay": "FedEx"}
TRANSIT = {"Standard": 4, "Expedited": 3, "SecondDay": 2, "NextDay": 1}  # calendar days after ship-by

# Windows for as-of 2026-11-20: late shipment 11-11 .. 11-20 (10 days) and 10-22 .. 11-20 (30) by
# ship-by date; cancellations 11-14 .. 11-20 by order date; valid tracking 10-08 .. 11-06 and
# on-time delivery 10-31 .. 11-13 by promised delivery date.
# (name, order: a SPECIAL key or its purchase-date as written, overrides, note)
D = dt.date
SHIP_STORY = [
    ("LATE-UNC", "2026-11-18T05:47:37-08:00",
     {"latest": "2026-11-19T23:59:59-08:00", "confirm": "2026-11-21T05:10:00+00:00", "promised": D(2026, 11, 22)},
     "late: ship-by 11-19; confirmed 11-20 21:10 PST but written 2026-11-21T05:10:00+00:00, a date after "
     "as-of, so unconfirmed past ship-by (Shipped in the orders file, downloaded 21:30 PST)"),
    ("ONE-SEC", "2026-11-17T06:12:12-08:00",
     {"latest": "2026-11-18T23:59:59-08:00", "confirm": "2026-11-18T23:59:58-08:00"},
     "on time: confirmed one second before ship-by"),
    ("AT-SHIP-BY", "2026-11-16T05:51:22-08:00",
     {"latest": "2026-11-17T23:59:59-08:00", "confirm": "2026-11-18T07:59:59+00:00"},
     "on time: confirmed at the ship-by instant exactly (written in UTC, dated 11-18)"),
    ("UNC-TODAY", "2026-11-20T00:54:30-08:00",
     {"latest": "2026-11-20T23:59:59-08:00", "confirm": "2026-11-21T07:40:00-08:00", "promised": D(2026, 11, 23)},
     "not late: ship-by is the as-of day; its confirmation (11-21, late) is after as-of and ignored"),
    ("BUYER-CXL", "P2",
     {"latest": "2026-11-23T23:59:59-08:00", "cancel": "2026-11-20T22:05:00-08:00", "by": "buyer"},
     "cancelled by the buyer after the download: in the cancel-rate denominator only"),
    ("AUTO-CXL", "2026-10-20T18:52:24-07:00",
     {"latest": "2026-10-22T23:59:59-07:00", "cancel": "2026-10-26T03:00:00-07:00", "by": "amazon"},
     "never confirmed, Amazon cancelled it: out of the late shipment rate though ship-by 10-22 is in "
     "the 30 days; order date outside the 7-day cancel window"),
    ("W10", "W10",
     {"latest": "2026-10-30T23:59:59-07:00", "confirm": "2026-10-29T16:20:00-07:00", "promised": D(2026, 11, 2),
      "delivered": D(2026, 11, 5)},
     "delivered 3 days late (its return says AMZ-PG-MISSED-ESTIMATED-DELIVERY)"),
    ("TRACK-N", "W6",
     {"latest": "2026-11-02T23:59:59-08:00", "confirm": "2026-11-02T11:05:00-08:00", "promised": D(2026, 11, 6),
      "valid": "N", "delivered": None},
     "tracking marked N (invalid), never delivered (its claim: Item not received); promised 11-06, the "
     "valid tracking window's last day; left out of on-time delivery"),
    ("NO-TRACK", "2026-11-04T14:58:17-08:00",
     {"latest": "2026-11-05T23:59:59-08:00", "confirm": "2026-11-05T09:40:00-08:00", "promised": D(2026, 11, 7),
      "tracking": "", "delivered": D(2026, 11, 10)},
     "no tracking id, delivered late; promised 11-07, the day after the valid tracking window: counts in "
     "neither rate"),
    ("W2", "W2",
     {"latest": "2026-11-05T23:59:59-08:00", "confirm": "2026-11-04T10:15:00-08:00", "promised": D(2026, 11, 9),
      "valid": "Y", "delivered": None},
     "valid tracking, never delivered (its feedback: Never arrived): late"),
    ("M1", "M1",
     {"latest": "2026-11-09T23:59:59-08:00", "confirm": "2026-11-09T14:00:00-08:00", "promised": D(2026, 11, 13),
      "delivered": D(2026, 11, 15)},
     "promised 11-13, the on-time window's last day, delivered 11-15 (its feedback: took 9 days): late"),
    ("ON-PROMISE", "W9c",
     {"latest": "2026-11-10T23:59:59-08:00", "confirm": "2026-11-10T12:30:00-08:00", "promised": D(2026, 11, 12),
      "delivered": D(2026, 11, 12)},
     "delivered on the promised date: on time"),
    ("AFTER-ASOF", "2026-11-08T08:57:58+00:00",
     {"latest": "2026-11-09T23:59:59-08:00", "confirm": "2026-11-09T15:45:00-08:00", "promised": D(2026, 11, 13),
      "delivered": D(2026, 11, 21)},
     "delivered 11-21, after as-of: not delivered by as-of, late"),
    ("OUTSIDE", "X1",
     {"latest": "2026-11-13T23:59:59-08:00", "confirm": "2026-11-13T10:00:00-08:00", "promised": D(2026, 11, 14),
      "delivered": None},
     "promised 11-14, the day after the on-time window; never delivered (its claim): not counted"),
]


def pacific(t):
    """t in US Pacific time (PDT until 2026-11-01 09:00 UTC, then PST)."""
    off = -7 if t < PACIFIC_DST_END else -8
    return t.astimezone(dt.timezone(dt.timedelta(hours=off)))


def pacific_eod(d):
    return f"{d.isoformat()}T23:59:59{'-07:00' if d < dt.date(2026, 11, 1) else '-08:00'}"


def add_business_days(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def shipments(orders, key_oid):
    """shipments.csv rows for the Merchant orders, and the story keys -> order ids."""
    r = random.Random(SHIP_SEED)
    by_ts, story = {}, {}
    for o in orders:
        by_ts.setdefault(o["ts"], []).append(o)
    for name, sel, over, _ in SHIP_STORY:
        oid = key_oid[sel] if sel in key_oid else None
        if oid is None:
            hits = [o for o in by_ts.get(sel, []) if o["ch"] == "Merchant"]
            assert len(hits) == 1, (name, sel, hits)
            oid = hits[0]["oid"]
        story[name] = oid
    override = {story[name]: over for name, _, over, _ in SHIP_STORY}

    rows = []
    for o in sorted((o for o in orders if o["ch"] == "Merchant"), key=lambda o: (instant(o["ts"]), o["oid"])):
        first = o["rows"][0]
        level, business = first[8], first[29] == "true"
        bought = instant(o["ts"])
        local = pacific(bought)
        ship_by = add_business_days(local.date(), r.choice([1, 1, 2]))
        latest = pacific_eod(ship_by)
        s = {"oid": o["oid"], "marketplace": "US", "purchase": o["ts"], "latest": latest, "confirm": None,
             "cancel": None, "by": "", "carrier": "", "tracking": "", "valid": "", "promised": None,
             "delivered": None, "business": business, "upload": None}
        if o["st"] == "Cancelled":
            c = bought + dt.timedelta(hours=r.randint(1, 30), minutes=r.randrange(60))
            s["cancel"] = pacific(c).isoformat()
            s["by"] = r.choice(["seller", "buyer", "buyer"])
        elif o["st"] == "Shipped":
            hi = min(instant(latest) - dt.timedelta(hours=1), DOWNLOADED - dt.timedelta(minutes=15))
            lo = bought + dt.timedelta(hours=1)
            c = lo + (hi - lo) * r.random()
            c = c.replace(microsecond=0)
            utc = c.astimezone(dt.timezone.utc)
            s["confirm"] = utc.isoformat() if r.random() < 0.2 and utc.date() <= AS_OF else pacific(c).isoformat()
        s.update(override.get(o["oid"], {}))
        if s["confirm"]:
            s["carrier"] = CARRIER[level]
            if "tracking" not in override.get(o["oid"], {}):
                s["tracking"] = tracking_id(r, s["carrier"])
            if "valid" not in override.get(o["oid"], {}):
                s["valid"] = "Y" if r.random() < 0.6 else ""
            if "promised" not in override.get(o["oid"], {}):
                s["promised"] = sfrules.day(s["latest"]) + dt.timedelta(days=TRANSIT[level])
            if "delivered" not in override.get(o["oid"], {}):
                d = s["promised"] - dt.timedelta(days=r.choice([0, 0, 1, 1, 2]))
                d = max(d, sfrules.day(s["confirm"]) + dt.timedelta(days=1))
                s["delivered"] = d if d < EXPORTED.date() else None  # none on the export morning
        # consistent with the orders file's status at download time, nothing after the export
        events = [instant(x) for x in (s["confirm"], s["cancel"]) if x]
        assert all(e <= EXPORTED for e in events) and (not s["delivered"] or s["delivered"] <= EXPORTED.date())
        confirmed = s["confirm"] and instant(s["confirm"]) <= DOWNLOADED
        cancelled = s["cancel"] and instant(s["cancel"]) <= DOWNLOADED
        assert {"Shipped": confirmed and not cancelled, "Cancelled": cancelled and not confirmed,
                "Unshipped": not confirmed and not cancelled}[o["st"]], (o["oid"], o["st"], s)
        assert instant(s["latest"]) > bought and (not s["confirm"] or instant(s["confirm"]) > bought)
        rows.append(s)
    return rows, story


def tracking_id(r, carrier):
    if carrier == "USPS":
        return "9400111" + "".join(r.choice("0123456789") for _ in range(15))
    if carrier == "UPS":
        return "1Z" + "".join(r.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6)) + \
            "03" + "".join(r.choice("0123456789") for _ in range(8))
    return "".join(r.choice("0123456789") for _ in range(12))


def check_shipments_story(figures, behind, story):
    """The verdicts the sample is built to show (asserted, so a change cannot drift silently)."""
    st = {k: v["status"] for k, v in figures.items()}
    assert st == {"late_shipment_rate_10d": "fail", "late_shipment_rate_30d": "pass",
                  "prefulfillment_cancel_rate": "pass", "valid_tracking_rate": "pass",
                  "on_time_delivery_rate": "fail"}, st
    named = lambda *ks: sorted(story[k] for k in ks)
    # one late order: 1/14 fails the 10 days, 1/45 passes the 30 (a second one would fail both)
    assert behind["late_shipment_rate_10d"] == behind["late_shipment_rate_30d"] == [story["LATE-UNC"]]
    assert behind["prefulfillment_cancel_rate"] == []
    assert behind["valid_tracking_rate"] == [story["TRACK-N"]]
    assert sorted(behind["on_time_delivery_rate"]) == named("W10", "W2", "M1", "AFTER-ASOF")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "..", "accounts", "acme-us"))
    ap.add_argument("-v", "--verbose", action="store_true", help="also list the named orders and their ids")
    a = ap.parse_args()
    out_dir = os.path.normpath(a.out)
    os.makedirs(out_dir, exist_ok=True)

    g = Gen()
    r = g.rnd
    start, end = odr_window(AS_OF)
    assert (start, end) == (dt.date(2026, 9, 8), dt.date(2026, 11, 6))

    # ---- orders: (oid, ts, channel, status, rows, files) ----
    orders = []
    key_oid = {}
    for key, ts, ch, st, n, files, _ in SPECIAL:
        oid = g.order_id()
        key_oid[key] = oid
        orders.append({"oid": oid, "ts": ts, "ch": ch, "st": st, "n": n, "files": files, "key": key})
    key_oid["U1"] = g.order_id()  # in no orders file

    def where(o):
        d = written_date(o["ts"])
        return "before" if d < start else "after" if d > end else "window"

    def count(files, period):
        return sum(1 for o in orders if o["files"] in files and where(o) == period)

    # fillers: (period, how many, date range, files)
    aug1, nov20 = dt.date(2026, 8, 1), AS_OF
    plan = [
        (F1_BEFORE - count(("1", "12"), "before"), aug1, start - dt.timedelta(days=1), "1"),
        (F1_WINDOW - count(("1", "12"), "window"), start, end, "1"),
        (F1_AFTER - count(("1", "12"), "after"), end + dt.timedelta(days=1), nov20, "1"),
        (F2_OWN_WINDOW - count(("2",), "window"), dt.date(2026, 10, 20), end, "2"),
        (F2_OWN_AFTER - count(("2",), "after"), end + dt.timedelta(days=1), nov20, "2"),
    ]
    # channels of window fillers fixed so the window holds exactly WINDOW_AFN / WINDOW_MFN orders
    special_w = [o for o in orders if where(o) == "window"]
    n_fill_w = plan[1][0] + plan[3][0]
    afn_fill = WINDOW_AFN - sum(o["ch"] == "Amazon" for o in special_w)
    window_channels = ["Amazon"] * afn_fill + ["Merchant"] * (n_fill_w - afn_fill)
    assert afn_fill >= 0 and n_fill_w - afn_fill >= 0
    r.shuffle(window_channels)
    for n, lo, hi, files in plan:
        assert n >= 0, (n, lo, hi, files)
        for _ in range(n):
            day = lo + dt.timedelta(days=r.randrange((hi - lo).days + 1))
            ts = g.timestamp(day)
            if start <= day <= end:
                ch = window_channels.pop()
            else:
                ch = "Amazon" if r.random() < 0.6 else "Merchant"
            nitems = 1 if r.random() < 0.8 else r.randint(2, 3)
            orders.append({"oid": g.order_id(), "ts": ts, "ch": ch, "st": g.status(day, ch), "n": nitems,
                           "files": files, "key": ""})
    assert not window_channels

    # file 2 shares 40 orders with file 1: the specials marked "12" plus file-1 orders from 10-15 on
    shared = [o for o in orders if o["files"] == "12"]
    pool = [o for o in orders if o["files"] == "1" and not o["key"]
            and written_date(o["ts"]) >= dt.date(2026, 10, 15)]
    pool.sort(key=lambda o: o["oid"])
    for o in r.sample(pool, F2_SHARED - len(shared)):
        o["files"] = "12"

    for o in orders:
        o["rows"] = g.rows(o["oid"], o["ts"], o["ch"], o["st"], o["n"], bare=o["key"] == "S5")

    def write_orders(name, files, bom, eol):
        sel = [o for o in orders if o["files"] in files]
        sel.sort(key=lambda o: (instant(o["ts"]), o["oid"]), reverse=True)  # newest first, like Amazon
        lines = ["\t".join(ORDER_HEADER)] + ["\t".join(row) for o in sel for row in o["rows"]]
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
            f.write(("\ufeff" if bom else "") + eol.join(lines) + eol)
        return len(sel), len(lines) - 1

    n1 = write_orders("2026-11-20 All Orders.txt", ("1", "12"), True, "\r\n")
    n2 = write_orders("Download (3).txt", ("2", "12"), False, "\n")

    # ---- feedback ----
    with open(os.path.join(out_dir, "Feedback.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n")
        emails = {}
        for key, d, rating, comment, resp in FEEDBACK:
            if key not in emails:
                emails[key] = "".join(r.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(14))
            f.write(f"{us_date(d)}\t{rating}\t{comment}\t{resp}\t{key_oid[key]}\t"
                    f"{emails[key]}@marketplace.amazon.com\n")

    # ---- A-to-z claims (canonical CSV) ----
    def csv_field(s):
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s

    with open(os.path.join(out_dir, "atoz-claims.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("order-id,claim-date,claim-status,claim-reason,claim-amount,currency\n")
        for key, d, status, reason, amount in CLAIMS:
            f.write(",".join([key_oid[key], d.isoformat(), status, csv_field(reason), f"{amount:.2f}", "USD"]) + "\n")

    # ---- chargebacks (canonical, tab-separated) ----
    with open(os.path.join(out_dir, "chargebacks.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("order-id\tchargeback-date\tchargeback-type\treason\tamount\tcurrency\n")
        for key, d, kind, reason, amount in CHARGEBACKS:
            f.write("\t".join([key_oid[key], d.isoformat(), kind, reason, f"{amount:.2f}", "USD"]) + "\n")

    # ---- seller-fulfilled returns report ----
    by_key = {o["key"]: o for o in orders if o["key"]}
    with open(os.path.join(out_dir, "Returns report.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(RETURNS_HEADER) + "\n")
        for key, d, atoz, status, reason, spaces in RETURNS:
            o = by_key[key]
            assert o["ch"] == "Merchant"
            item = o["rows"][0]
            blank = " " if spaces else ""
            rma = "D" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789")
                                for _ in range(8)) + "RMA"
            odate = written_date(o["ts"])
            qty = item[13]
            row = [o["oid"], returns_date(odate), returns_date(d), status, rma, blank,
                   "AmazonPrePaidLabel", f"{r.randrange(380, 760) / 100:.2f}", "USD", "USPS",
                   f"92020903{r.randrange(10**14):014d}", "Seller", atoz, "N", item[11], item[10], item[9],
                   qty, reason, "Y", "C-Returns", "StandardRefund", blank, blank, item[15], qty,
                   "", "", "", "", "", item[15] if status in ("Closed",) else ""]
            assert len(row) == 32
            f.write("\t".join(row) + "\n")

    # ---- notes.md (not a report) ----
    with open(os.path.join(out_dir, "notes.md"), "w", encoding="utf-8", newline="") as f:
        f.write("# Acme US - exports for the health check\n\n"
                "Downloaded 2026-11-20 from Seller Central (Reports > Fulfillment > All Orders).\n"
                "`Download (3).txt` is a second All Orders download, I am not sure which date range\n"
                "I picked; it overlaps the big one. Feedback, returns and the claims/chargebacks\n"
                "sheets were re-downloaded on 2026-11-25, so they may hold a few newer rows.\n\n"
                "- claims and chargebacks are copied by hand from the Performance pages\n"
                "- ask about the Nov 6 order that arrived cracked (A-to-z via the return)\n")

    # ---- expected figures, from the rules and the event tables above ----
    order_of = {}  # oid -> (date as written, channel), union over both files
    for o in orders:
        order_of[o["oid"]] = (written_date(o["ts"]), o["ch"])
    neg_fb = {key_oid[k] for k, d, rating, _, _ in FEEDBACK if rating in (1, 2) and d <= AS_OF}
    claims = {key_oid[k] for k, d, st, _, _ in CLAIMS if st.lower() not in NON_COUNTING_CLAIM and d <= AS_OF}
    claims |= {key_oid[k] for k, d, atoz, _, _, _ in RETURNS if atoz == "Y" and d <= AS_OF}
    cbs = {key_oid[k] for k, d, kind, _, _ in CHARGEBACKS if kind.lower() == "service" and d <= AS_OF}
    kinds = [("negative_feedback", neg_fb), ("a_to_z_claims", claims), ("chargebacks", cbs)]

    def odr(lo, hi):
        res = {}
        for seg in ("all", "afn", "mfn"):
            ids = {oid for oid, (d, ch) in order_of.items() if lo <= d <= hi and
                   (seg == "all" or (ch == "Amazon") == (seg == "afn"))}
            defective = ids & (neg_fb | claims | cbs)
            res[seg] = {"numerator": len(defective), "denominator": len(ids),
                        "value": len(defective) / len(ids) if ids else None,
                        "components": {name: len(ids & s) for name, s in kinds}}
        return res

    expected = {"as_of": AS_OF.isoformat(), "window": {"from": start.isoformat(), "to": end.isoformat()},
                "odr": odr(start, end),
                "unmatched": [{"order_id": oid, "kind": name}
                              for name, s in kinds for oid in sorted(s) if oid not in order_of]}

    # ---- shipments.csv and the seller-fulfilled figures (own random stream: the files above
    # stay byte-identical) ----
    ships, ship_keys = shipments(orders, key_oid)
    sfrules.write_csv(os.path.join(out_dir, "shipments.csv"), ships)
    figures, behind = sfrules.seller_fulfilled_figures(ships, AS_OF, "US")
    expected["marketplace"] = "US"
    expected.update(figures)
    # metrics.md, IDR: "Calculated separately per store (UK, DE, FR, IT, ES)": none for a US account.
    expected["not_computed"] = ["invoice_defect_rate"]
    # Beside the account, not in it: the account folder holds only what a
    # seller's downloads folder would.
    with open(out_dir.rstrip("/") + ".expected.json", "w", encoding="utf-8", newline="") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")

    # ---- design checks and summary ----
    e = expected["odr"]
    assert e["all"]["denominator"] == WINDOW_AFN + WINDOW_MFN
    assert e["afn"]["denominator"] == WINDOW_AFN and e["mfn"]["denominator"] == WINDOW_MFN
    assert all(v > 0 for v in e["all"]["components"].values())

    def verdict(v):
        return "no_data" if v is None else "FAIL" if v >= 0.01 else "WARN" if v >= 0.008 else "PASS"

    assert [verdict(e[s]["value"]) for s in ("all", "afn", "mfn")] == ["WARN", "PASS", "FAIL"]
    print(f"acme-us -> {out_dir}")
    print(f"  2026-11-20 All Orders.txt: {n1[0]} orders, {n1[1]} item rows (BOM, CRLF)")
    print(f"  Download (3).txt:          {n2[0]} orders, {n2[1]} item rows ({F2_SHARED} shared with the first)")
    print(f"  distinct orders {len(order_of)}; feedback rows {len(FEEDBACK)}, claims {len(CLAIMS)}, "
          f"chargebacks {len(CHARGEBACKS)}, returns rows {len(RETURNS)}")
    print(f"  as-of {AS_OF}, window {start} .. {end}")
    for seg in ("all", "afn", "mfn"):
        x = e[seg]
        c = x["components"]
        print(f"  ODR {seg:3} {x['numerator']}/{x['denominator']} = {x['value'] * 100:.2f} % {verdict(x['value'])}"
              f"  (feedback {c['negative_feedback']}, claims {c['a_to_z_claims']}, chargebacks {c['chargebacks']})")
    for u in expected["unmatched"]:
        print(f"  unmatched {u['kind']}: {u['order_id']}")
    print("  defective in window: " + ", ".join(f"{k} {key_oid[k]}" for k in ("M1", "A1")))
    print(f"  shipments.csv: {len(ships)} seller-fulfilled orders")
    print(sfrules.summary("", figures))
    name_of = {oid: k for k, oid in ship_keys.items()}
    for k, ids in behind.items():
        print(f"    {k}: " + (", ".join(f"{name_of.get(i, '?')} {i}" for i in ids) or "none"))
    check_shipments_story(figures, behind, ship_keys)
    if a.verbose:
        for key, ts, ch, st, n, files, note in SPECIAL:
            print(f"    {key:4} {key_oid[key]}  {ts}  {ch:8} {st:9} file {files:2}  {note}")
        print(f"    U1   {key_oid['U1']}  (in no orders file)")
        by_oid = {x["oid"]: x for x in ships}
        for key, _, _, note in SHIP_STORY:
            x = by_oid[ship_keys[key]]
            print(f"    {key:9} {x['oid']}  {x['purchase']}  ship-by {x['latest']}  {note}")
    alt = odr(dt.date(2026, 9, 7), dt.date(2026, 11, 5))
    print("  (an off-by-one window 2026-09-07 .. 2026-11-05 would give "
          + ", ".join(f"{s} {alt[s]['numerator']}/{alt[s]['denominator']}" for s in ("all", "afn", "mfn")) + ")")


if __name__ == "__main__":
    main()
