#!/usr/bin/env python3
"""Hand-checkable customer-service sample account "acme-service" for `audit service --as-of 2026-11-20`.

Writes into testdata/accounts/acme-service/ (or --out) the three canonical customer-service files of
shared/reference/report-formats.md ("Canonical files"), as a US seller's help desk would export them
(times in the seller's own offset: -07:00 until 2026-11-01 02:00, -08:00 after; a few rows in UTC):

  buyer-messages.csv     one row per response (manual, auto, no-response-needed), a row with empty
                         response columns for a message without one; rows in time order, so the rows
                         of one message are apart; comma-separated, CRLF
  return-requests.csv    one row per return request; comma-separated, LF
  ratings.csv            1-10 customer-service scores, one row per rating; comma-separated, LF
  ../acme-service.expected.json
                         the figures these files imply, computed here from the rules of
                         shared/reference/metrics.md ("Customer service"), not by reading the files:
                         the contact response rate (7, 30, 90 days), the return dissatisfaction rate
                         (30 days) and the customer-service rating with its period; the customer
                         service dissatisfaction rate is not computed (no yes/no answers)

Every defect sits on a named row (MESSAGES, RETURNS, RATINGS below); the filler rows carry none
(answered in time, returns handled in time and in policy), so every figure can be checked by hand.

Rules (metrics.md): "now" is 23:59:59 of the as-of day in each row's own offset, and responses after
it are ignored; windows are by the date as written (receipt, request, rating date). Messages: first
manual response at most 24 h after receipt is in time; automatic replies are not responses;
no-response-needed messages are out; unanswered ones younger than 24 h are not yet counted. Returns:
late = answered more than 48 h after the request or unanswered 48 h after it; invalid rejection =
rejected while in policy; negative feedback; each request once; unanswered younger than 48 h not yet
counted. Rating: each rater's latest rating dated in [D-27, D], D the latest day <= as-of whose
period holds at least 40 ratings.

Standard library only, deterministic (fixed seed). Usage: python3 acme_service.py [--out DIR] [-v]
"""
import argparse
import datetime as dt
import json
import os
import random

AS_OF = dt.date(2026, 11, 20)
SEED = 820261120  # issue 8; not acme_us.py's seed, so that no order id repeats
PDT, PST, UTC = dt.timezone(dt.timedelta(hours=-7)), dt.timezone(dt.timedelta(hours=-8)), dt.timezone.utc
DST_END = dt.datetime(2026, 11, 1, 9, 0, tzinfo=UTC)  # 2026-11-01 02:00 PDT

# Targets of the built-in Amazon profiles (internal/profile): contact response >= 90 % (warn below
# 92 %), return dissatisfaction < 10 % (warn from 8 %; advisory: a miss only warns), rating >= 8
# green, 6 to < 8 yellow (warn), < 6 red (fail).
CRR_FAIL, CRR_WARN = 0.90, 0.92
RDR_FAIL, RDR_WARN = 0.10, 0.08
CSR_FAIL, CSR_WARN = 6, 8

MESSAGE_HEADER = "message-id,order-id,received-at,response-at,response-kind"
RETURN_HEADER = "order-id,request-at,responded-at,response,in-policy,return-feedback"
RATING_HEADER = "rater-id,rated-at,score"


def ts(s):
    """A timestamp as written: 'YYYY-MM-DDTHH:MM:SS' gets the seller's offset of that instant (PDT
    or PST); a string that has an offset already keeps it."""
    if s.endswith("Z") or s[-6] in "+-":
        return s
    t = dt.datetime.fromisoformat(s)
    off = PDT if t.replace(tzinfo=PDT) < DST_END else PST
    return t.replace(tzinfo=off).isoformat()


