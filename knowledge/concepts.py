"""What "follow this product" means: a product word, in any spelling or language, standing for
every official product it names.

`makhana`, `foxnut`, `phoolmakhana` and `मखाना` are one concept (terms: makhana), and it
names both "Makhana" and "Makhana (Foxnut)"; `haldi` is turmeric|haladi. The terms are those
the engine matches product names by (the synonym table, stems, runs of words, the whole
name), so a followed word reaches exactly the products the same word finds as a question.
`vocabulary.name_terms` gives the other side: the terms that find one official name.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge import lexicon, parse
from knowledge.index import Index
from knowledge.normalise import fold, stem
from knowledge.vocabulary import spelling_key, variants

MAX_KEY = 200  # Subscription.key


@dataclass(frozen=True)
class Concept:
    terms: tuple[str, ...]  # sorted stemmed words or phrases of official product names
    label: str  # the English word shown for it: "makhana", "turmeric", "Bastar Craft"

    @property
    def key(self) -> str:
        """What a subscription stores: the terms, so that every spelling is one key."""
        return "|".join(self.terms)[:MAX_KEY]


def concept(text: str, index: Index) -> Concept | None:
    """Return the product concept `text` names ("pyaz", "Makhana (Foxnut)", "red rice"),
    or None if it names no product."""
    words = [w for w in fold(text).split() if w not in lexicon.FILLER]
    if not words:
        return None
    stems = " ".join(stem(w) for w in words)
    names = index.product_names.get(stems)
    if names:
        return Concept((stems,), index.catalog.products[min(names)].name)
    if len(words) > 1 and stems in index.product_phrases:
        return Concept((stems,), _shown(" ".join(words)))
    terms: set[str] = set()
    labels: list[str] = []
    for word in words:
        found, label = _word_terms(word, index)
        if found and label not in labels:
            terms.update(found)
            labels.append(label)
    return Concept(tuple(sorted(terms)), _shown(" ".join(labels))) if terms else None


def _shown(words: str) -> str:
    """ "makhana" -> "Makhana": one spelling of the label whichever word was followed."""
    return words[:1].upper() + words[1:]


def _word_terms(word: str, index: Index) -> tuple[tuple[str, ...], str]:
    """The terms one word stands for, read as `parse.product_lookup` reads it."""
    forms = variants(word)
    key = spelling_key(word)
    if key is not None and key in index.spellings:
        forms += [w for w in index.spellings[key] if w not in forms]
    for form in forms:
        targets = index.synonyms.get(form)
        if targets:
            if index.products_for_targets(targets):
                terms = [" ".join(stem(w) for w in t.split()) for t in targets]
                # the synonym word itself where the list uses it (achaar: Achar-Muraba)
                own = parse.own_word(form, index)
                if own and index.products_for_word(stem(own)) - index.products_for_targets(
                        targets):
                    terms.append(stem(own))
                return tuple(terms), targets[0]
        elif index.products_for_word(stem(form)):
            return (stem(form),), form
    return (), word


def products(found: Concept, index: Index) -> set[int]:
    """The catalog's products (positions) the concept names."""
    return index.products_for_targets(found.terms)


def suggestions(text: str, index: Index, limit: int = 3) -> list[str]:
    """Product words spelt like `text`, for an ask-back ("makhna" -> makhana)."""
    typed = stem(fold(text).replace(" ", ""))
    if len(typed) < 4:
        return []
    candidates = [w for w in [*index.product_words, *index.synonyms]
                  if w[:1] == typed[:1] and w.isascii()]
    hits = process.extract(typed, candidates, scorer=fuzz.ratio, limit=limit * 3,
                           score_cutoff=75)
    out: list[str] = []
    for word, _score, _i in hits:
        found = concept(word, index)
        if found is not None and found.label not in out:
            out.append(found.label)
    return out[:limit]
