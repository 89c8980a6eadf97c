"""Score the engine on tests/queries.tsv and list the failures grouped by intent.

    .venv/bin/python benchmarks/queries_eval.py            # summary + every failure
    .venv/bin/python benchmarks/queries_eval.py --intent committee
    .venv/bin/python benchmarks/queries_eval.py --json out.json

Uses the same checks as tests/test_engine_queries.py, on a fresh seeded SQLite file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import open_knowledge  # noqa: E402
from tests.test_engine_queries import Row, check_answer, describe, load_rows  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--intent", help="only rows expecting this intent")
    ap.add_argument("--json", type=Path, help="also write the per-row results here")
    args = ap.parse_args(argv)

    rows = load_rows()
    if args.intent:
        rows = [r for r in rows if r.intent == args.intent]
    with tempfile.TemporaryDirectory() as tmp:
        k = open_knowledge(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}")
        results = []
        for row in rows:
            answer = k.engine.ask(row.query)
            results.append((row, check_answer(row, answer), describe(answer)))
        k.db.dispose()

    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    failures: dict[str, list[tuple[Row, list[str], str]]] = defaultdict(list)
    for row, problems, got in results:
        total[row.intent] += 1
        if problems:
            failures[row.intent].append((row, problems, got))
        else:
            passed[row.intent] += 1

    n, ok = sum(total.values()), sum(passed.values())
    print(f"accuracy: {ok}/{n} = {ok / n:.1%}\n")
    print(f"{'expected intent':<18} {'pass':>5} {'rows':>5} {'acc':>7}")
    for intent in sorted(total):
        print(f"{intent:<18} {passed[intent]:>5} {total[intent]:>5} "
              f"{passed[intent] / total[intent]:>7.1%}")
    for intent in sorted(failures):
        print(f"\n== {intent}: {len(failures[intent])} failing")
        for row, problems, got in failures[intent]:
            print(f"- {row.query!r}  [{row.note}]" if row.note else f"- {row.query!r}")
            print(f"    wrong: {'; '.join(problems)}")
            print(f"    got:   {got}")
    if args.json:
        args.json.write_text(json.dumps(
            [{"query": r.query, "intent": r.intent, "pass": not p, "problems": p, "got": g}
             for r, p, g in results], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if ok == n else 1


if __name__ == "__main__":
    sys.exit(main())
