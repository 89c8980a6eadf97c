"""The matching index: every name a place or product goes by, prepared once per catalog."""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import attrgetter, methodcaller, not_

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge import lexicon
from knowledge.catalog import Catalog, DistrictRec
from knowledge.lexicon import words
from knowledge.normalise import (
    fold,
    fold_many,
    name_key,
    name_keys,
    sound_of_folded,
    sounds_of_folded,
    stem,
)
from knowledge.vocabulary import english_slips, is_common_english

# Aliases shorter than this are noise ("r" of "Kamrup (R)" would make "i am r" a place).
MIN_ALIAS = 3

# What each name of a district is, as the index reads them.
_NAME, _ALIAS, _HINDI, _HINDI_ALIAS = 0, 1, 2, 3  # _HINDI_ALIAS: an alias that is the Hindi name

# A place target: ("d", district id) or ("s", state id).
Target = tuple[str, int]

# Words of multi-word district names too common to stand for the district on their own.
WEAK_NAME_WORDS = words(
    """
    north south east west upper lower central middle purba paschim pashchim purbi uttar
    dakshin dakshina nagar rural urban district dehat city hills hill new old the sri shri
    sant and metro island islands valley
    """
) | frozenset(
    # the same words in Devanagari, keyed as names are (Hindi names are aliases too): उत्तर
    # alone is not North Goa, Uttara Kannada and every other "North"
    name_key(fold(w)) for w in words(
        """
        उत्तर उत्तरी दक्षिण दक्षिणी पूर्व पूर्वी पश्चिम पश्चिमी मध्य ऊपरी निचला निचली नगर
        ग्रामीण शहरी जिला देहात पहाड़ी पहाड़ियां पहाड़ियाँ नया नई पुराना श्री संत द्वीप घाटी महानगर
        """
    )
)


@dataclass(frozen=True)
class _Descriptions:
    of: list[str]  # each product's description, by position
    products: dict[str, set[int]]  # the products (positions) of each description


@dataclass(frozen=True)
class Fuzzy:
    key: str
    score: float


