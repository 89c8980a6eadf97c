"""The words people use for products, read from the reviewed table data/product_synonyms.csv.

Each row maps one everyday word (English, Hinglish in Latin script, Hindi in Devanagari) to
words or phrases of the official product names. Plurals and the common spelling variants
(pyaz/pyaaz/pyaj, haldi/haldee, kela/kele) are not listed: `variants` derives them, so the
table holds only words a rule cannot guess.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.lexicon import GENERIC_PRODUCT_WORDS
from knowledge.normalise import fold, sound, stem

SYNONYMS_FILE = Path(__file__).parent / "data" / "product_synonyms.csv"
STATE_FORMS_FILE = Path(__file__).parent / "data" / "state_short_forms.csv"
SPLITS_FILE = Path(__file__).parent / "data" / "district_splits.csv"
ENGLISH_FILE = Path(__file__).parent / "data" / "common_english_words.txt"
TOWNS_FILE = Path(__file__).parent / "data" / "towns_not_districts.csv"


@dataclass(frozen=True)
class Synonym:
    word: str  # folded
    script: str  # "latin" or "devanagari"
    lang: str  # "en", "hinglish" or "hi"
    products: tuple[str, ...]  # folded words or phrases of official product names
    source: str


@cache
def load_synonyms(path: Path = SYNONYMS_FILE) -> tuple[Synonym, ...]:
    """Read the synonym table (read once per process: it ships with the code)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Synonym(fold(r["word"]), r["script"], r["lang"],
                    tuple(fold(p) for p in r["products"].split("|") if p.strip()), r["source"])
            for r in csv.DictReader(fh)
        )


def synonym_table(rows: tuple[Synonym, ...] | None = None) -> dict[str, tuple[str, ...]]:
    """Return word -> product words, for the catalog."""
    return {s.word: s.products for s in (load_synonyms() if rows is None else rows)}


def name_terms(name: str) -> frozenset[str]:
    """Return every term by which a followed product word finds the official product `name`.

    The terms mirror what `Index.products_for_targets` matches: each distinctive word's stem
    and its prefixes of five letters or more, runs of two and three stems, the whole name
    stemmed; and the folded name itself (the key a product was followed by before product
    words were). An alert about `name` reaches the concepts holding any of these terms.
    """
    folded = fold(name)
    words = folded.split()
    stems = [stem(w) for w in words]
    terms = {folded, " ".join(stems)}
    for word, stemmed in zip(words, stems, strict=True):
        if word not in GENERIC_PRODUCT_WORDS and len(word) > 2:
            terms.add(stemmed)
            terms.update(stemmed[:n] for n in range(5, len(stemmed)))
    for size in (2, 3):
        for start in range(len(stems) - size + 1):
            terms.add(" ".join(stems[start : start + size]))
    terms.discard("")
    return frozenset(terms)


def variants(word: str) -> list[str]:
    """Return the forms of `word` to look up, most literal first.

    The English plural (onions, strawberries), then the Hinglish plural/oblique ending
    (kele -> kela, khilone -> khilona, chudiyan -> chudi).
    """
    out = [word]
    if not word.isascii():
        return out + _devanagari_variants(word)
    if len(word) < 3:
        return out
    out.append(stem(word))
    if word.endswith(("iyan", "iyaan")):
        out.append(word[: word.rindex("iy")] + "i")
    elif word.endswith("e") and len(word) >= 4:
        out.append(word[:-1] + "a")
    return list(dict.fromkeys(out))


# The same endings in Devanagari (as `fold` writes them: chandrabindu as anusvara): the
# oblique or plural of an -ā noun (जीरे, केलों -> जीरा, केला), of an -ī noun (चूड़ियां,
# चूड़ियों -> चूड़ी) and a plural in -ें (दालें -> दाल).
_DEVANAGARI_ENDINGS = (
    ("\u093f\u092f\u093e\u0902", ("\u0940",)),  # -ियां -> -ी
    ("\u093f\u092f\u094b\u0902", ("\u0940",)),  # -ियों -> -ी
    ("\u094b\u0902", ("\u093e", "")),  # -ों -> -ा, or no ending
    ("\u0947\u0902", ("",)),  # -ें -> no ending
    ("\u0947", ("\u093e",)),  # -े -> -ा
)


def _devanagari_variants(word: str) -> list[str]:
    """The singular of a Hindi plural or oblique form (`variants` for Devanagari)."""
    for ending, replacements in _DEVANAGARI_ENDINGS:
        # at least two letters besides the ending: के, से, में are no nouns
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return [word[: -len(ending)] + r for r in replacements]
    return []


