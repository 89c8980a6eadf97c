"""The most expensive questions we can find, timed beside a normal one.

    .venv/bin/python benchmarks/bench_worst.py               # 5 repetitions of each input
    .venv/bin/python benchmarks/bench_worst.py --reps 2 --only amp,emoji

Seeds a fresh temp SQLite from knowledge/data, builds the engine, then times `engine.ask` on
the table's queries (the normal cost: the median over all of them) and on each hostile input
below (median of --reps calls). The figure that matters is the worst input's time as a ratio
to a normal question's: the engine runs on the bot's event loop, so a question that costs a
hundred normal ones holds up everyone's replies for that long. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import open_knowledge  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from tests.test_engine_queries import load_rows  # noqa: E402


def worst_inputs() -> dict[str, str]:
    """Hostile questions, reproducible (fixed seed), each far beyond any real question."""
    rnd = random.Random(7)
    letters = string.ascii_lowercase
    deva = [chr(c) for c in range(0x0915, 0x0939)] + ["\u093e", "\u093f", "\u0940", "\u094d"]
    junk_words = " ".join(
        "".join(rnd.choice(letters) for _ in range(rnd.randint(4, 12))) for _ in range(4096)
    )
    return {
        "amp": "&" * 4096,
        "amp-100k": "&" * 100_000,
        "text-100k": ("moradabad brass and carpets of bhadohi, what is the plan status? " * 1600)
        [:100_000],
        "letters-100k": "a" * 100_000,
        "one-letter-words": " ".join(rnd.choice(letters) for _ in range(4096)),
        "junk-words": junk_words,
        "misspelt-places": " ".join(
            rnd.choice(["moradabd", "varansi", "bhadhoi", "kanchipuram", "raigad", "lucnow"])
            for _ in range(2000)
        ),
        "district-names": "agra aurangabad hamirpur bilaspur pratapgarh " * 800,
        "multiword-names": "north south east west 24 parganas jaintia hills " * 800,
        "cue-phrases": "what is odop how many districts export action plan who can help " * 500,
        "products": "carpet brass turmeric rice mango silk onion pickle " * 800,
        "digits": "1" * 5000,
        "digit-words": " ".join(str(rnd.randint(0, 999)) for _ in range(4096)),
        "devanagari-long": "".join(rnd.choice(deva) for _ in range(20_000)),
        "devanagari-words": "मुरादाबाद पीतल वाराणसी साड़ी कालीन भदोही " * 800,
        "emoji": "\U0001f600" * 4096,
        "emoji-words": " ".join("\U0001f600\U0001f1ee\U0001f1f3" for _ in range(2000)),
        "mixed-scripts": " ".join(
            rnd.choice(["agra", "आगरा", "\u0b86\u0b95\u0bcd", "Ağra", "\u0627\u06af\u0631\u0627",
                        "\U0001f600", "粤", "1234"]) for _ in range(4096)
        ),
        "zero-width": "mora\u200bdabad\u00ad" * 4096,
        "combining-marks": "a" + "\u0301" * 20_000,
        "punctuation-words": " ".join(rnd.choice("!?.,;:-()[]{}") * 3 for _ in range(4096)),
    }


def _median_ms(fn: object, arg: str, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn(arg)  # type: ignore[operator]
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5, help="repetitions of each hostile input")
    ap.add_argument("--only", default="", help="comma-separated names of inputs to time")
    args = ap.parse_args(argv)
    inputs = worst_inputs()
    if args.only:
        wanted = args.only.split(",")
        unknown = [w for w in wanted if w not in inputs]
        if unknown:
            print(f"unknown inputs: {', '.join(unknown)}", file=sys.stderr)
            return 2
        inputs = {k: inputs[k] for k in wanted}
    queries = [r.query for r in load_rows()]
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = open_knowledge(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}")
        engine: Engine = knowledge.engine
        for q in queries:  # warm-up
            engine.ask(q)
        normal = statistics.median(
            _median_ms(engine.ask, q, max(args.reps, 3)) for q in queries
        )
        print(f"normal question (median over {len(queries)} table queries): {normal:.3f} ms")
        print(f"{'input':20} {'chars':>8} {'ms':>10} {'x normal':>10}")
        worst = ("", 0.0)
        for name, text in inputs.items():
            took = _median_ms(engine.ask, text, args.reps)
            worst = max(worst, (name, took), key=lambda w: w[1])
            print(f"{name:20} {len(text):8d} {took:10.2f} {took / normal:10.1f}")
        knowledge.db.dispose()
    print(f"worst: {worst[0]} {worst[1]:.2f} ms = {worst[1] / normal:.1f}x a normal question")
    return 0


if __name__ == "__main__":
    sys.exit(main())
