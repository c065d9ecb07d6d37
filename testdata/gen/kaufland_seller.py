#!/usr/bin/env python3
"""Hand-checkable Kaufland account "kaufland-seller" for `audit kaufland --as-of 2026-12-06` (and 2026-11-30).

Writes testdata/accounts/kaufland-seller/order-units.json (or --out DIR): the Kaufland Seller API's
GET /v2/order-units response (schema CollectionApiResponse_OrderUnit_ of the API's swagger.json
2.17.2, every key of OrderUnit present), DE (EUR) and CZ (CZK) storefronts, the pages joined into
one document.

Units are created at 10:00Z; each must be marked sent by 22:59:59Z two days later
(delivery_time_expires_iso, 23:59:59 CET). The filler units were marked sent the day after
creation (ts_updated_iso 12:00Z, before the deadline: on time for sure). The named units
(STORY) carry every case. The figures (docs/metrics.md, "Kaufland cancellations and late
shipments"): one entry per storefront, the month and the ISO week of as-of, to as-of; units
created after as-of ignored (DE 12-07 twice, a NoInventory cancellation created 12-08; CZ 12-07).

  as of Sunday 2026-12-06:
    seller cancellations, units created 12-01..12-06:
      DE 0/8 PASS
      CZ 1/4 = 25.00 % FAIL, 10 % fee band: 10 % of 499.00 CZK = 49.90 CZK (WrongPrice, created 12-02)
    late shipments, units due 11-30..12-06 (cancelled units left out):
      DE 1/7 = 14.29 % WARN (the 4 % target is advisory): need_to_be_sent, due 12-02 (created 11-30);
         a unit received, last updated 12-03 after its deadline 12-01: undecided, counted on time
      CZ 0/2
  as of Monday 2026-11-30:
    seller cancellations, units created 11-01..11-30:
      DE 1/40 = 2.50 % FAIL, 5 % fee band: 5 % of 40.00 EUR = 2.00 EUR (NoInventory, created 11-10;
         a BuyerCancelled unit of 11-12 does not count)
      CZ 0/20 PASS (a BuyerCancelled unit of 11-15 does not count)
    late shipments, units due 11-30: DE 0/1 (sent 11-29), CZ none (NO DATA)

Standard library only, deterministic. Usage: python3 kaufland_seller.py [--out DIR]
"""
import argparse
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "accounts", "kaufland-seller")

D = dt.date


def stamp(day, hh, mm=0, ss=0):
    return dt.datetime(day.year, day.month, day.day, hh, mm, ss).strftime("%Y-%m-%dT%H:%M:%SZ")


def days(first, last):
    d = first
    while d <= last:
        yield d
        d += dt.timedelta(days=1)


# Named units: (store, created day) -> overrides.
STORY = {
    ("de", D(2026, 11, 10), 1): dict(status="cancelled", cancel_reason="NoInventory", price=4000, updated=(D(2026, 11, 10), 16)),
    ("de", D(2026, 11, 12), 0): dict(status="cancelled", cancel_reason="BuyerCancelled", updated=(D(2026, 11, 12), 11)),
    ("de", D(2026, 11, 29), 0): dict(status="received", updated=(D(2026, 12, 3), 9)),
    ("de", D(2026, 11, 30), 0): dict(status="need_to_be_sent", updated=None),
    ("de", D(2026, 12, 5), 0): dict(status="need_to_be_sent", updated=None),
    ("de", D(2026, 12, 6), 0): dict(status="need_to_be_sent", updated=None),
    ("de", D(2026, 12, 6), 1): dict(status="need_to_be_sent", updated=None),
    ("de", D(2026, 12, 7), 0): dict(status="need_to_be_sent", updated=None),
    ("de", D(2026, 12, 7), 1): dict(status="need_to_be_sent", updated=None),
    ("de", D(2026, 12, 8), 0): dict(status="cancelled", cancel_reason="NoInventory", updated=(D(2026, 12, 8), 11)),
    ("cz", D(2026, 11, 15), 0): dict(status="cancelled", cancel_reason="BuyerCancelled", updated=(D(2026, 11, 15), 12)),
    ("cz", D(2026, 12, 2), 0): dict(status="cancelled", cancel_reason="WrongPrice", price=49900, updated=(D(2026, 12, 2), 13)),
    ("cz", D(2026, 12, 5), 0): dict(status="need_to_be_sent", updated=None),
    ("cz", D(2026, 12, 7), 0): dict(status="need_to_be_sent", updated=None),
}


