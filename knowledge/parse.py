"""Read a question: which places, products and intent cues it mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge import lexicon
from knowledge.index import Index, Target
from knowledge.normalise import fold, sound, stem

Cue = str  # "help", "about", "committee", "plan", "contact", "stats", "off_topic"

_PREPOSITIONS = frozenset("in of from se me mein ka ki ke for at".split())
_LGD = re.compile(r"^(?:lgd\s*(?:code)?\s*)?(\d{1,3})$")


@dataclass
class Mention:
    """Words of the question that name one or more places."""

    words: str
    targets: frozenset[Target]
    exact: bool


@dataclass
class Parsed:
    text: str
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)
    product_ids: set[int] = field(default_factory=set)
    topic: list[str] = field(default_factory=list)
    sector: str | None = None
    gi: bool = False
    cues: set[Cue] = field(default_factory=set)
    lgd_code: int | None = None
    unplaced: list[str] = field(default_factory=list)


def parse(text: str, index: Index) -> Parsed:
    """Return what `text` mentions, matching exact names first and fuzzy ones last."""
    folded = fold(text)
    words = folded.split()
    parsed = Parsed(text=text, words=words)
    match = _LGD.match(folded)
    if match:
        parsed.lgd_code = int(match.group(1))
        return parsed
    claimed = [False] * len(words)
    _find_cues(folded, words, claimed, parsed)
    _find_places(text, words, claimed, parsed, index)
    _find_products(words, claimed, parsed, index)
    _find_fuzzy(words, claimed, parsed, index)
    return parsed


def _find_cues(folded: str, words: list[str], claimed: list[bool], parsed: Parsed) -> None:
    padded = f" {folded} "
    phrase_cues = (
        ("help", lexicon.HELP_PHRASES),
        ("about", lexicon.ABOUT_PHRASES),
        ("plan", lexicon.PLAN_PHRASES),
        ("contact", lexicon.CONTACT_PHRASES),
        ("stats", lexicon.STATS_PHRASES),
    )
    for cue, phrases in phrase_cues:
        for phrase in phrases:
            if f" {phrase} " in padded:
                parsed.cues.add(cue)
    word_cues = (
        ("help", lexicon.HELP_WORDS),
        ("about", lexicon.ABOUT_WORDS),
        ("committee", lexicon.COMMITTEE_WORDS),
        ("plan", lexicon.PLAN_WORDS),
        ("contact", lexicon.CONTACT_WORDS),
        ("stats", lexicon.STATS_WORDS),
        ("off_topic", lexicon.OFF_TOPIC),
    )
    for i, word in enumerate(words):
        for cue, vocabulary in word_cues:
            if word in vocabulary or stem(word) in vocabulary:
                parsed.cues.add(cue)
                claimed[i] = True
        if word in lexicon.GI_WORDS:
            parsed.gi = True
            claimed[i] = True
    if parsed.gi:
        # "GI status" asks about a product's tag, not about an export plan.
        parsed.cues.discard("plan")


def _find_places(
    text: str, words: list[str], claimed: list[bool], parsed: Parsed, index: Index
) -> None:
    capitals = {w.lower() for w in re.split(r"[^A-Za-z]+", text) if w.isupper()}
    for size in range(min(index.max_place_words, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(claimed[i] for i in span):
                continue
            key = " ".join(words[start : start + size])
            if size == 1 and not _may_be_place(key, start, words, capitals):
                continue
            targets = index.places.get(key) or (
                index.sounds.get(sound(key)) if len(key) >= 5 else None
            )
            if targets:
                parsed.mentions.append(Mention(key, frozenset(targets), exact=True))
                for i in span:
                    claimed[i] = True
    for i, word in enumerate(words):
        if not claimed[i] and word in index.partials:
            parsed.mentions.append(Mention(word, frozenset(index.partials[word]), exact=False))
            claimed[i] = True


def _may_be_place(word: str, position: int, words: list[str], capitals: set[str]) -> bool:
    if word in lexicon.CAPITAL_ONLY_ABBREVIATIONS:
        after_preposition = position > 0 and words[position - 1] in _PREPOSITIONS
        return word in capitals or after_preposition
    return word not in lexicon.FILLER


def _find_products(words: list[str], claimed: list[bool], parsed: Parsed, index: Index) -> None:
    for i, word in enumerate(words):
        if claimed[i] or word in lexicon.FILLER:
            continue
        if word in lexicon.SECTOR_WORDS:
            parsed.sector = lexicon.SECTOR_WORDS[word]
            claimed[i] = True
            # A sector word is a product word too ("handloom", "textile").
        stems = lexicon.PRODUCT_SYNONYMS.get(word) or (stem(word),)
        found: set[int] = set()
        for s in stems:
            found |= index.products_for_word(s)
        if found:
            parsed.product_ids |= found
            parsed.topic.append(word)
            claimed[i] = True
            if parsed.sector and word in lexicon.SECTOR_WORDS:
                parsed.sector = None  # the product words are more precise than the sector


def _find_fuzzy(words: list[str], claimed: list[bool], parsed: Parsed, index: Index) -> None:
    for i, word in enumerate(words):
        if claimed[i] or word in lexicon.FILLER or len(word) < 4:
            continue
        place = index.fuzzy_place(word)
        product = index.fuzzy_product_word(stem(word))
        if place and (not product or place.score >= product.score):
            targets = index.places[place.key]
            parsed.mentions.append(Mention(place.key, frozenset(targets), exact=False))
        elif product:
            parsed.product_ids |= index.products_for_word(product.key)
            parsed.topic.append(product.key)
        else:
            parsed.unplaced.append(word)
            continue
        claimed[i] = True
