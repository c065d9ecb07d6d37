#!/usr/bin/env python3
"""Hand-checkable German sample account "acme-de" for `audit all --as-of 2026-11-20`.

Writes into testdata/accounts/acme-de/ (or --out):

  20261120 Bestellungen.txt  All Orders report, 32 columns, tab-delimited, no quoting, CRLF,
                             Windows-1252 (umlauts, "×" and „…“ in product names); sales-channel
                             Amazon.de, EUR; orders 2026-08-24 .. 2026-11-20, offsets +02:00 until
                             the end of summer time (2026-10-25), +01:00 after
  Feedback DE.txt            Feedback report with German headers, dates D.M.YY (13.10.26, 2.12.26)
  atoz-claims.csv            canonical A-to-z claims (EUR)
  chargebacks.csv            canonical chargebacks (EUR)
  shipments.csv              canonical shipments file, marketplace DE: one row per Merchant order
                             (ship-by, confirmation, cancellation, tracking, delivery, invoice upload)
  ../acme-de.expected.json   every figure these files imply, computed here from the rules of
                             shared/reference/metrics.md (ODR below, the rest in sfrules.py)

The story (as-of 2026-11-20, a Friday): ODR passes (mfn 0.76 %, just under the warn line); the late
shipment rate warns on 10 days and passes on 30; the cancel rate warns (one Amazon auto-cancel in
45 orders); valid tracking warns; on-time delivery misses 97 % by far (it would fail in the US) but
DE only recommends it, so it warns; the invoice defect rate fails (two missing, two late invoices).
Every event sits on a named order (SPECIAL); the filler orders are shipped on time, tracked,
delivered on time and invoiced on time, so each figure can be checked by hand.

Buß- und Bettag (Wednesday 2026-11-18) is a public holiday in Saxony, where the seller ships from;
metrics.md: IDR counts Monday to Friday as business days, holidays included.

Standard library only, deterministic (fixed seed). Usage: python3 acme_de.py [--out DIR] [-v]
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
SEED = 4920261120
FIRST_DAY = dt.date(2026, 8, 24)
DOWNLOADED = dt.datetime.fromisoformat("2026-11-20T22:00:00+01:00")  # the orders report
EXPORTED = dt.datetime.fromisoformat("2026-11-23T09:00:00+01:00")  # shipments.csv and the rest
SUMMER_TIME_END = dt.datetime.fromisoformat("2026-10-25T01:00:00+00:00")
D = dt.date

ORDER_HEADER = ("amazon-order-id merchant-order-id purchase-date last-updated-date order-status "
                "fulfillment-channel sales-channel order-channel ship-service-level product-name sku "
                "asin item-status quantity currency item-price item-tax shipping-price shipping-tax "
                "gift-wrap-price gift-wrap-tax item-promotion-discount ship-promotion-discount "
                "ship-city ship-state ship-postal-code ship-country promotion-ids cpf "
                "is-business-order purchase-order-number price-designation").split()
assert len(ORDER_HEADER) == 32

PRODUCTS = [
    ("Kissenbezug 40 × 40 cm, Leinen, „Salbeigrün“", "KB-4040-SG", "B0DEACME01", 14.99),
    ("Edelstahl-Trinkflasche 750 ml, auslaufsicher", "TF-750", "B0DEACME02", 19.95),
    ("Bambus-Schneidebrett 45 × 30 cm mit Saftrille", "SB-4530", "B0DEACME03", 24.90),
    ('Küchenmesser 20 cm "Profi", mit Klingenschutz', "KM-20P", "B0DEACME04", 34.50),
    ("USB-C Ladekabel 2 m, 2er-Pack", "UC-2M-2", "B0DEACME05", 9.99),
    ("Fleecedecke 150 × 200 cm; Anthrazit, waschbar", "FD-150", "B0DEACME06", 29.99),
    ("Gewürzregal für 20 Gläser, Eiche geölt", "GR-20E", "B0DEACME07", 39.00),
]
# Invented towns (city, state, postal code); no person data anywhere in the account.
CITIES = [
    ("Lindenau am Bach", "Sachsen", "01979"), ("Oberwiesenfeld", "Bayern", "85399"),
    ("Kleinmarkstedt", "Niedersachsen", "31899"), ("Altenrode", "Thüringen", "07999"),
    ("Birkhausen", "Nordrhein-Westfalen", "59999"), ("Talheim an der Lauter", "Baden-Württemberg", "72999"),
    ("HAFENSTEDT", "Schleswig-Holstein", "24999"), ("Neu Quellin", "Brandenburg", "16999"),
]
CARRIERS = ["DHL"] * 7 + ["Hermes"] * 2 + ["DPD"]

# ---- the named orders ----
# key, purchase-date as written, channel, items, business, note. Windows for as-of 2026-11-20:
# ODR 09-08 .. 11-06 by order date; late shipment 11-11 .. 11-20 and 10-22 .. 11-20 by ship-by
# date; cancellations 11-14 .. 11-20 by order date; valid tracking 10-08 .. 11-06 and on-time
# delivery 10-31 .. 11-13 by promised delivery date; invoices 11-07 .. 11-13 by order date.
SPECIAL = [
    # ODR
    ("O1", "2026-10-09T14:12:00+02:00", "Merchant", 1, False,
     "1-star feedback (13.10.26) + granted A-to-z claim: one defective order"),
    ("O2", "2026-11-02T09:30:00+01:00", "Merchant", 1, False,
     "2-star feedback dated 2.12.26, after as-of (read as M.D.YY it would be 12 Feb and count)"),
    ("O3", "2026-10-15T11:00:00+02:00", "Amazon", 1, False, "3-star feedback (neutral)"),
    ("O4", "2026-09-07T23:45:00+02:00", "Merchant", 1, False, "day before the ODR window; 2-star feedback"),
    ("O5", "2026-09-08T00:30:00+02:00", "Merchant", 1, False,
     "first day of the ODR window as written (09-07 in UTC); claim denied"),
    ("O6", "2026-11-06T23:30:00+01:00", "Merchant", 1, True,
     "last day of the ODR window; business order one day before the invoice window, never invoiced"),
    ("O7", "2026-11-07T00:10:00+01:00", "Amazon", 1, False,
     "day after the ODR window (11-06 in UTC); service chargeback must not count"),
    ("O8", "2026-10-21T18:05:00+02:00", "Amazon", 2, False, "fraud chargeback (does not count)"),
    ("O9", "2026-10-30T07:45:00+01:00", "Amazon", 1, False, "service chargeback dated 2026-11-24, after as-of"),
    # late shipment and cancellations
    ("L1", "2026-11-17T10:20:00+01:00", "Merchant", 1, False,
     "ship-by 11-19, still unconfirmed: late (unconfirmed past ship-by)"),
    ("L2", "2026-11-18T16:05:00+01:00", "Merchant", 1, False,
     "ship-by 11-20 (the as-of day), confirmed 11-21: not late (unconfirmed today; later events ignored)"),
    ("L3", "2026-11-13T08:40:00+01:00", "Merchant", 1, False,
     "confirmed at the ship-by instant exactly (2026-11-16T22:59:59+00:00): on time"),
    ("L4", "2026-11-10T13:00:00+01:00", "Merchant", 1, True,
     "confirmed Fri 11-13 00:00:00, one second after ship-by: late; invoice uploaded Mon 23:00: on time"),
    ("L5", "2026-10-26T09:00:00+01:00", "Merchant", 1, False, "confirmed a day late (30-day window only)"),
    ("C1", "2026-11-14T00:15:00+01:00", "Merchant", 1, False,
     "first minute of the cancel window (11-13 in UTC); never confirmed, Amazon cancelled it 11-19: "
     "counts in the cancel rate, out of the late shipment rate"),
    ("C2", "2026-11-13T23:40:00+01:00", "Merchant", 1, False,
     "cancelled by the seller on 11-14, but ordered the day before the cancel window: not counted"),
    ("C3", "2026-11-19T12:00:00+01:00", "Merchant", 2, False, "cancelled by the buyer: denominator only"),
    # tracking and delivery
    ("V1", "2026-10-03T10:00:00+02:00", "Merchant", 1, False,
     "promised 10-08, the valid tracking window's first day; tracking marked N"),
    ("V2", "2026-10-19T15:30:00+02:00", "Merchant", 1, False, "shipped without a tracking id"),
    ("V3", "2026-10-30T11:11:00+01:00", "Merchant", 1, False,
     "Hermes tracking marked N, delivered late: invalid, so left out of on-time delivery"),
    ("V4", "2026-11-04T16:00:00+01:00", "Merchant", 1, False,
     "no tracking id, promised 11-07 (the day after the tracking window): counts in neither rate"),
    ("T1", "2026-10-27T09:45:00+01:00", "Merchant", 1, False,
     "promised 10-31, the on-time window's first day, delivered 11-02: late"),
    ("T2", "2026-11-02T20:15:00+01:00", "Merchant", 1, False, "delivered one day late"),
    ("T3", "2026-11-03T12:00:00+01:00", "Merchant", 1, False, "delivered three days late"),
    ("T4", "2026-11-05T08:30:00+01:00", "Merchant", 1, False, "lost in transit, never delivered: late"),
    ("T5", "2026-11-06T10:00:00+01:00", "Merchant", 1, False, "delivered 11-21, after as-of: late"),
    ("T6", "2026-11-09T14:20:00+01:00", "Merchant", 1, False,
     "promised 11-13, the window's last day, delivered 11-16: late"),
    ("T7", "2026-11-08T11:00:00+01:00", "Merchant", 1, False, "delivered on the promised date: on time"),
    ("T8", "2026-11-10T18:30:00+01:00", "Merchant", 1, False,
     "promised 11-14, the day after the on-time window, delivered 11-18: not counted"),
    ("T9", "2026-10-26T19:00:00+01:00", "Merchant", 1, False,
     "promised 10-30, the day before the on-time window, delivered 11-03: not counted"),
    # invoices (business orders placed 11-07 .. 11-13)
    ("I1", "2026-11-12T17:25:00+01:00", "Merchant", 1, True,
     "confirmed Friday 11-13, invoice uploaded Tuesday 11-17 08:45: late (due Monday 23:59:59)"),
    ("I2", "2026-11-13T10:05:00+01:00", "Merchant", 2, True,
     "confirmed Wed 11-18, Buß- und Bettag, uploaded Thu 11-19 18:00: on time (due Thu 23:59:59)"),
    ("I3", "2026-11-12T09:15:00+01:00", "Merchant", 1, True,
     "confirmed Tue 11-17, uploaded Thu 11-19 09:30: late (due Wed 11-18, a holiday but a business day)"),
    ("I4", "2026-11-11T20:00:00+01:00", "Merchant", 1, True,
     "confirmation written in UTC, Fri 2026-11-13T23:30:00+00:00: due Mon 23:59:59 UTC; uploaded "
     "2026-11-17T00:30:00+01:00 (Mon 23:30 UTC): on time"),
    ("I5", "2026-11-09T10:00:00+01:00", "Merchant", 1, True, "no invoice uploaded: missing"),
    ("I6", "2026-11-08T15:00:00+01:00", "Merchant", 1, True, "invoice uploaded 11-21, after as-of: missing"),
    ("I7", "2026-11-07T11:00:00+01:00", "Merchant", 1, True,
     "first day of the invoice window (a Saturday), confirmed Mon, invoiced Tue: on time"),
    ("I8", "2026-11-14T08:00:00+01:00", "Merchant", 1, True,
     "day after the invoice window, no invoice: not counted"),
    ("I9", "2026-11-10T07:30:00+01:00", "Merchant", 1, True,
     "cancelled by the buyer before shipment: not in the invoice population"),
]

# Shipment overrides of the named Merchant orders: ship-by (latest), confirm, cancel, by, carrier,
# tracking, valid, promised, delivered, upload. Unset fields follow the filler rules.
def eod(d):
    return f"{d.isoformat()}T23:59:59{offset_of_day(d)}"


def offset_of_day(d):
    return "+02:00" if d < D(2026, 10, 25) else "+01:00"


SHIP = {
    "O6": {"upload": None},
    "L1": {"latest": eod(D(2026, 11, 19)), "confirm": None},
    "L2": {"latest": eod(D(2026, 11, 20)), "confirm": "2026-11-21T09:15:00+01:00"},
    "L3": {"latest": eod(D(2026, 11, 16)), "confirm": "2026-11-16T22:59:59+00:00"},
    "L4": {"latest": eod(D(2026, 11, 12)), "confirm": "2026-11-13T00:00:00+01:00",
           "upload": "2026-11-16T23:00:00+01:00"},
    "L5": {"latest": eod(D(2026, 10, 27)), "confirm": "2026-10-28T10:30:00+01:00"},
    "C1": {"latest": eod(D(2026, 11, 16)), "confirm": None, "cancel": "2026-11-19T06:00:00+01:00", "by": "amazon"},
    "C2": {"latest": eod(D(2026, 11, 17)), "confirm": None, "cancel": "2026-11-14T09:10:00+01:00", "by": "seller"},
    "C3": {"latest": eod(D(2026, 11, 20)), "confirm": None, "cancel": "2026-11-19T15:30:00+01:00", "by": "buyer"},
    "V1": {"latest": eod(D(2026, 10, 5)), "confirm": "2026-10-05T09:00:00+02:00", "promised": D(2026, 10, 8),
           "delivered": D(2026, 10, 7), "valid": "N"},
    "V2": {"latest": eod(D(2026, 10, 21)), "confirm": "2026-10-20T11:00:00+02:00", "promised": D(2026, 10, 23),
           "delivered": D(2026, 10, 22), "carrier": "Deutsche Post", "tracking": ""},
    "V3": {"latest": eod(D(2026, 11, 2)), "confirm": "2026-11-02T10:00:00+01:00", "promised": D(2026, 11, 4),
           "delivered": D(2026, 11, 6), "carrier": "Hermes", "valid": "N"},
    "V4": {"latest": eod(D(2026, 11, 5)), "confirm": "2026-11-05T15:00:00+01:00", "promised": D(2026, 11, 7),
           "delivered": D(2026, 11, 10), "carrier": "Deutsche Post", "tracking": ""},
    "T1": {"latest": eod(D(2026, 10, 28)), "confirm": "2026-10-28T12:00:00+01:00", "promised": D(2026, 10, 31),
           "delivered": D(2026, 11, 2)},
    "T2": {"latest": eod(D(2026, 11, 4)), "confirm": "2026-11-03T16:00:00+01:00", "promised": D(2026, 11, 5),
           "delivered": D(2026, 11, 6)},
    "T3": {"latest": eod(D(2026, 11, 4)), "confirm": "2026-11-04T09:30:00+01:00", "promised": D(2026, 11, 6),
           "delivered": D(2026, 11, 9)},
    "T4": {"latest": eod(D(2026, 11, 6)), "confirm": "2026-11-06T14:00:00+01:00", "promised": D(2026, 11, 9),
           "delivered": None},
    "T5": {"latest": eod(D(2026, 11, 9)), "confirm": "2026-11-09T08:00:00+01:00", "promised": D(2026, 11, 11),
           "delivered": D(2026, 11, 21)},
    "T6": {"latest": eod(D(2026, 11, 11)), "confirm": "2026-11-10T17:00:00+01:00", "promised": D(2026, 11, 13),
           "delivered": D(2026, 11, 16)},
    "T7": {"latest": eod(D(2026, 11, 10)), "confirm": "2026-11-09T13:00:00+01:00", "promised": D(2026, 11, 12),
           "delivered": D(2026, 11, 12)},
    "T8": {"latest": eod(D(2026, 11, 12)), "confirm": "2026-11-12T10:00:00+01:00", "promised": D(2026, 11, 14),
           "delivered": D(2026, 11, 18)},
    "T9": {"latest": eod(D(2026, 10, 28)), "confirm": "2026-10-27T15:00:00+01:00", "promised": D(2026, 10, 30),
           "delivered": D(2026, 11, 3)},
    "I1": {"latest": eod(D(2026, 11, 13)), "confirm": "2026-11-13T15:10:00+01:00", "upload": "2026-11-17T08:45:00+01:00"},
    "I2": {"latest": eod(D(2026, 11, 18)), "confirm": "2026-11-18T11:20:00+01:00", "upload": "2026-11-19T18:00:00+01:00"},
    "I3": {"latest": eod(D(2026, 11, 17)), "confirm": "2026-11-17T14:00:00+01:00", "upload": "2026-11-19T09:30:00+01:00"},
    "I4": {"latest": eod(D(2026, 11, 16)), "confirm": "2026-11-13T23:30:00+00:00", "upload": "2026-11-17T00:30:00+01:00"},
    "I5": {"latest": eod(D(2026, 11, 10)), "confirm": "2026-11-10T10:00:00+01:00", "upload": None},
    "I6": {"latest": eod(D(2026, 11, 10)), "confirm": "2026-11-09T16:30:00+01:00", "upload": "2026-11-21T10:00:00+01:00"},
    "I7": {"latest": eod(D(2026, 11, 9)), "confirm": "2026-11-09T09:00:00+01:00", "upload": "2026-11-10T11:00:00+01:00"},
    "I8": {"latest": eod(D(2026, 11, 16)), "confirm": "2026-11-16T12:00:00+01:00", "upload": None},
    "I9": {"latest": eod(D(2026, 11, 11)), "confirm": None, "cancel": "2026-11-10T09:00:00+01:00", "by": "buyer"},
}

# Defect events on SPECIAL keys ("U1" is an order older than the orders report: its claim is listed
# as unmatched). Feedback: (key, date, rating, comment, your response).
FEEDBACK = [
    ("O4", D(2026, 9, 12), 2, "Lieferung hat eine Woche gedauert", ""),
    ("O1", D(2026, 10, 13), 1, "Paket beschädigt, Deckel gebrochen. Keine Antwort vom Verkäufer", ""),
    ("O3", D(2026, 10, 20), 3, "Ganz ok, Farbe etwas heller als auf dem Foto", "Danke für Ihr Feedback!"),
    ("O2", D(2026, 12, 2), 2, "Kabel nach zwei Wochen defekt", ""),
]
# Claims: (key, date, status, reason, amount)
CLAIMS = [
    ("U1", D(2026, 8, 30), "granted", "Artikel nicht erhalten", 19.95),
    ("O5", D(2026, 9, 25), "denied", "Artikel nicht erhalten", 24.90),
    ("O1", D(2026, 10, 20), "granted", "Artikel beschädigt, defekt", 34.50),
]
# Chargebacks: (key, date, type, reason, amount)
CHARGEBACKS = [
    ("O8", D(2026, 11, 2), "fraud", "Nicht autorisierte Zahlung", 49.89),
    ("O7", D(2026, 11, 15), "service", "Ware nicht erhalten", 14.99),
    ("O9", D(2026, 11, 24), "service", "Ware nicht erhalten", 29.99),
]


def mfn_per_day(d):
    """Merchant orders per order day (named ones included)."""
    if d < D(2026, 11, 1):
        return 2
    if d < D(2026, 11, 14):
        return 4
    return [7, 6, 6, 7, 7, 6, 6][(d - D(2026, 11, 14)).days]  # 45 in the cancel window


def afn_per_day(d):
    return 2 if d >= D(2026, 11, 14) or d.toordinal() % 2 else 1


def berlin(t):
    return t.astimezone(dt.timezone(dt.timedelta(hours=2 if t < SUMMER_TIME_END else 1)))


def add_business_days(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def de_date(d):
    return f"{d.day}.{d.month}.{d:%y}"


class Gen:
    def __init__(self):
        self.rnd = random.Random(SEED)
        self.used = set()

    def order_id(self):
        r = self.rnd
        while True:
            oid = f"{r.choice(['302', '303', '304', '305', '306'])}-{r.randrange(10**7):07d}-{r.randrange(10**7):07d}"
            if oid not in self.used:
                self.used.add(oid)
                return oid

    def timestamp(self, day):
        r = self.rnd
        hi = 21 if day == AS_OF else 24
        t = dt.time(r.randrange(hi), r.randrange(60), r.randrange(60))
        return f"{day.isoformat()}T{t.isoformat()}{offset_of_day(day) if day != D(2026, 10, 25) or t.hour >= 3 else '+02:00'}"

    def tracking(self, carrier):
        r = self.rnd
        digits = lambda n: "".join(r.choice("0123456789") for _ in range(n))
        if carrier == "DHL":
            return "00340434" + digits(12)
        if carrier == "Hermes":
            return "H10" + digits(17)
        return "0150" + digits(10)


def ship_story(g, o):
    """The filler rules: shipped before ship-by, tracked, delivered on time, invoiced on time."""
    r = g.rnd
    bought = sfrules.instant(o["ts"])
    local = berlin(bought)
    ship_by = add_business_days(local.date(), r.choice([1, 1, 2]))
    s = {"oid": o["oid"], "marketplace": "DE", "purchase": o["ts"], "latest": eod(ship_by), "confirm": None,
         "cancel": None, "by": "", "carrier": "", "tracking": "", "valid": "", "promised": None,
         "delivered": None, "business": o["business"], "upload": None}
    over = SHIP.get(o["key"], {})
    s.update({k: v for k, v in over.items() if k in ("latest", "cancel", "by")})
    if "confirm" in over:
        s["confirm"] = over["confirm"]
    elif not s["cancel"]:
        lo = bought + dt.timedelta(hours=1)
        hi = min(sfrules.instant(s["latest"]) - dt.timedelta(hours=1), EXPORTED)
        c = (lo + (hi - lo) * r.random()).replace(microsecond=0)
        c = berlin(c)
        s["confirm"] = (c.astimezone(dt.timezone.utc) if r.random() < 0.1 else c).isoformat()
    if s["confirm"]:
        s["carrier"] = over.get("carrier", r.choice(CARRIERS))
        s["tracking"] = over.get("tracking", g.tracking(s["carrier"]))
        s["valid"] = over.get("valid", "Y" if r.random() < 0.7 else "")
        promised = sfrules.day(s["latest"]) + dt.timedelta(days=r.choice([1, 2, 2]))
        if promised.weekday() == 6:
            promised += dt.timedelta(days=1)
        s["promised"] = over.get("promised", promised)
        d = s["promised"] - dt.timedelta(days=r.choice([0, 0, 0, 1]))
        d = max(d, sfrules.day(s["confirm"]) + dt.timedelta(days=1))
        s["delivered"] = over.get("delivered", d if d < EXPORTED.date() else None)
        if s["business"]:
            conf = sfrules.instant(s["confirm"])
            due = sfrules.invoice_due(s["confirm"])
            up = conf + (due - conf) * (0.05 + 0.5 * r.random())
            up = up.replace(microsecond=0).astimezone(conf.tzinfo)
            s["upload"] = over.get("upload", up.isoformat() if up <= EXPORTED else None)
    return s


def order_rows(g, o, status):
    r = g.rnd
    upd = sfrules.instant(o["ts"]) + dt.timedelta(hours=r.randrange(1, 60), minutes=r.randrange(60))
    upd = berlin(min(upd, DOWNLOADED - dt.timedelta(minutes=r.randrange(5, 90))))
    if upd < sfrules.instant(o["ts"]):
        upd = sfrules.instant(o["ts"])
    city, state, plz = r.choice(CITIES)
    level = "Standard" if o["ch"] == "Merchant" or r.random() < 0.7 else "Expedited"
    po = f"BE-{r.randrange(10000, 99999)}" if o["business"] and r.random() < 0.6 else ""
    out = []
    for name, sku, asin, unit in r.sample(PRODUCTS, o["n"]):
        qty = r.choice([1, 1, 1, 2])
        item_status = {"Cancelled": "Cancelled", "Shipped": "Shipped"}.get(status, "Unshipped")
        if status == "Cancelled":
            qty_s, cur, price, tax, ship = "0", "", "", "", ""
        else:
            qty_s, cur = str(qty), "EUR"
            price = f"{unit * qty:.2f}"
            tax = f"{unit * qty * 19 / 119:.2f}"  # German VAT included in the price
            ship = "0.00" if o["ch"] == "Amazon" or unit * qty >= 29 else "3.99"
        row = [o["oid"], o["oid"], o["ts"], upd.isoformat(), status, o["ch"], "Amazon.de", "", level, name,
               sku, asin, item_status, qty_s, cur, price, tax, ship, "0.00" if ship else "", "", "", "", "",
               city, state, plz, "DE", "", "", "true" if o["business"] else "false", po,
               "BusinessPrice" if o["business"] and po else ""]
        assert len(row) == 32 and not any(c in f for f in row for c in "\t\r\n")
        out.append(row)
    return out


def order_status(o, s, r):
    if o["ch"] == "Amazon":
        day = sfrules.day(o["ts"])
        if day >= D(2026, 11, 19):
            return r.choice(["Pending", "Shipping", "Shipped"])
        return "Shipped"
    if s["cancel"] and sfrules.instant(s["cancel"]) <= DOWNLOADED:
        return "Cancelled"
    if s["confirm"] and sfrules.instant(s["confirm"]) <= DOWNLOADED:
        return "Shipped"
    return "Unshipped"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "..", "accounts", "acme-de"))
    ap.add_argument("-v", "--verbose", action="store_true", help="also list the named orders and their ids")
    a = ap.parse_args()
    out_dir = os.path.normpath(a.out)
    os.makedirs(out_dir, exist_ok=True)
    g = Gen()
    r = g.rnd
    odr_end = AS_OF - dt.timedelta(days=LAG)
    odr_start = odr_end - dt.timedelta(days=DAYS - 1)
    assert (odr_start, odr_end) == (D(2026, 9, 8), D(2026, 11, 6))

    # ---- orders ----
    orders, key_oid = [], {}
    for key, ts, ch, n, business, _ in SPECIAL:
        oid = g.order_id()
        key_oid[key] = oid
        orders.append({"oid": oid, "ts": ts, "ch": ch, "n": n, "business": business, "key": key})
    key_oid["U1"] = g.order_id()
    named = {}
    for o in orders:
        k = (sfrules.day(o["ts"]), o["ch"])
        named[k] = named.get(k, 0) + 1
    day = FIRST_DAY
    while day <= AS_OF:
        for ch, want in (("Merchant", mfn_per_day(day)), ("Amazon", afn_per_day(day))):
            n = want - named.get((day, ch), 0)
            assert n >= 0, (day, ch)
            for _ in range(n):
                business = r.random() < (0.25 if ch == "Merchant" else 0.1)
                orders.append({"oid": g.order_id(), "ts": g.timestamp(day), "ch": ch,
                               "n": 1 if r.random() < 0.85 else 2, "business": business, "key": ""})
        day += dt.timedelta(days=1)
    assert all(FIRST_DAY <= sfrules.day(o["ts"]) <= AS_OF for o in orders)

    ships = []
    for o in sorted(orders, key=lambda o: (sfrules.instant(o["ts"]), o["oid"])):
        s = ship_story(g, o) if o["ch"] == "Merchant" else None
        o["status"] = order_status(o, s, r) if s else order_status(o, {"cancel": None, "confirm": None}, r)
        o["rows"] = order_rows(g, o, o["status"])
        if s:
            check_consistent(o, s)
            ships.append(s)

    # All Orders report: Windows-1252, CRLF, newest first
    sel = sorted(orders, key=lambda o: (sfrules.instant(o["ts"]), o["oid"]), reverse=True)
    lines = ["\t".join(ORDER_HEADER)] + ["\t".join(row) for o in sel for row in o["rows"]]
    with open(os.path.join(out_dir, "20261120 Bestellungen.txt"), "w", encoding="cp1252", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")

    # Feedback report, German headers, D.M.YY
    with open(os.path.join(out_dir, "Feedback DE.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail-Adresse des Bewerters\n")
        for key, d, rating, comment, resp in FEEDBACK:
            mail = "".join(r.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(14))
            f.write(f"{de_date(d)}\t{rating}\t{comment}\t{resp}\t{key_oid[key]}\t{mail}@marketplace.amazon.de\n")

    def csv_field(x):
        return '"' + x.replace('"', '""') + '"' if any(c in x for c in ',"\n') else x

    with open(os.path.join(out_dir, "atoz-claims.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("order-id,claim-date,claim-status,claim-reason,claim-amount,currency\n")
        for key, d, status, reason, amount in CLAIMS:
            f.write(",".join([key_oid[key], d.isoformat(), status, csv_field(reason), f"{amount:.2f}", "EUR"]) + "\n")
    with open(os.path.join(out_dir, "chargebacks.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("order-id,chargeback-date,chargeback-type,reason,amount,currency\n")
        for key, d, kind, reason, amount in CHARGEBACKS:
            f.write(",".join([key_oid[key], d.isoformat(), kind, csv_field(reason), f"{amount:.2f}", "EUR"]) + "\n")

    sfrules.write_csv(os.path.join(out_dir, "shipments.csv"), ships)

    # ---- expected figures ----
    order_of = {o["oid"]: (sfrules.day(o["ts"]), o["ch"]) for o in orders}
    neg_fb = {key_oid[k] for k, d, rating, _, _ in FEEDBACK if rating <= 2 and d <= AS_OF}
    claims = {key_oid[k] for k, d, st, _, _ in CLAIMS if st not in ("denied", "withdrawn", "reversed-on-appeal")
              and d <= AS_OF}
    cbs = {key_oid[k] for k, d, kind, _, _ in CHARGEBACKS if kind == "service" and d <= AS_OF}
    kinds = [("negative_feedback", neg_fb), ("a_to_z_claims", claims), ("chargebacks", cbs)]
    odr = {}
    for seg in ("all", "afn", "mfn"):
        ids = {oid for oid, (d, ch) in order_of.items() if odr_start <= d <= odr_end
               and (seg == "all" or (ch == "Amazon") == (seg == "afn"))}
        bad = ids & (neg_fb | claims | cbs)
        odr[seg] = {"numerator": len(bad), "denominator": len(ids), "value": len(bad) / len(ids),
                    "components": {name: len(ids & s) for name, s in kinds}}
    # unmatched kinds as audit's JSON writes them (singular)
    singular = {"negative_feedback": "negative_feedback", "a_to_z_claims": "a_to_z_claim", "chargebacks": "chargeback"}
    figures, behind = sfrules.seller_fulfilled_figures(ships, AS_OF, "DE")
    expected = {"as_of": AS_OF.isoformat(), "marketplace": "DE",
                "window": {"from": odr_start.isoformat(), "to": odr_end.isoformat()}, "odr": odr,
                "unmatched": [{"order_id": oid, "kind": singular[name]}
                              for name, s in kinds for oid in sorted(s) if oid not in order_of]}
    expected.update(figures)
    with open(out_dir.rstrip("/") + ".expected.json", "w", encoding="utf-8", newline="") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")

    # ---- the story, asserted ----
    odr_verdicts = [sfrules.verdict(odr[s]["value"], "<", 0.01, 0.008) for s in ("all", "afn", "mfn")]
    assert odr_verdicts == ["pass", "pass", "pass"], odr
    assert odr["mfn"]["numerator"] == 1 and odr["afn"]["numerator"] == 0
    st = {k: v["status"] for k, v in figures.items()}
    assert st == {"late_shipment_rate_10d": "warn", "late_shipment_rate_30d": "pass",
                  "prefulfillment_cancel_rate": "warn", "valid_tracking_rate": "warn",
                  "on_time_delivery_rate": "warn", "invoice_defect_rate": "fail"}, st
    assert figures["on_time_delivery_rate"]["value"] < 0.90  # would fail under the US target
    k = lambda *keys: sorted(key_oid[x] for x in keys)
    assert sorted(behind["late_shipment_rate_10d"]) == k("L1", "L4")
    assert sorted(behind["late_shipment_rate_30d"]) == k("L1", "L4", "L5")
    assert behind["prefulfillment_cancel_rate"] == [key_oid["C1"]]
    assert sorted(behind["valid_tracking_rate"]) == k("V1", "V2", "V3")
    assert sorted(behind["on_time_delivery_rate"]) == k("T1", "T2", "T3", "T4", "T5", "T6")
    assert sorted(behind["invoice_defect_rate"]) == k("I5", "I6", "I1", "I3")
    assert figures["invoice_defect_rate"]["components"] == {"missing_invoice": 2, "late_invoice": 2}

    name_of = {v: k for k, v in key_oid.items()}
    n_rows = sum(len(o["rows"]) for o in orders)
    print(f"acme-de -> {out_dir}")
    print(f"  20261120 Bestellungen.txt: {len(orders)} orders, {n_rows} item rows (Windows-1252, CRLF)")
    print(f"  shipments.csv: {len(ships)} seller-fulfilled orders; feedback {len(FEEDBACK)}, claims {len(CLAIMS)}, "
          f"chargebacks {len(CHARGEBACKS)}")
    for seg in ("all", "afn", "mfn"):
        x = odr[seg]
        print(f"  ODR {seg:3} {x['numerator']}/{x['denominator']} = {x['value'] * 100:.2f} %  {x['components']}")
    for u in expected["unmatched"]:
        print(f"  unmatched {u['kind']}: {u['order_id']}")
    print(sfrules.summary("", figures))
    for key, ids in behind.items():
        print(f"    {key}: " + ", ".join(f"{name_of.get(i, '?')} {i}" for i in ids))
    if a.verbose:
        by_oid = {s["oid"]: s for s in ships}
        for key, ts, ch, n, business, note in SPECIAL:
            s = by_oid.get(key_oid[key])
            extra = f"  ship-by {s['latest']}" if s else ""
            print(f"    {key:3} {key_oid[key]}  {ts}  {ch:8}{' B2B' if business else '    '}{extra}  {note}")
        print(f"    U1  {key_oid['U1']}  (in no orders file)")


def check_consistent(o, s):
    """Nothing after the export; the orders file's status agrees with the shipments file."""
    bought = sfrules.instant(o["ts"])
    for x in ("confirm", "cancel", "upload"):
        if s[x]:
            assert bought < sfrules.instant(s[x]) <= EXPORTED, (o["key"], x, s[x])
    assert sfrules.instant(s["latest"]) > bought, o
    assert not s["delivered"] or s["delivered"] < EXPORTED.date()
    assert not (s["confirm"] and s["cancel"]), o
    assert not s["upload"] or s["business"], o
    assert (o["status"] == "Unshipped") == (not (s["confirm"] and sfrules.instant(s["confirm"]) <= DOWNLOADED)
                                           and not (s["cancel"] and sfrules.instant(s["cancel"]) <= DOWNLOADED))


if __name__ == "__main__":
    main()