def spelling_key(word: str) -> str | None:
    """A key shared by spellings of one Latin-script word (pyaaz/pyaj, heeng/hing), or None.

    Short words are left alone: one letter changes too much of them ("bara" is not "bhara").
    """
    if not word.isascii() or len(word) < 5:
        return None
    return sound(word)


@dataclass(frozen=True)
class StateForm:
    """A short form of a State's name: "name" (guj, orissa) is always the State; a "code"
    (UP, MP, WB) is an ordinary word too, so only where a State fits; "code_capitals" (AS,
    OR, KA) only when written in capitals."""

    short: str  # folded
    state: str
    kind: str
    source: str


@cache
def load_state_forms(path: Path = STATE_FORMS_FILE) -> tuple[StateForm, ...]:
    """Read the State short-form table (it ships with the code)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(StateForm(fold(r["short"]), r["state"], r["kind"], r["source"])
                     for r in csv.DictReader(fh))


@dataclass(frozen=True)
class Split:
    """A former district divided into today's districts (24 Parganas, Midnapore)."""

    former: str
    state: str
    successors: tuple[str, ...]
    year: str
    source: str


@cache
def load_splits(path: Path = SPLITS_FILE) -> tuple[Split, ...]:
    """Read the table of divided districts (it ships with the code)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(Split(r["former_name"], r["state"], tuple(r["successors"].split("|")),
                           r["year"], r["source"]) for r in csv.DictReader(fh))


@cache
def load_english_words(path: Path = ENGLISH_FILE) -> frozenset[str]:
    """Read the common English words (data/common_english_words.txt, by frequency)."""
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and line[0] != "#")


@cache
def english_slips() -> dict[str, tuple[str, ...]]:
    """Words of eight letters or more that are common English (or its plural is) -> the
    ways of writing each one slip off, inside the word: a vowel left out, a doubled letter
    written once ("fastners", "teracotta"), two inner letters swapped ("petrochemcials").
    Made once per process from the English list (a fixed ~220,000 slips, ~0.15 s), so
    that a catalog's words are each looked up once however many there are."""
    english = load_english_words()
    readings = [w for w in english if len(w) >= 8]
    readings += [w[:-1] for w in english
                 if w.endswith("s") and len(w) >= 9 and w[:-1] not in english]
    readings.sort()
    pairs: list[tuple[str, str]] = []  # (slip, reading), each reading's slips together
    for reading in readings:
        n = len(reading)
        for at in range(1, n - 1):
            letter = reading[at]
            if letter in "aeiou" or letter == reading[at - 1]:
                pairs.append((reading[:at] + reading[at + 1 :], reading))
            if at < n - 2 and letter != reading[at + 1]:
                pairs.append((reading[:at] + reading[at + 1] + letter + reading[at + 2 :],
                              reading))
    slips: dict[str, tuple[str, ...]] = {}
    for slip, reading in pairs:
        found = slips.get(slip)
        if found is None:
            slips[slip] = (reading,)
        elif found[-1] != reading:  # (two slips of one reading can be the same word)
            slips[slip] = (*found, reading)
    return slips


@cache
def load_towns(path: Path = TOWNS_FILE) -> frozenset[str]:
    """Read the towns that are not districts (data/towns_not_districts.csv), folded."""
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(fold(r["town"]) for r in csv.DictReader(fh))


def is_known_town(word: str) -> bool:
    """Whether `word` (folded) is a town that is no district ("bhiwandi", "kasauli"): spelt
    right, it is that town, not a slip for the district or product one letter away (Bhiwani,
    Karauli, makhana). Exact names and aliases are read before this is asked."""
    return word in load_towns()


# Endings of English inflections, with what to put back: "carped" -> "carp", "rubier" -> "ruby".
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("es", ""), ("s", ""),
                ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""), ("ers", ""))


def is_common_english(word: str) -> bool:
    """Whether `word` (folded) is a correctly spelt everyday English word or an inflection of
    one ("sleep", "belly", "carped", "pupped"): such a word is what it says, not a slip for a
    product or place that looks like it. Exact names, aliases and synonyms are read before
    this is asked."""
    if not word.isascii() or len(word) < 4:
        return False
    english = load_english_words()
    if word in english:
        return True
    for ending, back in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if base + back in english or (
                    len(base) >= 4 and base[-1] == base[-2] and base[:-1] in english):
                return True
    return False
