"""Write tests/data/noise.txt: English words and phrases that name no place and no product.

    .venv/bin/python benchmarks/make_noise.py [/usr/share/dict/words]

Run once by hand (Debian's `wamerican` word list, installed with apt); the file it writes is
committed, so tests and benchmarks never need the word list. Words are kept when they are
lower-case ASCII, 2-12 letters, and neither a word of an official product or place name
nor a product synonym (those are meant to be answered); then a fixed-seed sample of them,
one-letter words after filler ("i am r"), and two-word phrases of sampled words.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import open_knowledge  # noqa: E402
from knowledge import lexicon  # noqa: E402
from knowledge.normalise import fold, stem  # noqa: E402

OUT = ROOT / "tests" / "data" / "noise.txt"
WORDS = 3000
PHRASES = 300


def meaningful_words(catalog: object) -> set[str]:
    """Folded words that rightly name a place or a product in our knowledge."""
    out: set[str] = set(catalog.synonyms) | set(lexicon.SECTOR_WORDS)  # type: ignore[attr-defined]
    out |= set(catalog.state_forms)  # type: ignore[attr-defined]
    names = [p.name for p in catalog.products]  # type: ignore[attr-defined]
    for d in catalog.districts:  # type: ignore[attr-defined]
        names += [d.name, d.state, *(a for a, _kind in d.aliases)]
    for name in names:
        out |= {stem(w) for w in fold(name).split()} | set(fold(name).split())
    return out


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/words")
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = open_knowledge(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}")
        meaningful = meaningful_words(knowledge.catalog)
        knowledge.db.dispose()
    plain = re.compile(r"[a-z]{2,12}")
    words = sorted({
        w for w in source.read_text(encoding="utf-8").split()
        if plain.fullmatch(w) and w not in meaningful and stem(w) not in meaningful
    })
    rnd = random.Random(11)
    sample = sorted(rnd.sample(words, WORDS))
    letters = [f"{lead} {c}" for lead in ("i am", "ok") for c in "abcdefghijklmnopqrstuvwxyz"]
    phrases = sorted({f"{rnd.choice(sample)} {rnd.choice(sample)}" for _ in range(PHRASES)})
    header = [
        "# Noise: English words and phrases that name no ODOP place or product.",
        f"# Written by benchmarks/make_noise.py from {source.resolve().name} (Debian wamerican)"
        "; one a line.",
    ]
    OUT.write_text("\n".join(header + sample + letters + phrases) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(sample)} words, {len(letters) + len(phrases)} phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
