"""Score the engine on a held-out question set written before the rules it measures.

    .venv/bin/python benchmarks/heldout_eval.py            # benchmarks/heldout_queries.tsv
    .venv/bin/python benchmarks/heldout_eval.py --table other.tsv --quiet

The table has the columns of tests/queries.tsv plus:
`intent` may list alternatives (`stats|plan_status`); `every`: a word every returned product
name must contain (a qualifier narrows, it is never dropped); `lead`: text (alternatives with
`|`) the first two lines of the English reply must contain (the number or definition asked
for comes first); `says` / `not_says`: text the reply must / must not contain. An `outside`
or `unknown` row must name no district and offer no options.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import open_knowledge  # noqa: E402
from knowledge.reply import compose, to_text  # noqa: E402
from tests.test_engine_queries import Row, check_answer, describe  # noqa: E402

TABLE = Path(__file__).with_name("heldout_queries.tsv")


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _ref(text: str) -> tuple[str, str]:
    name, _, state = text.partition("|")
    return name.strip(), state.strip()


def problems(r: dict[str, str], answer: Any) -> list[str]:
    """Return what is wrong with `answer` for row `r`."""
    wanted = r["intent"].split("|")
    intent = answer.intent if answer.intent in wanted else wanted[0]
    row = Row(
        line=0, query=r["query"], intent="unknown" if intent == "outside" else intent,
        district=_ref(r["district"]) if r["district"] else None, state=r["state"],
        clarify=tuple(_ref(c) for c in r["clarify"].split(",") if c.strip()),
        product=r["product"].lower(), note=r["note"],
    )
    out = check_answer(row, replace(answer, intent=row.intent) if intent == "outside"
                       and answer.intent == "outside" else answer)
    if answer.intent not in wanted:
        out = [p for p in out if not p.startswith("intent ")]
        out.insert(0, f"intent {answer.intent!r}, expected {r['intent']!r}")
    text = to_text(compose(answer, "en"))
    lines = [line for line in text.splitlines() if line.strip()]
    if r["every"]:
        stray = [p.name for p in answer.products if r["every"] not in p.name.lower()]
        if stray:
            out.append(f"products without {r['every']!r}: {stray[:3]}")
    if r["lead"] and not any(a.lower() in " ".join(lines[:2]).lower()
                             for a in r["lead"].split("|")):
        out.append(f"first lines lack {r['lead']!r}: {lines[:2]}")
    if r["says"] and not any(a.lower() in text.lower() for a in r["says"].split("|")):
        out.append(f"reply lacks {r['says']!r}")
    if r["not_says"] and r["not_says"].lower() in text.lower():
        out.append(f"reply echoes {r['not_says']!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", type=Path, default=TABLE)
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args(argv)
    rows = load(args.table)
    failed: list[tuple[dict[str, str], list[str], str]] = []
    total: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        k = open_knowledge(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}")
        for r in rows:
            answer = k.engine.ask(r["query"])
            found = problems(r, answer)
            kind = r["intent"].split("|")[0]
            total[kind] += 1
            if found:
                bad[kind] += 1
                failed.append((r, found, describe(answer)))
        k.db.dispose()
    n = len(rows)
    print(f"held-out accuracy: {n - len(failed)}/{n} = {(n - len(failed)) / n:.1%}")
    for kind in sorted(total):
        print(f"  {kind:<18} {total[kind] - bad[kind]:>4}/{total[kind]:<4}")
    if not args.quiet:
        for r, found, got in failed:
            print(f"\n{r['query']!r} [{r['note']}]\n  " + "; ".join(found) + f"\n  got: {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
