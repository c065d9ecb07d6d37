"""Seller-fulfilled metrics of shared/reference/metrics.md, for the sample-account generators.

Used by acme_us.py and acme_de.py to state the figures their shipments.csv implies. Written from
the rules text, not from audit's code: a shipment is a dict

  oid, marketplace, purchase, latest, confirm, cancel   ISO-8601 timestamps as written (confirm and
                                                        cancel may be None)
  by        "seller", "buyer", "amazon" or ""           who cancelled
  carrier, tracking, valid                              valid is "Y", "N" or "" (empty: valid when a
                                                        tracking id is present)
  promised, delivered                                   datetime.date or None
  business  bool; upload  ISO timestamp or None         invoice upload

Dates (metrics.md, "Dates"): a timestamp's calendar date is the date as written, never re-zoned;
two timestamps are compared as instants; events dated after as-of are ignored.
"""
import datetime as dt

HEADER = ("order-id,marketplace,purchase-date,latest-ship-date,ship-confirm-date,cancel-date,cancelled-by,"
          "carrier,tracking-id,tracking-valid,promised-delivery-date,delivery-date,is-business-order,"
          "invoice-upload-date")

IDR_STORES = {"UK", "DE", "FR", "IT", "ES"}  # metrics.md: IDR is calculated per store, EU5 only


def day(ts):
    """Calendar date of a timestamp as written."""
    return dt.date.fromisoformat(ts[:10])


def instant(ts):
    t = dt.datetime.fromisoformat(ts)
    assert t.tzinfo is not None, ts  # the sample files always write an offset
    return t


def window(end, days):
    return end - dt.timedelta(days=days - 1), end


def confirmed_by(s, as_of):
    """The confirmation if it is dated on or before as-of, else None."""
    c = s["confirm"]
    return c if c and day(c) <= as_of else None


def cancelled_before_shipment(s, as_of):
    c = s["cancel"]
    if not c or day(c) > as_of:
        return False
    conf = confirmed_by(s, as_of)
    return conf is None or instant(conf) > instant(c)


def valid_tracking(s):
    return bool(s["tracking"]) and s["valid"] != "N"


def rate(num, den, lo, hi):
    return {"numerator": num, "denominator": den, "value": num / den if den else None,
            "window": {"from": lo.isoformat(), "to": hi.isoformat(), "days": (hi - lo).days + 1}}


def late_shipment(rows, as_of, n):
    """Late = confirmed after the expected ship time, or unconfirmed while the expected ship date is
    before as-of; population = ship-by date in the n days ending on as-of, less orders cancelled
    before shipment. Returns the figures and the late order ids."""
    lo, hi = window(as_of, n)
    den, late = 0, []
    for s in rows:
        if not lo <= day(s["latest"]) <= hi or cancelled_before_shipment(s, as_of):
            continue
        den += 1
        conf = confirmed_by(s, as_of)
        if (conf and instant(conf) > instant(s["latest"])) or (conf is None and day(s["latest"]) < as_of):
            late.append(s["oid"])
    return rate(len(late), den, lo, hi), late


def prefulfillment_cancel(rows, as_of, days=7):
    """Population = seller-fulfilled orders dated in the 7 days ending on as-of; counted = cancelled
    (on or before as-of) by the seller or automatically by Amazon; a buyer's request does not count."""
    lo, hi = window(as_of, days)
    pop = [s for s in rows if lo <= day(s["purchase"]) <= hi]
    num = [s["oid"] for s in pop if s["cancel"] and day(s["cancel"]) <= as_of and s["by"] in ("seller", "amazon")]
    return rate(len(num), len(pop), lo, hi), num


def valid_tracking_rate(rows, as_of, days=30, lag=14):
    lo, hi = window(as_of - dt.timedelta(days=lag), days)
    pop = [s for s in rows if s["promised"] and lo <= s["promised"] <= hi and confirmed_by(s, as_of)]
    bad = [s["oid"] for s in pop if not valid_tracking(s)]
    return rate(len(pop) - len(bad), len(pop), lo, hi), bad


def on_time_delivery(rows, as_of, days=14, lag=7):
    lo, hi = window(as_of - dt.timedelta(days=lag), days)
    pop = [s for s in rows if s["promised"] and lo <= s["promised"] <= hi and confirmed_by(s, as_of)
           and valid_tracking(s)]
    late = [s["oid"] for s in pop
            if not (s["delivered"] and s["delivered"] <= as_of and s["delivered"] <= s["promised"])]
    return rate(len(pop) - len(late), len(pop), lo, hi), late


