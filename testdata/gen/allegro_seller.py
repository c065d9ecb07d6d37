#!/usr/bin/env python3
"""Writes testdata/accounts/allegro-seller: two overlapping GET /sale/quality
responses (SalesQualityHistoryResponse of Allegro's OpenAPI), newest day
first as the research fixture has them. Deterministic; the figures they
imply for `audit allegro --as-of 2026-11-30` are in testdata/accounts/README.md.

Days 2026-10-21..2026-11-29 (one grade each):
  10-21..10-31  GOOD, but 10-25 LOW (before the window: not counted)
  11-01..11-05  GOOD
  11-06         LOW            (the one day below Dobry in the window)
  11-07..11-09  GOOD
  11-10..11-14  VERY_GOOD
  11-15..11-25  SUPER          (11 days)
  11-26..11-29  SUPER_PLUS     (4 days)
The second file gives 11-10 with another score (401, not 398): a conflict,
the first file read (by name) keeps 390.
"""
import datetime
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "accounts", "allegro-seller")

SCORES = {"LOW": 180, "GOOD": 310, "VERY_GOOD": 390, "SUPER": 440, "SUPER_PLUS": 470}


def grade(d):
    if d == datetime.date(2026, 10, 25) or d == datetime.date(2026, 11, 6):
        return "LOW"
    if d < datetime.date(2026, 11, 10):
        return "GOOD"
    if d < datetime.date(2026, 11, 15):
        return "VERY_GOOD"
    if d < datetime.date(2026, 11, 26):
        return "SUPER"
    return "SUPER_PLUS"


def day(d, conflict=False):
    g = grade(d)
    score = SCORES[g] + d.day % 5  # a little movement, the same in both files
    if d == datetime.date(2026, 11, 29):
        score = 472
    if conflict and d == datetime.date(2026, 11, 10):
        score = 401
    buyer = min(50, score // 10)
    return {"resultFor": d.isoformat(), "score": score, "grade": g, "maxScore": 500,
            "metrics": [{"code": "BUYER_SATISFACTION", "name": "Zadowolenie kupujących", "score": buyer, "maxScore": 50}]}


def write(name, first, last, conflict=False):
    days = []
    d = last
    while d >= first:
        days.append(day(d, conflict))
        d -= datetime.timedelta(days=1)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump({"quality": days}, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("sale-quality-2026-11-20.json", datetime.date(2026, 10, 21), datetime.date(2026, 11, 19))
    write("sale-quality-2026-11-30.json", datetime.date(2026, 10, 31), datetime.date(2026, 11, 29), conflict=True)
