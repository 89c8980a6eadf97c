"""Write knowledge/data/common_english_words.txt: everyday English words, by frequency.

    /tmp/venv/bin/pip install wordfreq==3.1.1
    /tmp/venv/bin/python benchmarks/make_english_words.py

Run once by hand (wordfreq is not a dependency: the file it writes is committed). The engine
never reads a correctly spelt common English word ("sleep", "belly", "patio") as a slip for a
product or place ("Seep", "Bell", "Pati"); an exact name, alias or synonym is still read as
one. Kept: lower-case ASCII words of 4-14 letters with a Zipf frequency of at least 2.5 (about
once in 3 million words) in wordfreq's English list.
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "common_english_words.txt"
MIN_ZIPF = 2.5


def main() -> int:
    plain = re.compile(r"[a-z]{4,14}")
    words = sorted(
        w
        for w in top_n_list("en", 200_000)
        if plain.fullmatch(w) and zipf_frequency(w, "en") >= MIN_ZIPF
    )
    header = [
        "# Common English words: a correctly spelt one is never read as a slip for a name.",
        "# source: wordfreq 3.1.1 (Robyn Speer et al.), top_n_list('en'), Zipf >= 2.5,",
        "# lower-case ASCII, 4-14 letters; written by benchmarks/make_english_words.py.",
    ]
    OUT.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
