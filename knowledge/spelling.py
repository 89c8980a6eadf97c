"""How close a typed word is to a name: the test a guess must pass to stand on its own."""

from __future__ import annotations

import re
from collections.abc import Collection

from rapidfuzz.distance import OSA

from knowledge import lexicon
from knowledge.normalise import sound_of_folded

_DOUBLES = re.compile(r"(?<=(.))\1+")


def close_spelling(typed: str, name: str) -> bool:
    """Whether `typed` is a way of writing `name`: one slip (a letter wrong, missing, extra or
    swapped), or two that sound the same ("pashmeena", "darjiling").

    Real typos are mostly like that ("moradbad", "gurgoan"); English words that merely look
    like a name mostly are not ("slumbers" / Salumber, "steeled" / steel).
    """
    typed, name = typed.replace(" ", ""), name.replace(" ", "")
    if len(typed) < 5:
        return False
    slips = OSA.distance(typed, name, score_cutoff=2)
    if slips <= 1 or (slips <= 2 and sound_of_folded(typed) == sound_of_folded(name)):
        return True
    # a doubled letter is not a slip of its own ("kanouj" / Kannauj is one slip: o for a)
    return OSA.distance(_DOUBLES.sub("", typed), _DOUBLES.sub("", name), score_cutoff=1) <= 1


def run_together(typed: str, name: str, words: Collection[str]) -> bool:
    """"cashewnut": a product word with another written onto it."""
    rest = typed[len(name) :]
    return typed.startswith(name) and (rest in words or rest in lexicon.GENERIC_PRODUCT_WORDS)