def invoice_due(confirm):
    """23:59:59 of the first Monday-Friday day after the confirmation date, in the confirmation's own
    offset; public holidays are business days."""
    c = instant(confirm)
    d = day(confirm) + dt.timedelta(days=1)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return dt.datetime.combine(d, dt.time(23, 59, 59), tzinfo=c.tzinfo)


def invoice_defect(rows, as_of, store, lag=7, days=7):
    """Shipped business orders of the store placed in [as-of - 13, as-of - 7]; missing = no upload
    dated on or before as-of; late = uploaded after the due instant."""
    assert store in IDR_STORES
    lo, hi = window(as_of - dt.timedelta(days=lag), days)
    den, missing, late = 0, [], []
    for s in rows:
        conf = confirmed_by(s, as_of)
        if s["marketplace"] != store or not s["business"] or not conf or not lo <= day(s["purchase"]) <= hi:
            continue
        den += 1
        up = s["upload"]
        if not up or day(up) > as_of:
            missing.append(s["oid"])
        elif instant(up) > invoice_due(conf):
            late.append(s["oid"])
    r = rate(len(missing) + len(late), den, lo, hi)
    r["components"] = {"missing_invoice": len(missing), "late_invoice": len(late)}
    r["marketplace"] = store
    return r, missing, late


# Verdicts (metrics.md targets; warn band: "<" metrics from 80 % of the limit, ">" ones within 2
# points). Used only to assert the story each sample account is meant to tell.
def verdict(value, op, target, warn_at, advisory=False):
    if value is None:
        return "no_data"
    meets = {"<": value < target, ">": value > target, ">=": value >= target}[op]
    warns = value >= warn_at if op == "<" else value <= warn_at
    if not meets:
        return "warn" if advisory else "fail"
    return "warn" if warns else "pass"


def seller_fulfilled_figures(rows, as_of, store):
    """Every seller-fulfilled figure of metrics.md, keyed as synth.py's expected.json, with each
    entry's status; IDR only for the EU5 stores. Also returns the order ids behind each numerator."""
    out, why = {}, {}
    for n in (10, 30):
        r, late = late_shipment(rows, as_of, n)
        r["status"] = verdict(r["value"], "<", 0.04, 0.032)
        out[f"late_shipment_rate_{n}d"], why[f"late_shipment_rate_{n}d"] = r, late
    r, num = prefulfillment_cancel(rows, as_of)
    r["status"] = verdict(r["value"], "<", 0.025, 0.02)
    out["prefulfillment_cancel_rate"], why["prefulfillment_cancel_rate"] = r, num
    r, bad = valid_tracking_rate(rows, as_of)
    r["status"] = verdict(r["value"], ">", 0.95, 0.97)
    out["valid_tracking_rate"], why["valid_tracking_rate"] = r, bad
    r, late = on_time_delivery(rows, as_of)
    if store in ("US", ""):
        r["status"] = verdict(r["value"], ">=", 0.90, 0.92)
    else:  # EU: more than 97 % recommended, a miss warns (metrics.md, OTDR)
        r["status"] = verdict(r["value"], ">", 0.97, 0.99, advisory=True)
    out["on_time_delivery_rate"], why["on_time_delivery_rate"] = r, late
    if store in IDR_STORES:
        r, missing, late = invoice_defect(rows, as_of, store)
        r["status"] = verdict(r["value"], "<", 0.05, 0.04)
        out["invoice_defect_rate"], why["invoice_defect_rate"] = r, missing + late
    return out, why


def write_csv(path, rows):
    """shipments.csv: the canonical header, one row per order, no field needs quoting."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        for s in rows:
            fields = [s["oid"], s["marketplace"], s["purchase"], s["latest"], s["confirm"] or "",
                      s["cancel"] or "", s["by"], s["carrier"], s["tracking"], s["valid"],
                      s["promised"].isoformat() if s["promised"] else "",
                      s["delivered"].isoformat() if s["delivered"] else "",
                      "true" if s["business"] else "false", s["upload"] or ""]
            assert not any("," in x or '"' in x or "\n" in x for x in fields), fields
            f.write(",".join(fields) + "\n")


def summary(name, figures):
    lines = []
    for k, r in figures.items():
        v = "-" if r["value"] is None else f"{r['value'] * 100:.2f} %"
        extra = f" {r['components']}" if "components" in r else ""
        lines.append(f"  {name} {k:27} {r['numerator']}/{r['denominator']} = {v} {r['status'].upper()}"
                     f"  ({r['window']['from']} .. {r['window']['to']}){extra}")
    return "\n".join(lines)