class Index:
    """Maps folded names to places and words to products, for exact and fuzzy lookups."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.places: dict[str, set[Target]] = defaultdict(set)
        self.partials: dict[str, set[Target]] = defaultdict(set)
        self._sound_names: dict[str, set[str]] = defaultdict(set)
        # Filler words ("and", "pradesh") that are words of a place's name too.
        self.filler_in_names: set[str] = set()
        self._add_states(catalog)
        self._add_districts(catalog)
        self._add_splits(catalog)
        # (spaces counted in C: a name of n words has n - 1)
        self.max_place_words = 1 + max(map(str.count, self.places, itertools.repeat(" ")))
        self._fuzzy_places = _by_initial([*self.places, *self.partials])
        self._build_products(catalog)
        self.councils = {
            fold(key): c.name
            for c in catalog.councils
            for key in (c.short_name.split("(")[0], c.name)
            # "SEPC" is also the State Export Promotion Committee; the committee wins.
            if key.strip() and fold(key) != "sepc"
        }
        self.confusable = self._confusable_groups()
        self._description_stems: dict[str, frozenset[str]] = {}

    # --- places -------------------------------------------------------------------------
    def _add_place(self, name: str, target: Target, folded: str | None = None) -> None:
        key = name_key(fold(name) if folded is None else folded)
        if not key:
            return
        self.places[key].add(target)
        key_sound = sound_of_folded(key)
        self._sound_names[key_sound].add(key)

    def _add_states(self, catalog: Catalog) -> None:
        for state in catalog.states:
            target = ("s", state.id)
            self._add_place(state.name, target)
            self.filler_in_names.update(w for w in fold(state.name).split() if w in lexicon.FILLER)
            if state.name_hi:
                self._add_place(state.name_hi, target)
        by_name = {s.name: s.id for s in catalog.states}
        # Codes that are ordinary words too ("up", "as") are read as States only in context.
        self.state_codes: dict[str, str] = {}
        for short, (full, kind) in catalog.state_forms.items():
            if full in by_name:
                self.places[name_key(short)].add(("s", by_name[full]))
                if kind != "name":
                    self.state_codes[short] = kind

    def _add_districts(self, catalog: Catalog) -> None:
        # Every name of every district is folded, keyed and sounded in one batch (the index is
        # rebuilt on every reload), then indexed: every whole name first, then the parts.
        texts: list[str] = []
        targets: list[Target] = []
        kinds: list[int] = []  # _NAME, _ALIAS or _HINDI
        for d in catalog.districts:
            target = ("d", d.id)
            texts.append(d.name)
            kinds.append(_NAME)
            # most districts have their Hindi name among their aliases too: it is read once
            for alias, _kind in d.aliases:
                texts.append(alias)
                kinds.append(_HINDI_ALIAS if alias == d.name_hi else _ALIAS)
            if d.name_hi and all(alias != d.name_hi for alias, _kind in d.aliases):
                texts.append(d.name_hi)
                kinds.append(_HINDI)
            targets.extend([target] * (len(texts) - len(targets)))
        folded = fold_many(texts)
        keys = name_keys(folded)
        sounds = sounds_of_folded(keys)
        self._district_sounds: dict[int, str] = {
            target[1]: sound if key == whole else sound_of_folded(whole)
            for target, kind, key, whole, sound in zip(targets, kinds, keys, folded, sounds,
                                                      strict=True)
            if kind == _NAME
        }
        # A knowledge base seeded before the seed dropped them may still hold "R", "M"; the
        # Hindi name is indexed whole however short, its parts only as an alias's are.
        long_enough = [kind == _NAME or len(whole) - whole.count(" ") >= MIN_ALIAS
                       for kind, whole in zip(kinds, folded, strict=True)]
        places, sound_names = self.places, self._sound_names
        for key, sound, target, kind, long in zip(
                keys, sounds, targets, kinds, long_enough, strict=True):
            if key and (long or kind != _ALIAS):
                places[key].add(target)
                sound_names[sound].add(key)
        # Brackets fold to spaces, so "Kamrup (Metro)" has the parts "kamrup", "metro".
        for key, target, kind, long in zip(keys, targets, kinds, long_enough, strict=True):
            if long and kind != _HINDI and " " in key:
                words = key.split()
                self.filler_in_names.update(w for w in words if w in lexicon.FILLER)
                self._add_partials(words, target)

    def _add_splits(self, catalog: Catalog) -> None:
        """A divided district's former name names all its successors, so it asks which."""
        by_name = {(d.state, d.name): d.id for d in catalog.districts}
        # folded former name -> (year, source)
        self.former: dict[str, tuple[str, str]] = {}
        for former, state, successors, year, source in catalog.splits:
            ids = [by_name[(state, n)] for n in successors if (state, n) in by_name]
            if len(ids) > 1:
                key = fold(former)
                self.places[key] = {("d", i) for i in ids}
                self.former[key] = (year, source)

    def _add_partials(self, words: list[str], target: Target) -> None:
        """Index the distinctive parts of a multi-word name ("Champaran", "Jaintia Hills")."""
        strong = [len(w) >= 4 and w not in WEAK_NAME_WORDS for w in words]
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                if True in strong[start : start + size]:
                    key = " ".join(words[start : start + size])
                    if key not in self.places:
                        self.partials[key].add(target)

    def _confusable_groups(self) -> dict[Target, frozenset[Target]]:
        """Districts of different States whose names sound alike (Raigarh / Raigad)."""
        groups: dict[str, list[DistrictRec]] = defaultdict(list)
        for d in self.catalog.districts:
            groups[self._district_sounds[d.id]].append(d)
        out: dict[Target, frozenset[Target]] = {}
        for members in groups.values():
            if len(members) > 1 and len({d.state_id for d in members}) > 1:
                targets = frozenset(("d", d.id) for d in members)
                for m in targets:
                    out[m] = targets
        return out

    def sounded(self, sound: str) -> set[Target]:
        """The places whose name sounds as `sound` (a key of `sound_of_folded`)."""
        found: set[Target] = set()
        for name in self._sound_names.get(sound, ()):
            found |= self.places[name]
        return found

    def spelt_like(self, typed: str) -> bool:
        """Whether a name that sounds like `typed` is also spelt within two slips of it.

        Sounding alike is weak evidence on its own ("southeast" sounds like the district South
        East); a spelling this close as well is a way of writing that name ("darjiling").
        """
        typed = typed.replace(" ", "")
        for name in self._sound_names.get(sound_of_folded(typed), ()):
            if all(w in WEAK_NAME_WORDS for w in name.split()):
                continue
            if OSA.distance(typed, name.replace(" ", ""), score_cutoff=2) <= 2:
                return True
        return False

    def fuzzy_place(self, text: str, at_least: float = 0.0) -> Fuzzy | None:
        """Return the closest place name to `text`, if it is close enough to trust (and
        scores `at_least` that)."""
        text = name_key(text)
        if len(text) < 4 or not text:
            return None
        hit = _best(text, self._fuzzy_places.get(text[0]), max(_cutoff(text), at_least))
        if hit is None:
            return None
        return Fuzzy(hit[0], hit[1])

    def near_places(self, text: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """Place names and parts of names within `cutoff` of `text`, best first."""
        text = name_key(text)
        if not text:
            return []
        return _closest(text, self._fuzzy_places.get(text[0]), cutoff, limit)

    def suggest_places(self, text: str, limit: int = 3) -> list[str]:
        """Return loosely similar place names, for an "I don't know" reply."""
        text = name_key(text)
        if not text:
            return []
        hits = _closest(text, self._fuzzy_places.get(text[0]), 60, limit)
        return [h[0] for h in hits if h[0] in self.places]

    # --- products -----------------------------------------------------------------------
    def _build_products(self, catalog: Catalog) -> None:
        self.product_words: dict[str, set[int]] = defaultdict(set)
        self.sector_products: dict[str, set[int]] = defaultdict(set)
        # Many products share a name ("Textiles"): fold and split each name once, and stem
        # each word once.
        names: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(catalog.products):
            names[p.name].append(i)
            self.sector_products[p.sector].add(i)
        stems: dict[str, tuple[str, bool]] = {}  # word -> its stem, and whether a product word
        self.product_names: dict[str, set[int]] = defaultdict(set)
        # "red rice", "mango pulp": runs of words inside official names, so a qualifier
        # narrows the answer instead of being dropped.
        self.product_phrases: dict[str, set[int]] = defaultdict(set)
        product_words, phrases = self.product_words, self.product_phrases
        pairs: list[tuple[str, str, str]] = []  # each two-word run once, for joined_phrases
        # each name's stems, for the councils a contact question reads (facts._words_of)
        self.name_stems = NameStems()
        # the words of names that are not product words ("and", "of", "products"): with the
        # product words, every word of every name, for `mentioning`
        other_words: dict[str, set[int]] = defaultdict(set)
        # per product word: the names it is in, and those where a product word comes before it
        named_by: dict[str, int] = defaultdict(int)
        qualified: dict[str, int] = defaultdict(int)
        for (name, ids), folded in zip(names.items(), fold_many(list(names)), strict=True):
            words = folded.split()
            stemmed = []
            after_product_word = False
            for word in words:
                known = stems.get(word)
                if known is None:
                    known = stems[word] = (
                        stem(word), len(word) > 2 and word not in lexicon.GENERIC_PRODUCT_WORDS)
                stemmed.append(known[0])
                if known[1]:
                    product_words[known[0]].update(ids)
                    named_by[known[0]] += 1
                    if after_product_word:
                        qualified[known[0]] += 1
                    after_product_word = True
                else:
                    other_words[known[0]].update(ids)
            self.product_names[" ".join(stemmed)].update(ids)
            self.name_stems[name] = frozenset(stemmed)
            for start in range(len(stemmed) - 1):
                pair = f"{stemmed[start]} {stemmed[start + 1]}"
                if pair not in phrases:
                    pairs.append((stemmed[start], stemmed[start + 1], pair))
                phrases[pair].update(ids)
            for start in range(len(stemmed) - 2):
                phrases[" ".join(stemmed[start : start + 3])].update(ids)
        # For "a word starting with it": the words in order, so those of one beginning are a run.
        self._sorted_words = sorted(product_words)
        self._other_words = dict(other_words)
        self._sorted_other = sorted(other_words)
        # each product's name and sector, by position (words_of)
        self._name_of = list(map(_PRODUCT_NAME, catalog.products))
        self._sector_of = list(map(_SECTOR, catalog.products))
        self._among: dict[frozenset[str], list[frozenset[str]]] = {}  # _words_among
        self.synonyms = catalog.synonyms
        # One key for the spellings of a word (pyaaz/pyaj, heeng/hing), and every word of
        # the list spelt that way (the list writes both "Teracotta" and "Terracotta").
        self.spellings: dict[str, list[str]] = defaultdict(list)
        # (the product words are folded already)
        spelt = [w for w in product_words if w.isascii() and len(w) >= 5]
        spelt_synonyms = [w for w in self.synonyms if w.isascii() and len(w) >= 5]
        keys = sounds_of_folded([*spelt, *fold_many(spelt_synonyms)])
        for word, key in zip([*spelt, *spelt_synonyms], keys, strict=True):
            self.spellings[key].append(word)
        # "Sarees", "Shawls": words the list nearly always names after another that says which
        # ("Ilkal Sarees", "Chirala Silk Sarees"), so a word before them in a question qualifies
        self.head_words = frozenset(
            w for w, n in named_by.items() if n >= 3 and qualified[w] >= 0.75 * n)
        # "Himalyan", "Fastners", "Petrochemcials": the list's misspellings of English words,
        # under the word spelt right (which is otherwise never read as a slip for a name)
        self.misspelt: dict[str, str] = _misspellings(
            [w for w in product_words if w.isascii() and len(w) >= 7])
        # and the other way: the misspelt word of the list is the word spelt right elsewhere
        self.spelt_right = {slip: right for right, slip in self.misspelt.items()}
        # "dragonfruit", "lemongrass": two words of a name written as one
        self.joined_phrases: dict[str, set[int]] = defaultdict(set)
        for first, second, phrase in pairs:
            if len(first) >= 3 and len(second) >= 3:
                self.joined_phrases[stem(first + second)].update(phrases[phrase])
        self._fuzzy_products = _by_initial([*product_words, *self.synonyms])

    @cached_property
    def _descriptions(self) -> _Descriptions:
        """Each product's description and the products of each description: read when a
        question first narrows by one (few do), not on every build."""
        products: dict[str, set[int]] = defaultdict(set)
        of = [p.description for p in self.catalog.products]
        for i, text in enumerate(of):
            products[text].add(i)
        return _Descriptions(of, products)

    def described_with(self, ids: set[int], words: set[str]) -> set[int]:
        """The products of `ids` whose description has every one of the stems `words`.

        Many products share a description (copies of one text across districts): each text
        is read once, the first time it is asked about, and its products are found as sets.
        """
        found: set[int] = set()
        descriptions = self._descriptions
        for text in set(map(descriptions.of.__getitem__, ids)):
            stems = self._description_stems.get(text)
            if stems is None:
                stems = frozenset(stem(w) for w in fold(text).split())
                self._description_stems[text] = stems
            if words <= stems:
                found |= descriptions.products[text] & ids
        return found

    def products_for_word(self, word: str) -> set[int]:
        """Return the products whose official name has `word` (or a word starting with it),
        or two words of a name written as one ("dragonfruit")."""
        found = set(self.product_words.get(word, ())) | self.joined_phrases.get(word, set())
        for end in _COMPOUND_ENDS:
            # "brassware", "copperware", "metalware": a product word and a word for things
            # made of it are that word's products (the list's "Budithi Brassware" is brass);
            # a head of five letters or more ("soft" of software, "hard" of hardware is none)
            if word.endswith(end) and len(word) - len(end) >= 5:
                found |= self.product_words.get(word[: -len(end)], set())
        if len(word) >= 5:
            # the words starting with it, after it: one run of the sorted words
            ordered = self._sorted_words
            at = bisect.bisect_right(ordered, word)
            found.update(*map(self.product_words.__getitem__,
                              ordered[at : bisect.bisect_left(ordered, word + _LAST, at)]))
        return found

    def mentioning(self, ids: set[int], wanted: set[str]) -> set[int] | None:
        """The products of `ids` whose name has a word whose stem starts with a wanted stem
        (as `facts._mentions` reads one product), found from the words that start so; None
        when that is more words than `ids` has products (the caller reads the names)."""
        found: set[int] = set()
        budget = len(ids)
        for table, ordered in ((self.product_words, self._sorted_words),
                               (self._other_words, self._sorted_other)):
            for x in wanted:
                at = bisect.bisect_left(ordered, x)
                end = bisect.bisect_left(ordered, x + _LAST, at)
                budget -= end - at
                if budget < 0:
                    return None
                for word in ordered[at:end]:
                    found |= ids & table[word]
        return found

    def words_of(
        self, ids: set[int], wanted: set[str], among: frozenset[str] | None = None
    ) -> set[str]:
        """The stems of the names and sectors of the products `ids` that mention a wanted
        stem (all of them when nothing is wanted): what `facts._words_of` reads from
        products, read by position, from the words the index keeps; with `among`, only
        those of its words (the words a caller compares them with: a council's), read from
        each product's few such words, kept the first time they are asked for."""
        if wanted:
            said = self.mentioning(ids, wanted)
            if said is None:  # (many words start so: read each name instead)
                names = list(set(map(self._name_of.__getitem__, ids)))
                stems = list(map(self.name_stems.__getitem__, names))
                hit = set(filter(methodcaller("startswith", tuple(wanted)),
                                 set().union(*stems)))
                kept = set(compress(names, map(not_, map(hit.isdisjoint, stems))))
                said = set(compress(ids, map(kept.__contains__,
                                             map(self._name_of.__getitem__, ids))))
            ids = said
        if among is not None:
            return set().union(*set(map(self._words_among(among).__getitem__, ids)))
        stems_of = self.name_stems.__getitem__
        return set().union(*map(stems_of, set(map(self._name_of.__getitem__, ids))),
                           *map(stems_of, set(map(self._sector_of.__getitem__, ids))))

    def _words_among(self, among: frozenset[str]) -> list[frozenset[str]]:
        """Each product's words (of its name and sector) that are among `among`, by position:
        made once per index and vocabulary (a reload with the same names keeps them), when a
        question first needs them."""
        kept = self._among.get(among)
        if kept is None:
            stems_of = self.name_stems.__getitem__
            names = {n: stems_of(n) & among for n in set(self._name_of)}
            sectors = {s: stems_of(s) & among for s in set(self._sector_of)}
            # one object per set of words (pool.setdefault(x, x)), so that a question's
            # products give few distinct sets
            pool: dict[frozenset[str], frozenset[str]] = {}
            kept = list(map(pool.setdefault, *itertools.tee(map(
                frozenset.union, map(names.__getitem__, self._name_of),
                map(sectors.__getitem__, self._sector_of)))))
            self._among[among] = kept
        return kept

    def products_for_targets(self, targets: tuple[str, ...]) -> set[int]:
        """Return the products named by synonym targets (words or phrases of names)."""
        found: set[int] = set()
        for target in targets:
            words = [stem(w) for w in target.split()]
            if len(words) > 1:
                found |= self.product_phrases.get(" ".join(words), set())
            else:
                found |= self.products_for_word(words[0])
        return found

    def place_targets(self, key: str) -> set[Target]:
        return self.places.get(key) or self.partials.get(key) or set()

    def fuzzy_product_word(self, text: str) -> Fuzzy | None:
        if len(text) < 5:
            return None
        hit = _best(text, self._fuzzy_products.get(text[0]), _cutoff(text))
        return None if hit is None else Fuzzy(hit[0], hit[1])


_PRODUCT_NAME = attrgetter("name")
_SECTOR = attrgetter("sector")
# Above every character: the words starting with x sort from x up to x + _LAST.
_LAST = chr(0x10FFFF)


class NameStems(dict[str, frozenset[str]]):
    """The stems of the words of a text (a product's name), as `facts` compares them with a
    question's: those of the catalog's names are made with the index; any other is stemmed
    when first asked for."""

    def __missing__(self, text: str) -> frozenset[str]:
        stems = self[text] = frozenset(stem(w) for w in fold(text).split())
        return stems


def _cutoff(text: str) -> float:
    # One slip in a short word changes a larger share of it; ask more of short words.
    n = len(text)
    if n <= 5:
        return 88.0
    if n <= 7:
        return 83.0
    return 80.0


# Names of one length by a letter: their last, or (where it differs) their last but one.
_Runs = dict[str, tuple[list[str], list[int]]]


class _Group:
    """The names starting with one letter, by length and by their last two letters, each with
    its place in the whole list.

    fuzz.ratio of two strings is at most 100 * (1 - |difference of lengths| / sum of
    lengths), so only the lengths near the typed word's can reach a cutoff: the others are
    never scored (at 100x today's names most of them). And one slip (a letter dropped, added,
    changed or two swapped) keeps at least one of a name's last two letters among the last two
    typed, so a fuzzy match scores only the names sharing one; a looser search for
    suggestions reads every name once."""

    __slots__ = ("by_length",)

    def __init__(self, keys: list[str]) -> None:
        # Sorted by length (stably, with C keys: the index is rebuilt on every reload), then cut.
        lengths = list(map(len, keys))
        order = sorted(range(len(keys)), key=lengths.__getitem__)
        self.by_length: dict[int, tuple[_Runs, _Runs]] = {}
        for length, run in itertools.groupby(order, key=lengths.__getitem__):
            by_last: _Runs = {}
            by_second: _Runs = {}
            for place in run:
                key = keys[place]
                names, places = by_last.setdefault(key[-1], ([], []))
                names.append(key)
                places.append(place)
                if length > 1 and key[-2] != key[-1]:
                    names, places = by_second.setdefault(key[-2], ([], []))
                    names.append(key)
                    places.append(place)
            self.by_length[length] = (by_last, by_second)

    def reachable(
        self, text: str, cutoff: float, one_slip: bool = True
    ) -> Iterator[tuple[list[str], list[int]]]:
        """The runs of names that can score `cutoff` against `text`: those of one slip from
        it (a name may then be in two runs), or with `one_slip` False all of them, once."""
        n = len(text)
        ends = set(text[-2:])
        for length, (by_last, by_second) in self.by_length.items():
            if 100 * (1 - abs(n - length) / (n + length)) >= cutoff - 1e-9:
                if one_slip:
                    for runs in (by_last, by_second):
                        yield from (runs[end] for end in ends if end in runs)
                else:
                    yield from by_last.values()


def _best(text: str, group: _Group | None, cutoff: float) -> tuple[str, float] | None:
    """process.extractOne over the group's names within one slip of `text` (the best score;
    the first name of it)."""
    if group is None:
        return None
    best: tuple[float, int, str] | None = None
    for names, places in group.reachable(text, cutoff):
        hit = process.extractOne(text, names, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is not None:
            found = (-hit[1], places[hit[2]], hit[0])
            best = found if best is None else min(best, found)
    return None if best is None else (best[2], -best[0])


def _closest(
    text: str, group: _Group | None, cutoff: float, limit: int
) -> list[tuple[str, float]]:
    """process.extract over the whole group: best scores first, ties in the group's order.

    Lengths are read from those that can score most to those that can score least; once
    `limit` names are found, a length whose best possible score is below the last of them is
    not read at all, and the others only for names scoring at least that.
    """
    if group is None:
        return []
    n = len(text)

    def bound(length: int) -> float:
        return 100 * (1 - abs(n - length) / (n + length))

    hits: set[tuple[float, int, str]] = set()
    floor = cutoff
    for length in sorted(group.by_length, key=bound, reverse=True):
        if bound(length) < floor - 1e-9:
            break
        for names, places in group.by_length[length][0].values():
            hits.update((-h[1], places[h[2]], h[0]) for h in process.extract(
                text, names, scorer=fuzz.ratio, limit=limit, score_cutoff=floor))
        if len(hits) >= limit:
            floor = max(floor, -sorted(hits)[limit - 1][0])
    return [(name, -score) for score, _place, name in sorted(hits)[:limit]]


def _by_initial(keys: object) -> dict[str, _Group]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:  # type: ignore[attr-defined]
        if key:
            groups[key[0]].append(key)
    return {initial: _Group(names) for initial, names in groups.items()}


# Endings that make a word for things made of a material ("brassware", "stonecraft").
_COMPOUND_ENDS = ("wares", "ware", "crafts", "craft")


def _misspellings(list_words: list[str]) -> dict[str, str]:
    """English words (stems) of eight letters or more -> the list's word spelt one slip off:
    a vowel left out or a doubled letter written single inside the word ("Himalyan",
    "Fastners", "Teracotta"), or two inner letters swapped ("Petrochemcials"). Only inside
    the word, and only long words: "Patan" is no slip for Patna, nor "Jining" for joining;
    and a word that is English itself is no slip. Each word of the list is looked up once
    among the slips of the English words."""
    slips = english_slips()
    found: dict[str, str] = {}
    for word in list_words:
        readings = slips.get(word, ())
        if readings and not is_common_english(word):
            for reading in readings:
                found.setdefault(reading, word)
    return found
