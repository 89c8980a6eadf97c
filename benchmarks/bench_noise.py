"""Count the noise inputs (tests/data/noise.txt) the engine answers with a place or product.

    .venv/bin/python benchmarks/bench_noise.py            # counts
    .venv/bin/python benchmarks/bench_noise.py --list     # and every input answered

An input counts when the answer names a district, a State, offers districts to choose from or
lists products: each is a false answer, since no input in the file names any of them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import open_knowledge  # noqa: E402
from tests.test_engine_input import answered_with, load_noise  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print every input answered")
    args = ap.parse_args(argv)
    noise = load_noise()
    kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = open_knowledge(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}")
        for text in noise:
            answer = knowledge.engine.ask(text)
            kind = answered_with(answer)
            if kind:
                kinds[kind] += 1
                if args.list:
                    named = [d.name for d in answer.districts] or [
                        o.label for o in answer.clarify] or [s.name for s in answer.states] or [
                        p.name for p in answer.products[:2]]
                    print(f"{kind:8} {text!r} -> {', '.join(named)}")
        knowledge.db.dispose()
    total = sum(kinds.values())
    detail = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    print(f"noise answered with a place or product: {total} of {len(noise)}"
          + (f" ({detail})" if detail else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
