"""Check that every expectation in tests/queries.tsv is true of the shipped data files.

Reads knowledge/data/*.csv directly (not the engine), so it can run before the engine exists:

    .venv/bin/python benchmarks/check_queries.py

Checks: intent is a known intent; every "Name|State" (district, clarify) is a canonical
district in districts.csv; the state is a State/UT there; the product word occurs in a product
name of the expected district (or state, or anywhere when neither is given); unknown rows
expect nothing. Also prints the count of rows per intent and per note tag ([hi], [typo], ...).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "knowledge" / "data"
TABLE = ROOT / "tests" / "queries.tsv"

INTENTS = {
    "district_products", "product_districts", "state_overview", "plan_status", "committee",
    "contact", "stats", "about", "help", "outside", "unknown", "dgft_office",
}
STATE_FIX = {
    "Dadra & Nagar Haveli (UT)\nDaman & Diu (UT)": "Dadra and Nagar Haveli and Daman and Diu",
}
Ref = tuple[str, str]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().replace("district", ""))


def load_districts() -> tuple[set[Ref], set[str], dict[Ref, Ref], dict[Ref, Ref]]:
    canon: set[tuple[str, str]] = set()
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    by_lgd: dict[tuple[str, str], tuple[str, str]] = {}
    with (DATA / "districts.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            ref = (r["district"], r["state"])
            canon.add(ref)
            names = [r["district"], *r["aliases"].split("|"), *r["aliases_unverified"].split("|")]
            for n in names:
                if n.strip():
                    by_name.setdefault((r["state"], _key(n)), ref)
            if r["lgd_code"]:
                by_lgd[(r["state"], r["lgd_code"])] = ref
    extra = DATA / "aliases_extra.csv"  # former names added later (Banaras, Bombay, ...)
    if extra.exists():
        with extra.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if (r["district"], r["state"]) not in canon:
                    print(f"note: aliases_extra.csv names no canonical district: {r['district']}")
    states = {s for _, s in canon}
    return canon, states, by_name, by_lgd


def load_products(by_name, by_lgd) -> tuple[list[tuple[str, tuple[str, str]]], list[str]]:
    text = (DATA / "odop_products_v31.csv").read_text(encoding="cp1252")
    out: list[tuple[str, tuple[str, str]]] = []
    unmatched: list[str] = []
    for r in csv.DictReader(io.StringIO(text, newline="")):
        state = STATE_FIX.get(r["State"].strip(), r["State"].strip())
        dist = " ".join(r["District"].split())
        ref = by_name.get((state, _key(dist))) or by_lgd.get((state, r["LGD Code"].strip()))
        if ref is None:
            unmatched.append(f"{state} / {dist} / {r['LGD Code']}")
            continue
        out.append((" ".join(r["Product"].split()), ref))
    return out, unmatched


def parse_ref(text: str) -> tuple[str, str]:
    name, _, state = text.partition("|")
    return name.strip(), state.strip()


def main() -> int:
    canon, states, by_name, by_lgd = load_districts()
    products, unmatched = load_products(by_name, by_lgd)
    for u in unmatched:
        print(f"note: product row not reconciled to a district: {u}")
    by_district: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, ref in products:
        by_district[ref].append(name.lower())

    errors: list[str] = []
    intents: Counter[str] = Counter()
    seen: set[str] = set()
    with TABLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for i, row in enumerate(rows, start=2):
        q = row["query"]
        where = f"line {i} {q!r}"
        if q in seen:
            errors.append(f"{where}: duplicate query")
        seen.add(q)
        intent = row["intent"].strip()
        intents[intent] += 1
        if intent not in INTENTS:
            errors.append(f"{where}: unknown intent {intent!r}")
        district = row["district"].strip()
        state = row["state"].strip()
        product = row["product"].strip().lower()
        clarify = [parse_ref(c) for c in row["clarify"].split(",") if c.strip()]
        if district and parse_ref(district) not in canon:
            errors.append(f"{where}: district {district!r} not canonical in districts.csv")
        if state and state not in states:
            errors.append(f"{where}: state {state!r} not in districts.csv")
        for c in clarify:
            if c not in canon:
                errors.append(f"{where}: clarify option {c!r} not canonical")
        if clarify and len(clarify) < 2:
            errors.append(f"{where}: a clarification needs at least two options")
        if clarify and district:
            errors.append(f"{where}: both clarify and district given")
        if intent == "unknown" and (district or clarify or product):
            errors.append(f"{where}: unknown rows expect nothing")
        if product:
            if district:
                pool = by_district.get(parse_ref(district), [])
            elif state:
                pool = [n for n, ref in products if ref[1] == state for n in [n.lower()]]
            else:
                pool = [n.lower() for n, _ in products]
            if not any(product in n for n in pool):
                scope = district or state or "the list"
                errors.append(f"{where}: no product containing {product!r} in {scope}")
    tags: Counter[str] = Counter()
    for row in rows:
        for tag in re.findall(r"\[(\w+)\]", row["note"]):
            tags[tag] += 1
        if row["clarify"].strip():
            tags["clarify"] += 1
    for e in errors:
        print("ERROR", e)
    print("tags: " + ", ".join(f"{k} {v}" for k, v in sorted(tags.items())))
    by_intent = ", ".join(f"{k} {v}" for k, v in sorted(intents.items()))
    print(f"{len(rows)} rows; by intent: {by_intent}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