def instant(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def day(s):
    """The date as written."""
    return dt.date.fromisoformat(s[:10])


def now_for(s, as_of=AS_OF):
    """23:59:59 of the as-of day in the offset s is written in."""
    return dt.datetime.combine(as_of, dt.time(23, 59, 59), tzinfo=instant(s).tzinfo)


def window(as_of, days):
    return as_of - dt.timedelta(days=days - 1), as_of


# ---- buyer messages: (key, received, [(response-at, kind)], has order id, note) ----
H = dt.timedelta(hours=1)
MESSAGES = [
    # 7 days (11-14 .. 11-20)
    ("EXACT24", "2026-11-16T09:00:00", [("2026-11-17T09:00:00", "manual")], True, "answered exactly 24 h after receipt: in time"),
    ("LATE1S", "2026-11-16T10:00:00", [("2026-11-17T10:00:01", "manual")], True, "answered 24 h 1 s after receipt: late"),
    ("AUTOLATE", "2026-11-17T08:00:00", [("2026-11-17T08:00:05", "auto"), ("2026-11-18T09:30:00", "manual")], True,
     "automatic reply after 5 s, manual reply 25 h 30 min after receipt: late"),
    ("AUTOONLY", "2026-11-17T12:00:00", [("2026-11-17T12:00:03", "auto")], True, "only an automatic reply: unanswered"),
    ("NRN", "2026-11-18T14:00:00", [("2026-11-18T14:20:00", "no-response-needed")], True, "marked no response needed: out"),
    ("YOUNG23", "2026-11-20T00:59:59", [], True, "unanswered, received 23 h before now: not yet counted"),
    ("OLD25", "2026-11-19T22:59:59", [], True, "unanswered, received 25 h before now: unanswered"),
    ("AFTER", "2026-11-19T20:00:00", [("2026-11-21T06:00:00", "manual")], True,
     "answered 11-21, after now: the response is ignored, unanswered (27 h 59 min 59 s old)"),
    ("AFTERYOUNG", "2026-11-20T12:00:00", [("2026-11-21T08:00:00", "manual")], True,
     "answered 11-21 (20 h later, after now): ignored, and 11 h 59 min 59 s old: not yet counted (not in time)"),
    ("WEEKENDLATE", "2026-11-14T10:00:00", [("2026-11-16T08:00:00", "manual")], True,
     "received Saturday, answered Monday (46 h): late, weekends count"),
    ("WEEKENDOK", "2026-11-15T18:00:00", [("2026-11-15T20:00:00", "manual")], True, "received and answered on Sunday: in time"),
    ("MULTI", "2026-11-18T09:00:00", [("2026-11-19T15:00:00", "manual"), ("2026-11-18T11:00:00", "manual")], True,
     "two manual replies: the first (2 h) counts: in time"),
    ("UTCEDGE", "2026-11-14T03:00:00Z", [("2026-11-14T05:00:00Z", "manual")], True,
     "written in UTC: 11-14 as written (11-13 in California): in the 7 days, in time"),
    ("NOORDER", "2026-11-19T09:00:00", [("2026-11-19T10:00:00", "manual")], False, "a question before buying (no order id): in time"),
    # 30 days (10-22 .. 11-13)
    ("OCTLATE", "2026-10-28T09:00:00", [("2026-10-29T15:00:00", "manual")], True, "answered after 30 h: late"),
    ("NOVNONE", "2026-11-02T09:00:00", [], True, "never answered: unanswered"),
    ("EDGE30IN", "2026-10-22T00:00:00", [("2026-10-22T01:00:00", "manual")], True, "first day of the 30 days: in time"),
    ("DST", "2026-11-01T00:30:00", [("2026-11-02T00:00:00", "manual")], True,
     "00:30 PDT to 00:00 PST next day: 24 h 30 min (the clocks say 23 h 30 min): late"),
    # 90 days (08-23 .. 10-21)
    ("EDGE30OUT", "2026-10-21T23:59:59", [], True, "the day before the 30 days, never answered: in the 90 days only"),
    ("SEPLATE", "2026-09-10T09:00:00", [("2026-09-12T09:00:00", "manual")], True, "answered after 48 h: late"),
    ("SEPAUTO", "2026-09-20T16:00:00", [("2026-09-20T16:00:02", "auto")], True, "only an automatic reply: unanswered"),
    ("EDGE90IN", "2026-08-23T08:00:00", [("2026-08-23T09:00:00", "manual")], True, "first day of the 90 days: in time"),
    # outside
    ("EDGE90OUT", "2026-08-22T08:00:00", [], True, "the day before the 90 days, never answered: outside"),
    ("FUTURE", "2026-11-21T07:00:00", [("2026-11-21T07:30:00", "manual")], True, "received after as-of: outside"),
]
# Filler messages answered in time, per stretch of the 90 days (first, last receipt date).
FILLER_MESSAGES = [((dt.date(2026, 11, 14), dt.date(2026, 11, 19)), 29),
                   ((dt.date(2026, 10, 22), dt.date(2026, 11, 13)), 56),
                   ((dt.date(2026, 8, 23), dt.date(2026, 10, 21)), 96),
                   ((dt.date(2026, 8, 1), dt.date(2026, 8, 22)), 10)]

# ---- return requests: (key, request-at, responded-at, response, in-policy, feedback, note) ----
RETURNS = [
    ("R48", "2026-11-02T10:00:00", "2026-11-04T10:00:00", "authorized", "Y", "positive", "authorised exactly 48 h after the request: in time"),
    ("R49", "2026-11-05T09:00:00", "2026-11-07T10:00:00", "refunded", "Y", "", "refunded after 49 h: late"),
    ("REJIN", "2026-11-09T11:00:00", "2026-11-09T16:00:00", "rejected", "Y", "", "rejected in policy: invalid rejection"),
    ("REJOUT", "2026-11-10T11:00:00", "2026-11-10T15:00:00", "rejected", "N", "", "rejected out of policy: fine"),
    ("REJEMPTY", "2026-11-14T10:00:00", "2026-11-14T12:00:00", "rejected", "", "", "rejected, in-policy empty (read as N): fine"),
    ("NEG", "2026-11-12T08:00:00", "2026-11-12T12:00:00", "authorized", "Y", "negative", "negative return feedback"),
    ("MULTI", "2026-11-13T09:00:00", "2026-11-16T10:00:00", "rejected", "Y", "negative",
     "rejected in policy after 73 h, negative feedback: counted once, in all three components"),
    ("OLD", "2026-11-17T09:00:00", "", "", "Y", "", "unanswered, almost 87 h old: late"),
    ("AFTER", "2026-11-18T08:00:00", "2026-11-21T09:00:00", "authorized", "Y", "",
     "authorised 11-21, after now: ignored, unanswered for almost 64 h: late"),
    ("YOUNG", "2026-11-19T12:00:00", "", "", "Y", "", "unanswered, 35 h 59 min 59 s old: not yet counted"),
    ("DST", "2026-10-31T10:00:00", "2026-11-02T09:30:00", "refunded", "Y", "",
     "10:00 PDT to 09:30 PST two days later: 48 h 30 min (the clocks say 47 h 30 min): late"),
    ("EDGEIN", "2026-10-22T00:05:00", "2026-10-22T10:00:00", "closed", "N", "", "first day of the 30 days: in time"),
    ("EDGEOUT", "2026-10-21T20:00:00", "", "", "Y", "", "the day before the 30 days, never answered: outside"),
    ("FUTURE", "2026-11-21T09:00:00", "", "", "Y", "", "requested after as-of: outside"),
]
FILLER_RETURNS = [((dt.date(2026, 10, 22), dt.date(2026, 11, 18)), 49), ((dt.date(2026, 9, 1), dt.date(2026, 10, 20)), 15)]

# ---- ratings: (key, rater, rated-at, score, note); the period is 10-24 .. 11-20 ----
TWICE = "A2TWICE7RATER"
RATINGS = [
    ("FIRST", TWICE, "2026-10-30T14:00:00", 2, "the rater's first rating in the period: replaced by the later one"),
    ("LATEST", TWICE, "2026-11-12T09:00:00", 9, "the same rater's latest rating: counts"),
    ("EDGEIN", None, "2026-10-24T00:00:00", 10, "first day of the period"),
    ("EDGEOUT", None, "2026-10-23T23:30:00", 1, "the day before the period: not counted"),
    ("FUTURE", None, "2026-11-21T08:00:00", 1, "rated after as-of: ignored"),
]
# Scores of the other raters in the period (38 raters besides TWICE and EDGEIN), and of old ratings.
PERIOD_SCORES = [10] * 6 + [9] * 6 + [8] * 7 + [7] * 4 + [6] * 6 + [5] * 3 + [4] * 2 + [3] * 2 + [1] * 2
OLD_SCORES = [9, 8, 10, 3, 7, 8, 9, 2, 10, 6, 8, 9]  # 09-01 .. 10-22


class Gen:
    def __init__(self):
        self.rnd = random.Random(SEED)
        self.seen = set()

    def order_id(self):
        while True:
            oid = f"{self.rnd.choice(['111', '112', '113', '114'])}-{self.rnd.randrange(10**7):07d}-{self.rnd.randrange(10**7):07d}"
            if oid not in self.seen:
                self.seen.add(oid)
                return oid

    def rater_id(self):
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
        while True:
            rid = "A" + "".join(self.rnd.choice(letters) for _ in range(12))
            if rid not in self.seen:
                self.seen.add(rid)
                return rid

    def moment(self, lo, hi, first_hour=7, last_hour=21):
        d = lo + dt.timedelta(days=self.rnd.randrange((hi - lo).days + 1))
        t = dt.datetime.combine(d, dt.time(self.rnd.randrange(first_hour, last_hour), self.rnd.randrange(60), self.rnd.randrange(60)))
        return t


def message_outcome(m, as_of=AS_OF):
    """'in_time', 'late', 'none' or None (not in the population); m has 'received' and
    'rows' [(response-at, kind)]."""
    if any(k == "no-response-needed" for _, k in m["rows"]):
        return None
    now = now_for(m["received"], as_of)
    rcv = instant(m["received"])
    manual = [instant(r) for r, k in m["rows"] if k == "manual" and instant(r) <= now]
    if manual:
        return "in_time" if min(manual) - rcv <= 24 * H else "late"
    if now - rcv < 24 * H:
        return None
    return "none"


def contact_response(messages, as_of, days):
    lo, hi = window(as_of, days)
    counts = {"in_time": 0, "late": [], "none": []}
    den = 0
    for m in messages:
        if not lo <= day(m["received"]) <= hi:
            continue
        o = message_outcome(m, as_of)
        if o is None:
            continue
        den += 1
        if o == "in_time":
            counts["in_time"] += 1
        else:
            counts[o].append(m["key"])
    return den, counts


def return_outcome(r, as_of=AS_OF):
    """None (not yet counted) or the set of defects: late, invalid, negative."""
    now = now_for(r["request"], as_of)
    req = instant(r["request"])
    answered = bool(r["responded"]) and instant(r["responded"]) <= now
    if not answered and now - req < 48 * H:
        return None
    bad = set()
    if not answered or instant(r["responded"]) - req > 48 * H:
        bad.add("late_response")
    if answered and r["response"] == "rejected" and r["policy"] == "Y":
        bad.add("invalid_rejection")
    if r["feedback"] == "negative":
        bad.add("negative_feedback")
    return bad


def return_dissatisfaction(reqs, as_of, days=30):
    lo, hi = window(as_of, days)
    den, defective = 0, []
    comps = {"late_response": 0, "invalid_rejection": 0, "negative_feedback": 0}
    for r in reqs:
        if not lo <= day(r["request"]) <= hi:
            continue
        bad = return_outcome(r, as_of)
        if bad is None:
            continue
        den += 1
        if bad:
            defective.append(r["key"])
        for c in bad:
            comps[c] += 1
    return den, defective, comps


def service_rating(ratings, as_of, days=28, need=40, lookback=365):
    """(D, count, sum) of the latest period with enough ratings, or None."""
    for back in range(lookback + 1):
        d = as_of - dt.timedelta(days=back)
        lo = d - dt.timedelta(days=days - 1)
        latest = {}
        for i, g in enumerate(ratings):
            if lo <= day(g["rated"]) <= d:
                k = g["rater"]
                if k not in latest or (instant(g["rated"]), i) > latest[k][0]:
                    latest[k] = ((instant(g["rated"]), i), g["score"])
        if len(latest) >= need:
            return d, len(latest), sum(s for _, s in latest.values())
    return None


def verdict_ge(v, fail, warn):
    return "fail" if v < fail else "warn" if v < warn else "pass"


def write(path, header, rows, eol):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header + eol)
        for r in rows:
            f.write(",".join(r) + eol)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "..", "accounts", "acme-service"))
    ap.add_argument("-v", "--verbose", action="store_true", help="also list the named rows")
    a = ap.parse_args()
    out_dir = os.path.normpath(a.out)
    os.makedirs(out_dir, exist_ok=True)
    g = Gen()
    r = g.rnd

    # ---- messages ----
    messages = []
    for key, rcv, rows, has_order, note in MESSAGES:
        messages.append({"key": key, "received": ts(rcv), "rows": [(ts(t), k) for t, k in rows],
                         "order": g.order_id() if has_order else "", "note": note})
    for (lo, hi), n in FILLER_MESSAGES:
        for _ in range(n):
            rcv = g.moment(lo, hi)
            delay = dt.timedelta(minutes=r.randrange(3, 22 * 60))
            rows = []
            if r.random() < 0.3:
                rows.append((ts((rcv + dt.timedelta(seconds=r.randrange(2, 30))).isoformat()), "auto"))
            rows.append((ts((rcv + delay).isoformat()), "manual"))
            if r.random() < 0.15:  # a follow-up reply later in the conversation
                rows.append((ts((rcv + delay + dt.timedelta(hours=r.randrange(2, 30))).isoformat()), "manual"))
            messages.append({"key": "", "received": ts(rcv.isoformat()), "rows": rows, "order": g.order_id(), "note": ""})
    messages.sort(key=lambda m: (instant(m["received"]), m["key"]))
    for i, m in enumerate(messages):
        m["id"] = f"BM-{202600000 + 137 * (i + 1)}"
    rows = []
    for m in messages:
        if m["rows"]:
            for t, k in m["rows"]:
                rows.append((instant(t), [m["id"], m["order"], m["received"], t, k]))
        else:
            rows.append((instant(m["received"]), [m["id"], m["order"], m["received"], "", ""]))
    rows.sort(key=lambda x: x[0])
    write(os.path.join(out_dir, "buyer-messages.csv"), MESSAGE_HEADER, [x for _, x in rows], "\r\n")

    # ---- return requests ----
    reqs = []
    for key, req, resp, response, policy, fb, note in RETURNS:
        reqs.append({"key": key, "order": g.order_id(), "request": ts(req), "responded": ts(resp) if resp else "",
                     "response": response, "policy": policy, "feedback": fb, "note": note})
    for (lo, hi), n in FILLER_RETURNS:
        for _ in range(n):
            req = g.moment(lo, hi)
            resp = req + dt.timedelta(minutes=r.randrange(20, 40 * 60))
            reqs.append({"key": "", "order": g.order_id(), "request": ts(req.isoformat()), "responded": ts(resp.isoformat()),
                         "response": r.choice(["authorized"] * 5 + ["refunded"] * 3 + ["closed"]),
                         "policy": "Y", "feedback": r.choice(["", "", "positive"]), "note": ""})
    reqs.sort(key=lambda q: (instant(q["request"]), q["key"]))
    write(os.path.join(out_dir, "return-requests.csv"), RETURN_HEADER,
          [[q["order"], q["request"], q["responded"], q["response"], q["policy"], q["feedback"]] for q in reqs], "\n")

    # ---- ratings ----
    lo, hi = window(AS_OF, 28)
    ratings = []
    for key, rater, rated, score, note in RATINGS:
        ratings.append({"key": key, "rater": rater or g.rater_id(), "rated": ts(rated), "score": score, "note": note})
    for score in PERIOD_SCORES:
        ratings.append({"key": "", "rater": g.rater_id(), "rated": ts(g.moment(lo, hi, 6, 22).isoformat()), "score": score, "note": ""})
    for score in OLD_SCORES:
        ratings.append({"key": "", "rater": g.rater_id(), "rated": ts(g.moment(dt.date(2026, 9, 1), dt.date(2026, 10, 22)).isoformat()),
                        "score": score, "note": ""})
    ratings.sort(key=lambda x: (instant(x["rated"]), x["key"]))
    write(os.path.join(out_dir, "ratings.csv"), RATING_HEADER, [[x["rater"], x["rated"], str(x["score"])] for x in ratings], "\n")

    # ---- expected figures, from the rules ----
    expected = {"as_of": AS_OF.isoformat()}
    for n in (7, 30, 90):
        den, c = contact_response(messages, AS_OF, n)
        lo_n, hi_n = window(AS_OF, n)
        v = c["in_time"] / den
        expected[f"contact_response_rate_{n}d"] = {
            "numerator": c["in_time"], "denominator": den, "value": v,
            "window": {"from": lo_n.isoformat(), "to": hi_n.isoformat(), "days": n},
            "status": verdict_ge(v, CRR_FAIL, CRR_WARN),
            "components": {"late_response": len(c["late"]), "no_response": len(c["none"])}}
    den, bad, comps = return_dissatisfaction(reqs, AS_OF)
    lo30, hi30 = window(AS_OF, 30)
    v = len(bad) / den
    expected["return_dissatisfaction_rate"] = {
        "numerator": len(bad), "denominator": den, "value": v,
        "window": {"from": lo30.isoformat(), "to": hi30.isoformat(), "days": 30},
        # advisory: a miss only warns
        "status": "pass" if v < RDR_WARN else "warn",
        "components": comps}
    d, count, total = service_rating(ratings, AS_OF)
    plo = d - dt.timedelta(days=27)
    v = total / count
    expected["customer_service_rating"] = {
        "numerator": total, "denominator": count, "value": v,
        "window": {"from": plo.isoformat(), "to": d.isoformat(), "days": 28},
        "period": {"from": plo.isoformat(), "to": d.isoformat(), "days": 28},
        "status": verdict_ge(v, CSR_FAIL, CSR_WARN)}
    expected["not_computed"] = ["customer_service_dissatisfaction_rate"]
    with open(out_dir.rstrip("/") + ".expected.json", "w", encoding="utf-8", newline="") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")

    # ---- design checks: the figures README.md states ----
    def fig(k):
        e = expected[k]
        return (e["numerator"], e["denominator"], e["status"], tuple(e.get("components", {}).values()))

    assert fig("contact_response_rate_7d") == (34, 40, "fail", (3, 3)), fig("contact_response_rate_7d")
    assert fig("contact_response_rate_30d") == (91, 100, "warn", (5, 4)), fig("contact_response_rate_30d")
    assert fig("contact_response_rate_90d") == (188, 200, "pass", (6, 6)), fig("contact_response_rate_90d")
    assert fig("return_dissatisfaction_rate") == (7, 60, "warn", (5, 2, 2)), fig("return_dissatisfaction_rate")
    assert fig("customer_service_rating") == (284, 40, "warn", ()), fig("customer_service_rating")
    assert d == AS_OF
    # the rules that bite: each named row's outcome
    out7 = {m["key"]: message_outcome(m) for m in messages if m["key"]}
    assert out7["EXACT24"] == "in_time" and out7["LATE1S"] == "late" and out7["AUTOLATE"] == "late"
    assert out7["AUTOONLY"] == "none" and out7["NRN"] is None and out7["YOUNG23"] is None and out7["OLD25"] == "none"
    assert out7["AFTER"] == "none" and out7["AFTERYOUNG"] is None and out7["DST"] == "late" and out7["MULTI"] == "in_time"
    ret = {q["key"]: return_outcome(q) for q in reqs if q["key"]}
    assert ret["R48"] == set() and ret["R49"] == {"late_response"} and ret["YOUNG"] is None and ret["REJEMPTY"] == set()
    assert ret["MULTI"] == {"late_response", "invalid_rejection", "negative_feedback"} and ret["DST"] == {"late_response"}
    # without the latest-per-rater rule the period would hold 41 ratings; with the first rating of
    # the rater who rated twice instead of the latest, the sum would be 277
    assert sum(1 for x in ratings if lo <= day(x["rated"]) <= hi) == 41

    print(f"acme-service -> {out_dir}")
    print(f"  buyer-messages.csv: {len(rows)} rows, {len(messages)} messages; "
          f"return-requests.csv: {len(reqs)} requests; ratings.csv: {len(ratings)} ratings")
    for k, e in expected.items():
        if isinstance(e, dict) and "numerator" in e:
            print(f"  {k:28} {e['numerator']}/{e['denominator']} = {e['value']:.4f} {e['status'].upper():4} "
                  f"{e['window']['from']} .. {e['window']['to']} {e.get('components', '')}")
    if a.verbose:
        for m in messages:
            if m["key"]:
                print(f"    message {m['key']:11} {m['id']}  {m['order'] or '(no order)':19}  {m['received']}  {m['note']}")
        for q in reqs:
            if q["key"]:
                print(f"    return  {q['key']:11} {q['order']}  {q['request']}  {q['note']}")
        for x in ratings:
            if x["key"]:
                print(f"    rating  {x['key']:11} {x['rater']}  {x['rated']}  {x['score']:2}  {x['note']}")


if __name__ == "__main__":
    main()