def plan():
    """The units' (store, created day, n-th of the day) in order."""
    de = [d for d in days(D(2026, 11, 1), D(2026, 11, 30))] + [d for d in days(D(2026, 11, 1), D(2026, 11, 10))]
    de += [D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 3), D(2026, 12, 4), D(2026, 12, 5), D(2026, 12, 5),
           D(2026, 12, 6), D(2026, 12, 6), D(2026, 12, 7), D(2026, 12, 7), D(2026, 12, 8)]
    cz = [d for d in days(D(2026, 11, 1), D(2026, 11, 20))] + [D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 3), D(2026, 12, 5), D(2026, 12, 7)]
    out = []
    for store, created in [("de", d) for d in sorted(de)] + [("cz", d) for d in sorted(cz)]:
        n = sum(1 for s, c, _ in out if s == store and c == created)
        out.append((store, created, n))
    return out


def unit(i, store, created, n):
    over = STORY.get((store, created, n), {})
    cz = store == "cz"
    status = over.get("status", "sent")
    updated = over.get("updated", (created + dt.timedelta(days=1), 12))
    upd = stamp(created, 10) if updated is None else stamp(updated[0], updated[1])
    price = over.get("price", 49900 if cz else 2499)
    return {
        "id_order_unit": 400000000000000 + i,
        "id_order": "%s%05d" % ("KC" if cz else "KD", i),
        "ts_created_iso": stamp(created, 10),
        "is_marketplace_deemed_supplier": False,
        "ts_updated_iso": upd,
        "status": status,
        "price": price,
        "id_offer": "SKU-%d" % (1000 + i % 7),
        "revenue_gross": price,
        "revenue_net": price * 100 // (121 if cz else 119),
        "note": None,
        "unit_condition": "new",
        "storefront": store,
        "currency": "CZK" if cz else "EUR",
        "delivery_time_min": 1,
        "delivery_time_max": 3,
        "delivery_time_expires_iso": stamp(created + dt.timedelta(days=2), 22, 59, 59),
        "order_received_timestamp_iso": stamp(created, 10),
        "shipping_rate": 9900 if cz else 390,
        "cancel_reason": over.get("cancel_reason"),
        "fulfillment_type": "fulfilled_by_merchant",
        "buyer": {"id_buyer": 21000000 + i, "email": "b%d@buyer.kaufland-marketplace.%s" % (i, store)},
        "billing_address": address(i, cz),
        "shipping_address": address(i, cz),
        "product": {
            "id_product": 362524873 + i % 7, "storefront": store, "title": "Edelstahl Trinkflasche 750 ml",
            "eans": ["4006381333931"], "id_category": 34401, "main_picture": "https://media.cdn.kaufland.de/product-images/x.jpg",
            "manufacturer": "Acme", "url": "https://www.kaufland.%s/product/%d/" % (store, 362524873 + i % 7), "age_rating": 0,
            "is_valid": True, "dangerous_goods_li_shipping": None, "danger_label_9A": None,
        },
        "vat": 21 if cz else 19,
    }


def address(i, cz):
    return {
        "first_name": "Jana" if cz else "Anna", "last_name": "Nováková" if cz else "Schmidt", "company_name": None,
        "street": "Vodičkova" if cz else "Hauptstraße", "house_number": str(1 + i % 40), "postcode": "11000" if cz else "10115",
        "additional_field": None, "city": "Praha" if cz else "Berlin", "phone": None, "country": "CZ" if cz else "DE",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    units = [unit(i, *u) for i, u in enumerate(plan(), 1)]
    os.makedirs(a.out, exist_ok=True)
    doc = {"data": units, "pagination": {"offset": 0, "limit": len(units), "total": len(units)}}
    with open(os.path.join(a.out, "order-units.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
